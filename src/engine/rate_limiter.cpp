#include <hotlive/rate_limiter.hpp>

#include <algorithm>

namespace hotlive {
namespace {

std::chrono::nanoseconds interval_of(std::uint32_t rate) {
    if (rate == 0) return std::chrono::nanoseconds{0};
    constexpr std::int64_t second = 1'000'000'000;
    return std::chrono::nanoseconds{(second + rate - 1) / rate};
}

}  // namespace

rate_limiter::rate_limiter(std::uint32_t rate, std::uint32_t burst, time_point now)
    : interval_(interval_of(rate)),
      tolerance_(interval_ * static_cast<std::int64_t>(std::max<std::uint32_t>(burst, 1) - 1)),
      theoretical_arrival_(now) {}

rate_limiter::time_point rate_limiter::reserve(time_point now) {
    if (unlimited()) return now;
    const time_point start = std::max(now, theoretical_arrival_ - tolerance_);
    theoretical_arrival_ = std::max(theoretical_arrival_, now) + interval_;
    return start;
}

bool rate_limiter::try_acquire(time_point now) {
    if (unlimited()) return true;
    if (now < theoretical_arrival_ - tolerance_) return false;
    theoretical_arrival_ = std::max(theoretical_arrival_, now) + interval_;
    return true;
}

}  // namespace hotlive
