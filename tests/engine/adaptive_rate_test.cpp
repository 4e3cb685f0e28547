// Adaptive pacing on a fake clock: the cut, the climb back, the ceiling, the floor, the
// figures, and a clock that steps back.
#include "engine/adaptive_rate.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>

using namespace std::chrono_literals;
using hotlive::detail::adaptive_rate;
using time_point = adaptive_rate::time_point;

namespace {

const time_point t0 = time_point{} + 1000h;

// Sends at `per_second` from `from` for `span`; returns when the last went.
time_point send_at(adaptive_rate& pace, double per_second, time_point from, std::chrono::milliseconds span) {
    const auto gap = std::chrono::nanoseconds{static_cast<std::int64_t>(1e9 / per_second)};
    time_point at = from;
    for (; at < from + span; at += gap) pace.on_sent(at);
    return at - gap;
}

// A run at the ceiling of 9 for two seconds, then a throttle: W = 9.
struct throttled_at_nine {
    adaptive_rate pace{9, t0};
    time_point cut_at = send_at(pace, 9, t0, 2000ms) + 10ms;
    bool cut = pace.on_answer(true, cut_at - 5ms, cut_at);
};

}  // namespace

BOOST_AUTO_TEST_SUITE(adaptive_rate_suite)

BOOST_AUTO_TEST_CASE(the_pace_starts_at_the_ceiling_and_answers_without_throttling_keep_it_there) {
    adaptive_rate pace(9, t0);
    BOOST_TEST(pace.allowed(t0) == 9.0);
    BOOST_TEST(!pace.on_answer(false, t0, t0 + 10ms));
    BOOST_TEST(pace.allowed(t0 + 1h) == 9.0);
    BOOST_TEST(pace.figures().reductions == 0U);
    BOOST_TEST(!pace.figures().settled.has_value());
}

BOOST_AUTO_TEST_CASE(a_throttle_cuts_the_pace_to_at_most_seven_tenths) {
    throttled_at_nine run;
    BOOST_TEST(run.cut);
    BOOST_TEST(run.pace.allowed(run.cut_at) <= 0.7 * 9.0 + 1e-9);
    BOOST_TEST(run.pace.allowed(run.cut_at) == 0.7 * 9.0, boost::test_tools::tolerance(0.001));
    BOOST_TEST(run.pace.figures().reductions == 1U);
    BOOST_TEST(*run.pace.figures().lowest == 6.3, boost::test_tools::tolerance(0.001));
}

BOOST_AUTO_TEST_CASE(the_cut_starts_from_the_pace_measured_when_the_run_sent_slower_than_allowed) {
    adaptive_rate pace(9, t0);
    const auto last = send_at(pace, 3, t0, 2000ms);
    BOOST_TEST(pace.on_answer(true, last, last + 5ms));
    BOOST_TEST(pace.allowed(last + 5ms) == 2.1, boost::test_tools::tolerance(0.001));
}

BOOST_AUTO_TEST_CASE(only_the_first_throttle_of_a_burst_cuts) {
    throttled_at_nine run;
    const double after_cut = run.pace.allowed(run.cut_at);
    // Sent before the cut: it was too fast when the cut happened.
    BOOST_TEST(!run.pace.on_answer(true, run.cut_at - 1ms, run.cut_at + 20ms));
    BOOST_TEST(run.pace.allowed(run.cut_at + 20ms) >= after_cut);
    // Sent after it: the pace is still too fast, and comes down again.
    const double before = run.pace.allowed(run.cut_at + 500ms);
    BOOST_TEST(run.pace.on_answer(true, run.cut_at + 400ms, run.cut_at + 500ms));
    BOOST_TEST(run.pace.allowed(run.cut_at + 500ms) <= 0.7 * before + 1e-9);
    BOOST_TEST(run.pace.figures().reductions == 2U);
}

BOOST_AUTO_TEST_CASE(without_a_throttle_the_ceiling_comes_back_within_the_time_the_curve_promises) {
    throttled_at_nine run;
    // W = 9 is the ceiling: climb 2 s, hold 4 s at 97 %, then the probe's excess doubles every
    // 0.3 s from 2 %: 0.3 · log2(1 + (1/0.97 - 1)/0.02) = 0.405 s more.
    const auto promised = run.pace.time_to_ceiling();
    BOOST_TEST(promised.count() == 6.405, boost::test_tools::tolerance(0.001));
    const auto when = run.cut_at + std::chrono::duration_cast<std::chrono::nanoseconds>(promised);
    // Climbing all the way (the clock only goes forward here), and not there much earlier.
    double previous = 0;
    for (auto at = run.cut_at; at < when - 100ms; at += 10ms) {
        const double now = run.pace.allowed(at);
        BOOST_TEST(now >= previous);
        BOOST_TEST(now < 9.0);
        if (at == run.cut_at + 2s || at == run.cut_at + 5s)
            BOOST_TEST(now == 0.97 * 9, boost::test_tools::tolerance(0.001));
        previous = now;
    }
    BOOST_TEST(run.pace.allowed(when + 1ms) == 9.0);
}

BOOST_AUTO_TEST_CASE(a_pace_cut_by_another_caller_doubles_within_eight_seconds) {
    adaptive_rate pace(9, t0);
    const auto last = send_at(pace, 4, t0, 2000ms);
    BOOST_TEST(pace.on_answer(true, last, last + 5ms));
    // W = 4: twice that, 8, within climb + hold + 0.3 · log2(1 + (2/0.97 - 1)/0.02) = 7.73 s.
    BOOST_TEST(pace.allowed(last + 5ms + 7000ms) < 8.0);
    BOOST_TEST(pace.allowed(last + 5ms + 7750ms) >= 8.0);
}

BOOST_AUTO_TEST_CASE(the_pace_is_never_above_the_ceiling_nor_below_the_floor) {
    throttled_at_nine climbing;
    for (auto at = climbing.cut_at; at < climbing.cut_at + 10min; at += 100ms) {
        BOOST_TEST(climbing.pace.allowed(at) <= 9.0);
    }
    // Throttled again and again, each time by an attempt sent after the last cut.
    throttled_at_nine run;
    auto at = run.cut_at;
    for (int i = 0; i < 40; ++i) {
        at += 100ms;
        run.pace.on_sent(at - 1ms);
        (void)run.pace.on_answer(true, at - 1ms, at);
        BOOST_TEST(run.pace.allowed(at) >= adaptive_rate::floor);
    }
    BOOST_TEST(run.pace.allowed(at) == adaptive_rate::floor);
    BOOST_TEST(*run.pace.figures().lowest == adaptive_rate::floor);
}

BOOST_AUTO_TEST_CASE(a_clock_that_steps_back_changes_nothing) {
    throttled_at_nine stepped;
    throttled_at_nine steady;
    const double at_cut = stepped.pace.allowed(stepped.cut_at);
    // Ten seconds back: the pace stays where it was, and nothing is cut or minted.
    BOOST_TEST(stepped.pace.allowed(stepped.cut_at - 10s) == at_cut);
    BOOST_TEST(!stepped.pace.on_answer(true, stepped.cut_at - 11s, stepped.cut_at - 10s));
    stepped.pace.on_sent(stepped.cut_at - 9s);
    // Then on as the steady one does.
    for (auto at = stepped.cut_at; at < stepped.cut_at + 8s; at += 250ms) {
        BOOST_TEST(stepped.pace.allowed(at) == steady.pace.allowed(at));
    }
    BOOST_TEST(stepped.pace.figures().reductions == 1U);
}

BOOST_AUTO_TEST_CASE(without_a_ceiling_the_pace_is_free_until_the_first_throttle) {
    adaptive_rate pace(0, t0);
    BOOST_TEST(pace.allowed(t0) == 0.0);  // unlimited
    // One send says nothing of a pace: no cut.
    pace.on_sent(t0 - 2s);
    BOOST_TEST(!pace.on_answer(true, t0 - 2s, t0 - 2s + 1ms));
    BOOST_TEST(pace.allowed(t0) == 0.0);
    const auto last = send_at(pace, 100, t0, 1000ms);
    BOOST_TEST(pace.on_answer(true, last, last + 1ms));
    BOOST_TEST(pace.allowed(last + 1ms) == 70.0, boost::test_tools::tolerance(0.01));
    // The probe grows past any quota: free again.
    BOOST_TEST(pace.allowed(last + 1min) == 0.0);
}

BOOST_AUTO_TEST_CASE(the_pace_settled_is_the_mean_allowed_since_the_first_cut) {
    throttled_at_nine run;
    for (auto at = run.cut_at; at <= run.cut_at + 6s; at += 1ms) (void)run.pace.allowed(at);
    // W = 9 over the 2 s climb: 9 · (0.97 · 2 - 0.27 · 2 / 4) = 16.245 calls; the 4 s hold:
    // 9 · 0.97 · 4 = 34.92; over 6 s.
    const auto figures = run.pace.figures();
    BOOST_TEST(*figures.settled == (16.245 + 34.92) / 6, boost::test_tools::tolerance(0.001));
    BOOST_TEST(figures.ceiling == 9.0);
    BOOST_TEST(figures.adaptive);
}

BOOST_AUTO_TEST_SUITE_END()
