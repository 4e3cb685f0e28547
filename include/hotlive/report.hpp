// What happened to every call of a run: the results report (schema hotlive.report/1, DESIGN.md
// "Report") and the journal it is rebuilt from after a crash.
//
// The journal is JSON lines, one per finished call, appended and flushed as each call ends, so
// a killed run loses nothing it had finished; and one per attempt, written before the attempt is
// sent, so that a resumed run knows which calls a killed run may have delivered without learning it. The report is
// written atomically (a temporary file renamed over the old one), in the format the operator asked for, streamed from
// the journal so that its size is not bounded by memory.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hotlive {

enum class call_status { succeeded, failed, not_started, cancelled };

[[nodiscard]] std::string_view to_string(call_status status);
[[nodiscard]] std::optional<call_status> parse_call_status(std::string_view text);

using wall_time = std::chrono::system_clock::time_point;

// One call's outcome. For a failed call, `code`/`message` are the service's own (e.g.
// "InternalError") or hotlive's transport verdict ("connect_refused", "timeout",
// "tls_verify_failed", "bad_response", "connection_reset", "retry_budget_exhausted",
// "deadline"), and `http_status` is 0 when no response was received.
struct call_result {
    std::string key;  // "domain/app/stream@REGION"
    std::string domain;
    std::string app;
    std::string stream;
    std::string region;
    call_status status = call_status::not_started;
    std::uint32_t attempts = 0;            // across every run of the report (a resume adds its own)
    std::uint32_t run_attempts = 0;        // made by the last run that sent it (a resume carries a warm call's)
    std::uint32_t ambiguous_attempts = 0;  // sent, but the outcome is unknown (reset, timeout)
    int http_status = 0;
    std::optional<std::string> code;
    std::optional<std::string> message;
    std::optional<std::string> request_id;
    std::optional<wall_time> first_attempt_at;
    std::optional<wall_time> finished_at;
    std::optional<std::uint64_t> latency_ms;  // of the last attempt
    // The parameters the call was sent with (parameters_digest in expansion.hpp): a resume trusts
    // an earlier success only for the same ones. Absent in reports older than the field.
    std::optional<std::string> parameters_digest;
};

struct report_totals {
    std::size_t calls = 0;
    std::size_t succeeded = 0;
    std::size_t failed = 0;
    std::size_t not_started = 0;
    std::size_t cancelled = 0;
    std::size_t attempts = 0;
    std::size_t run_attempts = 0;

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

enum class report_format { json, csv, junit, md, html };

[[nodiscard]] std::optional<report_format> parse_report_format(std::string_view name);
[[nodiscard]] std::string_view to_string(report_format format);

// Where a run writes the JSON copy of a report written in another format ("gala.html" ->
// "gala.html.json"): only JSON is read back, and a resume must not depend on the journal alone.
[[nodiscard]] std::filesystem::path json_copy_of(const std::filesystem::path& report);

// The format a report file's extension asks for: .csv, .xml (JUnit), .md, .html or .htm, and
// JSON for any other (the only format hotlive reads back).
[[nodiscard]] report_format report_format_for(const std::filesystem::path& path);

// Renders the report in `format`. JSON is the schema of DESIGN.md; CSV has one row per call
// with a header; JUnit XML has one testcase per call (failed ones carry a <failure>); Markdown
// is a summary table plus the calls that are not warm; HTML is one self-contained page for a wall
// screen: the totals, the streams × regions grid coloured by status, and what to do per error code.
[[nodiscard]] std::string render_report(const report& r, report_format format);

// Renders `r` into `path` atomically (as write_file_atomically), writing as the calls are read,
// so that a report of a million calls never exists whole in memory. Returns the error, if any.
[[nodiscard]] std::optional<std::string> write_report(const std::filesystem::path& path, const report_view& r,
                                                      report_format format);

// Writes `content` to `path` atomically: a temporary file in the same directory, fsync, rename.
// On failure the previous file is untouched and the error is returned.
[[nodiscard]] std::optional<std::string> write_file_atomically(const std::filesystem::path& path,
                                                               std::string_view content);

// Reads a JSON report (hotlive.report/1) back, for --resume and `hotlive report`.
struct report_read_result {
    std::optional<report> value;
    std::string error;  // what is wrong and where, when value is empty
};
[[nodiscard]] report_read_result read_report(const std::filesystem::path& path);

// The same, handing each call to `visit` as it is read instead of keeping it (the result's calls
// stay empty), so that a resume of a million calls never holds them all. `visit` returns false
// to stop the reading, with its reason in `error`.
using report_call_visitor = std::function<bool(call_result&& call, std::string& error)>;
[[nodiscard]] report_read_result read_report(const std::filesystem::path& path, const report_call_visitor& visit);

// Where a journal line is: enough to read one call back without reading the others.
struct journal_position {
    std::uint64_t offset = 0;
    std::uint32_t length = 0;  // without the line break
};

// One attempt of a call, journalled just before it is sent: what a resumed run needs to send the
// same request again (the same SignatureNonce and Timestamp), so that the service itself tells
// whether the first one arrived (it answers a nonce it has seen with SignatureNonceUsed).
struct attempt_record {
    std::string key;
    std::uint32_t number = 0;  // the attempt's number in its run, 1 for the first
    std::string nonce;         // the SignatureNonce
    wall_time timestamp;       // as signed: whole seconds, any clock correction included
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
    // Why the journal could not be opened, or why the last failed append() failed.
    [[nodiscard]] const std::string& error() const { return error_; }

    // Empties the journal, for a fresh run (not a resume into the same report). False on an I/O error.
    bool start_fresh();

    // Appends one line and flushes it to the kernel (write(2)); a crash of the process after
    // this returns loses nothing. Returns false on an I/O error. Not thread-safe: one caller at
    // a time (the engine's strand). `where`, when given, receives the line's position.
    bool append(const call_result& result, journal_position* where = nullptr);
    // Appends the attempt's line, the same way, before the attempt is sent.
    bool append_attempt(const attempt_record& attempt);
    // Appends the line saying that `attempt` was answered, not warm, and is no longer in doubt.
    bool append_answered(const attempt_record& attempt);
    // Appends {"run":{…}}: who this run is (plan, endpoint, account, shard, digests, its start),
    // so that a resume from the journal alone can check it as it checks a report.
    bool append_run(const report_info& run);
    // Appends a call's JSON object as it stands (a result carried over from another journal).
    bool append_call_json(std::string_view call, journal_position* where);

private:
    // The line is built in line_ between these: start_line() returns where the record begins.
    std::size_t start_line();
    // start_line() and {"KIND":{"key":…,"n":… of an attempt or answered line, left open.
    std::size_t start_attempt_line(std::string_view kind, const attempt_record& attempt);
    bool finish_line(std::size_t record_start, journal_position* where);

    int fd_ = -1;
    bool locked_by_another_ = false;
    std::string error_;
    std::string line_;        // reused for every line
    bool torn_ = false;       // the file ends inside a line (a killed run, a failed append)
    std::uint64_t size_ = 0;  // of the file: where the next line starts
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
