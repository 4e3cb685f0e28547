// When the other client of --background-load sends: one request every 1/rate seconds from the
// emulator's start (t = 0, then k/rate), up to but not including `seconds` when it is set. Only
// the timetable, without a clock or a throttle: the service asks it, before each request it
// judges, which arrivals are due by then, and draws them on the quota at their own times. So the
// load is exact at any clock speed, and needs no timer.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

namespace hotlive::emu {

class background_load {
public:
    using time_point = std::chrono::steady_clock::time_point;

    // The arrivals due since the last call: numbers first, first + 1, …, first + count - 1.
    struct arrivals {
        std::uint64_t first = 0;
        std::uint64_t count = 0;
    };

    // `rate` > 0 requests a second; `seconds` empty: no end.
    background_load(time_point start, double rate, std::optional<std::chrono::seconds> seconds);

    // The arrivals at or before `now` not returned before. A clock that steps back gets none.
    [[nodiscard]] arrivals due(time_point now);
    // When arrival `k` is sent: start + k/rate, to the nearest nanosecond.
    [[nodiscard]] time_point at(std::uint64_t k) const;

private:
    time_point start_;
    double rate_;
    std::optional<time_point> end_;  // exclusive
    std::uint64_t next_ = 0;
};

}  // namespace hotlive::emu
