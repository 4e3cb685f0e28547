#include <hotlive/rate_limiter.hpp>

#include <algorithm>
#include <cmath>

namespace hotlive {
namespace {

std::chrono::nanoseconds interval_of(std::uint32_t rate) {
    if (rate == 0) return std::chrono::nanoseconds{0};
    constexpr std::int64_t second = 1'000'000'000;
    return std::chrono::nanoseconds{(second + rate - 1) / rate};
}

std::chrono::nanoseconds interval_of(double rate) {
    if (!(rate > 0)) return std::chrono::nanoseconds{0};
    // Rounded up, so that the pace never exceeds `rate`; at least a nanosecond.
    return std::chrono::nanoseconds{std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(1e9 / rate)))};
}

}  // namespace

rate_limiter::rate_limiter(std::uint32_t rate, std::uint32_t burst, time_point now)
    : interval_(interval_of(rate)),
      burst_(std::max<std::uint32_t>(burst, 1)),
      tolerance_(interval_ * static_cast<std::int64_t>(burst_ - 1)),
      theoretical_arrival_(now) {}

rate_limiter::time_point rate_limiter::reserve(time_point now) {
    if (unlimited()) return now;
    const time_point start = std::max(now, theoretical_arrival_ - tolerance_);
    theoretical_arrival_ = std::max(theoretical_arrival_, now) + interval_;
    return start;
}

bool rate_limiter::try_acquire_on_time(time_point now) {
    if (unlimited()) return true;
    const time_point opens = theoretical_arrival_ - tolerance_;
    if (now < opens) return false;
    const time_point start = now - opens < interval_ ? opens : now;
    theoretical_arrival_ = std::max(theoretical_arrival_, start) + interval_;
    return true;
}

rate_limiter::time_point rate_limiter::next_slot(time_point now) const {
    if (unlimited()) return now;
    return std::max(now, theoretical_arrival_ - tolerance_);
}

void rate_limiter::set_rate(double rate) {
    const auto interval = interval_of(rate);
    if (interval == interval_) return;
    theoretical_arrival_ += interval - interval_;
    interval_ = interval;
    tolerance_ = interval_ * static_cast<std::int64_t>(burst_ - 1);
}

bool rate_limiter::try_acquire(time_point now) {
    if (unlimited()) return true;
    if (now < theoretical_arrival_ - tolerance_) return false;
    theoretical_arrival_ = std::max(theoretical_arrival_, now) + interval_;
    return true;
}

}  // namespace hotlive
