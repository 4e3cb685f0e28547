// The one-second send window on a fake clock.
#include <hotlive/rate_limiter.hpp>
#include <hotlive/send_window.hpp>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <vector>

using namespace hotlive;
using namespace std::chrono_literals;
using time_point = send_window::time_point;

namespace {
const time_point t0{std::chrono::hours{1}};
}

BOOST_AUTO_TEST_CASE(the_limit_th_send_in_a_second_waits_for_the_oldest_to_age_out) {
    send_window window(3);
    for (const auto at : {t0, t0 + 100ms, t0 + 200ms}) {
        BOOST_TEST((window.earliest(at) == at));
        window.record(at);
    }
    BOOST_TEST((window.earliest(t0 + 300ms) == t0 + 1s));
    window.record(t0 + 1s);
    BOOST_TEST((window.earliest(t0 + 1s) == t0 + 1100ms));
    BOOST_TEST((window.earliest(t0 + 5s) == t0 + 5s));
}

BOOST_AUTO_TEST_CASE(no_limit_never_waits) {
    send_window window(0);
    window.record(t0);
    BOOST_TEST((window.earliest(t0) == t0));
}

namespace {

// Slots booked ahead at 200/s, burst 1; the first two callers stalled until 12 ms. Returns the
// most sends in any second, with the window guarding the sends or not.
std::size_t most_in_a_second(bool guarded) {
    rate_limiter limiter(200, 1, t0);
    send_window window(guarded ? 201 : 0);
    std::vector<time_point> sends;
    for (int i = 0; i < 600; ++i) {
        auto at = limiter.reserve(t0);
        if (i < 2) at = t0 + 12ms;  // woke late for their slots
        at = window.earliest(at);
        window.record(at);
        sends.push_back(at);
    }
    std::sort(sends.begin(), sends.end());
    std::size_t most = 0;
    for (std::size_t first = 0, i = 0; i < sends.size(); ++i) {
        while (sends[i] - sends[first] >= 1s) ++first;
        most = std::max(most, i - first + 1);
    }
    return most;
}

}  // namespace

// The case it exists for: late callers crowd the next second to rate + burst + 1 without it.
BOOST_AUTO_TEST_CASE(late_callers_do_not_crowd_a_second_above_rate_plus_burst) {
    BOOST_TEST(most_in_a_second(false) == 202u);
    BOOST_TEST(most_in_a_second(true) == 201u);
}
