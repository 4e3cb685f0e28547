#include "cli/recent_rate.hpp"

#include <algorithm>

namespace hotlive::cli {

void recent_rate::advance(time_point now) {
    if (!first_) first_ = now;
    const auto second = std::chrono::duration_cast<std::chrono::seconds>(now - *first_).count();
    if (second <= current_second_) return;  // the same second (or a clock that did not move)
    const auto window = static_cast<std::int64_t>(window_seconds);
    for (std::int64_t s = current_second_ + 1; s <= std::min(second, current_second_ + window); ++s) {
        buckets_[static_cast<std::size_t>(s % window)] = 0;
    }
    current_second_ = second;
}

void recent_rate::add(time_point now) {
    advance(now);
    const auto bucket = static_cast<std::size_t>(current_second_ % static_cast<std::int64_t>(window_seconds));
    if (buckets_[bucket]++ == 0) first_in_bucket_[bucket] = now;
}

std::optional<double> recent_rate::per_second(time_point now) {
    if (!first_) return 0.0;
    advance(now);
    // Over the time since the oldest event in the window: a wave that started 3 s ago after a
    // pause reads as its own pace, not diluted by the empty seconds before it.
    const auto window = static_cast<std::int64_t>(window_seconds);
    std::size_t events = 0;
    std::optional<std::int64_t> oldest;
    for (std::int64_t s = std::max<std::int64_t>(0, current_second_ - window + 1); s <= current_second_; ++s) {
        const std::size_t in_second = buckets_[static_cast<std::size_t>(s % window)];
        if (in_second > 0 && !oldest) oldest = s;
        events += in_second;
    }
    if (!oldest) return 0.0;
    const auto since_oldest = now - first_in_bucket_[static_cast<std::size_t>(*oldest % window)];
    if (since_oldest < shortest_span) return std::nullopt;
    return static_cast<double>(events) / std::chrono::duration<double>(since_oldest).count();
}

}  // namespace hotlive::cli
