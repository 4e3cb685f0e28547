// The last line of pacing: at most `limit` sends in any window of slightly more than a second,
// counted at the moment each send really happens. The rate limiter books slots ahead of time; a
// caller that wakes late for its slot (a busy machine) would otherwise go out right before the
// next slot's caller, and a second on the wire could hold one call more than rate + burst. Like
// the limiter, it has no clock: the caller says what time it is.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace hotlive {

class send_window {
public:
    using time_point = std::chrono::steady_clock::time_point;
    using duration = std::chrono::steady_clock::duration;

    // `limit` sends in any `span` (limit 0: no limit).
    send_window(std::size_t limit, duration span);

    // The window for a rate limiter of `rate` per second and `burst` (rate 0: no limit): rate +
    // burst sends in one second plus a guard. The service counts a second at arrival, and two
    // sends a second apart can arrive a few milliseconds closer; the guard, at most one slot
    // (1/rate), never holds back a send the limiter spaced as it books.
    static send_window for_rate(std::uint32_t rate, std::uint32_t burst);

    // When a send may happen: `now`, or the moment the oldest of the last `limit` sends is
    // `span` old.
    [[nodiscard]] time_point earliest(time_point now) const;

    // Records a send at `now`; `now` must not be before earliest(now).
    void record(time_point now);

private:
    std::vector<time_point> sends_;  // a ring of the last `limit` sends
    duration span_;
    std::size_t next_ = 0;  // the oldest, and where the next send goes
    std::size_t count_ = 0;
};

}  // namespace hotlive
