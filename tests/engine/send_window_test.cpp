// The one-second send window on a fake clock.
#include <hotlive/rate_limiter.hpp>
#include <hotlive/send_window.hpp>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <queue>
#include <utility>
#include <vector>

using namespace hotlive;
using namespace std::chrono_literals;
using time_point = send_window::time_point;

namespace {
const time_point t0{std::chrono::hours{1}};
}

BOOST_AUTO_TEST_CASE(the_limit_th_send_in_a_second_waits_for_the_oldest_to_age_out) {
    send_window window(3, 1s);
    for (const auto at : {t0, t0 + 100ms, t0 + 200ms}) {
        BOOST_TEST((window.earliest(at) == at));
        window.record(at);
    }
    BOOST_TEST((window.earliest(t0 + 300ms) == t0 + 1s));
    window.record(t0 + 1s);
    BOOST_TEST((window.earliest(t0 + 1s) == t0 + 1100ms));
    BOOST_TEST((window.earliest(t0 + 5s) == t0 + 5s));
}

// rate + burst sends in a second and 5 ms, or a second and one slot when a slot is shorter.
BOOST_AUTO_TEST_CASE(the_window_for_a_rate_is_a_second_and_a_guard_of_at_most_one_slot) {
    const struct {
        std::uint32_t rate, burst;
        std::chrono::microseconds span;
    } cases[] = {{9, 1, 1005ms}, {200, 1, 1005ms}, {200, 10, 1005ms}, {1000, 1, 1001ms}, {4000, 2, 1000250us}};
    for (const auto& c : cases) {
        send_window window = send_window::for_rate(c.rate, c.burst);
        for (std::uint32_t i = 0; i < c.rate + c.burst; ++i) {
            BOOST_TEST((window.earliest(t0) == t0));
            window.record(t0);
        }
        BOOST_TEST((window.earliest(t0) == t0 + c.span), "rate " << c.rate << " burst " << c.burst);
    }
}

BOOST_AUTO_TEST_CASE(no_limit_never_waits) {
    send_window window = send_window::for_rate(0, 1);
    window.record(t0);
    BOOST_TEST((window.earliest(t0) == t0));
}

namespace {

// Slots booked ahead at 200/s, burst 1; the first two callers stalled until 12 ms. The callers
// then go out as the engine sends them: in time order, each one that finds the window full
// waiting until it opens and looking again. Returns the most sends in any `span`, with the
// window guarding the sends or not.
std::size_t most_in(std::chrono::milliseconds span, bool guarded) {
    rate_limiter limiter(200, 1, t0);
    send_window window = send_window::for_rate(guarded ? 200 : 0, 1);
    using waiting = std::pair<time_point, int>;  // when a caller looks at the window next, and who
    std::priority_queue<waiting, std::vector<waiting>, std::greater<>> callers;
    for (int i = 0; i < 600; ++i) {
        const auto slot = limiter.reserve(t0);
        callers.emplace(i < 2 ? t0 + 12ms : slot, i);  // the first two woke late for their slots
    }
    std::vector<time_point> sends;
    while (!callers.empty()) {
        const auto [now, who] = callers.top();
        callers.pop();
        if (const auto opens = window.earliest(now); opens > now) {
            callers.emplace(opens, who);
            continue;
        }
        window.record(now);
        sends.push_back(now);
    }
    std::size_t most = 0;
    for (std::size_t first = 0, i = 0; i < sends.size(); ++i) {
        while (sends[i] - sends[first] >= span) ++first;
        most = std::max(most, i - first + 1);
    }
    return most;
}

}  // namespace

// The case it exists for: late callers crowd the next second to rate + burst + 1 without it.
BOOST_AUTO_TEST_CASE(late_callers_do_not_crowd_a_second_above_rate_plus_burst) {
    BOOST_TEST(most_in(1000ms, false) == 202u);
    BOOST_TEST(most_in(1000ms, true) == 201u);
    // The guard: 201 even in a window 5 ms longer, so arrivals up to 5 ms closer stay at 201.
    BOOST_TEST(most_in(1005ms, false) == 203u);
    BOOST_TEST(most_in(1005ms, true) == 201u);
}

// The guard is at most one slot, so sends paced as the limiter books them never wait for it:
// from a burst at the start, through a pause that refills the burst, at every rate.
BOOST_AUTO_TEST_CASE(the_guard_never_holds_back_a_send_on_its_booked_slot) {
    for (const std::uint32_t rate : {1u, 9u, 100u, 200u, 1000u, 5000u}) {
        for (const std::uint32_t burst : {1u, 3u, 50u}) {
            rate_limiter limiter(rate, burst, t0);
            send_window window = send_window::for_rate(rate, burst);
            auto now = t0;
            std::size_t held_back = 0;
            for (std::uint32_t i = 0; i < 3 * (rate + burst); ++i) {
                if (i == rate + burst) now += 10s;  // a pause: the burst refills
                const auto slot = std::max(now, limiter.reserve(now));
                if (window.earliest(slot) != slot) ++held_back;
                window.record(slot);
                now = slot;
            }
            BOOST_TEST(held_back == 0u, "rate " << rate << " burst " << burst);
        }
    }
}
