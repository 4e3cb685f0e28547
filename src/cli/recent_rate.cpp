#include "cli/recent_rate.hpp"

#include <algorithm>
#include <numeric>

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
    ++buckets_[static_cast<std::size_t>(current_second_ % static_cast<std::int64_t>(window_seconds))];
}

double recent_rate::per_second(time_point now) {
    if (!first_) return 0.0;
    advance(now);
    // The buckets hold the seconds before this one and this one so far.
    const double since_first = std::chrono::duration<double>(now - *first_).count();
    const double covered =
        static_cast<double>(window_seconds - 1) + (since_first - static_cast<double>(current_second_));
    const double span = std::max(1.0, std::min(since_first, covered));
    return static_cast<double>(std::accumulate(buckets_.begin(), buckets_.end(), std::size_t{0})) / span;
}

}  // namespace hotlive::cli
