// The emulator's pure parts, without a socket: nonce memory, the QPS window, the fault
// schedule's draws and rule matching, the config file and flags, and the wire helpers.
#include "emulator/config.hpp"
#include "emulator/fault_schedule.hpp"
#include "emulator/live_api.hpp"
#include "emulator/nonce_cache.hpp"
#include "emulator/parameters.hpp"
#include "emulator/responses.hpp"
#include "emulator/throttle.hpp"
#include "text/json_text.hpp"

#include <hotlive/emulator.hpp>

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <set>
#include <string>

using namespace std::chrono_literals;
using hotlive::emulator_config;
using hotlive::fault_kind;
using hotlive::fault_rule;
using hotlive::fault_scope;
namespace emu = hotlive::emu;

namespace {

std::chrono::system_clock::time_point at_minute(int minute) {
    return std::chrono::system_clock::time_point{std::chrono::minutes{29'000'000 + minute}};
}

emu::call_identity call_of(const std::string& key) { return {"d", "app", "s", "ZHJ", key}; }

bool has_error_containing(const std::vector<hotlive::diagnostic>& diagnostics, std::string_view text) {
    return std::any_of(diagnostics.begin(), diagnostics.end(), [&](const hotlive::diagnostic& d) {
        return d.level == hotlive::severity::error && d.message.find(text) != std::string::npos;
    });
}

}  // namespace

BOOST_AUTO_TEST_SUITE(nonce_cache)

BOOST_AUTO_TEST_CASE(a_nonce_is_refused_within_fifteen_minutes_and_forgotten_after) {
    emu::nonce_cache cache;
    BOOST_TEST(cache.insert(42, at_minute(0)));
    BOOST_TEST(!cache.insert(42, at_minute(0)));
    BOOST_TEST(!cache.insert(42, at_minute(15)));
    BOOST_TEST(cache.insert(42, at_minute(17)));  // its minute bucket has expired
    BOOST_TEST(cache.insert(43, at_minute(17)));
}

BOOST_AUTO_TEST_CASE(memory_is_bounded_by_forgetting_the_oldest_minutes_first) {
    emu::nonce_cache cache{100};
    for (std::uint64_t i = 0; i < 60; ++i) BOOST_TEST(cache.insert(i, at_minute(0)));
    for (std::uint64_t i = 60; i < 160; ++i) BOOST_TEST(cache.insert(i, at_minute(1)));
    BOOST_TEST(cache.size() <= 100u);
    BOOST_TEST(!cache.insert(150, at_minute(1)));  // recent ones are still remembered
}

BOOST_AUTO_TEST_CASE(a_clock_that_steps_back_does_not_forget_early) {
    emu::nonce_cache cache;
    BOOST_TEST(cache.insert(1, at_minute(10)));
    BOOST_TEST(cache.insert(2, at_minute(5)));
    BOOST_TEST(!cache.insert(2, at_minute(20)));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(throttle)

BOOST_AUTO_TEST_CASE(at_qps_10_a_frozen_clock_admits_exactly_10) {
    emu::throttle t{1, 10};
    const auto now = std::chrono::steady_clock::time_point{100s};
    int admitted = 0;
    for (int i = 0; i < 30; ++i) admitted += t.admit(0, now) ? 1 : 0;
    BOOST_TEST(admitted == 10);
    BOOST_TEST(!t.admit(0, now + 999ms));
    BOOST_TEST(t.admit(0, now + 1s));
}

BOOST_AUTO_TEST_CASE(no_sliding_second_holds_more_than_qps_admissions) {
    emu::throttle t{1, 5};
    std::vector<std::chrono::milliseconds> admitted;
    for (int ms = 0; ms < 5000; ms += 37) {
        if (t.admit(0, std::chrono::steady_clock::time_point{std::chrono::milliseconds{ms}})) {
            admitted.emplace_back(ms);
        }
    }
    for (std::size_t i = 0; i + 5 < admitted.size(); ++i) BOOST_TEST((admitted[i + 5] - admitted[i]) >= 1000ms);
    BOOST_TEST(admitted.size() >= 25u);
}

BOOST_AUTO_TEST_CASE(accounts_are_limited_separately_and_zero_means_no_limit) {
    emu::throttle t{2, 1};
    const auto now = std::chrono::steady_clock::time_point{1s};
    BOOST_TEST(t.admit(0, now));
    BOOST_TEST(!t.admit(0, now));
    BOOST_TEST(t.admit(1, now));
    emu::throttle unlimited{1, 0};
    for (int i = 0; i < 1000; ++i) BOOST_TEST_REQUIRE(unlimited.admit(0, now));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(fault_schedule)

BOOST_AUTO_TEST_CASE(draws_are_a_function_of_seed_rule_key_and_attempt) {
    const double a = emu::fault_draw(7, 0, "d/a/s@ZHJ", 1);
    BOOST_TEST(a == emu::fault_draw(7, 0, "d/a/s@ZHJ", 1));
    BOOST_TEST(a != emu::fault_draw(8, 0, "d/a/s@ZHJ", 1));
    BOOST_TEST(a != emu::fault_draw(7, 1, "d/a/s@ZHJ", 1));
    BOOST_TEST(a != emu::fault_draw(7, 0, "d/a/s@ZHJ", 2));
    BOOST_TEST(a != emu::fault_draw(7, 0, "d/a/s@ZHJ", std::nullopt));
    BOOST_TEST(a >= 0.0);
    BOOST_TEST(a < 1.0);
}

BOOST_AUTO_TEST_CASE(the_draw_is_the_documented_sha256_prefix) {
    // printf 'hotlive.fault/1\n0\n0\nk' | sha256sum starts 11a8b0fbc95765a9 (fault_schedule.hpp).
    const double expected = static_cast<double>(0x11a8b0fbc95765a9ULL >> 11) * 0x1.0p-53;
    BOOST_TEST(emu::fault_draw(0, 0, "k", std::nullopt) == expected);
}

BOOST_AUTO_TEST_CASE(five_percent_per_call_fails_about_five_percent_of_calls_on_their_first_attempt_only) {
    fault_rule rule;
    rule.kind = fault_kind::internal_error;
    rule.attempts = {1};
    rule.probability = 0.05;
    rule.per = fault_scope::call;
    const emu::fault_schedule schedule{{rule}, 2026};
    int first = 0;
    for (int i = 0; i < 10'000; ++i) {
        const std::string key = "d/app/s" + std::to_string(i) + "@ZHJ";
        if (schedule.decide(call_of(key), 1)) ++first;
        BOOST_TEST_REQUIRE(!schedule.decide(call_of(key), 2));
    }
    BOOST_TEST(first > 400);  // 500 expected; ±4.5 sigma
    BOOST_TEST(first < 600);
}

BOOST_AUTO_TEST_CASE(per_call_decides_once_per_key_and_per_attempt_decides_each_attempt) {
    fault_rule per_call;
    per_call.probability = 0.5;
    per_call.per = fault_scope::call;
    fault_rule per_attempt = per_call;
    per_attempt.per = fault_scope::attempt;
    const emu::fault_schedule calls{{per_call}, 1};
    const emu::fault_schedule attempts{{per_attempt}, 1};
    int differing = 0;
    for (int i = 0; i < 100; ++i) {
        const std::string key = "k" + std::to_string(i);
        const auto call = call_of(key);  // views into `key`
        const bool f1 = calls.decide(call, 1).has_value();
        for (std::uint32_t a = 2; a <= 5; ++a) BOOST_TEST_REQUIRE(calls.decide(call, a).has_value() == f1);
        if (attempts.decide(call, 1).has_value() != attempts.decide(call, 2).has_value()) ++differing;
    }
    BOOST_TEST(differing > 20);
}

BOOST_AUTO_TEST_CASE(match_fields_must_all_match_and_the_first_rule_wins) {
    fault_rule zhj;
    zhj.kind = fault_kind::service_unavailable;
    zhj.match_region = "ZHJ";
    zhj.match_app = "app";
    fault_rule any;
    any.kind = fault_kind::internal_error;
    const emu::fault_schedule schedule{{zhj, any}, 0};
    BOOST_TEST((schedule.decide({"d", "app", "s", "ZHJ", "d/app/s@ZHJ"}, 1)->kind == fault_kind::service_unavailable));
    BOOST_TEST((schedule.decide({"d", "other", "s", "ZHJ", "d/other/s@ZHJ"}, 1)->kind == fault_kind::internal_error));
    BOOST_TEST((schedule.decide({"d", "app", "s", "GUD", "d/app/s@GUD"}, 1)->kind == fault_kind::internal_error));
}

BOOST_AUTO_TEST_CASE(latency_ranges_draw_within_bounds_reproducibly) {
    fault_rule rule;
    rule.kind = fault_kind::latency;
    rule.latency_min_ms = 100;
    rule.latency_max_ms = 500;
    const emu::fault_schedule schedule{{rule}, 3};
    std::set<long> seen;
    for (int i = 0; i < 200; ++i) {
        const auto d = schedule.decide(call_of("k" + std::to_string(i)), 1)->delay;
        BOOST_TEST_REQUIRE(d >= 100ms);
        BOOST_TEST_REQUIRE(d <= 500ms);
        BOOST_TEST(d == schedule.decide(call_of("k" + std::to_string(i)), 1)->delay);
        seen.insert(static_cast<long>(d.count()));
    }
    BOOST_TEST(seen.size() > 100u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(config)

BOOST_AUTO_TEST_CASE(a_full_config_loads) {
    emulator_config config;
    const auto diagnostics = hotlive::parse_emulator_config(R"(
accounts:
  - { id: ci-account, secret: ci-secret }
  - id: second
    secret: two
    disabled: true
qps: 20
throttle_retry_after_ms: 250
background_load: { rate: 2.5, seconds: 20 }
seed: 42
domains:
  prefetch_on: [a.example.com, cold.example.com]
  prefetch_off: [cold.example.com]
  ram_denied: [locked.example.com]
regions: { without_nodes: [TIB, XIN] }
faults:
  - { kind: internal_error, attempts: [1], probability: 0.05, per: call }
  - kind: latency
    latency_ms: [100, 500]
    match: { domain: a.example.com, region: ZHJ }
  - { kind: service_unavailable, retry_after_s: 3, retry_after_ms: 1500 }
  - { kind: trickle, trickle_ms: 20, note: slowloris }
  - { kind: latency, latency_ms: 300 }
)",
                                                            "emulator.yaml", config);
    BOOST_TEST(!hotlive::has_errors(diagnostics));
    BOOST_TEST_REQUIRE(config.accounts.size() == 2u);
    BOOST_TEST(config.accounts[0].access_key_id == "ci-account");
    BOOST_TEST(config.accounts[0].access_key_secret.reveal() == "ci-secret");
    BOOST_TEST(!config.accounts[0].disabled);
    BOOST_TEST(config.accounts[1].disabled);
    BOOST_TEST(config.qps == 20u);
    BOOST_TEST(*config.throttle_retry_after_ms == 250u);
    BOOST_TEST_REQUIRE(config.background_load.has_value());
    BOOST_TEST(config.background_load->rate == 2.5);
    BOOST_TEST(config.background_load->seconds.value_or(0) == 20u);
    BOOST_TEST(config.seed == 42u);
    BOOST_TEST(config.prefetch_on->size() == 2u);
    BOOST_TEST(config.prefetch_off.size() == 1u);
    BOOST_TEST(config.ram_denied_domains == std::vector<std::string>{"locked.example.com"});
    BOOST_TEST(config.regions_without_nodes.size() == 2u);
    BOOST_TEST_REQUIRE(config.faults.size() == 5u);
    BOOST_TEST((config.faults[0].per == fault_scope::call));
    BOOST_TEST(config.faults[0].probability == 0.05);
    BOOST_TEST(config.faults[1].latency_min_ms == 100u);
    BOOST_TEST(config.faults[1].latency_max_ms == 500u);
    BOOST_TEST(*config.faults[1].match_region == "ZHJ");
    BOOST_TEST(*config.faults[2].retry_after_s == 3u);
    BOOST_TEST(*config.faults[2].retry_after_ms == 1500u);
    BOOST_TEST(config.faults[3].trickle_ms == 20u);
    BOOST_TEST(config.faults[4].latency_min_ms == 300u);
}

BOOST_AUTO_TEST_CASE(mistakes_are_reported_with_their_line_and_never_echo_a_secret) {
    emulator_config config;
    const auto diagnostics = hotlive::parse_emulator_config(R"(
accounts:
  - { id: x, secret: TOPSECRET, scret: TOPSECRET2 }
  - { id: y, secret: TOPSECRET3, disabled: TOPSECRET4 }
qsp: 3
regions: { without_nodes: [Zhejiang] }
faults:
  - { kind: explode }
  - { kind: latency }
  - { kind: internal_error, probability: 1.5 }
  - { kind: reset, latency_ms: 3 }
  - { kind: latency, latency_ms: [500, 100] }
  - { kind: internal_error, per: sometimes }
)",
                                                            "e.yaml", config);
    BOOST_TEST(has_error_containing(diagnostics, "unknown key 'qsp'"));
    BOOST_TEST(has_error_containing(diagnostics, "did you mean ZHJ"));
    BOOST_TEST(has_error_containing(diagnostics, "'kind' must be one of"));
    BOOST_TEST(has_error_containing(diagnostics, "needs 'latency_ms'"));
    BOOST_TEST(has_error_containing(diagnostics, "'probability' must be a number from 0 to 1"));
    BOOST_TEST(has_error_containing(diagnostics, "'latency_ms' does not apply to a fault of kind reset"));
    BOOST_TEST(has_error_containing(diagnostics, "min > max"));
    BOOST_TEST(has_error_containing(diagnostics, "'per' must be 'call' or 'attempt'"));
    BOOST_TEST(has_error_containing(diagnostics, "unknown key in an account"));
    BOOST_TEST(has_error_containing(diagnostics, "'disabled' must be true or false"));
    for (const auto& d : diagnostics) {
        BOOST_TEST(d.line > 0);
        BOOST_TEST(d.message.find("TOPSECRET") == std::string::npos, d.message);
    }
}

BOOST_AUTO_TEST_CASE(a_background_load_needs_a_rate_above_0_and_whole_seconds_above_0) {
    emulator_config config;
    BOOST_TEST(!hotlive::has_errors(hotlive::parse_emulator_config("background_load: { rate: 4 }", "e.yaml", config)));
    BOOST_TEST_REQUIRE(config.background_load.has_value());
    BOOST_TEST(config.background_load->rate == 4.0);
    BOOST_TEST(!config.background_load->seconds.has_value());

    const auto diagnostics = hotlive::parse_emulator_config(R"(background_load:
  rate: 0
  seconds: 1.5
  sconds: 3
)",
                                                            "b.yaml", config);
    const auto at = [&](std::string_view start) {
        return std::any_of(diagnostics.begin(), diagnostics.end(),
                           [&](const hotlive::diagnostic& d) { return hotlive::format(d).starts_with(start); });
    };
    BOOST_TEST(at("b.yaml:2:9: error: 'rate' must be requests a second, a number above 0"));
    BOOST_TEST(at("b.yaml:3:12: error: 'seconds' must be a whole number between 1 and 4294967295"));
    BOOST_TEST(at("b.yaml:4:3: error: unknown key 'sconds'"));
    BOOST_TEST(diagnostics.size() == 3u);
    for (const std::string_view text :
         {"background_load: { seconds: 20 }", "background_load: { rate: '4' }", "background_load: { rate: -1 }",
          "background_load: { rate: 1000001 }", "background_load: { rate: .nan }",
          "background_load: { rate: 4, seconds: 0 }", "background_load: 4"}) {
        emulator_config c;
        BOOST_TEST(hotlive::has_errors(hotlive::parse_emulator_config(text, "c.yaml", c)), text);
        BOOST_TEST(!c.background_load.has_value(), text);
    }
}

BOOST_AUTO_TEST_CASE(the_background_load_flag_is_rate_then_optional_seconds) {
    std::string error;
    const auto plain = emu::parse_background_load_flag("4", error);
    BOOST_TEST_REQUIRE(plain.has_value());
    BOOST_TEST(plain->rate == 4.0);
    BOOST_TEST(!plain->seconds.has_value());
    const auto timed = emu::parse_background_load_flag("2.5:20", error);
    BOOST_TEST_REQUIRE(timed.has_value());
    BOOST_TEST(timed->rate == 2.5);
    BOOST_TEST(timed->seconds.value_or(0) == 20u);
    BOOST_TEST(emu::parse_background_load_flag("0.001", error)->rate == 0.001);
    BOOST_TEST(emu::parse_background_load_flag("1000000:4294967295", error).has_value());
    for (const std::string_view bad :
         {"",   "0",   "0:20", "-4",   "+4",    "4x",     "abc",   "inf",          "nan", "1000001",
          "4:", ":20", "4:0",  "4:-1", "4:2.5", "4:20:1", "4:20s", "4:4294967296", " 4",  "4,5"}) {
        error.clear();
        BOOST_TEST(!emu::parse_background_load_flag(bad, error), bad);
        BOOST_TEST(error ==
                   "--background-load takes RATE[:SECONDS], RATE requests a second above 0 (2.5 allowed) "
                   "and at most 1000000, SECONDS a whole number above 0; got '" +
                       std::string{bad} + "'");
    }
}

BOOST_AUTO_TEST_CASE(command_line_forms) {
    std::string error;
    const auto account = emu::parse_account_flag("id:se:cret", error);
    BOOST_TEST_REQUIRE(account.has_value());
    BOOST_TEST(account->access_key_id == "id");
    BOOST_TEST(account->access_key_secret.reveal() == "se:cret");
    BOOST_TEST(!account->disabled);
    BOOST_TEST(!emu::parse_account_flag("nocolon", error));
    BOOST_TEST(error.find("nocolon") == std::string::npos);  // could be a secret
    const auto disabled = emu::parse_disabled_account_flag("off:se:cret", error);
    BOOST_TEST_REQUIRE(disabled.has_value());
    BOOST_TEST(disabled->access_key_id == "off");
    BOOST_TEST(disabled->access_key_secret.reveal() == "se:cret");
    BOOST_TEST(disabled->disabled);
    BOOST_TEST(!emu::parse_disabled_account_flag("off:", error));
    BOOST_TEST(error == "--disabled-account takes ID:SECRET, both non-empty");

    BOOST_TEST(!emu::region_code_problem("TIB"));
    BOOST_TEST(emu::region_code_problem("Xizang").value_or("").find("did you mean TIB") != std::string::npos);
    BOOST_TEST(emu::region_code_problem("XX").value_or("") == "'XX' is not a region code of the API reference");

    const auto rule = emu::parse_fault_flag("internal_error:0.05", error);
    BOOST_TEST_REQUIRE(rule.has_value());
    BOOST_TEST((rule->kind == fault_kind::internal_error));
    BOOST_TEST(rule->probability == 0.05);
    BOOST_TEST((rule->per == fault_scope::attempt));
    BOOST_TEST(!emu::parse_fault_flag("internal_error:2", error));
    BOOST_TEST(!emu::parse_fault_flag("nope:0.1", error));

    BOOST_TEST(emu::parse_listen_address("127.0.0.1:0", error)->port == 0);
    BOOST_TEST(emu::parse_listen_address("[::1]:8080", error)->host == "::1");
    BOOST_TEST(!emu::parse_listen_address("127.0.0.1", error));
    BOOST_TEST(!emu::parse_listen_address("127.0.0.1:70000", error));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(wire)

BOOST_AUTO_TEST_CASE(dates_are_imf_fixdate) {
    BOOST_TEST(emu::imf_fixdate(std::chrono::system_clock::time_point{784111777s}) == "Sun, 06 Nov 1994 08:49:37 GMT");
    BOOST_TEST(emu::imf_fixdate(std::chrono::system_clock::time_point{1798761599s}) == "Thu, 31 Dec 2026 23:59:59 GMT");
}

BOOST_AUTO_TEST_CASE(request_ids_are_upper_case_uuid_v4) {
    const auto id = emu::make_request_id();
    const std::string text{id.view()};
    BOOST_TEST(text.size() == 36u);
    BOOST_TEST(text[14] == '4');
    BOOST_TEST(std::string{"89AB"}.find(text[19]) != std::string::npos);
    BOOST_TEST(std::none_of(text.begin(), text.end(), [](char c) { return c >= 'a' && c <= 'z'; }));
    BOOST_TEST(text != std::string{emu::make_request_id().view()});
}

BOOST_AUTO_TEST_CASE(json_strings_stay_valid_whatever_the_bytes) {
    std::string out;
    // The project's one JSON string writer, which the log and the answers use.
    hotlive::detail::append_json_string(out, std::string_view{"a\"b\\c\n\x01\xff\xc3\xa9", 10});
    BOOST_TEST(out == "\"a\\\"b\\\\c\\n\\u0001\xef\xbf\xbd\xc3\xa9\"");
    BOOST_TEST(boost::json::parse(out).as_string() == "a\"b\\c\n\x01\xef\xbf\xbd\xc3\xa9");
}

BOOST_AUTO_TEST_CASE(parameters_decode_query_and_form_separately) {
    emu::request_parameters p;
    p.parse("A=1&B=x%20y&C=a+b&D", "E=%2F&A=2&bad=%zz");
    BOOST_TEST(p.all().size() == 7u);
    BOOST_TEST(p.query().size() == 4u);
    BOOST_TEST(*p.find("A") == "1");
    BOOST_TEST(*p.find("B") == "x y");
    BOOST_TEST(*p.find("C") == "a b");
    BOOST_TEST(p.find("D")->empty());
    BOOST_TEST(*p.find("E") == "/");
    BOOST_TEST(*p.find("bad") == "%zz");
    BOOST_TEST(!p.find("Z"));
}

BOOST_AUTO_TEST_CASE(timeouts_are_non_negative_integers) {
    BOOST_TEST(emu::is_non_negative_integer("0"));
    BOOST_TEST(emu::is_non_negative_integer("100000"));
    BOOST_TEST(!emu::is_non_negative_integer("-1"));
    BOOST_TEST(!emu::is_non_negative_integer("1.5"));
    BOOST_TEST(!emu::is_non_negative_integer(""));
    BOOST_TEST(!emu::is_non_negative_integer("1e3"));
    BOOST_TEST(!emu::is_non_negative_integer("9999999999999999999"));
}

BOOST_AUTO_TEST_SUITE_END()
