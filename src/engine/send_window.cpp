#include <hotlive/send_window.hpp>

#include <algorithm>

namespace hotlive {

namespace {
// Arrival jitter seen on a loaded 2-core machine is a few milliseconds (scripts/bench's pacing row).
constexpr std::chrono::milliseconds arrival_guard{5};
}  // namespace

send_window::send_window(std::size_t limit, duration span) : sends_(limit), span_(span) {}

send_window send_window::for_rate(std::uint32_t rate, std::uint32_t burst) {
    if (rate == 0) return {0, std::chrono::seconds{1}};
    const duration slot = duration{std::chrono::seconds{1}} / rate;  // in nanoseconds, not whole seconds
    return {std::size_t{rate} + burst, std::chrono::seconds{1} + std::min<duration>(arrival_guard, slot)};
}

send_window::time_point send_window::earliest(time_point now) const {
    if (sends_.empty() || count_ < sends_.size()) return now;
    return std::max(now, sends_[next_] + span_);
}

void send_window::record(time_point now) {
    if (sends_.empty()) return;
    sends_[next_] = now;
    next_ = (next_ + 1) % sends_.size();
    count_ = std::min(count_ + 1, sends_.size());
}

}  // namespace hotlive
