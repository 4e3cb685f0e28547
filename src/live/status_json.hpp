// The run's state as /status.json (schema hotlive.status/1, README "The live view"): totals,
// rates, the ETA, the next wave, the failures by cause, and the grid's cells — all of them, or
// those that changed since the reader's last look. Pure: the state and the time in, JSON out.
#pragma once

#include <hotlive/run_state.hpp>

#include <cstddef>
#include <string>

namespace hotlive::live {

// The window the current rate is measured over.
inline constexpr std::chrono::seconds rate_window{10};

// `since`: how many cell changes the reader has seen (0: none, every cell is sent).
[[nodiscard]] std::string status_json(const run_state& state, wall_time now, std::size_t since);

// The grid's axes and each report row's place, once per reader (it does not change during a run).
[[nodiscard]] std::string grid_json(const run_outline& outline);

}  // namespace hotlive::live
