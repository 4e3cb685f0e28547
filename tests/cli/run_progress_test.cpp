// The progress line's words, fed by the recent rate on a fake clock: no rate or ETA until a
// second of calls has been seen, then an ETA that is the calls left at that rate.
#include "cli/run_progress.hpp"
#include "cli/recent_rate.hpp"

#include <boost/test/unit_test.hpp>

using namespace std::chrono_literals;
using hotlive::cli::progress_line;
using hotlive::cli::recent_rate;

BOOST_AUTO_TEST_SUITE(run_progress_line)

BOOST_AUTO_TEST_CASE(a_fifth_of_a_second_in_shows_counts_but_no_rate_or_eta) {
    const recent_rate::time_point t0{std::chrono::hours{1}};
    recent_rate sent;
    for (int i = 0; i < 34; ++i) sent.add(t0 + 200ms * i / 34);
    BOOST_TEST(progress_line(34, 200, 34, 0, sent.per_second(t0 + 200ms)) == "34/200 done, 34 warm, 0 failed");

    // A second later: 68 calls in 1.2 s, 56.7/s, and the 132 left take about 2.3 s.
    for (int i = 0; i < 34; ++i) sent.add(t0 + 200ms + 1s * i / 34);
    BOOST_TEST(progress_line(68, 200, 68, 0, sent.per_second(t0 + 1200ms)) ==
               "68/200 done, 68 warm, 0 failed, 56.7 calls/s, ETA 2 s");
}

BOOST_AUTO_TEST_CASE(the_eta_is_the_calls_left_at_the_rate) {
    BOOST_TEST(progress_line(100, 1000, 90, 10, 9.0) ==
               "100/1000 done, 90 warm, 10 failed, 9.0 calls/s, ETA 1 min 40 s");
    BOOST_TEST(progress_line(1000, 1000, 1000, 0, 9.0) == "1000/1000 done, 1000 warm, 0 failed, 9.0 calls/s, ETA 0 s");
    // Waiting for the next wave: nothing sent lately, so no ETA.
    BOOST_TEST(progress_line(10, 70, 10, 0, 0.0) == "10/70 done, 10 warm, 0 failed, 0.0 calls/s, ETA -");
}

BOOST_AUTO_TEST_CASE(a_pace_held_below_the_ceiling_is_shown_against_it) {
    BOOST_TEST(progress_line(40, 300, 40, 0, 5.6, hotlive::cli::pace_shown{5.83, 9}) ==
               "40/300 done, 40 warm, 0 failed, 5.6 calls/s, rate 5.8/9, ETA 46 s");
}

BOOST_AUTO_TEST_SUITE_END()

// Issue 14.3: a countdown in whole seconds rounded up, so a wait the plan gives as 30 s reads
// 30 s at its start (it read 31 s), and 1 s in its last second.
BOOST_AUTO_TEST_SUITE(countdown)

BOOST_AUTO_TEST_CASE(the_seconds_left_are_rounded_up) {
    using hotlive::cli::seconds_until;
    const std::chrono::system_clock::time_point at{std::chrono::hours{100}};
    BOOST_TEST(seconds_until(at, at - 30s) == 30);
    BOOST_TEST(seconds_until(at, at - 29'999ms) == 30);
    BOOST_TEST(seconds_until(at, at - 29s) == 29);
    BOOST_TEST(seconds_until(at, at - 1ms) == 1);
    BOOST_TEST(seconds_until(at, at) == 0);
}

BOOST_AUTO_TEST_SUITE_END()
