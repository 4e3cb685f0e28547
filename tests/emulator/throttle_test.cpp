// The per-account QPS limit over real sockets, on a hand-driven clock: counts, not timings.
#include "emulator/harness.hpp"
#include "support/temp_dir.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

using namespace std::chrono_literals;
using namespace hotlive::test;
using hotlive::emulator_config;

namespace {

struct counts {
    int succeeded = 0;
    int throttled = 0;
};

counts send_calls(const in_process_emulator& e, int n, const signing_options& options = {},
                  std::optional<std::string>* retry_after = nullptr) {
    counts c;
    http_connection connection{e.port()};
    for (int i = 0; i < n; ++i) {
        live_call call;
        call.stream = "s" + std::to_string(i);
        const auto x = connection.send(signed_wire(call, e.host(), options));
        BOOST_TEST_REQUIRE((x.outcome == read_outcome::complete), x.error);
        if (x.response.status == 200) ++c.succeeded;
        if (code_of(x.response) == "Throttling.User") {
            ++c.throttled;
            BOOST_TEST(x.response.status == 400);
            BOOST_TEST(json_of(x.response).at("Message").as_string() == "Request was denied due to user flow control.");
            if (retry_after != nullptr) *retry_after = x.response.header("x-acs-retry-after");
        }
    }
    return c;
}

}  // namespace

BOOST_AUTO_TEST_CASE(of_30_back_to_back_calls_at_qps_10_exactly_10_succeed_until_the_clock_moves) {
    manual_clock clock;
    emulator_config config;  // qps 10 by default
    config.clocks = clock.clocks();
    in_process_emulator e{config};
    const auto first = send_calls(e, 30);
    BOOST_TEST(first.succeeded == 10);
    BOOST_TEST(first.throttled == 20);
    clock.advance(999ms);
    BOOST_TEST(send_calls(e, 5).succeeded == 0);
    clock.advance(1ms);
    const auto second = send_calls(e, 30);
    BOOST_TEST(second.succeeded == 10);
    BOOST_TEST(second.throttled == 20);
    const auto stats = fetch_stats(e.port());
    BOOST_TEST(stats.at("by_verdict").at("throttled").as_int64() == 45);
    BOOST_TEST(stats.at("by_code").at("Throttling.User").as_int64() == 45);
}

BOOST_AUTO_TEST_CASE(the_limit_is_per_access_key_id) {
    manual_clock clock;
    emulator_config config;
    config.clocks = clock.clocks();
    config.qps = 3;
    config.accounts.push_back({"a", hotlive::secret_string{"sa"}});
    config.accounts.push_back({"b", hotlive::secret_string{"sb"}});
    in_process_emulator e{config};
    signing_options a, b;
    a.access_key_id = "a";
    a.access_key_secret = "sa";
    b.access_key_id = "b";
    b.access_key_secret = "sb";
    BOOST_TEST(send_calls(e, 10, a).succeeded == 3);
    BOOST_TEST(send_calls(e, 10, b).succeeded == 3);
}

BOOST_AUTO_TEST_CASE(qps_0_is_no_limit) {
    manual_clock clock;
    emulator_config config;
    config.clocks = clock.clocks();
    config.qps = 0;
    in_process_emulator e{config};
    BOOST_TEST(send_calls(e, 100).succeeded == 100);
}

BOOST_AUTO_TEST_CASE(the_retry_after_header_is_sent_when_configured) {
    manual_clock clock;
    emulator_config config;
    config.clocks = clock.clocks();
    config.qps = 1;
    in_process_emulator plain{config};
    std::optional<std::string> header = "unset";
    BOOST_TEST(send_calls(plain, 2, {}, &header).throttled == 1);
    BOOST_TEST(!header.has_value());

    config.throttle_retry_after_ms = 750;
    in_process_emulator with_header{config};
    BOOST_TEST(send_calls(with_header, 2, {}, &header).throttled == 1);
    BOOST_TEST(header == "750");
}

BOOST_AUTO_TEST_CASE(throttled_requests_count_as_attempts_of_their_call) {
    manual_clock clock;
    hotlive::test::temp_dir log;
    emulator_config config;
    config.clocks = clock.clocks();
    config.qps = 1;
    config.log_file = log.path() / "requests.jsonl";
    in_process_emulator e{config};
    http_connection connection{e.port()};
    for (int i = 0; i < 3; ++i) (void)connection.send(signed_wire({}, e.host()));
    e.stop();
    const auto lines = read_log(config.log_file);
    BOOST_TEST_REQUIRE(lines.size() == 3u);
    BOOST_TEST(lines[0].at("verdict").as_string() == "success");
    BOOST_TEST(lines[1].at("verdict").as_string() == "throttled");
    BOOST_TEST(lines[2].at("attempt").as_int64() == 3);
    BOOST_TEST(lines[2].at("code").as_string() == "Throttling.User");
}
