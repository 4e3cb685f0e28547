// hotlive validate PLAN...: check plans whole; nothing is sent.
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/plan_loading.hpp"

#include <hotlive/exit_codes.hpp>
#include <hotlive/expansion.hpp>
#include <hotlive/schedule_forecast.hpp>

#include <fmt/format.h>

namespace hotlive::cli {
int run_validate(const validate_options& options) {
    int status = exit_code::success;
    for (const auto& path : options.plans) {
        const auto p = load_plan_reporting(path);
        if (!p) {
            status = exit_code::invalid_input;
            continue;
        }
        if (options.quiet) continue;
        const auto calls = call_count(*p);
        fmt::print("{}: ok: plan '{}', {} call{} ({} stream{}), about {} at {}\n", path, p->name, calls,
                   calls == 1 ? "" : "s", p->streams.size(), p->streams.size() == 1 ? "" : "s",
                   human_duration(forecast_duration(calls, p->limits)),
                   p->limits.rate == 0 ? std::string("an unlimited rate") : fmt::format("{} calls/s", p->limits.rate));
    }
    return status;
}

}  // namespace hotlive::cli
