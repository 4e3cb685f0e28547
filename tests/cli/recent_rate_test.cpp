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
    BOOST_TEST(rate.per_second(t0).value() == 0.0);
}

// The first 0.2 s of a run: 34 calls. Over a second it would read 34/s (an ETA three times too
// long), over 0.2 s 170/s (a pace the limiter may not keep): neither is known yet.
BOOST_AUTO_TEST_CASE(less_than_a_second_of_calls_gives_no_rate) {
    recent_rate rate;
    add_evenly(rate, t0, 200ms, 34);
    BOOST_TEST(!rate.per_second(t0 + 200ms).has_value());
    BOOST_TEST(!rate.per_second(t0 + 999ms).has_value());
    add_evenly(rate, t0 + 200ms, 800ms, 136);  // 170/s for a whole second
    BOOST_TEST(rate.per_second(t0 + 1s).value() == 170.0, boost::test_tools::tolerance(0.01));
}

BOOST_AUTO_TEST_CASE(a_steady_pace_reads_as_itself) {
    recent_rate rate;
    add_evenly(rate, t0, 30s, 270);  // 9/s for 30 s
    BOOST_TEST(rate.per_second(t0 + 30s).value() == 9.0, boost::test_tools::tolerance(0.12));
    // Early on, over the time since the first call (at least a second).
    recent_rate early;
    add_evenly(early, t0, 2s, 18);
    BOOST_TEST(early.per_second(t0 + 2s).value() == 9.0, boost::test_tools::tolerance(0.01));
}

// The case it exists for: a run that waits 30 s between two waves.
BOOST_AUTO_TEST_CASE(a_wait_between_waves_drops_to_zero_and_the_next_wave_shows_its_own_pace) {
    recent_rate rate;
    add_evenly(rate, t0, 2s, 20);                          // the first wave: 10/s
    BOOST_TEST(rate.per_second(t0 + 25s).value() == 0.0);  // waiting
    add_evenly(rate, t0 + 32s, 3s, 30);                    // the second wave: 10/s, 3 s in
    BOOST_TEST(rate.per_second(t0 + 35s).value() == 10.0, boost::test_tools::tolerance(0.01));
    add_evenly(rate, t0 + 35s, 7s, 70);  // and 10 s in
    BOOST_TEST(rate.per_second(t0 + 42s).value() == 10.0, boost::test_tools::tolerance(0.11));
    // Since the first call it would read 120 / 42 s, under 3/s; over a fixed 10 s, 3 s into the
    // second wave, 30 / 10 s.
}

BOOST_AUTO_TEST_CASE(a_long_silence_empties_every_bucket) {
    recent_rate rate;
    add_evenly(rate, t0, 5s, 500);
    BOOST_TEST(rate.per_second(t0 + 1h).value() == 0.0);
    rate.add(t0 + 1h + 200ms);
    BOOST_TEST(!rate.per_second(t0 + 1h + 500ms).has_value());  // not a second yet
    BOOST_TEST(rate.per_second(t0 + 1h + 4500ms).value() == 1.0 / 4.3, boost::test_tools::tolerance(0.01));
}

BOOST_AUTO_TEST_SUITE_END()
