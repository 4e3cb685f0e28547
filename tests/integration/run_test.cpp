// `hotlive run` against the emulator over real sockets. Every assertion about the wire comes
// from the emulator's own request log.
#include "integration/emulator_log.hpp"
#include "support/background_process.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"
#include "time/rfc3339.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <boost/test/unit_test.hpp>

#include <csignal>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

using namespace hotlive::test;
namespace json = boost::json;

namespace {

constexpr const char* demo_id = "hotlive-demo-id";
constexpr const char* demo_secret = "hotlive-demo-secret";

// 50 countries, in the order of the API reference, for plans of many distinct calls.
const std::vector<std::string> fifty_countries{
    "PG", "SK", "PE", "LV", "AE", "CA", "CU", "MR", "JP", "AM", "TM", "RU", "BY", "GN", "IQ", "AR", "CL",
    "SZ", "CD", "BE", "KZ", "RS", "TR", "NA", "LT", "PR", "CG", "NC", "MA", "GL", "KW", "LR", "UA", "ID",
    "MM", "BO", "MD", "GR", "NZ", "SB", "ET", "FJ", "YE", "CY", "BA", "ER", "DE", "PK", "CF", "HR"};

struct run_fixture {
    temp_dir dir;

    std::filesystem::path write_plan(const std::string& endpoint, int streams, const std::vector<std::string>& regions,
                                     const std::string& extra = "") const {
        std::ostringstream plan;
        plan << "version: 1\nname: it\nendpoint: " << endpoint << "\n"
             << "defaults: { domain: rts.example.com, app: live, audio_msid: rts audio, video_msid: rts video }\n"
             << extra << "streams:\n";
        std::string list;
        for (const auto& r : regions) list += (list.empty() ? "" : ", ") + r;
        for (int i = 0; i < streams; ++i) plan << "  - { stream: s" << i << ", regions: [" << list << "] }\n";
        return dir.write("plan.yaml", plan.str());
    }

    std::filesystem::path write_emulator_config(const std::string& body) const {
        return dir.write("emulator.yaml",
                         std::string("accounts:\n  - { id: ") + demo_id + ", secret: " + demo_secret + " }\n" + body);
    }

    running_emulator emulator(const std::string& config_body, std::vector<std::string> extra = {}) const {
        std::vector<std::string> args{"--config", write_emulator_config(config_body).string(), "--log",
                                      (dir.path() / "emulator.log").string()};
        args.insert(args.end(), extra.begin(), extra.end());
        return start_emulator(args, dir.path());
    }

    process_options credentials() const {
        process_options o;
        o.env_set = {{"ALIBABA_CLOUD_ACCESS_KEY_ID", demo_id},
                     {"ALIBABA_CLOUD_ACCESS_KEY_SECRET", demo_secret},
                     {"HOME", dir.path().string()}};
        o.env_unset = {"ALIBABA_CLOUD_PROFILE", "ALIBABA_CLOUD_SECURITY_TOKEN"};
        return o;
    }

    std::vector<std::string> run_args(const std::filesystem::path& plan, const std::string& report) const {
        return {"run", plan.string(), "--report", (dir.path() / report).string(), "--quiet"};
    }

    json::object report(const std::string& name) const {
        std::ifstream in(dir.path() / name);
        std::ostringstream text;
        text << in.rdbuf();
        return json::parse(text.str()).as_object();
    }

    // `hotlive run PLAN --report REPORT --resume REPORT`: what the operator types after a stop.
    std::vector<std::string> resume_args(const std::filesystem::path& plan,
                                         const std::filesystem::path& report_path) const {
        auto args = run_args(plan, report_path.filename().string());
        args.insert(args.end(), {"--resume", report_path.string()});
        return args;
    }

    // Starts `hotlive run`, sends `sig` once 40 calls are journaled, and returns its exit code.
    int interrupt_run(const std::filesystem::path& plan, const std::filesystem::path& report_path, int sig) const {
        background_process run({HOTLIVE_EXE, "run", plan.string(), "--report", report_path.string(), "--quiet"},
                               dir.path(), credentials().env_set);
        const auto journal = report_path.string() + ".journal";
        for (int i = 0; i < 3000; ++i) {
            std::ifstream in(journal);
            const auto lines = std::count(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>(), '\n');
            if (lines >= 40) break;
            std::this_thread::sleep_for(std::chrono::milliseconds{10});
        }
        run.signal(sig);
        return run.wait();
    }

    // The emulator flushes its log on exit: stop it, then read.
    std::vector<logged_request> log(running_emulator& e) const {
        e.process->signal(SIGTERM);
        e.process->wait();
        return read_emulator_log(dir.path() / "emulator.log");
    }
};

std::int64_t total(const json::object& report, const char* field) {
    return report.at("totals").as_object().at(field).to_number<std::int64_t>();
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(run_against_the_emulator, run_fixture)

BOOST_AUTO_TEST_CASE(every_call_is_warmed_once_and_reported_with_its_request_id) {
    auto e = emulator("qps: 0\n");
    const auto plan = write_plan(e.url, 3, {"ZHJ", "GUD", "SG", "US"}, "limits: { rate: 0, concurrency: 8 }\n");
    const auto r = run_hotlive(run_args(plan, "report.json"), credentials());
    BOOST_TEST(r.exit_code == 0, r.err);
    const auto report = this->report("report.json");
    BOOST_TEST(report.at("schema").as_string() == "hotlive.report/1");
    BOOST_TEST(total(report, "calls") == 12);
    BOOST_TEST(total(report, "succeeded") == 12);
    BOOST_TEST(total(report, "attempts") == 12);
    std::set<std::string> request_ids;
    for (const auto& c : report.at("calls").as_array()) {
        const auto& call = c.as_object();
        BOOST_TEST(call.at("status").as_string() == "succeeded");
        BOOST_TEST(call.at("attempts").to_number<int>() == 1);
        BOOST_TEST(call.at("http_status").to_number<int>() == 200);
        request_ids.insert(std::string(call.at("request_id").as_string()));
    }
    BOOST_TEST(request_ids.size() == 12u);
    const auto wire = log(e);
    BOOST_TEST(wire.size() == 12u);
    for (const auto& [key, count] : successes_by_key(wire)) BOOST_TEST(count == 1, key);
}

// RELIABILITY.md 4, variant A, with an exact schedule: the first attempt of every call of 10 of
// the 200 streams (5 % of the 10,000 calls) fails with InternalError.
BOOST_AUTO_TEST_CASE(five_percent_first_attempt_failures_cost_exactly_five_hundred_retries) {
    std::string faults = "qps: 0\nfaults:\n";
    for (int i = 0; i < 200; i += 20) {
        faults += "  - { kind: internal_error, attempts: [1], match: { stream: s" + std::to_string(i) + " } }\n";
    }
    auto e = emulator(faults);
    const auto plan =
        write_plan(e.url, 200, fifty_countries, "limits: { rate: 0, concurrency: 64 }\nretry: { base_delay_ms: 1 }\n");
    const auto r = run_hotlive(run_args(plan, "report.json"), credentials());
    BOOST_TEST(r.exit_code == 0, r.err);
    const auto report = this->report("report.json");
    BOOST_TEST(total(report, "calls") == 10'000);
    BOOST_TEST(total(report, "succeeded") == 10'000);
    BOOST_TEST(total(report, "attempts") == 10'500);

    const auto wire = log(e);
    BOOST_TEST(wire.size() == 10'500u);
    std::map<std::string, std::int64_t> success_time;
    for (const auto& req : wire) {
        if (req.verdict == "success") {
            BOOST_TEST_REQUIRE(!success_time.contains(req.key), "two successes for " << req.key);
            success_time[req.key] = req.t_ms;
        }
    }
    BOOST_TEST(success_time.size() == 10'000u);
    // Zero attempts after a call's success.
    for (const auto& req : wire) BOOST_TEST_REQUIRE(req.t_ms <= success_time[req.key], req.key);
}

BOOST_AUTO_TEST_CASE(errors_that_retrying_cannot_fix_get_exactly_one_attempt) {
    auto e = emulator("qps: 0\ndomains: { prefetch_off: [off.example.com] }\nregions: { without_nodes: [TIB] }\n");
    std::ostringstream plan;
    plan << "version: 1\nname: it\nendpoint: " << e.url << "\n"
         << "defaults: { app: live, audio_msid: a, video_msid: v }\nlimits: { rate: 0 }\nstreams:\n"
         << "  - { stream: s, domain: off.example.com, regions: [SG] }\n"
         << "  - { stream: s, domain: on.example.com, regions: [TIB] }\n";
    const auto path = dir.write("plan.yaml", plan.str());
    const auto r = run_hotlive(run_args(path, "report.json"), credentials());
    BOOST_TEST(r.exit_code == 1, r.err);
    const auto report = this->report("report.json");
    BOOST_TEST(total(report, "failed") == 2);
    BOOST_TEST(total(report, "attempts") == 2);
    const auto& calls = report.at("calls").as_array();
    BOOST_TEST(calls[0].as_object().at("code").as_string() == "NoSpecialConfiguration");
    BOOST_TEST(calls[0].as_object().at("http_status").to_number<int>() == 400);
    BOOST_TEST(!calls[0].as_object().at("request_id").as_string().empty());
    BOOST_TEST(calls[1].as_object().at("code").as_string() == "CodeRegionHasNoNode");

    // A wrong secret: SignatureDoesNotMatch, once for the whole run (the account is condemned:
    // the other call is skipped, and the exit code says the credentials were refused).
    auto wrong = credentials();
    wrong.env_set["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = "not-the-secret";
    const auto denied = run_hotlive(run_args(path, "denied.json"), wrong);
    BOOST_TEST(denied.exit_code == 3);
    const auto denied_report = this->report("denied.json");
    BOOST_TEST(total(denied_report, "attempts") == 1);
    BOOST_TEST(total(denied_report, "skipped") == 1);
    BOOST_TEST(denied_report.at("calls").as_array()[0].as_object().at("code").as_string() == "SignatureDoesNotMatch");
    BOOST_TEST(log(e).size() == 3u);
}

// RELIABILITY.md 2 and 3: retries pass through the limiter too.
BOOST_AUTO_TEST_CASE(no_second_on_the_wire_exceeds_rate_plus_burst_including_retries) {
    auto e = emulator("qps: 0\nseed: 11\nfaults:\n  - { kind: internal_error, probability: 0.3, per: attempt }\n");
    const auto plan =
        write_plan(e.url, 6, std::vector<std::string>(fifty_countries.begin(), fifty_countries.begin() + 10),
                   "limits: { rate: 20, burst: 1, concurrency: 16 }\n"
                   "retry: { max_attempts: 5, base_delay_ms: 1 }\n");
    const auto r = run_hotlive(run_args(plan, "report.json"), credentials());
    BOOST_TEST((r.exit_code == 0 || r.exit_code == 1), r.err);
    const auto wire = log(e);
    BOOST_TEST(wire.size() > 60u);  // some retries happened
    BOOST_TEST(max_in_window(wire, 1000) <= 21u);
}

BOOST_AUTO_TEST_CASE(throttling_answered_as_http_400_is_retried_until_it_passes) {
    auto e = emulator("qps: 5\n");
    const auto plan = write_plan(e.url, 2, {"SG", "US", "JP", "DE", "FR", "GB"},
                                 "limits: { rate: 0, concurrency: 12 }\n"
                                 "retry: { max_attempts: 20, throttle_base_delay_ms: 200, max_delay_ms: 1000 }\n");
    const auto r = run_hotlive(run_args(plan, "report.json"), credentials());
    BOOST_TEST(r.exit_code == 0, r.err);
    const auto report = this->report("report.json");
    BOOST_TEST(total(report, "succeeded") == 12);
    BOOST_TEST(total(report, "attempts") > 12);
    const auto wire = log(e);
    const auto throttled = std::count_if(wire.begin(), wire.end(), [](const logged_request& q) {
        return q.status == 400 && q.code == "Throttling.User";
    });
    BOOST_TEST(throttled > 0);
    BOOST_TEST(successes_by_key(wire).size() == 12u);
}

BOOST_AUTO_TEST_CASE(a_reset_truncated_or_garbled_answer_is_never_counted_a_success) {
    // One broken answer per region: on the first attempt only, or on every attempt.
    const auto broken_answers = [](std::string_view attempts) {
        std::string config = "qps: 0\nfaults:\n";
        for (const auto& [kind, region] : std::vector<std::pair<std::string, std::string>>{
                 {"reset", "SG"}, {"truncate", "US"}, {"garbage_json", "JP"}, {"no_request_id", "DE"}}) {
            config += "  - { kind: " + kind + ", " + std::string(attempts) + "match: { region: " + region + " } }\n";
        }
        return config;
    };
    auto e = emulator(broken_answers("attempts: [1], "));
    const auto plan =
        write_plan(e.url, 1, {"SG", "US", "JP", "DE"}, "limits: { rate: 0 }\nretry: { base_delay_ms: 1 }\n");
    const auto r = run_hotlive(run_args(plan, "report.json"), credentials());
    BOOST_TEST(r.exit_code == 0, r.err);
    const auto report = this->report("report.json");
    for (const auto& c : report.at("calls").as_array()) {
        const auto& call = c.as_object();
        BOOST_TEST_CONTEXT(call.at("key").as_string()) {
            BOOST_TEST(call.at("attempts").to_number<int>() == 2);
            BOOST_TEST(call.at("ambiguous_attempts").to_number<int>() == 1);
        }
    }
    // With one attempt allowed, each of them fails instead.
    auto e2 = emulator(broken_answers(""));
    const auto single_plan =
        write_plan(e2.url, 1, {"SG", "US", "JP", "DE"}, "limits: { rate: 0 }\nretry: { max_attempts: 1 }\n");
    const auto failed = run_hotlive(run_args(single_plan, "failed.json"), credentials());
    BOOST_TEST(failed.exit_code == 1);
    const auto failed_report = this->report("failed.json");
    BOOST_TEST(total(failed_report, "succeeded") == 0);
    BOOST_TEST(total(failed_report, "failed") == 4);
}

// RELIABILITY.md 17: the server's clock runs 20 minutes ahead; the first answer's Date header
// corrects the offset, and the call succeeds on its second attempt, with no backoff between.
BOOST_AUTO_TEST_CASE(a_skewed_clock_is_corrected_from_the_servers_date_and_retried_at_once) {
    auto e = emulator("qps: 0\n", {"--clock-offset", "1200"});
    const auto plan =
        write_plan(e.url, 1, {"SG", "US", "JP"},
                   "limits: { rate: 0, concurrency: 1 }\nretry: { base_delay_ms: 60000, max_delay_ms: 60000 }\n");
    auto args = run_args(plan, "report.json");
    args.pop_back();  // not --quiet: the warning and the summary are under test
    const auto r = run_hotlive(args, credentials());
    BOOST_TEST(r.exit_code == 0, r.err);
    const auto report = this->report("report.json");
    BOOST_TEST(total(report, "succeeded") == 3);
    BOOST_TEST(total(report, "attempts") == 4);  // only the first call needed the correction
    // Issue 14.7: the offset is said, not silently corrected: a warning while it runs, the report.
    const auto offset = report.at("clock_offset_ms").to_number<std::int64_t>();
    BOOST_TEST(offset >= 1'198'000);
    BOOST_TEST(offset <= 1'202'000);
    BOOST_TEST(r.err.find("the service's clock is 1") != std::string::npos, r.err);
    BOOST_TEST(r.err.find(" s ahead of this machine's") != std::string::npos, r.err);
    BOOST_TEST(r.err.find("the waves and the deadline run on this machine's clock") != std::string::npos, r.err);
    BOOST_TEST(r.out.find("clock offset  +1") != std::string::npos, r.out);
    const auto wire = log(e);
    BOOST_TEST_REQUIRE(wire.size() == 4u);
    BOOST_TEST(wire[0].code == "InvalidTimeStamp.Expired");
    BOOST_TEST(wire[1].verdict == "success");
    BOOST_TEST(wire[1].key == wire[0].key);
}

// RELIABILITY.md 14: TLS fails closed. A server whose certificate is not trusted, not for the
// host or expired gets no HTTP request at all, and the call fails once, without retries.
BOOST_AUTO_TEST_CASE(tls_with_an_untrusted_wrong_or_expired_certificate_fails_closed_before_any_request) {
    const std::filesystem::path certs = HOTLIVE_TEST_CERTS;
    const auto ca = (certs / "ca.pem").string();
    for (const char* name : {"self-signed", "wrong-host", "expired"}) {
        BOOST_TEST_CONTEXT(name) {
            auto e = emulator("qps: 0\n", {"--tls-cert", (certs / (std::string(name) + ".pem")).string(), "--tls-key",
                                           (certs / (std::string(name) + ".key")).string()});
            BOOST_TEST_REQUIRE(e.url.starts_with("https://"));
            const auto plan = write_plan(e.url, 1, {"SG"}, "limits: { rate: 0 }\n");
            auto args = run_args(plan, std::string(name) + ".json");
            args.insert(args.end(), {"--ca-file", ca});
            const auto r = run_hotlive(args, credentials());
            BOOST_TEST(r.exit_code == 1, r.err);
            const auto report = this->report(std::string(name) + ".json");
            const auto& call = report.at("calls").as_array()[0].as_object();
            BOOST_TEST(call.at("code").as_string() == "tls_verify_failed");
            BOOST_TEST(call.at("attempts").to_number<int>() == 1);
            BOOST_TEST(log(e).empty());  // not one HTTP request line reached the server
        }
    }
}

BOOST_AUTO_TEST_CASE(tls_with_a_trusted_certificate_warms_by_address_and_by_host_name) {
    const std::filesystem::path certs = HOTLIVE_TEST_CERTS;
    auto e = emulator("qps: 0\n",
                      {"--tls-cert", (certs / "server.pem").string(), "--tls-key", (certs / "server.key").string()});
    const std::string by_name = "https://localhost:" + e.url.substr(e.url.rfind(':') + 1);
    for (const auto& endpoint : {e.url, by_name}) {
        BOOST_TEST_CONTEXT(endpoint) {
            const auto plan = write_plan(endpoint, 1, {"SG", "US"}, "limits: { rate: 0 }\n");
            auto args = run_args(plan, "tls.json");
            args.insert(args.end(), {"--ca-file", (certs / "ca.pem").string()});
            const auto r = run_hotlive(args, credentials());
            BOOST_TEST(r.exit_code == 0, r.err);
        }
    }
    // Without the test CA, the system store does not trust it.
    const auto plan = write_plan(e.url, 1, {"SG"}, "limits: { rate: 0 }\n");
    const auto untrusted = run_hotlive(run_args(plan, "system-store.json"), credentials());
    BOOST_TEST(untrusted.exit_code == 1);
    BOOST_TEST(report("system-store.json").at("calls").as_array()[0].as_object().at("code").as_string() ==
               "tls_verify_failed");
}

BOOST_AUTO_TEST_CASE(sigint_then_resume_warms_every_call_exactly_once) {
    auto e = emulator("qps: 0\n");
    const auto plan =
        write_plan(e.url, 4, std::vector<std::string>(fifty_countries.begin(), fifty_countries.begin() + 50),
                   "limits: { rate: 40, burst: 1, concurrency: 4 }\n");
    const auto report_path = dir.path() / "report.json";
    BOOST_TEST(interrupt_run(plan, report_path, SIGINT) == 130);
    const auto partial = report("report.json");
    BOOST_TEST(total(partial, "calls") == 200);
    BOOST_TEST(total(partial, "succeeded") < 200);
    BOOST_TEST(total(partial, "succeeded") + total(partial, "failed") + total(partial, "not_started") +
                   total(partial, "cancelled") ==
               200);

    const auto resumed = run_hotlive(resume_args(plan, report_path), credentials());
    BOOST_TEST(resumed.exit_code == 0, resumed.err);
    BOOST_TEST(total(report("report.json"), "succeeded") == 200);
    const auto successes = successes_by_key(log(e));
    BOOST_TEST(successes.size() == 200u);
    for (const auto& [key, count] : successes) BOOST_TEST(count == 1, key);
}

// Under SIGKILL nothing can be journaled for the calls in flight: each of those may be sent
// again, so the bound is "at most the concurrency sent twice", never "exactly once".
BOOST_AUTO_TEST_CASE(kill_9_then_resume_warms_every_call_and_resends_at_most_the_calls_in_flight) {
    auto e = emulator("qps: 0\n");
    const auto plan =
        write_plan(e.url, 4, std::vector<std::string>(fifty_countries.begin(), fifty_countries.begin() + 50),
                   "limits: { rate: 40, burst: 1, concurrency: 4 }\n");
    const auto report_path = dir.path() / "report.json";
    BOOST_TEST(interrupt_run(plan, report_path, SIGKILL) == 128 + SIGKILL);
    BOOST_TEST(!std::filesystem::exists(report_path));  // only the journal survives

    const auto resumed = run_hotlive(resume_args(plan, report_path), credentials());
    BOOST_TEST(resumed.exit_code == 0, resumed.err);
    BOOST_TEST(total(report("report.json"), "succeeded") == 200);
    const auto successes = successes_by_key(log(e));
    BOOST_TEST(successes.size() == 200u);
    int twice = 0;
    for (const auto& [key, count] : successes) twice += count > 1 ? 1 : 0;
    BOOST_TEST(twice <= 4);
}

// Waves: each call starts at its wave's time, not before, and the first wave is over before the
// second begins. The event is a few seconds ahead; the bounds checked are lower bounds only.
BOOST_AUTO_TEST_CASE(the_calls_of_each_wave_start_at_the_waves_time_and_not_before) {
    auto e = emulator("qps: 0\n");
    using namespace std::chrono;
    const auto event = ceil<seconds>(system_clock::now()) + seconds{4};
    const auto plan = write_plan(e.url, 2, {"ZHJ", "GUD", "SG"},
                                 "limits: { rate: 0, concurrency: 8 }\n"
                                 "schedule:\n"
                                 "  event_start: " +
                                     hotlive::detail::format_rfc3339_utc(event) +
                                     "\n"
                                     "  waves:\n"
                                     "    - { name: first, at: T-3s, regions: [ZHJ] }\n"
                                     "    - { name: rest, at: T-2s }\n");
    auto args = run_args(plan, "report.json");
    args.pop_back();  // not --quiet: the waits are announced
    const auto r = run_hotlive(args, credentials());
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
    // Issue 14.3: each wait is named with its wave, before the first wave and between waves.
    BOOST_TEST(r.err.find("hotlive: wave 'first' (2 calls) starts at " +
                          hotlive::detail::format_rfc3339_utc(event - seconds{3}).substr(0, 19)) != std::string::npos,
               r.err);
    BOOST_TEST(r.err.find("hotlive: wave 'rest' (4 calls) starts at ") != std::string::npos, r.err);
    const auto report = this->report("report.json");
    BOOST_TEST(total(report, "succeeded") == 6);
    for (const auto& c : report.at("calls").as_array()) {
        const auto& call = c.as_object();
        const auto started = hotlive::detail::parse_rfc3339(call.at("first_attempt_at").as_string());
        BOOST_TEST_REQUIRE(started.has_value());
        const bool first_wave = call.at("region").as_string() == "ZHJ";
        BOOST_TEST((*started >= event - seconds{first_wave ? 3 : 2}), std::string(call.at("key").as_string()));
    }
    const auto wire = log(e);
    BOOST_TEST_REQUIRE(wire.size() == 6u);
    for (std::size_t i = 0; i < wire.size(); ++i) {
        BOOST_TEST((wire[i].key.ends_with("@ZHJ") == (i < 2)), wire[i].key);  // the first wave's two, then the rest
    }
}

// Issue 14.1: at a wave's start the workers all wake at once; the wire still gets the calls in
// plan order (slots 10 ms apart, so arrival order is send order).
BOOST_AUTO_TEST_CASE(a_waves_calls_go_out_in_plan_order) {
    auto e = emulator("qps: 0\n");
    using namespace std::chrono;
    const auto event = ceil<seconds>(system_clock::now()) + seconds{2};
    const auto plan = write_plan(e.url, 1, {"china-provinces"},
                                 "limits: { rate: 100, burst: 1, concurrency: 16 }\n"
                                 "schedule:\n"
                                 "  event_start: " +
                                     hotlive::detail::format_rfc3339_utc(event) +
                                     "\n"
                                     "  waves:\n"
                                     "    - { name: all, at: T-1s }\n");
    const auto r = run_hotlive(run_args(plan, "report.json"), credentials());
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
    std::vector<std::string> plan_order;
    const auto written = report("report.json");
    for (const auto& c : written.at("calls").as_array()) {
        plan_order.emplace_back(c.as_object().at("key").as_string());
    }
    std::vector<std::string> wire_order;
    for (const auto& request : log(e)) wire_order.push_back(request.key);
    BOOST_TEST(plan_order.size() == 34u);
    BOOST_TEST(wire_order == plan_order, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
