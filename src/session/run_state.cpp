#include <hotlive/run_state.hpp>

#include <algorithm>
#include <ratio>

namespace hotlive {
namespace {

using namespace std::chrono_literals;

// recent_rate()'s unit of time.
using end_slot = std::chrono::duration<std::int64_t, std::deci>;

// Where the tenth of a second `slot` is counted in a ring of `size`.
std::size_t ring_index(std::int64_t slot, std::size_t size) {
    const auto n = static_cast<std::int64_t>(size);
    return static_cast<std::size_t>(((slot % n) + n) % n);
}

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
    latest_changes_.clear();
    changes_kept_ = cells_.size() / 8 + 16;
    changes_seen_ = 0;
}

void run_state::set_schedule(double ceiling, std::vector<wave_outline> waves) {
    outline_.ceiling = ceiling;
    outline_.waves = std::move(waves);
}

void run_state::set_cell(std::size_t row, cell_state to) {
    if (row >= cells_.size() || cells_[row] == to) return;
    cells_[row] = to;
    latest_changes_.push_back(static_cast<std::uint32_t>(row));
    if (latest_changes_.size() > changes_kept_) latest_changes_.pop_front();
    ++changes_seen_;
}

std::optional<std::vector<std::uint32_t>> run_state::cells_changed_since(std::size_t since) const {
    if (since == 0 || since > changes_seen_ || changes_seen_ - since > latest_changes_.size()) return std::nullopt;
    return std::vector<std::uint32_t>(latest_changes_.end() - static_cast<std::ptrdiff_t>(changes_seen_ - since),
                                      latest_changes_.end());
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
        const std::int64_t slot = std::chrono::floor<end_slot>(result.finished_at->time_since_epoch()).count();
        const auto slots = static_cast<std::int64_t>(end_slots);
        if (!newest_end_slot_ || slot > *newest_end_slot_) {
            // The slots between the newest and this one held ends of a minute ago or more.
            const std::int64_t from = newest_end_slot_ ? std::max(*newest_end_slot_ + 1, slot - slots + 1) : slot;
            for (std::int64_t s = from; s <= slot; ++s) ends_per_slot_[ring_index(s, end_slots)] = 0;
            newest_end_slot_ = slot;
        }
        if (slot > *newest_end_slot_ - slots) ++ends_per_slot_[ring_index(slot, end_slots)];
    }
}

std::optional<double> run_state::recent_rate(wall_time now, std::chrono::seconds window) const {
    if (!newest_end_slot_) return std::nullopt;
    const auto since = now - window;
    // The slots that began at `since` or later, back to a minute before the newest end at most.
    const std::int64_t first = std::max(std::chrono::ceil<end_slot>(since.time_since_epoch()).count(),
                                        *newest_end_slot_ - static_cast<std::int64_t>(end_slots) + 1);
    std::size_t within = 0;
    for (std::int64_t s = first; s <= *newest_end_slot_; ++s) {
        within += ends_per_slot_[ring_index(s, end_slots)];
    }
    // A run younger than the window: its rate over the time it has run (a second at least).
    std::chrono::duration<double> span = window;
    if (started_at_ && *started_at_ > since) span = std::max<std::chrono::duration<double>>(now - *started_at_, 1s);
    return static_cast<double>(within) / span.count();
}

}  // namespace hotlive
