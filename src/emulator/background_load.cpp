#include "emulator/background_load.hpp"

#include <cmath>

namespace hotlive::emu {

background_load::background_load(time_point start, double rate, std::optional<std::chrono::seconds> seconds)
    : start_(start), rate_(rate) {
    if (seconds) end_ = start + *seconds;
}

background_load::arrivals background_load::due(time_point now) {
    const std::uint64_t first = next_;
    // One step per arrival: the caller draws each on the quota anyway, so this costs no more.
    while ((!end_ || at(next_) < *end_) && at(next_) <= now) ++next_;
    return {first, next_ - first};
}

background_load::time_point background_load::at(std::uint64_t k) const {
    // From k, not summed period by period, so that no rounding accumulates.
    const std::chrono::duration<double, std::nano> offset{static_cast<double>(k) * 1e9 / rate_};
    // A tiny rate's far arrivals would overflow the clock: they never come.
    if (offset >= time_point::max() - start_) return time_point::max();
    return start_ + std::chrono::duration_cast<time_point::duration>(
                        std::chrono::duration<double, std::nano>{std::round(offset.count())});
}

}  // namespace hotlive::emu
