#include "engine/adaptive_rate.hpp"

#include <algorithm>
#include <cmath>

namespace hotlive::detail {

adaptive_rate::adaptive_rate(double ceiling, time_point now) : ceiling_(ceiling), latest_(now) {}

adaptive_rate::time_point adaptive_rate::steady(time_point now) {
    latest_ = std::max(latest_, now);
    return latest_;
}

double adaptive_rate::curve(seconds since) const {
    const double w = too_fast_;
    if (since < climb) {
        const double left = 1.0 - since / climb;
        return w * (plateau - (plateau - beta) * left * left * left);
    }
    if (since < climb + hold) return w * plateau;
    const double doublings = (since - climb - hold) / probe_doubling;
    return w * plateau * (1.0 + probe_start * (std::exp2(doublings) - 1.0));
}

double adaptive_rate::allowed(time_point now) {
    now = steady(now);
    if (!cut_at_) return ceiling_;
    double pace = curve(now - *cut_at_);
    if (ceiling_ > 0) pace = std::min(pace, ceiling_);
    // Without a ceiling, a probe that has grown past any real quota is no limit at all.
    const bool unlimited = ceiling_ == 0 && !(pace < 1e9);
    pace = unlimited ? 0.0 : std::max(pace, floor);
    if (integrated_until_) integral_ += last_allowed_ * seconds(now - *integrated_until_).count();
    integrated_until_ = now;
    last_allowed_ = pace;
    return pace;
}

void adaptive_rate::on_sent(time_point now) {
    sends_[next_send_] = steady(now);
    next_send_ = (next_send_ + 1) % sends_.size();
    sends_count_ = std::min(sends_count_ + 1, sends_.size());
}

std::optional<double> adaptive_rate::measured(time_point now) const {
    // Over the last second: (sends − 1) / (newest − oldest), which does not depend on where the
    // second's edges fall between two sends.
    std::size_t in_window = 0;
    time_point oldest = now;
    time_point newest{};
    for (std::size_t i = 0; i < sends_count_; ++i) {
        const time_point at = sends_[i];
        if (now - at >= std::chrono::seconds{1}) continue;
        ++in_window;
        oldest = std::min(oldest, at);
        newest = std::max(newest, at);
    }
    if (in_window < 2 || newest <= oldest) return std::nullopt;
    return static_cast<double>(in_window - 1) / seconds(newest - oldest).count();
}

bool adaptive_rate::on_answer(bool throttled, time_point sent_at, time_point now) {
    now = steady(now);
    if (!throttled || (cut_at_ && sent_at < *cut_at_)) return false;
    const double allowed_now = allowed(now);
    const auto on_the_wire = measured(now);
    // Unlimited and too few sends to measure: nothing says how fast was too fast (a cut to the
    // floor would crawl); the retry goes at once, and its answer measures.
    if (allowed_now == 0 && !on_the_wire) return false;
    double too_fast = allowed_now > 0 ? allowed_now : *on_the_wire;
    if (on_the_wire) too_fast = std::min(too_fast, *on_the_wire);
    too_fast_ = std::max(too_fast, floor);
    if (!cut_at_) first_cut_at_ = now;
    cut_at_ = now;
    ++reductions_;
    const double pace = allowed(now);
    lowest_ = reductions_ == 1 ? pace : std::min(lowest_, pace);
    return true;
}

adaptive_rate::seconds adaptive_rate::time_to_ceiling() const {
    if (!cut_at_ || ceiling_ == 0) return seconds{0};
    const double target = ceiling_ / too_fast_;
    if (target <= beta) return seconds{0};
    if (target <= plateau) return climb * (1.0 - std::cbrt((plateau - target) / (plateau - beta)));
    return climb + hold + probe_doubling * std::log2(1.0 + (target / plateau - 1.0) / probe_start);
}

pace_figures adaptive_rate::figures() const {
    pace_figures f;
    f.ceiling = ceiling_;
    f.adaptive = true;
    f.reductions = reductions_;
    if (reductions_ == 0) return f;
    f.lowest = lowest_;
    const double span = integrated_until_ ? seconds(*integrated_until_ - first_cut_at_).count() : 0.0;
    f.settled = span > 0 ? integral_ / span : last_allowed_;
    return f;
}

}  // namespace hotlive::detail
