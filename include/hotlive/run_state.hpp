// The run's counts, kept once: updated as the engine tells (run_observer) and read by everything
// that shows a run — the progress line, the end-of-run summary, the JSON log, the report's totals.
#pragma once

#include <hotlive/attempt_record.hpp>
#include <hotlive/call_result.hpp>
#include <hotlive/report_contents.hpp>
#include <hotlive/run_observer.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <optional>

namespace hotlive {

class run_state final : public run_observer {
public:
    // `to_send`: the calls this run makes (a resume's warm calls are carried over instead).
    explicit run_state(std::size_t to_send = 0) : to_send_(to_send) {}

    // A call an earlier run warmed: in the report's totals, not this run's work.
    void carry_over(const call_result& warm);
    void set_calls_to_send(std::size_t calls) { to_send_ = calls; }

    void on_attempt_sent(std::size_t index, const attempt_record& attempt) override;
    void on_answer(std::size_t index, const classification& answer) override;
    void on_backoff(std::size_t index, std::chrono::milliseconds delay, bool throttled) override;
    void on_limiter_wait(std::chrono::steady_clock::duration waited) override;
    void on_pace(double allowed_per_second) override { pace_ = allowed_per_second; }
    void on_clock_offset(std::chrono::milliseconds service_ahead_by) override;
    void on_finished(std::size_t index, const call_result& result) override;

    // Every call of the report so far: carried over and ended in this run.
    [[nodiscard]] const report_totals& totals() const { return totals_; }
    // This run's calls: how many it makes, and how many have ended, warm or failed.
    [[nodiscard]] std::size_t calls_to_send() const { return to_send_; }
    [[nodiscard]] std::size_t ended() const { return totals_.calls - carried_over_; }
    [[nodiscard]] std::size_t warm() const { return totals_.succeeded - carried_over_; }
    [[nodiscard]] std::size_t failed() const { return totals_.failed; }

    [[nodiscard]] std::size_t attempts_sent() const { return attempts_sent_; }
    // Attempts sent and not answered yet.
    [[nodiscard]] std::size_t in_flight() const { return attempts_sent_ - answers_; }
    // Answers by how they were classified (indexed by verdict).
    [[nodiscard]] std::size_t answers(verdict what) const { return by_verdict_[static_cast<std::size_t>(what)]; }
    [[nodiscard]] std::size_t backoffs() const { return backoffs_; }
    [[nodiscard]] std::chrono::milliseconds backoff_total() const { return backoff_total_; }
    [[nodiscard]] std::size_t limiter_waits() const { return limiter_waits_; }
    [[nodiscard]] std::chrono::steady_clock::duration limiter_wait_total() const { return limiter_wait_total_; }
    [[nodiscard]] std::optional<std::chrono::milliseconds> clock_offset() const { return clock_offset_; }
    // The pace allowed now (calls/s, 0: unlimited), once adaptive pacing moved it from the ceiling.
    [[nodiscard]] std::optional<double> pace() const { return pace_; }
    // Attempts answered "too fast" so far.
    [[nodiscard]] std::size_t throttled_answers() const { return answers(verdict::retry_throttled); }

private:
    std::size_t to_send_ = 0;
    std::size_t carried_over_ = 0;
    report_totals totals_;
    std::size_t attempts_sent_ = 0;
    std::size_t answers_ = 0;
    std::array<std::size_t, 5> by_verdict_{};
    std::size_t backoffs_ = 0;
    std::chrono::milliseconds backoff_total_{0};
    std::size_t limiter_waits_ = 0;
    std::chrono::steady_clock::duration limiter_wait_total_{0};
    std::optional<std::chrono::milliseconds> clock_offset_;
    std::optional<double> pace_;
};

}  // namespace hotlive
