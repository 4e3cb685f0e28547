#include <hotlive/expansion.hpp>
#include <hotlive/schedule_forecast.hpp>

#include <algorithm>
#include <cstdint>

namespace hotlive {
namespace {

// How many of `calls`, the first starting at `starts`, start before `deadline`: the first
// `burst` at once, the k-th after them k/rate later (estimated_duration's pacing).
std::size_t due_before(std::size_t calls, forecast_time starts, forecast_time deadline, const rate_limits& limits) {
    if (deadline <= starts) return 0;
    if (deadline > starts + estimated_duration(calls, limits)) return calls;  // rate 0 included
    // So left_ms * rate stays near calls * 1000: no overflow.
    // The k-th paced call is due at starts + k/rate: before the deadline while k * 1000 < left_ms * rate.
    const auto left_ms = static_cast<std::uint64_t>((deadline - starts).count());
    const std::uint64_t paced = (left_ms * limits.rate - 1) / 1000;
    return static_cast<std::size_t>(std::min<std::uint64_t>(calls, std::uint64_t{limits.burst} + paced));
}

}  // namespace

std::vector<part_forecast> forecast_schedule(std::span<const schedule_part> parts, const rate_limits& limits,
                                             std::optional<forecast_time> deadline) {
    std::vector<part_forecast> out;
    out.reserve(parts.size());
    for (const auto& part : parts) {
        part_forecast f;
        f.starts = out.empty() ? part.earliest : std::max(part.earliest, out.back().finishes);
        f.finishes = f.starts + estimated_duration(part.calls, limits);
        if (deadline) f.past_deadline = part.calls - due_before(part.calls, f.starts, *deadline, limits);
        out.push_back(f);
    }
    return out;
}

}  // namespace hotlive
