// The last line of pacing: at most `limit` sends in any window of one second, counted at the
// moment each send really happens. The rate limiter books slots ahead of time; a caller that
// wakes late for its slot (a busy machine) would otherwise go out right before the next slot's
// caller, and a second on the wire could hold one call more than rate + burst. Like the limiter,
// it has no clock: the caller says what time it is.
#pragma once

#include <chrono>
#include <cstddef>
#include <vector>

namespace hotlive {

class send_window {
public:
    using time_point = std::chrono::steady_clock::time_point;

    // `limit` sends per second (0: no limit).
    explicit send_window(std::size_t limit);

    // When a send may happen: `now`, or the moment the oldest of the last `limit` sends is one
    // second old.
    [[nodiscard]] time_point earliest(time_point now) const;

    // Records a send at `now`; `now` must not be before earliest(now).
    void record(time_point now);

private:
    std::vector<time_point> sends_;  // a ring of the last `limit` sends
    std::size_t next_ = 0;           // the oldest, and where the next send goes
    std::size_t count_ = 0;
};

}  // namespace hotlive
