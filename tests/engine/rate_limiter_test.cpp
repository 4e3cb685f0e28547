// The limiter on a fake clock: time is whatever the test says it is.
#include <hotlive/rate_limiter.hpp>

#include <boost/test/unit_test.hpp>

#include <deque>
#include <vector>

using namespace hotlive;
using namespace std::chrono_literals;
using time_point = rate_limiter::time_point;

namespace {
const time_point t0{std::chrono::hours{1}};

// The most admissions in any window of `window` among sorted start times.
std::size_t max_in_window(const std::vector<time_point>& starts, std::chrono::nanoseconds window) {
    std::size_t best = 0;
    std::size_t first = 0;
    for (std::size_t i = 0; i < starts.size(); ++i) {
        while (starts[i] - starts[first] >= window) ++first;
        best = std::max(best, i - first + 1);
    }
    return best;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(rate_limiter_suite)

// golang.org/x/time/rate TestLimiterBurst1: one token, refilled every 1/rate.
BOOST_AUTO_TEST_CASE(burst_1_admits_one_then_one_per_interval) {
    rate_limiter limiter(10, 1, t0);
    BOOST_TEST(limiter.try_acquire(t0));
    BOOST_TEST(!limiter.try_acquire(t0));
    BOOST_TEST(!limiter.try_acquire(t0 + 99ms));
    BOOST_TEST(limiter.try_acquire(t0 + 100ms));
    BOOST_TEST(!limiter.try_acquire(t0 + 150ms));
    BOOST_TEST(limiter.try_acquire(t0 + 200ms));
}

// TestLimiterBurst3: three back to back, then the steady rate.
BOOST_AUTO_TEST_CASE(burst_3_admits_three_back_to_back) {
    rate_limiter limiter(10, 3, t0);
    BOOST_TEST(limiter.try_acquire(t0));
    BOOST_TEST(limiter.try_acquire(t0));
    BOOST_TEST(limiter.try_acquire(t0));
    BOOST_TEST(!limiter.try_acquire(t0));
    BOOST_TEST(limiter.try_acquire(t0 + 100ms));
    BOOST_TEST(!limiter.try_acquire(t0 + 100ms));
    // A long pause refills the whole burst, no more.
    BOOST_TEST(limiter.try_acquire(t0 + 10s));
    BOOST_TEST(limiter.try_acquire(t0 + 10s));
    BOOST_TEST(limiter.try_acquire(t0 + 10s));
    BOOST_TEST(!limiter.try_acquire(t0 + 10s));
}

// TestLimiterJumpBackwards: a clock that goes back mints no tokens.
BOOST_AUTO_TEST_CASE(a_clock_that_jumps_backwards_mints_no_tokens) {
    rate_limiter limiter(10, 1, t0);
    BOOST_TEST(limiter.try_acquire(t0 + 1s));
    BOOST_TEST(!limiter.try_acquire(t0));
    BOOST_TEST(!limiter.try_acquire(t0 + 500ms));
    BOOST_TEST(limiter.try_acquire(t0 + 1100ms));
}

// x/time/rate's "15 concurrent callers with burst 5": exactly five get through at one instant.
BOOST_AUTO_TEST_CASE(fifteen_simultaneous_callers_with_burst_5_admit_exactly_5) {
    rate_limiter limiter(1, 5, t0);
    int admitted = 0;
    for (int i = 0; i < 15; ++i) admitted += limiter.try_acquire(t0 + 10s) ? 1 : 0;
    BOOST_TEST(admitted == 5);
}

// RELIABILITY.md 1: r = 100/s, b = 100, offered 500/s for 5 s.
BOOST_AUTO_TEST_CASE(admissions_stay_within_the_envelope_under_five_times_the_load) {
    rate_limiter limiter(100, 100, t0);
    std::size_t admitted = 0;
    for (int i = 0; i <= 2500; ++i) admitted += limiter.try_acquire(t0 + i * 2ms) ? 1u : 0u;
    const double envelope = 100 + 100 * 5.0;
    BOOST_TEST(static_cast<double>(admitted) <= envelope + 1);
    BOOST_TEST(static_cast<double>(admitted) >= 0.999 * envelope);
}

BOOST_AUTO_TEST_CASE(reservations_queue_one_interval_apart) {
    rate_limiter limiter(200, 1, t0);
    BOOST_TEST((limiter.reserve(t0) == t0));
    BOOST_TEST((limiter.reserve(t0) == t0 + 5ms));
    BOOST_TEST((limiter.reserve(t0) == t0 + 10ms));
    // A caller arriving later than its slot starts at once.
    BOOST_TEST((limiter.reserve(t0 + 1s) == t0 + 1s));
    BOOST_TEST((limiter.reserve(t0 + 1s) == t0 + 1s + 5ms));
}

BOOST_AUTO_TEST_CASE(production_pacing_never_exceeds_10_in_any_second) {
    // RELIABILITY.md 2: r = 9/s, b = 1, 60 calls, however they arrive.
    rate_limiter limiter(9, 1, t0);
    std::vector<time_point> starts;
    for (int i = 0; i < 60; ++i) starts.push_back(limiter.reserve(t0 + (i % 7) * 13ms));
    std::sort(starts.begin(), starts.end());
    BOOST_TEST(max_in_window(starts, 1s) <= 10u);
    // and the run takes (N - 1) / rate.
    BOOST_TEST((starts.back() - starts.front() >= 59 * limiter.interval()));
}

BOOST_AUTO_TEST_CASE(the_interval_rounds_up_so_the_rate_is_never_exceeded) {
    rate_limiter limiter(9, 1, t0);
    BOOST_TEST(limiter.interval().count() == 111'111'112);
    BOOST_TEST(rate_limiter(3, 1, t0).interval().count() == 333'333'334);
}

BOOST_AUTO_TEST_CASE(rate_0_is_unlimited) {
    rate_limiter limiter(0, 1, t0);
    BOOST_TEST(limiter.unlimited());
    for (int i = 0; i < 1000; ++i) BOOST_TEST_REQUIRE((limiter.reserve(t0) == t0));
    BOOST_TEST(limiter.try_acquire(t0));
}

BOOST_AUTO_TEST_CASE(next_slot_books_nothing) {
    rate_limiter limiter(4, 1, t0);
    BOOST_TEST((limiter.next_slot(t0) == t0));
    BOOST_TEST((limiter.next_slot(t0) == t0));
    BOOST_TEST(limiter.try_acquire(t0));
    BOOST_TEST((limiter.next_slot(t0) == t0 + 250ms));
    BOOST_TEST(!limiter.try_acquire(t0 + 249ms));
    BOOST_TEST(limiter.try_acquire(t0 + 250ms));
}

BOOST_AUTO_TEST_CASE(a_new_rate_moves_the_next_slot_and_holds_from_then_on) {
    rate_limiter limiter(10, 1, t0);
    BOOST_TEST(limiter.try_acquire(t0));
    // Cut to 4/s: the next slot is a quarter second after the last, not a tenth.
    limiter.set_rate(4.0);
    BOOST_TEST((limiter.next_slot(t0) == t0 + 250ms));
    BOOST_TEST(limiter.try_acquire(t0 + 250ms));
    // Back up to 8/s: an eighth of a second.
    limiter.set_rate(8.0);
    BOOST_TEST((limiter.next_slot(t0 + 250ms) == t0 + 375ms));
    // A fractional rate rounds the interval up: 6.3/s is a slot every 158,730,159 ns.
    limiter.set_rate(6.3);
    BOOST_TEST(limiter.interval().count() == 158'730'159);
    std::vector<time_point> starts;
    for (auto at = t0 + 375ms; starts.size() < 63; at += 1ms) {
        if (limiter.try_acquire(at)) starts.push_back(at);
    }
    BOOST_TEST(max_in_window(starts, 1s) <= 7u);  // ⌈6.3⌉, the burst of 1 included
    BOOST_TEST((starts.back() - starts.front() >= 62 * limiter.interval()));
    limiter.set_rate(0);
    BOOST_TEST(limiter.unlimited());
    BOOST_TEST(limiter.try_acquire(starts.back()));
}

BOOST_AUTO_TEST_CASE(a_slot_taken_late_keeps_the_pace_and_an_idle_limiter_starts_afresh) {
    rate_limiter limiter(10, 1, t0);
    BOOST_TEST(limiter.try_acquire_on_time(t0));
    // The next slot opens at 100 ms; taken at 130 ms, the one after still opens at 200 ms.
    BOOST_TEST(!limiter.try_acquire_on_time(t0 + 99ms));
    BOOST_TEST(limiter.try_acquire_on_time(t0 + 130ms));
    BOOST_TEST((limiter.next_slot(t0 + 130ms) == t0 + 200ms));
    // Taken a whole interval late or more, the limiter was idle: the next opens 100 ms after now.
    BOOST_TEST(limiter.try_acquire_on_time(t0 + 450ms));
    BOOST_TEST((limiter.next_slot(t0 + 450ms) == t0 + 550ms));
    // However late its callers, never more than rate + burst in a second.
    std::vector<time_point> starts;
    for (auto at = t0 + 550ms; at < t0 + 10s; at += 7ms) {
        if (limiter.try_acquire_on_time(at)) starts.push_back(at);
    }
    BOOST_TEST(max_in_window(starts, 1s) <= 11u);
}

BOOST_AUTO_TEST_SUITE_END()
