// What a results report holds (schema hotlive.report/1, DESIGN.md "Report"): the facts of the run,
// its calls in plan order and their totals. How a report is written, read back or rebuilt from
// the journal is elsewhere (report_writer.hpp, report_reader.hpp, journal.hpp).
#pragma once

#include <hotlive/call_result.hpp>
#include <hotlive/wall_time.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hotlive {

// The pace of a run (adaptive_rate.hpp): the plan's ceiling, and when the service said "too fast"
// how far the run came down and where it settled.
struct pace_figures {
    double ceiling = 0;  // limits.rate, calls/s (0: none)
    bool adaptive = true;
    std::size_t reductions = 0;     // times a throttling answer cut the pace
    std::optional<double> lowest;   // the lowest pace allowed, calls/s; with a reduction only
    std::optional<double> settled;  // the pace allowed on average since the first reduction
};

struct report_totals {
    std::size_t calls = 0;
    std::size_t succeeded = 0;
    std::size_t failed = 0;
    std::size_t not_started = 0;
    std::size_t cancelled = 0;
    std::size_t skipped = 0;
    std::size_t attempts = 0;
    std::size_t run_attempts = 0;
    std::size_t throttled_attempts = 0;

    void add(const call_result& call);
};

// The share of a plan's calls a run covers: shard K of N (1-based K), or the whole plan.
struct shard_share {
    std::uint32_t index = 1;
    std::uint32_t count = 1;
};

// The facts of a run besides its calls.
struct report_info {
    std::string plan;    // the plan's name
    std::string source;  // the plan file
    std::string endpoint;
    std::optional<wall_time> started_at;  // of the first run (a resume keeps it)
    std::optional<wall_time> finished_at;
    std::optional<wall_time> last_run_started_at;  // of the run that wrote the report
    shard_share shard;
    // What a resume checks before it trusts a result (empty in reports older than the fields):
    std::string account;       // account_fingerprint() of the AccessKeyId, never the id
    std::string plan_digest;   // call_set_digest of every call of the plan (all shards)
    std::string calls_digest;  // call_set_digest of this report's share of them
    // How far the service's clock was ahead of this machine's (negative: behind), when an answer
    // showed it (InvalidTimeStamp.Expired); the waves ran on this machine's clock all the same.
    std::optional<std::int64_t> clock_offset_ms;
    // How the run that wrote the report paced itself under the account's quota (absent in reports
    // older than the field).
    std::optional<pace_figures> pace;
    // The hotlive that wrote the report, as the file says (empty in reports older than the fields).
    // Only read: a report written now records this_build() (build_info.hpp), whatever is here.
    std::string hotlive_version;
    std::string hotlive_commit;
};

struct report : report_info {
    std::vector<call_result> calls;  // in plan order

    [[nodiscard]] report_totals totals() const;
};

// A report's calls in plan order, walked once per pass and never all held at once: a finished
// run reads them back from its journal (journalled_calls), a report read back has them in memory.
class call_sequence {
public:
    virtual ~call_sequence() = default;
    [[nodiscard]] virtual std::size_t size() const = 0;
    // One pass over the calls, in plan order. The call_result is valid only during `visit`.
    virtual void for_each(const std::function<void(const call_result&)>& visit) const = 0;
    // One pass that gives each call as its JSON object (as the journal and the JSON report write
    // it): rendered from for_each, unless the sequence has them as text already.
    virtual void for_each_json(const std::function<void(std::string_view)>& visit) const;
    // Why a pass could not read every call (an I/O error); empty when all went well.
    [[nodiscard]] virtual std::string failure() const { return {}; }
};

// The calls of a report held in memory (a report read back, a test's report).
class calls_in_memory final : public call_sequence {
public:
    explicit calls_in_memory(const std::vector<call_result>& calls) : calls_(calls) {}
    [[nodiscard]] std::size_t size() const override { return calls_.size(); }
    void for_each(const std::function<void(const call_result&)>& visit) const override {
        for (const auto& c : calls_) visit(c);
    }

private:
    const std::vector<call_result>& calls_;
};

// What a renderer reads.
struct report_view : report_info {
    report_totals totals;
    const call_sequence& calls;
};

}  // namespace hotlive
