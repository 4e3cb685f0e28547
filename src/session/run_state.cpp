#include <hotlive/run_state.hpp>

#include <algorithm>

namespace hotlive {
namespace {

using namespace std::chrono_literals;

// How long recent_rate() can look back.
constexpr std::chrono::minutes longest_rate_window{1};

// `code` itself while it is one of the first `limit` distinct ones of `seen`, else "other".
std::string bounded(const std::string& code, std::set<std::string>& seen, std::size_t limit) {
    if (seen.contains(code)) return code;
    if (seen.size() >= limit) return "other";
    seen.insert(code);
    return code;
}

}  // namespace

cell_state cell_state_of(call_status status) {
    switch (status) {
        case call_status::succeeded:
            return cell_state::succeeded;
        case call_status::failed:
            return cell_state::failed;
        case call_status::not_started:
            return cell_state::not_started;
        case call_status::cancelled:
            return cell_state::cancelled;
        case call_status::skipped:
            return cell_state::skipped;
    }
    return cell_state::failed;
}

void latency_histogram::add(std::chrono::milliseconds latency) {
    const double seconds = static_cast<double>(latency.count()) / 1000.0;
    for (std::size_t i = 0; i < bounds.size(); ++i) {
        if (seconds <= bounds[i]) ++at_most[i];
    }
    ++count;
    sum_seconds += seconds;
}

void run_state::set_outline(run_outline outline) {
    outline_ = std::move(outline);
    cells_.assign(outline_.places.size(), cell_state::pending);
    changes_.clear();
}

void run_state::set_schedule(double ceiling, std::vector<wave_outline> waves) {
    outline_.ceiling = ceiling;
    outline_.waves = std::move(waves);
}

void run_state::set_cell(std::size_t row, cell_state to) {
    if (row >= cells_.size() || cells_[row] == to) return;
    cells_[row] = to;
    changes_.push_back(static_cast<std::uint32_t>(row));
}

void run_state::carry_over(std::size_t row, const call_result& warm) {
    totals_.add(warm);
    ++carried_over_;
    set_cell(row, cell_state::succeeded);
}

void run_state::on_attempt_sent(std::size_t index, const attempt_record& /*attempt*/) {
    ++attempts_sent_;
    set_cell(index, cell_state::sending);
}

void run_state::on_answer(std::size_t /*index*/, const classification& answer, std::chrono::milliseconds latency) {
    ++answers_;
    ++by_verdict_.at(static_cast<std::size_t>(answer.what));
    const std::string code = answer.what == verdict::success ? std::string{} : answer.code;
    ++by_code_[{answer.what, code.empty() ? code : bounded(code, answer_codes_, max_codes)}];
    latencies_.add(latency);
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

void run_state::on_finished(std::size_t index, const call_result& result) {
    totals_.add(result);
    set_cell(index, cell_state_of(result.status));
    if (result.status != call_status::succeeded) {
        const std::string cause = result.code ? *result.code : std::string{to_string(result.status)};
        const std::string kept = failures_.contains(cause) || failures_.size() < max_codes ? cause : "other";
        failure_cause& c = failures_[kept];
        ++c.calls;
        if (c.keys.size() < keys_per_cause) c.keys.push_back(result.key);
    }
    if (result.run_attempts > 0 && result.finished_at) {
        recent_ends_.push_back(*result.finished_at);
        // Calls end nearly in order: the latest end bounds what is worth keeping.
        const wall_time latest = *result.finished_at;
        while (recent_ends_.front() < latest - longest_rate_window) recent_ends_.pop_front();
    }
}

std::optional<double> run_state::recent_rate(wall_time now, std::chrono::seconds window) const {
    if (recent_ends_.empty()) return std::nullopt;
    const auto since = now - window;
    const auto within =
        std::count_if(recent_ends_.begin(), recent_ends_.end(), [&](wall_time t) { return t >= since; });
    // A run younger than the window: its rate over the time it has run (a second at least).
    std::chrono::duration<double> span = window;
    if (started_at_ && *started_at_ > since) span = std::max<std::chrono::duration<double>>(now - *started_at_, 1s);
    return static_cast<double>(within) / span.count();
}

}  // namespace hotlive
