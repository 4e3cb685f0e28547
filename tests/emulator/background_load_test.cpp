// --background-load: the other client's timetable on a fake clock (exact counts and boundaries),
// then its draw on the QPS limit over real sockets on a hand-driven clock, where the client gets
// exactly what the background leaves of the quota.
#include "emulator/background_load.hpp"
#include "emulator/harness.hpp"
#include "support/temp_dir.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

using namespace std::chrono_literals;
using namespace hotlive::test;
using hotlive::emulator_config;
namespace emu = hotlive::emu;

namespace {

const auto start = std::chrono::steady_clock::time_point{100s};

// How many signed calls out of `n` (on one connection, at the clock's present time) get a 200.
int admitted_of(const in_process_emulator& e, int n, const signing_options& options = {}) {
    http_connection connection{e.port()};
    int admitted = 0;
    for (int i = 0; i < n; ++i) {
        const auto x = connection.send(signed_wire({}, e.host(), options));
        BOOST_TEST_REQUIRE((x.outcome == read_outcome::complete), x.error);
        if (x.response.status == 200) {
            ++admitted;
        } else {
            BOOST_TEST(code_of(x.response) == "Throttling.User");
        }
    }
    return admitted;
}

// stats["background"] as {sent, admitted, throttled}.
std::array<std::int64_t, 3> background_of(const boost::json::object& stats) {
    const auto& b = stats.at("background").as_object();
    return {b.at("sent").as_int64(), b.at("admitted").as_int64(), b.at("throttled").as_int64()};
}

using counts = std::array<std::int64_t, 3>;

signing_options signed_by(const std::string& id, const std::string& secret) {
    signing_options options;
    options.access_key_id = id;
    options.access_key_secret = secret;
    return options;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(timetable)

BOOST_AUTO_TEST_CASE(rate_4_for_20_seconds_is_80_arrivals_a_quarter_second_apart_and_none_after) {
    emu::background_load load{start, 4, 20s};
    const auto due = load.due(start + 1h);
    BOOST_TEST(due.first == 0u);
    BOOST_TEST(due.count == 80u);
    BOOST_TEST((load.at(0) == start));
    BOOST_TEST((load.at(1) == start + 250ms));
    BOOST_TEST((load.at(79) == start + 19'750ms));
    BOOST_TEST(load.due(start + 2h).count == 0u);
}

BOOST_AUTO_TEST_CASE(asked_every_millisecond_each_arrival_is_due_exactly_at_its_time_and_only_once) {
    emu::background_load load{start, 4, 20s};
    std::uint64_t total = 0;
    for (auto t = 0ms; t <= 25s; t += 1ms) {
        const auto due = load.due(start + t);
        BOOST_TEST_REQUIRE(due.first == total);
        BOOST_TEST_REQUIRE(due.count == (t % 250ms == 0ms && t < 20s ? 1u : 0u), "at " << t.count() << " ms");
        total += due.count;
    }
    BOOST_TEST(total == 80u);
}

BOOST_AUTO_TEST_CASE(an_arrival_is_due_at_its_time_not_a_nanosecond_before) {
    emu::background_load load{start, 4, std::nullopt};
    BOOST_TEST(load.due(start).count == 1u);  // the first at the start itself
    BOOST_TEST(load.due(start + 250ms - 1ns).count == 0u);
    const auto due = load.due(start + 250ms);
    BOOST_TEST(due.first == 1u);
    BOOST_TEST(due.count == 1u);
}

BOOST_AUTO_TEST_CASE(the_end_is_exclusive_so_rate_times_seconds_whole_gives_exactly_that_many) {
    emu::background_load two{start, 2.5, 2s};  // 0, 400, 800, 1200, 1600 ms
    BOOST_TEST(two.due(start + 1'999ms).count == 5u);
    BOOST_TEST(two.due(start + 2s).count == 0u);
    for (std::uint64_t k = 0; k < 5; ++k) BOOST_TEST((two.at(k) == start + k * 400ms));
    emu::background_load three{start, 2.5, 3s};  // 7.5: the eighth at 2800 ms is inside
    BOOST_TEST(three.due(start + 3s).count == 8u);
    emu::background_load thirds{start, 3, 1s};  // 333 333 333 ns apart, rounded; the fourth is the end
    BOOST_TEST(thirds.due(start + 1s).count == 3u);
    BOOST_TEST((thirds.at(1) == start + 333'333'333ns));
    BOOST_TEST((thirds.at(3) == start + 1s));
}

BOOST_AUTO_TEST_CASE(without_seconds_it_never_ends_and_arrivals_are_counted_once_when_asked_late) {
    emu::background_load load{start, 2.5, std::nullopt};
    BOOST_TEST(load.due(start + 1000s).count == 2501u);  // 0 s to 1000 s, both included
    const auto next = load.due(start + 1000s + 400ms);
    BOOST_TEST(next.first == 2501u);
    BOOST_TEST(next.count == 1u);
}

BOOST_AUTO_TEST_CASE(a_clock_that_steps_back_gets_nothing_new) {
    emu::background_load load{start, 4, std::nullopt};
    BOOST_TEST(load.due(start + 1s).count == 5u);
    BOOST_TEST(load.due(start + 500ms).count == 0u);
    BOOST_TEST(load.due(start + 1s).count == 0u);
    BOOST_TEST(load.due(start + 1250ms).count == 1u);
}

BOOST_AUTO_TEST_CASE(a_tiny_rates_far_arrivals_never_come_rather_than_overflow) {
    emu::background_load load{start, 1e-300, std::nullopt};
    BOOST_TEST((load.at(1) == std::chrono::steady_clock::time_point::max()));
    BOOST_TEST(load.due(start + 1000h).count == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(over_sockets)

BOOST_AUTO_TEST_CASE(at_qps_10_with_4_a_second_in_the_background_the_client_gets_the_remainder_of_each_second) {
    manual_clock clock;
    temp_dir dir;
    emulator_config config;  // qps 10
    config.clocks = clock.clocks();
    config.background_load = hotlive::emulator_background_load{4, 2};  // at 0, 250, …, 1750 ms
    config.log_file = dir.path() / "requests.jsonl";
    in_process_emulator e{config};

    // (0 s, 1 s]: the background's 250, 500, 750 and 1000 ms leave 6 (its first, at 0, has slid out).
    clock.advance(1000ms);
    BOOST_TEST(admitted_of(e, 20) == 6);
    BOOST_TEST((background_of(fetch_stats(e.port())) == counts{5, 5, 0}));
    // (0.9 s, 1.9 s]: the client's 6 and the background's 1000, 1250, 1500, 1750 fill it.
    clock.advance(900ms);
    BOOST_TEST(admitted_of(e, 5) == 0);
    BOOST_TEST((background_of(fetch_stats(e.port())) == counts{8, 8, 0}));
    // (1 s, 2 s]: the background stopped at 2 s: its 1250, 1500, 1750 leave 7.
    clock.advance(100ms);
    BOOST_TEST(admitted_of(e, 20) == 7);
    // After a second without it, the whole quota is the client's again.
    clock.advance(2000ms);
    BOOST_TEST(admitted_of(e, 20) == 10);

    const auto stats = fetch_stats(e.port());
    BOOST_TEST((background_of(stats) == counts{8, 8, 0}));
    BOOST_TEST(stats.at("background").at("rate").as_int64() == 4);
    BOOST_TEST(stats.at("background").at("seconds").as_int64() == 2);
    // The client's own requests only: none of the background's is counted or logged.
    BOOST_TEST(stats.at("requests").as_int64() == 65);
    BOOST_TEST(stats.at("by_verdict").at("success").as_int64() == 23);
    BOOST_TEST(stats.at("by_verdict").at("throttled").as_int64() == 42);
    e.stop();
    const auto lines = read_log(config.log_file);
    BOOST_TEST_REQUIRE(lines.size() == 65u);
    // Same origin: the log's t_ms counts from where the background's first request was sent.
    BOOST_TEST(lines.front().at("t_ms").as_int64() == 1000);
    BOOST_TEST(lines.back().at("t_ms").as_int64() == 4000);
}

BOOST_AUTO_TEST_CASE(background_requests_refused_by_the_limit_are_throttled_and_do_not_fill_it) {
    manual_clock clock;
    emulator_config config;
    config.clocks = clock.clocks();
    config.background_load = hotlive::emulator_background_load{4, std::nullopt};
    in_process_emulator e{config};

    BOOST_TEST(admitted_of(e, 20) == 9);  // the background's first, at 0, went before them
    clock.advance(500ms);
    // Stats alone draw what is due: 250 and 500 ms find the second full.
    auto stats = fetch_stats(e.port());
    BOOST_TEST((background_of(stats) == counts{3, 1, 2}));
    BOOST_TEST(stats.at("background").at("seconds").is_null());
    BOOST_TEST(stats.at("requests").as_int64() == 20);
    BOOST_TEST(stats.at("by_verdict").at("throttled").as_int64() == 11);
    clock.advance(500ms);
    // At 1 s, 750 ms is still refused and 1000 ms is admitted: the window slid past the requests at 0.
    const auto b = e.server().stats().background;
    BOOST_TEST_REQUIRE(b.has_value());
    BOOST_TEST(b->rate == 4.0);
    BOOST_TEST(!b->seconds.has_value());
    BOOST_TEST(b->sent == 5u);
    BOOST_TEST(b->admitted == 2u);
    BOOST_TEST(b->throttled == 3u);
    // Its refused requests took nothing: of (0 s, 1 s] it holds only the one at 1 s.
    BOOST_TEST(admitted_of(e, 20) == 9);
}

BOOST_AUTO_TEST_CASE(every_enabled_account_has_its_own_other_client) {
    manual_clock clock;
    emulator_config config;
    config.clocks = clock.clocks();
    config.qps = 3;
    config.accounts.push_back({"a", hotlive::secret_string{"sa"}});
    config.accounts.push_back({"b", hotlive::secret_string{"sb"}});
    config.accounts.push_back({"off", hotlive::secret_string{"so"}, true});
    config.background_load = hotlive::emulator_background_load{2, 1};  // at 0 and 500 ms
    in_process_emulator e{config};
    clock.advance(500ms);
    BOOST_TEST(admitted_of(e, 5, signed_by("a", "sa")) == 1);
    BOOST_TEST(admitted_of(e, 5, signed_by("b", "sb")) == 1);
    BOOST_TEST((background_of(fetch_stats(e.port())) == counts{4, 4, 0}));
}

BOOST_AUTO_TEST_CASE(without_a_background_load_stats_say_null) {
    manual_clock clock;
    emulator_config config;
    config.clocks = clock.clocks();
    in_process_emulator e{config};
    BOOST_TEST(fetch_stats(e.port()).at("background").is_null());
    BOOST_TEST(!e.server().stats().background.has_value());
}

BOOST_AUTO_TEST_SUITE_END()
