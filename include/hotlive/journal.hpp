// The journal a report is rebuilt from after a crash (REPORT.journal): JSON lines, one per
// finished call, appended and flushed as each call ends, so that a killed run loses nothing it
// had finished; and one per attempt, written before the attempt is sent, so that a resumed run
// knows which calls a killed run may have delivered without learning it.
#pragma once

#include <hotlive/attempt_record.hpp>
#include <hotlive/call_result.hpp>
#include <hotlive/report_contents.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace hotlive {

// Where a journal line is: enough to read one call back without reading the others.
struct journal_position {
    std::uint64_t offset = 0;
    std::uint32_t length = 0;  // without the line break
};

// The journal: one JSON line per finished call (the call_result as in the report), and the lines
// of attempts: {"attempt":{"key":…,"n":…,"nonce":…,"timestamp":…}} before an attempt is sent, and
// {"answered":{"key":…,"n":…}} when an attempt got an answer that did not warm the stream and the
// call goes on (its finished line settles the last attempt otherwise). Readers that predate the
// attempt lines skip them as lines that are not calls.
//
// A journal has one writer: the writer holds an exclusive flock(2) on it for its lifetime, so a
// second run given the same report path is refused before it sends anything instead of both
// runs interleaving their lines (and each writing a report spliced from the other's).
class journal_writer {
public:
    // Opens `path` for appending, creating it, and locks it; `error()` says why when it cannot,
    // and `locked_by_another()` when another process holds the lock. Nothing is truncated here:
    // a run that turns out not to start leaves an earlier run's journal as it was.
    explicit journal_writer(const std::filesystem::path& path);
    ~journal_writer();
    journal_writer(const journal_writer&) = delete;
    journal_writer& operator=(const journal_writer&) = delete;

    [[nodiscard]] bool ok() const { return fd_ >= 0; }
    [[nodiscard]] bool locked_by_another() const { return locked_by_another_; }
    // Why the journal could not be opened, or why the last failed commit failed.
    [[nodiscard]] const std::string& error() const { return error_; }

    // Empties the journal, for a fresh run (not a resume into the same report). False on an I/O error.
    bool start_fresh();

    // Staging: a line is added to the ones staged since the last commit(), which writes them all
    // with one write(2) (the engine stages the attempts that leave in one turn of its event loop,
    // and commits them before sending any). False when the journal is not open. `where`, when
    // given, receives the line's position, valid once commit() has written it.
    bool stage(const call_result& result, journal_position* where = nullptr);
    // An attempt's line, staged before the attempt is sent.
    bool stage_attempt(const attempt_record& attempt);
    // The line saying that `attempt` was answered, not warm, and is no longer in doubt.
    bool stage_answered(const attempt_record& attempt);
    // Writes the staged lines to the kernel, in order, with one write(2): a crash of the process
    // after this returns loses none of them. True when nothing was staged. On an I/O error the
    // staged lines are dropped (some may be in the file, the last one torn) and error() says why.
    // Not thread-safe: a run_session stages and commits from the one thread that runs its engine.
    bool commit();
    [[nodiscard]] bool has_staged() const { return !staged_.empty(); }
    // After a commit() that failed: the line at `where` (as stage() gave it) that it could not write.
    [[nodiscard]] std::string_view unwritten(journal_position where) const;

    // One line, staged and committed with whatever was staged before it. False on an I/O error.
    bool append(const call_result& result, journal_position* where = nullptr);
    bool append_attempt(const attempt_record& attempt);
    bool append_answered(const attempt_record& attempt);
    // Appends {"run":{…}}: who this run is (plan, endpoint, account, shard, digests, its start),
    // so that a resume from the journal alone can check it as it checks a report.
    bool append_run(const report_info& run);
    // Appends a call's JSON object as it stands (a result carried over from another journal).
    bool append_call_json(std::string_view call, journal_position* where);

private:
    // A line is built at the end of staged_ between these: start_line() returns where the record
    // begins, end_line() ends it (and says where it will be in the file).
    std::size_t start_line();
    // start_line() and {"KIND":{"key":…,"n":… of an attempt or answered line, left open.
    std::size_t start_attempt_line(std::string_view kind, const attempt_record& attempt);
    void end_line(std::size_t record_start, journal_position* where);

    int fd_ = -1;
    bool locked_by_another_ = false;
    std::string error_;
    std::string staged_;              // the lines not committed yet; its capacity is reused
    std::string unwritten_;           // the lines of the last commit() that failed
    std::uint64_t unwritten_at_ = 0;  // where they were to start in the file
    bool torn_ = false;               // the file ends inside a line (a killed run, a failed append)
    std::uint64_t size_ = 0;          // of the file: where the next line starts
};

// Every complete line of a journal; a torn last line (the process died mid-write), or any other
// line that is neither a call object nor an attempt line, is skipped and counted; blank lines are
// ignored. Later lines for the same key replace earlier ones, in the place of the key's first line.
// A journal that cannot be opened (a missing one too) is an error.
//
// A call is in doubt when its last attempt line is followed by neither an answered line nor a
// finished line that made attempts (a finished line with none, a call stopped before it was sent
// again, leaves the doubt as it was): the attempt was sent, or about to be, when the run died.
struct journal_read_result {
    std::vector<call_result> results;
    std::vector<attempt_record> in_doubt;  // the last attempt of each call in doubt, by key
    std::vector<report_info> runs;         // each run's line: who wrote the journal, in order
    std::size_t skipped_lines = 0;
    std::string error;  // set when the file cannot be read at all
};
[[nodiscard]] journal_read_result read_journal(const std::filesystem::path& path);

}  // namespace hotlive
