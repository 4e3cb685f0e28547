// Pacing under the account's quota: a token bucket, as the generic cell rate algorithm (GCRA),
// with no clock and no timer of its own. The caller says what time it is; the limiter says when
// the caller may start. First attempts and retries pass through the same limiter.
//
// Guarantee: in any window of length W, at most burst + W·rate calls are admitted (rounded
// down), whatever order or timing the requests come in. A clock that jumps backwards mints no
// tokens.
#pragma once

#include <chrono>
#include <cstdint>

namespace hotlive {

class rate_limiter {
public:
    using clock = std::chrono::steady_clock;
    using time_point = clock::time_point;

    // `rate` calls per second (0: unlimited), `burst` of them back to back. `now` is the start.
    rate_limiter(std::uint32_t rate, std::uint32_t burst, time_point now);

    // Books the next slot and returns when it starts: `now` if a token is free, else the moment
    // one will be. The slot is the caller's even if it gives up waiting: a caller that is
    // cancelled while it waits has spent it (the limiter stays conservative).
    time_point reserve(time_point now);

    // A slot starting now, or nothing (and nothing booked).
    bool try_acquire(time_point now);
    // As try_acquire, but a slot that started less than one interval before `now` is taken as of
    // its start: a caller that woke late for it (a busy machine, a turn handed over) does not push
    // every later slot back. After a longer gap the limiter was idle, and the slot starts `now`.
    bool try_acquire_on_time(time_point now);

    // When the next slot starts, booking nothing: `now` if a token is free.
    [[nodiscard]] time_point next_slot(time_point now) const;

    // From now on, `rate` calls per second (0: unlimited); the burst stays. The next slot moves
    // with it: it is one new interval after the last one booked. The guarantee holds piecewise.
    void set_rate(double rate);

    [[nodiscard]] bool unlimited() const { return interval_.count() == 0; }
    // Time between two slots at the steady rate; zero when unlimited.
    [[nodiscard]] std::chrono::nanoseconds interval() const { return interval_; }

private:
    std::chrono::nanoseconds interval_;  // 1 s / rate, rounded up so the rate never exceeds `rate`
    std::uint32_t burst_;
    std::chrono::nanoseconds tolerance_;  // (burst - 1) · interval
    time_point theoretical_arrival_;      // when the bucket would be empty again at the steady rate
};

}  // namespace hotlive
