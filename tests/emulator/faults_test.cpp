// Every fault of the schedule, as a client meets it over a real socket, and the schedule's
// rules: attempts, match, first rule wins, and seeded decisions that do not depend on order.
#include "emulator/harness.hpp"
#include "support/temp_dir.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <set>

using namespace std::chrono_literals;
using namespace hotlive::test;
using hotlive::emulator_config;
using hotlive::fault_kind;
using hotlive::fault_rule;

namespace {

emulator_config with_rule(const fault_rule& rule) {
    emulator_config config;
    config.qps = 0;
    config.faults.push_back(rule);
    return config;
}

fault_rule rule_of(fault_kind kind) {
    fault_rule rule;
    rule.kind = kind;
    return rule;
}

}  // namespace

BOOST_AUTO_TEST_CASE(internal_error_is_a_500_with_the_references_message) {
    in_process_emulator e{with_rule(rule_of(fault_kind::internal_error))};
    const auto x = call_once(e);
    BOOST_TEST_REQUIRE((x.outcome == read_outcome::complete));
    BOOST_TEST(x.response.status == 500);
    BOOST_TEST(code_of(x.response) == "InternalError");
    BOOST_TEST(json_of(x.response).at("Message").as_string() ==
               "The request processing has failed due to backend service exception.");
    BOOST_TEST(x.response.header("Date").has_value());
}

BOOST_AUTO_TEST_CASE(service_unavailable_is_a_503_with_the_retry_headers_asked_for) {
    auto rule = rule_of(fault_kind::service_unavailable);
    {
        in_process_emulator e{with_rule(rule)};
        const auto x = call_once(e);
        BOOST_TEST(x.response.status == 503);
        BOOST_TEST(code_of(x.response) == "ServiceUnavailable");
        BOOST_TEST(!x.response.header("Retry-After"));
        BOOST_TEST(!x.response.header("x-acs-retry-after"));
    }
    rule.retry_after_s = 3;
    rule.retry_after_ms = 1500;
    in_process_emulator e{with_rule(rule)};
    const auto x = call_once(e);
    BOOST_TEST(x.response.status == 503);
    BOOST_TEST(x.response.header("Retry-After") == "3");
    BOOST_TEST(x.response.header("x-acs-retry-after") == "1500");
}

BOOST_AUTO_TEST_CASE(throttle_is_a_400_throttling_user) {
    auto rule = rule_of(fault_kind::throttle);
    rule.retry_after_ms = 200;
    in_process_emulator e{with_rule(rule)};
    const auto x = call_once(e);
    BOOST_TEST(x.response.status == 400);
    BOOST_TEST(code_of(x.response) == "Throttling.User");
    BOOST_TEST(x.response.header("x-acs-retry-after") == "200");
}

BOOST_AUTO_TEST_CASE(latency_delays_the_normal_answer) {
    auto rule = rule_of(fault_kind::latency);
    rule.latency_min_ms = rule.latency_max_ms = 300;
    in_process_emulator e{with_rule(rule)};
    const auto start = std::chrono::steady_clock::now();
    const auto x = call_once(e);
    BOOST_TEST((std::chrono::steady_clock::now() - start >= 300ms));  // a lower bound only
    BOOST_TEST_REQUIRE((x.outcome == read_outcome::complete));
    BOOST_TEST(x.response.status == 200);
    BOOST_TEST(is_request_id(json_of(x.response).at("RequestId").as_string()));
}

BOOST_AUTO_TEST_CASE(reset_sends_headers_and_half_the_body_then_resets) {
    in_process_emulator e{with_rule(rule_of(fault_kind::reset))};
    http_connection connection{e.port()};
    const auto x = connection.send(signed_wire({}, e.host()));
    BOOST_TEST((x.outcome == read_outcome::reset), x.error);
    BOOST_TEST(x.response.status == 200);
    const auto length = std::stoul(*x.response.header("Content-Length"));
    BOOST_TEST(x.response.body.size() == length / 2);
}

BOOST_AUTO_TEST_CASE(truncate_promises_more_than_it_sends_then_closes) {
    in_process_emulator e{with_rule(rule_of(fault_kind::truncate))};
    http_connection connection{e.port()};
    const auto x = connection.send(signed_wire({}, e.host()));
    BOOST_TEST((x.outcome == read_outcome::truncated), x.error);
    BOOST_TEST(x.response.status == 200);
    BOOST_TEST(std::stoul(*x.response.header("Content-Length")) > x.response.body.size());
}

BOOST_AUTO_TEST_CASE(garbage_json_is_a_200_that_does_not_parse) {
    in_process_emulator e{with_rule(rule_of(fault_kind::garbage_json))};
    const auto x = call_once(e);
    BOOST_TEST_REQUIRE((x.outcome == read_outcome::complete));
    BOOST_TEST(x.response.status == 200);
    boost::system::error_code ec;
    (void)boost::json::parse(x.response.body, ec);
    BOOST_TEST(ec.failed(), x.response.body);
}

BOOST_AUTO_TEST_CASE(no_request_id_is_a_200_with_an_empty_object) {
    in_process_emulator e{with_rule(rule_of(fault_kind::no_request_id))};
    const auto x = call_once(e);
    BOOST_TEST_REQUIRE((x.outcome == read_outcome::complete));
    BOOST_TEST(x.response.status == 200);
    BOOST_TEST(x.response.body == "{}");
    BOOST_TEST(!x.response.header("x-acs-request-id"));
}

BOOST_AUTO_TEST_CASE(trickle_sends_one_byte_at_a_time_and_the_answer_is_whole) {
    auto rule = rule_of(fault_kind::trickle);
    rule.trickle_ms = 50;
    in_process_emulator slow{with_rule(rule)};
    http_connection raw{slow.port()};
    raw.write(signed_wire({}, slow.host()));
    BOOST_TEST(raw.read_some().size() == 1u);

    rule.trickle_ms = 1;
    in_process_emulator e{with_rule(rule)};
    const auto x = call_once(e);
    BOOST_TEST_REQUIRE((x.outcome == read_outcome::complete), x.error);
    BOOST_TEST(x.response.status == 200);
    BOOST_TEST(is_request_id(json_of(x.response).at("RequestId").as_string()));
}

BOOST_AUTO_TEST_CASE(attempts_select_which_attempts_of_a_call_fail) {
    auto rule = rule_of(fault_kind::internal_error);
    rule.attempts = {1, 2};
    in_process_emulator e{with_rule(rule)};
    BOOST_TEST(call_once(e).response.status == 500);
    BOOST_TEST(call_once(e).response.status == 500);
    BOOST_TEST(call_once(e).response.status == 200);
    BOOST_TEST(call_once(e).response.status == 200);
    live_call other;
    other.stream = "other";
    BOOST_TEST(call_once(e, other).response.status == 500);  // its own attempt 1
}

BOOST_AUTO_TEST_CASE(match_limits_a_rule_and_the_first_matching_rule_wins) {
    emulator_config config;
    config.qps = 0;
    auto zhj = rule_of(fault_kind::service_unavailable);
    zhj.match_region = "ZHJ";
    zhj.match_domain = "rts.example.com";
    auto streams = rule_of(fault_kind::internal_error);
    streams.match_stream = "broken";
    config.faults = {zhj, streams};
    in_process_emulator e{config};
    BOOST_TEST(call_once(e).response.status == 503);
    live_call gud;
    gud.region = "GUD";
    BOOST_TEST(call_once(e, gud).response.status == 200);
    live_call broken_zhj;
    broken_zhj.stream = "broken";
    BOOST_TEST(call_once(e, broken_zhj).response.status == 503);
    broken_zhj.region = "SG";
    BOOST_TEST(call_once(e, broken_zhj).response.status == 500);
}

BOOST_AUTO_TEST_CASE(faults_apply_only_to_verified_requests) {
    in_process_emulator e{with_rule(rule_of(fault_kind::internal_error))};
    signing_options wrong;
    wrong.access_key_secret = "wrong";
    BOOST_TEST(code_of(call_once(e, {}, wrong).response) == "SignatureDoesNotMatch");
}

BOOST_AUTO_TEST_CASE(the_same_seed_fails_the_same_calls_whatever_the_order) {
    auto rule = rule_of(fault_kind::internal_error);
    rule.probability = 0.3;
    rule.per = hotlive::fault_scope::call;
    const auto failed_calls = [&](std::uint64_t seed, bool reversed) {
        auto config = with_rule(rule);
        config.seed = seed;
        in_process_emulator e{config};
        http_connection connection{e.port()};
        std::set<int> failed;
        for (int k = 0; k < 60; ++k) {
            const int i = reversed ? 59 - k : k;
            live_call call;
            call.stream = "s" + std::to_string(i);
            if (connection.send(signed_wire(call, e.host())).response.status == 500) failed.insert(i);
        }
        return failed;
    };
    const auto forward = failed_calls(11, false);
    BOOST_TEST(forward == failed_calls(11, true));
    BOOST_TEST(forward != failed_calls(12, false));
    BOOST_TEST(forward.size() > 5u);
    BOOST_TEST(forward.size() < 35u);
}
