// The progress line's rate on a fake clock: the pace of the last seconds, not of the whole run.
#include "cli/recent_rate.hpp"

#include <boost/test/unit_test.hpp>

using namespace std::chrono_literals;
using hotlive::cli::recent_rate;

namespace {
const recent_rate::time_point t0{std::chrono::hours{1}};

// `count` events spread evenly over [from, from + span).
void add_evenly(recent_rate& rate, recent_rate::time_point from, std::chrono::milliseconds span, int count) {
    for (int i = 0; i < count; ++i) rate.add(from + span * i / count);
}
}  // namespace

BOOST_AUTO_TEST_SUITE(recent_rate_suite)

BOOST_AUTO_TEST_CASE(nothing_yet_is_zero) {
    recent_rate rate;
    BOOST_TEST(rate.per_second(t0) == 0.0);
}

BOOST_AUTO_TEST_CASE(a_steady_pace_reads_as_itself) {
    recent_rate rate;
    add_evenly(rate, t0, 30s, 270);  // 9/s for 30 s
    BOOST_TEST(rate.per_second(t0 + 30s) == 9.0, boost::test_tools::tolerance(0.12));
    // Early on, over the time since the first call (at least a second).
    recent_rate early;
    add_evenly(early, t0, 2s, 18);
    BOOST_TEST(early.per_second(t0 + 2s) == 9.0, boost::test_tools::tolerance(0.01));
}

// The case it exists for: a run that waits 30 s between two waves.
BOOST_AUTO_TEST_CASE(a_wait_between_waves_drops_to_zero_and_the_next_wave_shows_its_own_pace) {
    recent_rate rate;
    add_evenly(rate, t0, 2s, 20);                  // the first wave: 10/s
    BOOST_TEST(rate.per_second(t0 + 25s) == 0.0);  // waiting
    add_evenly(rate, t0 + 32s, 3s, 30);            // the second wave: 10/s, 3 s in
    BOOST_TEST(rate.per_second(t0 + 35s) == 10.0, boost::test_tools::tolerance(0.01));
    add_evenly(rate, t0 + 35s, 7s, 70);  // and 10 s in
    BOOST_TEST(rate.per_second(t0 + 42s) == 10.0, boost::test_tools::tolerance(0.11));
    // Since the first call it would read 120 / 42 s, under 3/s; over a fixed 10 s, 3 s into the
    // second wave, 30 / 10 s.
}

BOOST_AUTO_TEST_CASE(a_long_silence_empties_every_bucket) {
    recent_rate rate;
    add_evenly(rate, t0, 5s, 500);
    BOOST_TEST(rate.per_second(t0 + 1h) == 0.0);
    rate.add(t0 + 1h + 200ms);
    BOOST_TEST(rate.per_second(t0 + 1h + 500ms) == 1.0);  // at least a second
    BOOST_TEST(rate.per_second(t0 + 1h + 4500ms) == 1.0 / 4.3, boost::test_tools::tolerance(0.01));
}

BOOST_AUTO_TEST_SUITE_END()
