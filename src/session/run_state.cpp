#include <hotlive/run_state.hpp>

namespace hotlive {

void run_state::carry_over(const call_result& warm) {
    totals_.add(warm);
    ++carried_over_;
}

void run_state::on_attempt_sent(std::size_t /*index*/, const attempt_record& /*attempt*/) { ++attempts_sent_; }

void run_state::on_answer(std::size_t /*index*/, const classification& answer) {
    ++answers_;
    ++by_verdict_.at(static_cast<std::size_t>(answer.what));
}

void run_state::on_backoff(std::size_t /*index*/, std::chrono::milliseconds delay, bool /*throttled*/) {
    ++backoffs_;
    backoff_total_ += delay;
}

void run_state::on_limiter_wait(std::chrono::steady_clock::duration waited) {
    ++limiter_waits_;
    limiter_wait_total_ += waited;
}

void run_state::on_clock_offset(std::chrono::milliseconds service_ahead_by) { clock_offset_ = service_ahead_by; }

void run_state::on_finished(std::size_t /*index*/, const call_result& result) { totals_.add(result); }

}  // namespace hotlive
