// When a run's calls would go out at the plan's pace, so that a plan that cannot be warm in time
// is known before the show, not after. Each call books a slot of a rate limiter like the engine's
// as its part of the schedule (a wave, or the whole run when there are none) starts, in order:
// a wave that overruns delays the next and finds no burst left. Retries, concurrency and latency
// are not counted: with them a run can only be later.
#pragma once

#include <hotlive/plan.hpp>

#include <chrono>
#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace hotlive {

using forecast_time = std::chrono::sys_time<std::chrono::milliseconds>;

struct schedule_part {
    std::size_t calls = 0;
    forecast_time earliest;  // the wave's start; for a run without waves, not_before or now
};

struct part_forecast {
    forecast_time starts;           // its first call's slot: earliest, or later after an overrun
    forecast_time finishes;         // its last call's slot (both `earliest` when it has no calls)
    std::size_t past_deadline = 0;  // calls that would be due at or after the deadline: never sent

    // From its first call's slot to its last one's.
    [[nodiscard]] std::chrono::milliseconds duration() const { return finishes - starts; }
};

// One forecast per part, in order. `deadline`: no attempt starts at or after it.
[[nodiscard]] std::vector<part_forecast> forecast_schedule(std::span<const schedule_part> parts,
                                                           const rate_limits& limits,
                                                           std::optional<forecast_time> deadline);

// How long `calls` take at the plan's pace from a standing start, with no wave and no deadline:
// the duration of the forecast of one part. The first `burst` go at once, the rest at `rate` per
// second; zero for an unlimited rate. What `hotlive plan` and `hotlive validate` show.
[[nodiscard]] std::chrono::milliseconds forecast_duration(std::size_t calls, const rate_limits& limits);

}  // namespace hotlive
