// run_session against the emulator in this process, over real sockets: the run's state counts
// what the report holds, a stop still writes the report, and a resume carries warm calls over.
#include "support/demo_credentials.hpp"
#include "support/temp_dir.hpp"

#include <hotlive/credentials.hpp>
#include <hotlive/emulator.hpp>
#include <hotlive/exit_codes.hpp>
#include <hotlive/report_reader.hpp>
#include <hotlive/run_session.hpp>

#include <boost/test/unit_test.hpp>

#include <set>
#include <string>

using namespace hotlive;

namespace {

struct emulated_endpoint {
    emulator server;
    std::string url;

    explicit emulated_endpoint(emulator_config config) : server(with_any_rate(std::move(config))) {
        url = "http://127.0.0.1:" + std::to_string(server.start().port);
    }

private:
    static emulator_config with_any_rate(emulator_config config) {
        config.qps = 0;
        return config;
    }
};

plan six_calls(int max_attempts = 3) {
    auto loaded = load_plan_text(
        "version: 1\nname: session\n"
        "defaults: { domain: rts.example.com, app: live, audio_msid: a, video_msid: v }\n"
        "limits: { rate: 0, concurrency: 3 }\nretry: { max_attempts: " +
            std::to_string(max_attempts) +
            ", base_delay_ms: 1 }\n"
            "streams:\n  - { stream: s, regions: [BEJ, TAJ, HEB, SHX, SHH, GUD] }\n",
        "session.yaml");
    BOOST_TEST_REQUIRE(loaded.value.has_value());
    return std::move(*loaded.value);
}

session_options options_for(const std::string& endpoint, const std::filesystem::path& report) {
    session_options o;
    o.endpoint = endpoint;
    o.report = report;
    o.random_seed = 1;
    o.credentials = [] { return test::demo_credentials(); };
    return o;
}

// Every event, by row.
class event_log final : public run_observer {
public:
    void on_attempt_sent(std::size_t, const attempt_record&) override { ++attempts; }
    void on_backoff(std::size_t, std::chrono::milliseconds, bool) override { ++backoffs; }
    void on_finished(std::size_t row, const call_result& result) override {
        BOOST_TEST(rows.insert(row).second);  // once per call
        keys.insert(result.key);
    }
    std::size_t attempts = 0;
    std::size_t backoffs = 0;
    std::set<std::size_t> rows;
    std::set<std::string> keys;
};

fault_rule fault_on(std::string_view region, fault_kind kind, std::vector<std::uint32_t> attempts = {}) {
    fault_rule rule;
    rule.kind = kind;
    rule.match_region = std::string(region);
    rule.attempts = std::move(attempts);
    return rule;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(run_session_suite)

BOOST_AUTO_TEST_CASE(the_run_state_counts_what_the_report_holds) {
    emulator_config config;
    config.faults.push_back(fault_on("SHH", fault_kind::internal_error, {1}));
    emulated_endpoint endpoint(std::move(config));
    const test::temp_dir dir;
    run_session session(six_calls(), options_for(endpoint.url, dir.path() / "r.json"));
    BOOST_TEST_REQUIRE(!session.prepare([](const std::string&) {}));
    BOOST_TEST(session.calls_to_send() == 6U);
    event_log events;
    const auto outcome = session.run(events, [] {});
    BOOST_TEST(outcome.exit_code == exit_code::success);
    BOOST_TEST(outcome.report_written);
    BOOST_TEST(outcome.errors.empty());

    const auto& state = session.state();
    BOOST_TEST(state.totals().calls == 6U);
    BOOST_TEST(state.totals().succeeded == 6U);
    BOOST_TEST(state.totals().attempts == 7U);  // the Shanghai call's InternalError, then warm
    BOOST_TEST(state.ended() == 6U);
    BOOST_TEST(state.attempts_sent() == 7U);
    BOOST_TEST(state.in_flight() == 0U);
    BOOST_TEST(state.answers(verdict::success) == 6U);
    BOOST_TEST(state.answers(verdict::retry) == 1U);
    BOOST_TEST(state.backoffs() == 1U);
    BOOST_TEST(events.attempts == 7U);
    BOOST_TEST(events.backoffs == 1U);
    BOOST_TEST(events.rows.size() == 6U);
    BOOST_TEST(*events.rows.rbegin() == 5U);

    const auto written = read_report(dir.path() / "r.json");
    BOOST_TEST_REQUIRE(written.value.has_value());
    const auto totals = written.value->totals();
    BOOST_TEST(totals.calls == state.totals().calls);
    BOOST_TEST(totals.succeeded == state.totals().succeeded);
    BOOST_TEST(totals.attempts == state.totals().attempts);
    BOOST_TEST(endpoint.server.stats().requests == 7U);
}

BOOST_AUTO_TEST_CASE(a_stop_before_the_first_call_sends_nothing_and_still_writes_the_report) {
    emulated_endpoint endpoint({});
    const test::temp_dir dir;
    run_session session(six_calls(), options_for(endpoint.url, dir.path() / "r.json"));
    BOOST_TEST_REQUIRE(!session.prepare([](const std::string&) {}));
    event_log events;
    const auto outcome = session.run(events, [&] { session.stop(); });
    BOOST_TEST(outcome.exit_code == exit_code::interrupted);
    BOOST_TEST(outcome.report_written);
    BOOST_TEST(session.state().totals().not_started == 6U);
    BOOST_TEST(session.state().attempts_sent() == 0U);
    BOOST_TEST(events.rows.size() == 6U);
    BOOST_TEST(endpoint.server.stats().requests == 0U);
    const auto written = read_report(dir.path() / "r.json");
    BOOST_TEST_REQUIRE(written.value.has_value());
    BOOST_TEST(written.value->totals().not_started == 6U);
}

BOOST_AUTO_TEST_CASE(a_resume_carries_warm_calls_over_and_sends_the_rest) {
    emulator_config config;
    config.faults.push_back(fault_on("SHH", fault_kind::internal_error, {1}));
    emulated_endpoint endpoint(std::move(config));
    const test::temp_dir dir;
    const auto report = dir.path() / "r.json";
    {
        run_session first(six_calls(1), options_for(endpoint.url, report));
        BOOST_TEST_REQUIRE(!first.prepare([](const std::string&) {}));
        event_log events;
        BOOST_TEST(first.run(events, [] {}).exit_code == exit_code::some_failed);
        BOOST_TEST(first.state().totals().failed == 1U);
    }
    auto options = options_for(endpoint.url, report);
    options.resume = report.string();
    run_session second(six_calls(1), options);
    const auto refused = second.prepare([](const std::string&) {});
    BOOST_TEST_REQUIRE(!refused, (refused ? refused->message : std::string()));
    BOOST_TEST(second.calls_to_send() == 1U);  // the five warm ones are carried over
    event_log events;
    BOOST_TEST(second.run(events, [] {}).exit_code == exit_code::success);
    const auto& state = second.state();
    BOOST_TEST(state.totals().calls == 6U);
    BOOST_TEST(state.totals().succeeded == 6U);
    BOOST_TEST(state.totals().attempts == 7U);  // across both runs
    BOOST_TEST(state.ended() == 1U);
    BOOST_TEST(state.warm() == 1U);
    BOOST_TEST(events.rows.size() == 1U);
    BOOST_TEST(endpoint.server.stats().requests == 7U);
}

// Issue 17: a warm call's throttled attempts travel with it into the resumed run's totals, so the
// report it writes adds up (and reads back).
BOOST_AUTO_TEST_CASE(a_resume_carries_a_warm_calls_throttled_attempts_over) {
    emulator_config config;
    config.faults.push_back(fault_on("BEJ", fault_kind::throttle, {1, 2}));
    config.faults.push_back(fault_on("SHH", fault_kind::internal_error, {1}));
    emulated_endpoint endpoint(std::move(config));
    const test::temp_dir dir;
    const auto report = dir.path() / "r.json";
    {
        run_session first(six_calls(1), options_for(endpoint.url, report));
        BOOST_TEST_REQUIRE(!first.prepare([](const std::string&) {}));
        event_log events;
        // BEJ's two throttled attempts do not use up its one attempt: it warms on the third.
        BOOST_TEST(first.run(events, [] {}).exit_code == exit_code::some_failed);
        BOOST_TEST(first.state().totals().throttled_attempts == 2U);
        BOOST_TEST(first.state().totals().failed == 1U);
    }
    auto options = options_for(endpoint.url, report);
    options.resume = report.string();
    run_session second(six_calls(1), options);
    BOOST_TEST_REQUIRE(!second.prepare([](const std::string&) {}));
    event_log events;
    BOOST_TEST(second.run(events, [] {}).exit_code == exit_code::success);
    BOOST_TEST(second.state().totals().throttled_attempts == 2U);
    const auto written = read_report(report);
    BOOST_TEST_REQUIRE(written.value.has_value(), written.error);
    BOOST_TEST(written.value->totals().throttled_attempts == 2U);
}

BOOST_AUTO_TEST_SUITE_END()
