#include <hotlive/rate_limiter.hpp>
#include <hotlive/schedule_forecast.hpp>

#include <algorithm>

namespace hotlive {
namespace {

// The rate limiter keeps steady-clock time; the schedule is wall-clock. The forecast only needs
// both on one line, so wall time is carried over as it is (nanoseconds since 1970 fit until 2262).
rate_limiter::time_point on_limiter(forecast_time t) {
    return rate_limiter::time_point{std::chrono::duration_cast<rate_limiter::clock::duration>(t.time_since_epoch())};
}

forecast_time off_limiter(rate_limiter::time_point t) {
    return forecast_time{std::chrono::floor<std::chrono::milliseconds>(t.time_since_epoch())};
}

}  // namespace

std::vector<part_forecast> forecast_schedule(std::span<const schedule_part> parts, const rate_limits& limits,
                                             std::optional<forecast_time> deadline) {
    std::vector<part_forecast> out;
    out.reserve(parts.size());
    if (parts.empty()) return out;
    // The run's own limiter, one for every wave: a wave that runs into the next one leaves it no
    // burst, as in the engine. Each call books its slot as its wave starts, in order.
    rate_limiter limiter(limits.rate, limits.burst, on_limiter(parts.front().earliest));
    for (const auto& part : parts) {
        part_forecast f{part.earliest, part.earliest, 0};
        const auto earliest = on_limiter(part.earliest);
        for (std::size_t call = 0; call < part.calls; ++call) {
            const auto slot = limiter.reserve(earliest);
            if (call == 0) f.starts = off_limiter(slot);
            f.finishes = off_limiter(slot);
            if (deadline && slot >= on_limiter(*deadline)) ++f.past_deadline;
        }
        out.push_back(f);
    }
    return out;
}

std::chrono::milliseconds forecast_duration(std::size_t calls, const rate_limits& limits) {
    const schedule_part whole_run{calls, forecast_time{}};
    return forecast_schedule({&whole_run, 1}, limits, std::nullopt).front().duration();
}

}  // namespace hotlive
