// When a run's calls would go out at the plan's pace, so that a plan that cannot be warm in time
// is known before the show, not after. Calls go out in order, so a part of the schedule (a wave,
// or the whole run when there are none) starts at its own time or when the part before it is
// done, whichever is later. Retries are not counted: the forecast is the best case.
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
    forecast_time starts;           // its first call: earliest, or when the part before it is done
    forecast_time finishes;         // its last call's start (estimated_duration after `starts`)
    std::size_t past_deadline = 0;  // calls that would be due at or after the deadline: never sent
};

// One forecast per part, in order. `deadline`: no attempt starts at or after it.
[[nodiscard]] std::vector<part_forecast> forecast_schedule(std::span<const schedule_part> parts,
                                                           const rate_limits& limits,
                                                           std::optional<forecast_time> deadline);

}  // namespace hotlive
