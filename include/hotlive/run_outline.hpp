// What a run is, fixed before its first call: the plan's name and shard, the pace's ceiling, the
// waves, and the streams × regions grid of the report's rows. The live view shows it beside the
// run's state (run_state.hpp); run_session fills it in prepare().
#pragma once

#include <hotlive/expansion.hpp>
#include <hotlive/plan.hpp>
#include <hotlive/report_contents.hpp>
#include <hotlive/wall_time.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace hotlive {

struct wave_outline {
    std::string name;
    wall_time starts_at;
    std::size_t calls = 0;  // of this run
};

// Where a report row sits in the grid: its stream's row and its region's column.
struct grid_place {
    std::uint32_t row = 0;
    std::uint32_t column = 0;
};

struct run_outline {
    std::string plan;
    shard_share shard;
    std::string version;  // hotlive's
    double ceiling = 0;   // limits.rate, calls/s (0: none)
    std::vector<wave_outline> waves;
    // The grid: a row per stream with calls ("stream", or "domain/app/stream" when the plan has
    // several domains or apps), a column per region in the API reference's order, and each
    // report row's place.
    std::vector<std::string> rows;
    std::vector<std::string> columns;  // region codes
    std::vector<grid_place> places;    // by report row
};

// The grid of `share` (a run's calls in report order).
[[nodiscard]] run_outline outline_grid(const plan& p, std::span<const call_ref> share);

}  // namespace hotlive
