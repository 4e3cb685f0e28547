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
    BOOST_TEST((f[1].starts == t0 + 10000ms));  // the slot after the first wave's last
    BOOST_TEST((f[1].finishes == t0 + 10900ms));
}

// One limiter for the run, as in the engine: the burst a wave used is not there for the next.
BOOST_AUTO_TEST_CASE(an_overrunning_wave_finds_no_burst_left) {
    // At 1/s, burst 5: the first wave goes out at t0 (5 at once), t0+1s ... t0+5s, which leaves
    // the bucket empty until t0+10s; the second wave's calls get t0+6s ... t0+10s, not all of them
    // at once at t0+2s, and a deadline at t0+8s cuts three.
    const std::vector<schedule_part> parts{{10, t0}, {5, t0 + 2s}};
    const auto f = forecast_schedule(parts, pace(1, 5), t0 + 8s);
    BOOST_TEST((f[0].finishes == t0 + 5s));
    BOOST_TEST((f[1].starts == t0 + 6s));
    BOOST_TEST((f[1].finishes == t0 + 10s));
    BOOST_TEST(f[0].past_deadline == 0u);
    BOOST_TEST(f[1].past_deadline == 3u);
}

BOOST_AUTO_TEST_CASE(a_wave_without_calls_starts_and_ends_at_its_time) {
    const std::vector<schedule_part> parts{{3, t0}, {0, t0 + 1s}, {2, t0 + 2s}};
    const auto f = forecast_schedule(parts, pace(1, 1), std::nullopt);
    BOOST_TEST((f[1].starts == t0 + 1s));
    BOOST_TEST((f[1].finishes == t0 + 1s));
    BOOST_TEST((f[2].starts == t0 + 3s));
    BOOST_TEST((f[2].finishes == t0 + 4s));
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

BOOST_AUTO_TEST_CASE(a_million_calls_at_the_highest_rate_are_counted_exactly) {
    // --rate and the loader allow up to 100,000/s: one slot every 10 us.
    const std::vector<schedule_part> parts{{1'000'000, t0}};
    const auto f = forecast_schedule(parts, pace(100'000, 1), t0 + 5s);
    BOOST_TEST(f[0].past_deadline == 500'000u);
    BOOST_TEST((f[0].finishes == t0 + 9999ms));  // 999,999 slots of 10 us: 9.99999 s
}

// The run's duration as `hotlive plan` and `validate` show it: the forecast of one part.
BOOST_AUTO_TEST_CASE(duration_starts_the_burst_at_once_and_paces_the_rest) {
    BOOST_TEST(forecast_duration(0, {9, 1, 16}).count() == 0);
    BOOST_TEST(forecast_duration(1, {9, 1, 16}).count() == 0);
    BOOST_TEST(forecast_duration(10, {9, 1, 16}).count() == 1000);
    BOOST_TEST(forecast_duration(2000, {200, 1, 16}).count() == 9995);
    BOOST_TEST(forecast_duration(11, {10, 1, 16}).count() == 1000);
    BOOST_TEST(forecast_duration(1'000'000, {0, 1, 16}).count() == 0);  // unlimited
    BOOST_TEST(forecast_duration(25, {10, 5, 16}).count() == 2000);     // 5 at once, 20 at 10/s
}

BOOST_AUTO_TEST_CASE(duration_is_the_forecast_of_one_part) {
    for (const std::size_t calls : {1u, 7u, 1000u, 123'457u}) {
        for (const auto limits : {pace(3, 1), pace(7, 4), pace(100'000, 1)}) {
            const std::vector<schedule_part> parts{{calls, t0}};
            const auto f = forecast_schedule(parts, limits, std::nullopt);
            BOOST_TEST((forecast_duration(calls, limits) == f[0].finishes - f[0].starts));
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
