// hotlive run --log-format json: what a log pipeline reads. Every line on stderr is one JSON
// object with a time, a level and an event; the summary is one object on stdout; no secret.
#include "support/background_process.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <boost/test/unit_test.hpp>

#include <map>
#include <sstream>

using namespace hotlive::test;
namespace json = boost::json;

namespace {

constexpr const char* secret = "hotlive-demo-secret";

struct log_fixture {
    temp_dir dir;

    [[nodiscard]] std::filesystem::path plan(const std::string& endpoint, const std::string& extra = "") const {
        return dir.write("plan.yaml", "version: 1\nname: logs\nendpoint: " + endpoint +
                                          "\ndefaults: { domain: rts.example.com, app: live, audio_msid: rts audio, "
                                          "video_msid: rts video }\nlimits: { rate: 0, concurrency: 4 }\n" +
                                          extra + "streams:\n  - { stream: s0, regions: [ZHJ, GUD, SG, US] }\n");
    }

    [[nodiscard]] process_options credentials() const {
        process_options o;
        o.env_set = {{"ALIBABA_CLOUD_ACCESS_KEY_ID", "hotlive-demo-id"},
                     {"ALIBABA_CLOUD_ACCESS_KEY_SECRET", secret},
                     {"HOME", dir.path().string()}};
        o.env_unset = {"ALIBABA_CLOUD_PROFILE", "ALIBABA_CLOUD_SECURITY_TOKEN", "HOTLIVE_LOG_FORMAT"};
        return o;
    }

    [[nodiscard]] std::vector<std::string> run_args(const std::filesystem::path& plan) const {
        return {"run", plan.string(), "--report", (dir.path() / "report.json").string(), "--log-format", "json"};
    }
};

// Every line of `text` as a JSON object with the three fields every event has.
std::vector<json::object> events(const std::string& text) {
    std::vector<json::object> out;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        BOOST_TEST_CONTEXT(line) {
            json::object event = json::parse(line).as_object();
            BOOST_TEST(std::string(event.at("t").as_string()).ends_with("Z"));
            BOOST_TEST(event.at("level").is_string());
            BOOST_TEST(event.at("event").is_string());
            out.push_back(std::move(event));
        }
    }
    return out;
}

std::map<std::string, int> count_by_event(const std::vector<json::object>& list) {
    std::map<std::string, int> counts;
    for (const auto& e : list) ++counts[std::string(e.at("event").as_string())];
    return counts;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(log_format_json, log_fixture)

BOOST_AUTO_TEST_CASE(verbose_logs_every_call_progress_and_one_summary_object) {
    auto e = start_emulator({"--qps", "0"}, dir.path());
    auto args = run_args(plan(e.url));
    args.emplace_back("--verbose");
    const auto r = run_hotlive(args, credentials());
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);

    const auto log = events(r.err);
    BOOST_TEST_REQUIRE(!log.empty());
    BOOST_TEST(log.front().at("event").as_string() == "run_started");
    BOOST_TEST(log.front().at("calls").as_int64() == 4);
    const auto counts = count_by_event(log);
    BOOST_TEST(counts.at("call_finished") == 4);
    BOOST_TEST(counts.at("progress") >= 1);
    for (const auto& event : log) {
        if (event.at("event").as_string() != "call_finished") continue;
        BOOST_TEST(event.at("level").as_string() == "info");
        BOOST_TEST(event.at("status").as_string() == "succeeded");
        BOOST_TEST(event.at("attempts").as_int64() == 1);
        BOOST_TEST(event.at("http_status").as_int64() == 200);
        BOOST_TEST(event.at("code").is_null());
        BOOST_TEST(event.at("request_id").is_string());
        BOOST_TEST(std::string(event.at("key").as_string()).starts_with("rts.example.com/live/s0@"));
    }

    const auto summary = events(r.out);
    BOOST_TEST_REQUIRE(summary.size() == 1u, r.out);
    BOOST_TEST(summary[0].at("event").as_string() == "run_finished");
    BOOST_TEST(summary[0].at("level").as_string() == "info");
    BOOST_TEST(summary[0].at("plan").as_string() == "logs");
    BOOST_TEST(summary[0].at("totals").as_object().at("succeeded").as_int64() == 4);
    BOOST_TEST(summary[0].at("not_warm").as_object().empty());
    BOOST_TEST(r.out.find(secret) == std::string::npos);
    BOOST_TEST(r.err.find(secret) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(failed_calls_are_warnings_with_the_services_code) {
    auto e = start_emulator({"--qps", "0", "--fault", "internal_error:1"}, dir.path());
    auto args = run_args(plan(e.url, "retry: { max_attempts: 1 }\n"));
    args.emplace_back("--verbose");
    const auto r = run_hotlive(args, credentials());
    BOOST_TEST_REQUIRE(r.exit_code == 1, r.err);
    int failed = 0;
    for (const auto& event : events(r.err)) {
        if (event.at("event").as_string() != "call_finished") continue;
        ++failed;
        BOOST_TEST(event.at("level").as_string() == "warn");
        BOOST_TEST(event.at("status").as_string() == "failed");
        BOOST_TEST(event.at("code").as_string() == "InternalError");
        BOOST_TEST(event.at("http_status").as_int64() == 500);
    }
    BOOST_TEST(failed == 4);
    const auto summary = events(r.out);
    BOOST_TEST_REQUIRE(summary.size() == 1u, r.out);
    BOOST_TEST(summary[0].at("level").as_string() == "warn");
    BOOST_TEST(summary[0].at("not_warm").as_object().at("InternalError").as_int64() == 4);
}

BOOST_AUTO_TEST_CASE(without_verbose_only_progress_and_quiet_says_nothing) {
    auto e = start_emulator({"--qps", "0"}, dir.path());
    const auto normal = run_hotlive(run_args(plan(e.url)), credentials());
    BOOST_TEST_REQUIRE(normal.exit_code == 0, normal.err);
    const auto counts = count_by_event(events(normal.err));
    BOOST_TEST(!counts.contains("call_finished"));
    BOOST_TEST(counts.at("progress") >= 1);

    auto args = run_args(plan(e.url));
    args.emplace_back("--quiet");
    const auto quiet = run_hotlive(args, credentials());
    BOOST_TEST(quiet.exit_code == 0, quiet.err);
    BOOST_TEST(quiet.err.empty(), quiet.err);
    BOOST_TEST(quiet.out.empty(), quiet.out);
}

BOOST_AUTO_TEST_CASE(plan_errors_and_usage_errors_are_json_too_and_the_environment_chooses_it) {
    const auto bad =
        dir.write("bad.yaml",
                  "version: 1\ndefaults: { domain: d.example.com, app: live, audio_msid: a, video_msid: v }"
                  "\nstreams:\n  - stream: s\n    regions: [HK]\n");
    auto options = credentials();
    options.env_set["HOTLIVE_LOG_FORMAT"] = "json";
    options.env_unset.clear();
    const auto r = run_hotlive({"run", bad.string()}, options);
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.out.empty());
    const auto log = events(r.err);
    BOOST_TEST_REQUIRE(log.size() >= 2u, r.err);
    const auto& diagnostic = log.front();
    BOOST_TEST(diagnostic.at("event").as_string() == "plan_diagnostic");
    BOOST_TEST(diagnostic.at("level").as_string() == "error");
    BOOST_TEST(diagnostic.at("file").as_string() == bad.string());
    BOOST_TEST(diagnostic.at("line").as_int64() == 5);
    BOOST_TEST(diagnostic.at("column").as_int64() == 15);
    BOOST_TEST(std::string(diagnostic.at("message").as_string()).find("did you mean HKG") != std::string::npos);
    BOOST_TEST(log.back().at("event").as_string() == "error");
    BOOST_TEST(log.back().at("message").as_string() == "1 error in the plan; nothing was sent");

    const auto unknown = run_hotlive({"run", bad.string(), "--log-format", "xml"});
    BOOST_TEST(unknown.exit_code == 2);
}

BOOST_AUTO_TEST_SUITE_END()
