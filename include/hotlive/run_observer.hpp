// What a run tells as it goes: the engine's events, in the order they happen, on the one thread
// that runs the engine (io_context::run). The run's state (run_state.hpp) counts them; the
// command line's progress line and summary, and a live view, read that state or listen too.
#pragma once

#include <hotlive/attempt_record.hpp>
#include <hotlive/call_result.hpp>
#include <hotlive/retry.hpp>

#include <chrono>
#include <cstddef>

namespace hotlive {

class run_observer {
public:
    virtual ~run_observer() = default;

    // `index` is the call's place in the span given to engine::run (a run_session gives its row
    // in the report instead).

    // An attempt goes out, journalled already.
    virtual void on_attempt_sent(std::size_t /*index*/, const attempt_record& /*attempt*/) {}
    // Its answer (or the transport's failure) came back `latency` after it went out, and was classified.
    virtual void on_answer(std::size_t /*index*/, const classification& /*answer*/,
                           std::chrono::milliseconds /*latency*/) {}
    // The call waits `delay` before its next attempt (`throttled`: the service asked it to slow down).
    virtual void on_backoff(std::size_t /*index*/, std::chrono::milliseconds /*delay*/, bool /*throttled*/) {}
    // The rate limiter (or the one-second send window) held an attempt back this long.
    virtual void on_limiter_wait(std::chrono::steady_clock::duration /*waited*/) {}
    // The pace allowed moved (adaptive pacing): calls per second, 0 when unlimited.
    virtual void on_pace(double /*allowed_per_second*/) {}
    // An answer showed how far the service's clock is ahead of this machine's (negative: behind):
    // later attempts carry the service's time.
    virtual void on_clock_offset(std::chrono::milliseconds /*service_ahead_by*/) {}
    // The call ended, in completion order.
    virtual void on_finished(std::size_t index, const call_result& result) = 0;
};

}  // namespace hotlive
