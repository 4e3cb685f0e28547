// What `hotlive plan` and `hotlive run` say, before anything is sent, about a schedule the pace
// cannot keep: a wave still going when the next wave or the show starts, and calls the deadline
// would cut off (see schedule_forecast.hpp).
#pragma once

#include <hotlive/plan.hpp>
#include <hotlive/schedule_forecast.hpp>

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace hotlive::cli {

// `calls`: how many calls the run makes; `calls_per_wave`: how many of them each wave of the plan
// has (empty without waves); `limits`: the pace they go out at; `now`: nothing starts earlier.
// Empty when the plan has no waves and no deadline, or everything fits.
[[nodiscard]] std::vector<std::string> schedule_warnings(const plan& p, std::size_t calls,
                                                         std::span<const std::size_t> calls_per_wave,
                                                         const rate_limits& limits, forecast_time now);

}  // namespace hotlive::cli
