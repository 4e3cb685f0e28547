// The run's counts, kept once: updated as the engine tells (run_observer) and read by everything
// that shows a run — the progress line, the end-of-run summary, the JSON log, the report's totals,
// and the live view (its metrics, its status and its grid of every call).
#pragma once

#include <hotlive/attempt_record.hpp>
#include <hotlive/call_result.hpp>
#include <hotlive/report_contents.hpp>
#include <hotlive/run_observer.hpp>
#include <hotlive/run_outline.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace hotlive {

// Where a call of the grid stands: not sent yet, sent (answered or not, not ended), or ended.
enum class cell_state : std::uint8_t { pending, sending, succeeded, failed, not_started, cancelled, skipped };

[[nodiscard]] cell_state cell_state_of(call_status status);

// Answer latencies by Prometheus-style cumulative buckets (upper bounds in seconds).
struct latency_histogram {
    static constexpr std::array<double, 12> bounds{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
    std::array<std::uint64_t, bounds.size()> at_most{};  // answers within each bound
    std::uint64_t count = 0;
    double sum_seconds = 0;

    void add(std::chrono::milliseconds latency);
};

// The calls not warm that share a cause: the service's code, or the status when there is none.
struct failure_cause {
    std::size_t calls = 0;
    std::vector<std::string> keys;  // the first few
};

class run_state final : public run_observer {
public:
    // Distinct codes kept apart, in attempts and in failures; the rest count under "other": a
    // server that makes up a code per answer must not grow the state or the metrics without bound.
    static constexpr std::size_t max_codes = 50;
    static constexpr std::size_t keys_per_cause = 5;

    // `to_send`: the calls this run makes (a resume's warm calls are carried over instead).
    explicit run_state(std::size_t to_send = 0) : to_send_(to_send) {}

    // The run's outline: its grid's cells all start pending. Its ceiling and waves, known once
    // the calls are in wave order, come with set_schedule().
    void set_outline(run_outline outline);
    void set_schedule(double ceiling, std::vector<wave_outline> waves);
    // A call an earlier run warmed (its report row): in the report's totals, not this run's work.
    void carry_over(std::size_t row, const call_result& warm);
    void set_calls_to_send(std::size_t calls) { to_send_ = calls; }
    // The run began sending (or waiting for its first wave), and when its last call ended.
    void set_started(wall_time at) { started_at_ = at; }
    void set_ended(wall_time at) { ended_at_ = at; }

    // `index` is the call's report row (run_session tells rows).
    void on_attempt_sent(std::size_t index, const attempt_record& attempt) override;
    void on_answer(std::size_t index, const classification& answer, std::chrono::milliseconds latency) override;
    void on_backoff(std::size_t index, std::chrono::milliseconds delay, bool throttled) override;
    void on_limiter_wait(std::chrono::steady_clock::duration waited) override;
    void on_pace(double allowed_per_second) override { pace_ = allowed_per_second; }
    void on_clock_offset(std::chrono::milliseconds service_ahead_by) override;
    void on_finished(std::size_t index, const call_result& result) override;

    // Every call of the report so far: carried over and ended in this run.
    [[nodiscard]] const report_totals& totals() const { return totals_; }
    // This run's calls: how many it makes, and how many have ended, warm or failed.
    [[nodiscard]] std::size_t calls_to_send() const { return to_send_; }
    [[nodiscard]] std::size_t carried_over() const { return carried_over_; }
    [[nodiscard]] std::size_t ended() const { return totals_.calls - carried_over_; }
    [[nodiscard]] std::size_t warm() const { return totals_.succeeded - carried_over_; }
    [[nodiscard]] std::size_t failed() const { return totals_.failed; }

    [[nodiscard]] std::size_t attempts_sent() const { return attempts_sent_; }
    // Attempts sent and not answered yet.
    [[nodiscard]] std::size_t in_flight() const { return attempts_sent_ - answers_; }
    // Answers by how they were classified (indexed by verdict).
    [[nodiscard]] std::size_t answers(verdict what) const { return by_verdict_[static_cast<std::size_t>(what)]; }
    // Answers by verdict and code ("" for a success; "other" past max_codes).
    [[nodiscard]] const std::map<std::pair<verdict, std::string>, std::size_t>& answers_by_code() const {
        return by_code_;
    }
    [[nodiscard]] const latency_histogram& latencies() const { return latencies_; }
    [[nodiscard]] std::size_t backoffs() const { return backoffs_; }
    [[nodiscard]] std::chrono::milliseconds backoff_total() const { return backoff_total_; }
    [[nodiscard]] std::size_t limiter_waits() const { return limiter_waits_; }
    [[nodiscard]] std::chrono::steady_clock::duration limiter_wait_total() const { return limiter_wait_total_; }
    [[nodiscard]] std::optional<std::chrono::milliseconds> clock_offset() const { return clock_offset_; }
    // The pace allowed now (calls/s, 0: unlimited), once adaptive pacing moved it from the ceiling.
    [[nodiscard]] std::optional<double> pace() const { return pace_; }
    // Attempts answered "too fast" so far.
    [[nodiscard]] std::size_t throttled_answers() const { return answers(verdict::retry_throttled); }

    [[nodiscard]] const run_outline& outline() const { return outline_; }
    [[nodiscard]] std::optional<wall_time> started_at() const { return started_at_; }
    [[nodiscard]] std::optional<wall_time> ended_at() const { return ended_at_; }
    // Each report row's cell.
    [[nodiscard]] const std::vector<cell_state>& cells() const { return cells_; }
    // How many times a cell changed so far.
    [[nodiscard]] std::size_t cell_changes_seen() const { return changes_seen_; }
    // The report rows whose cell changed after the first `since` changes, in the order they changed
    // (a reader that saw those needs only these, and their cells now); nullopt for since 0, or when
    // the reader is more than an eighth of the grid behind: the whole grid is shorter than the
    // list then, and only that many of the latest changes are kept.
    [[nodiscard]] std::optional<std::vector<std::uint32_t>> cells_changed_since(std::size_t since) const;
    // The calls not warm, by cause (code, or status without one; "other" past max_codes).
    [[nodiscard]] const std::map<std::string, failure_cause>& failures() const { return failures_; }
    // Calls this run sent that ended within `window` before `now`, per second; nothing before any did.
    [[nodiscard]] std::optional<double> recent_rate(wall_time now, std::chrono::seconds window) const;

private:
    void set_cell(std::size_t row, cell_state to);

    std::size_t to_send_ = 0;
    std::size_t carried_over_ = 0;
    report_totals totals_;
    std::size_t attempts_sent_ = 0;
    std::size_t answers_ = 0;
    std::array<std::size_t, 5> by_verdict_{};
    std::map<std::pair<verdict, std::string>, std::size_t> by_code_;
    std::set<std::string> answer_codes_;  // kept apart in by_code_, at most max_codes
    latency_histogram latencies_;
    std::size_t backoffs_ = 0;
    std::chrono::milliseconds backoff_total_{0};
    std::size_t limiter_waits_ = 0;
    std::chrono::steady_clock::duration limiter_wait_total_{0};
    std::optional<std::chrono::milliseconds> clock_offset_;
    std::optional<double> pace_;

    run_outline outline_;
    std::optional<wall_time> started_at_;
    std::optional<wall_time> ended_at_;
    std::vector<cell_state> cells_;
    std::deque<std::uint32_t> latest_changes_;  // at most changes_kept_
    std::size_t changes_kept_ = 16;
    std::size_t changes_seen_ = 0;
    std::map<std::string, failure_cause> failures_;
    // The calls sent that ended, counted per tenth of a second over the last minute (a ring), so
    // that recent_rate() costs the same memory at 10 or 50,000 calls a second.
    static constexpr std::size_t end_slots = 600;
    std::array<std::uint32_t, end_slots> ends_per_slot_{};
    std::optional<std::int64_t> newest_end_slot_;  // tenths of a second since the epoch
};

}  // namespace hotlive
