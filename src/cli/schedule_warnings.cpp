#include "cli/schedule_warnings.hpp"

#include "cli/output.hpp"
#include "time/rfc3339.hpp"

#include <hotlive/expansion.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace hotlive::cli {
namespace {

std::string utc(forecast_time t) { return detail::format_rfc3339_utc(std::chrono::floor<std::chrono::seconds>(t)); }

std::string pace(const rate_limits& limits) { return fmt::format("{} calls/s", limits.rate); }

}  // namespace

std::vector<std::string> schedule_warnings(const plan& p, std::size_t calls,
                                           std::span<const std::size_t> calls_per_wave, const rate_limits& limits,
                                           forecast_time now) {
    const auto& schedule = p.schedule;
    const forecast_time earliest = std::max(now, schedule.not_before ? forecast_time{*schedule.not_before} : now);
    std::optional<forecast_time> deadline;
    if (schedule.deadline) deadline = forecast_time{*schedule.deadline};

    if (deadline && *deadline <= now && calls > 0) {
        return {
            fmt::format("the deadline ({}) has passed: none of the {} calls would be sent; move "
                        "schedule.deadline, or run with --ignore-schedule",
                        utc(*deadline), calls)};
    }

    std::vector<schedule_part> parts;
    std::vector<std::string> names;
    if (schedule.waves.empty()) {
        parts.push_back({calls, earliest});
        names.emplace_back("the run");
    } else {
        for (std::size_t i = 0; i < schedule.waves.size(); ++i) {
            parts.push_back({calls_per_wave[i], std::max(earliest, forecast_time{wave_start(p, i)})});
            names.push_back("wave '" + schedule.waves[i].name + "'");
        }
    }

    const auto forecast = forecast_schedule(parts, limits, deadline);
    std::vector<std::string> warnings;
    const bool waves = !schedule.waves.empty();
    if (waves && forecast_time{*schedule.event_start} <= now && calls > 0) {
        warnings.push_back(
            fmt::format("the event started at {}: every wave's time has passed, so the {} calls would "
                        "start now, wave after wave",
                        utc(forecast_time{*schedule.event_start}), calls));
    }
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (parts[i].calls == 0) continue;
        const auto& f = forecast[i];
        const auto takes = f.duration();
        if (waves) {
            // A wave should be warm before the next wave that has calls, the last one before the
            // show; a start already behind us is not one to be late for.
            std::size_t next = i + 1;
            while (next < parts.size() && parts[next].calls == 0) ++next;
            const bool last = next == parts.size();
            const forecast_time boundary{last ? *schedule.event_start : wave_start(p, next)};
            if (boundary > now && f.finishes > boundary) {
                warnings.push_back(fmt::format(
                    "the last of the {} calls of {} is due about {} after {} starts: they need about {} at {} from {}",
                    parts[i].calls, names[i],
                    human_duration(std::chrono::duration_cast<std::chrono::milliseconds>(f.finishes - boundary)),
                    last ? std::string("the event") : names[next], human_duration(takes), pace(limits), utc(f.starts)));
            }
        }
        if (f.past_deadline > 0) {
            warnings.push_back(fmt::format(
                "{} of the {} calls of {} would be due after the deadline ({}) and not be sent: they need about {} "
                "at {} from {}; raise the rate (limits.rate or --rate) within the account's quota, start earlier or "
                "move the deadline",
                f.past_deadline, parts[i].calls, names[i], utc(*deadline), human_duration(takes), pace(limits),
                utc(f.starts)));
        }
    }
    return warnings;
}

}  // namespace hotlive::cli
