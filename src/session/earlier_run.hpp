// What `hotlive run --resume REPORT` takes from an earlier run: each call of this run's share is
// either carried over as warm (its result copied into this run's journal) or sent, with the
// attempts it already had; calls the earlier run left in doubt are asked about first. Read in
// one pass over the journal and one over the report, a few dozen bytes a call, so a resume of a
// million calls stays far below the memory of their results.
#pragma once

#include <hotlive/attempt_record.hpp>
#include <hotlive/engine.hpp>
#include <hotlive/journal.hpp>
#include <hotlive/report_contents.hpp>
#include <hotlive/wall_time.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace hotlive::detail {

// Who this run is: a result counts only when it was had by the same.
struct run_identity {
    std::string plan;
    std::string endpoint;
    std::string account;  // account_fingerprint
    shard_share shard;
    bool other_plan_allowed = false;  // --resume-other-plan
};

// What the earlier run says of one call of this run's share (by row: the call's place in it).
struct earlier_call {
    enum class kind : std::uint8_t { unknown, warm, sent_before };
    kind what = kind::unknown;
    std::uint32_t attempts = 0;            // across the earlier runs
    std::uint32_t run_attempts = 0;        // warm: made by the run that warmed it
    std::uint32_t throttled_attempts = 0;  // warm: of those, answered "too fast"
    std::int64_t first_attempt_ms = -1;    // sent_before: Unix ms, or -1
    journal_position in_journal;           // warm: where this run's journal has its result
};

struct earlier_run {
    std::vector<earlier_call> calls;                                 // by row
    std::vector<std::pair<std::uint32_t, attempt_record>> in_doubt;  // by row
    std::optional<wall_time> first_started_at;                       // the first run's start
    std::vector<std::string> warnings;
    std::string error;         // why nothing can be resumed (exit 2, or 74 with io_failure)
    bool io_failure = false;   // this run's journal could not take the results carried over
    bool interrupted = false;  // an interrupt came while reading: nothing is taken, nothing sent
};

// The files a --resume REPORT reads: the JSON report (REPORT itself, or the JSON copy beside a
// report in another format, REPORT.json) and the journal of the run that wrote it.
struct resume_files {
    std::filesystem::path json;
    std::filesystem::path journal;
    bool json_exists = false;
    bool journal_exists = false;  // and not empty: decided before this run opens its own
    bool journal_empty = false;   // there, empty: its run stopped (killed, refused) before its first line
};
[[nodiscard]] resume_files files_to_resume(const std::string& resume);

// Reads `resume` (a report, its JSON copy, and its journal) against the calls of this run's
// share (`share`, keys in row order), checking every source's identity first. Results carried
// over are appended to `journal`, emptied first once the sources are checked (unless `in_place`:
// then it is the journal being read, and they are found where they stand). `interrupted` is
// polled as it reads: when it says so, the reading stops and nothing is taken.
[[nodiscard]] earlier_run read_earlier_run(const std::string& resume, const resume_files& files, const plan& p,
                                           std::span<const call_ref> share, const run_identity& self,
                                           journal_writer& journal, bool in_place,
                                           const std::function<bool()>& interrupted);

}  // namespace hotlive::detail
