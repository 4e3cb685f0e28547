// When a schedule's calls are due at the plan's pace, and which ones a deadline cuts off.
#include <hotlive/schedule_forecast.hpp>

#include <boost/test/unit_test.hpp>

#include <vector>

using namespace hotlive;
using namespace std::chrono_literals;

namespace {

const forecast_time t0{std::chrono::sys_days{std::chrono::year{2026} / 12 / 31} + 20h};

rate_limits pace(std::uint32_t rate, std::uint32_t burst) {
    rate_limits limits;
    limits.rate = rate;
    limits.burst = burst;
    return limits;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(schedule_forecast)

BOOST_AUTO_TEST_CASE(waves_that_fit_start_at_their_time_and_take_their_pace) {
    const std::vector<schedule_part> parts{{10, t0}, {10, t0 + 10s}};
    const auto f = forecast_schedule(parts, pace(9, 1), std::nullopt);
    BOOST_TEST_REQUIRE(f.size() == 2u);
    BOOST_TEST((f[0].starts == t0));
    BOOST_TEST((f[0].finishes == t0 + 1000ms));  // 9 paced calls at 9/s
    BOOST_TEST((f[1].starts == t0 + 10s));
    BOOST_TEST((f[1].finishes == t0 + 11s));
    BOOST_TEST(f[0].past_deadline + f[1].past_deadline == 0u);
}

BOOST_AUTO_TEST_CASE(a_wave_that_overruns_delays_the_next_one) {
    const std::vector<schedule_part> parts{{100, t0}, {10, t0 + 5s}};
    const auto f = forecast_schedule(parts, pace(10, 1), std::nullopt);
    BOOST_TEST((f[0].finishes == t0 + 9900ms));
    BOOST_TEST((f[1].starts == t0 + 9900ms));
    BOOST_TEST((f[1].finishes == t0 + 10800ms));
}

BOOST_AUTO_TEST_CASE(calls_due_at_or_after_the_deadline_are_counted) {
    // At 10/s, burst 1: one call at t0, then one every 100 ms; the one due at t0 + 5 s is too late.
    const std::vector<schedule_part> parts{{100, t0}};
    BOOST_TEST(forecast_schedule(parts, pace(10, 1), t0 + 5s)[0].past_deadline == 50u);
    // 11 calls: the last is due exactly at the deadline.
    const std::vector<schedule_part> eleven{{11, t0}};
    BOOST_TEST(forecast_schedule(eleven, pace(10, 1), t0 + 1s)[0].past_deadline == 1u);
    BOOST_TEST(forecast_schedule(eleven, pace(10, 1), t0 + 1001ms)[0].past_deadline == 0u);
    // The burst goes at once.
    BOOST_TEST(forecast_schedule(parts, pace(10, 20), t0 + 1ms)[0].past_deadline == 80u);
}

BOOST_AUTO_TEST_CASE(a_part_starting_after_the_deadline_sends_nothing) {
    const std::vector<schedule_part> parts{{5, t0}, {7, t0 + 1h}};
    const auto f = forecast_schedule(parts, pace(10, 1), t0 + 30min);
    BOOST_TEST(f[0].past_deadline == 0u);
    BOOST_TEST(f[1].past_deadline == 7u);
}

BOOST_AUTO_TEST_CASE(an_unlimited_rate_sends_everything_at_once) {
    const std::vector<schedule_part> parts{{1'000'000, t0}};
    const auto f = forecast_schedule(parts, pace(0, 1), t0 + 1ms);
    BOOST_TEST((f[0].finishes == t0));
    BOOST_TEST(f[0].past_deadline == 0u);
    BOOST_TEST(forecast_schedule(parts, pace(0, 1), t0)[0].past_deadline == 1'000'000u);
}

BOOST_AUTO_TEST_CASE(a_far_deadline_at_the_highest_rate_does_not_overflow) {
    const std::vector<schedule_part> parts{{1'000'000, t0}};
    const auto f = forecast_schedule(parts, pace(4'000'000'000u, 1), t0 + 24h * 365 * 100);
    BOOST_TEST(f[0].past_deadline == 0u);
    BOOST_TEST(forecast_schedule(parts, pace(100'000, 1), t0 + 5s)[0].past_deadline == 1'000'000u - 500'000u);
}

BOOST_AUTO_TEST_SUITE_END()
