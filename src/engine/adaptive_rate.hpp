// The pace of a run under a quota it shares with callers it cannot see (the Live console, other
// automation, another shard): the plan's limits.rate is a ceiling; a throttling answer cuts the
// pace, and answers without one let it climb back. Plain computation on an injected clock: the
// engine asks allowed() before each slot and tells on_sent()/on_answer().
//
// The curve is CUBIC's (RFC 9438, and the AWS SDKs' "adaptive" retry mode): a cut to β = 0.7 of
// the pace at the throttle (the pace allowed, or the pace measured on the wire when the run sent
// slower than allowed), a concave climb back towards that pace, a plateau below it, then a convex
// probe above it. Two departures, for a quota of 10 calls/s shared with another caller at 4
// (scripts/bench's sharing rows, README "Performance"), where a run may have at most 5 % of its
// calls throttled and must take the room back within 10 s once the other caller stops:
// - The AWS constant C = 0.4 calls/s³ is absolute: at a 10 calls/s quota it climbs back in
//   K = ∛(W·0.3/C) ≈ 1.9 s and probes the quota again every ~2.5 s, one throttled attempt each
//   time (8 % of the calls, in a simulation of that scenario). Here the climb takes a fixed
//   `climb`, the same at any quota.
// - TCP's plateau is an instant at W_max, the rate that was too fast. Here it is a `hold` at
//   `plateau` × W (97 %), then the probe doubles its excess every `probe_doubling`: the quota is
//   probed every ~6 s (about 3 % of such a run throttled) and, once the other caller stops,
//   the pace doubles within climb + hold + 1.7 s of the last cut (7.7 s).
// Only the first throttle of a burst cuts: answers to attempts sent before the last cut were
// already too fast when it happened (TCP's one reduction per window).
//
// Guarantees (tests/engine/adaptive_rate_test.cpp): after a cut the pace is ≤ β × the pace before;
// never above the ceiling nor below `floor`; without a throttle, the ceiling again within
// time_to_ceiling(); a clock that steps back is taken as standing still.
#pragma once

#include <hotlive/report_contents.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <optional>

namespace hotlive::detail {

class adaptive_rate {
public:
    using clock = std::chrono::steady_clock;
    using time_point = clock::time_point;
    using seconds = std::chrono::duration<double>;

    static constexpr double beta = 0.7;
    static constexpr double plateau = 0.97;
    static constexpr seconds climb{2.0};
    static constexpr seconds hold{4.0};
    static constexpr seconds probe_doubling{0.3};
    static constexpr double probe_start = 0.02;  // the probe's first excess over the plateau
    static constexpr double floor = 0.5;         // calls/s: one call every two seconds at worst

    // `ceiling` in calls/s (0: none, the pace is unlimited until the first throttle).
    adaptive_rate(double ceiling, time_point now);

    // The pace allowed now, in calls/s; 0 when unlimited. Accumulates the figures.
    double allowed(time_point now);
    // An attempt left at `now` (the measured send rate).
    void on_sent(time_point now);
    // The answer to an attempt sent at `sent_at` came back at `now`: `throttled` when it said
    // "too fast". Returns true when it cut the pace.
    bool on_answer(bool throttled, time_point sent_at, time_point now);

    // Longest the pace takes from a cut to the ceiling without another throttle.
    [[nodiscard]] seconds time_to_ceiling() const;
    [[nodiscard]] pace_figures figures() const;

private:
    // The curve at `since` after the last cut, for a pace W that was too fast.
    [[nodiscard]] double curve(seconds since) const;
    [[nodiscard]] std::optional<double> measured(time_point now) const;
    time_point steady(time_point now);

    double ceiling_;  // 0: none
    time_point latest_;
    // Since the last cut:
    std::optional<time_point> cut_at_;
    double too_fast_ = 0;  // W: the pace at the throttle
    // The last sends, for the measured rate.
    std::array<time_point, 32> sends_{};
    std::size_t sends_count_ = 0;
    std::size_t next_send_ = 0;
    // Figures:
    std::size_t reductions_ = 0;
    double lowest_ = 0;
    double integral_ = 0;  // ∫ pace dt since the first cut (calls)
    std::optional<time_point> integrated_until_;
    time_point first_cut_at_{};
    double last_allowed_ = 0;
};

}  // namespace hotlive::detail
