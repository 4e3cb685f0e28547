// The rate the progress line shows: calls finished in the last few seconds, not since the start,
// so a run that waits between waves shows the pace while it sends and 0 while it waits, and the
// ETA follows. Counted in one-second buckets: constant memory at any rate. Time is given, not
// read, so it is tested on a fake clock.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>

namespace hotlive::cli {

class recent_rate {
public:
    using time_point = std::chrono::steady_clock::time_point;
    static constexpr std::size_t window_seconds = 10;
    // A rate over less time than this is noise: 34 calls in the first 0.2 s are neither 34/s nor
    // 170/s for long.
    static constexpr std::chrono::seconds shortest_span{1};

    void add(time_point now);
    // Events per second over the last window_seconds, counted from the oldest event in it; 0 when
    // it has none; nullopt while its oldest event is less than shortest_span old.
    [[nodiscard]] std::optional<double> per_second(time_point now);

private:
    // Moves the window to the second `now` falls in, emptying the buckets it leaves behind.
    void advance(time_point now);

    std::optional<time_point> first_;
    std::int64_t current_second_ = 0;  // seconds since first_
    std::array<std::size_t, window_seconds> buckets_{};
    std::array<time_point, window_seconds> first_in_bucket_{};  // its first event's time, when it has any
};

}  // namespace hotlive::cli
