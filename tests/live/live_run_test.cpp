// `hotlive run --listen` against the emulator, over real sockets: a scrape taken mid-run passes
// `promtool check metrics`, and at the end /metrics, /status.json and --metrics-file agree with
// the report and with the emulator's own log of what it was sent.
#include "integration/emulator_log.hpp"
#include "live/http_probe.hpp"
#include "support/background_process.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/test/unit_test.hpp>

#include <csignal>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

using namespace hotlive::test;
namespace json = boost::json;
using namespace std::chrono_literals;

namespace {

constexpr const char* demo_id = "hotlive-demo-id";
constexpr const char* demo_secret = "hotlive-demo-secret";

// 6 streams × 6 regions at 8 calls/s, about 5 s: TIB has no node (failed once, then skipped for
// the other streams), and some first attempts are answered InternalError and retried.
std::string live_plan(const std::string& endpoint) {
    std::string plan =
        "version: 1\nname: live-view\nendpoint: " + endpoint +
        "\ndefaults: { domain: rts.example.com, app: live, audio_msid: rts audio, video_msid: rts "
        "video }\nlimits: { rate: 8, burst: 1, concurrency: 4 }\n"
        "retry: { max_attempts: 3, base_delay_ms: 50, throttle_base_delay_ms: 100, max_delay_ms: 200 }\nstreams:\n";
    for (int i = 0; i < 6; ++i)
        plan += "  - { stream: s" + std::to_string(i) + ", regions: [SHH, JSU, ZHJ, ANH, FUJ, TIB] }\n";
    return plan;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The value of one sample, as written (labels included), or -1.
double sample(const std::string& text, const std::string& name) {
    const auto at = text.find("\n" + name + " ");
    if (at == std::string::npos) return -1;
    return std::stod(text.substr(at + name.size() + 2));
}

// The sum of every sample of the family `name` whose labels contain `having`.
double family_sum(const std::string& text, const std::string& name, const std::string& having = "") {
    double sum = 0;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        if (!line.starts_with(name + "{") || line.find(having) == std::string::npos) continue;
        sum += std::stod(line.substr(line.rfind(' ') + 1));
    }
    return sum;
}

struct live_fixture {
    temp_dir dir;

    running_emulator emulator() const {
        const auto config =
            dir.write("emulator.yaml", std::string("accounts:\n  - { id: ") + demo_id + ", secret: " + demo_secret +
                                           " }\nqps: 0\nseed: 7\nregions:\n  without_nodes: [TIB]\n"
                                           "faults:\n  - { kind: internal_error, attempts: [1], "
                                           "probability: 0.2, per: call }\n");
        return start_emulator({"--config", config.string(), "--log", (dir.path() / "emulator.log").string()},
                              dir.path());
    }

    std::map<std::string, std::string> credentials() const {
        return {{"ALIBABA_CLOUD_ACCESS_KEY_ID", demo_id},
                {"ALIBABA_CLOUD_ACCESS_KEY_SECRET", demo_secret},
                {"HOME", dir.path().string()}};
    }

    // The live view's URL, once the run has printed it.
    static std::string live_url(const background_process& run) {
        static const std::regex printed{"hotlive: live view on (http://127\\.0\\.0\\.1:[0-9]+/)"};
        for (int i = 0; i < 2000; ++i) {
            std::smatch m;
            const std::string err = run.err();
            if (std::regex_search(err, m, printed)) return m[1];
            std::this_thread::sleep_for(10ms);
        }
        BOOST_FAIL("the run printed no live view address: " + run.err());
        return {};
    }

    static json::object status(std::uint16_t port) {
        const auto reply = http_request(port, "GET", "/status.json");
        BOOST_REQUIRE_EQUAL(reply.status, 200);
        return json::parse(reply.body).as_object();
    }
};

std::int64_t number(const json::object& o, const char* a, const char* b) {
    return o.at(a).as_object().at(b).to_number<std::int64_t>();
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(live_view_of_a_run, live_fixture)

BOOST_AUTO_TEST_CASE(metrics_and_status_agree_with_the_emulators_log_and_the_report) {
    auto e = emulator();
    const auto plan = dir.write("plan.yaml", live_plan(e.url));
    const auto report = dir.path() / "report.json";
    const auto metrics_file = dir.path() / "hotlive.prom";
    background_process run({HOTLIVE_EXE, "run", plan.string(), "--report", report.string(), "--listen", "127.0.0.1:0",
                            "--listen-linger", "60s", "--metrics-file", metrics_file.string(), "--quiet"},
                           dir.path(), credentials());
    const auto port = port_of(live_url(run));

    // Mid-run: some calls warm, the run not ended.
    std::string mid_run;
    for (int i = 0; i < 400 && mid_run.empty(); ++i) {
        const auto s = status(port);
        if (number(s, "calls", "succeeded") >= 8 && s.at("ended_at").is_null()) {
            mid_run = http_request(port, "GET", "/metrics").body;
        } else {
            std::this_thread::sleep_for(25ms);
        }
    }
    BOOST_REQUIRE_MESSAGE(!mid_run.empty(), "no scrape while the run went on");
    BOOST_TEST(sample(mid_run, "hotlive_calls_planned") == 36);
    BOOST_TEST(family_sum(mid_run, "hotlive_calls_finished_total") < 36);
    const auto scrape = dir.write("mid-run.prom", mid_run);
    const auto checked = run_process({"/bin/sh", "-c", "promtool check metrics < '" + scrape.string() + "'"});
    BOOST_TEST(checked.exit_code == 0, "promtool check metrics: " << checked.out << checked.err);

    // The end: the report is written before the live view lingers.
    json::object final_status;
    for (int i = 0; i < 1200; ++i) {
        final_status = status(port);
        if (!final_status.at("ended_at").is_null() && std::filesystem::exists(report)) break;
        std::this_thread::sleep_for(25ms);
    }
    BOOST_REQUIRE(!final_status.at("ended_at").is_null());
    std::this_thread::sleep_for(200ms);  // the report's rename, then the summary
    const std::string final_metrics = http_request(port, "GET", "/metrics").body;
    const auto head = http_request(port, "HEAD", "/metrics");
    BOOST_TEST(head.status == 200);
    BOOST_TEST(head.body.empty());
    BOOST_TEST(head.headers.at("content-length") == std::to_string(final_metrics.size()));
    run.signal(SIGINT);           // ends the linger
    BOOST_TEST(run.wait() == 1);  // TIB failed
    const auto log = [&] {
        e.process->signal(SIGTERM);
        e.process->wait();
        return read_emulator_log(dir.path() / "emulator.log");
    }();

    const auto totals = json::parse(read_file(report)).as_object().at("totals").as_object();
    for (const char* status : {"succeeded", "failed", "skipped", "not_started", "cancelled"}) {
        const auto expected = static_cast<double>(totals.at(status).to_number<std::int64_t>());
        BOOST_TEST(
            sample(final_metrics, std::string("hotlive_calls_finished_total{status=\"") + status + "\"}") == expected,
            status);
        BOOST_TEST(number(final_status, "calls", status) == expected, status);
    }
    BOOST_TEST(totals.at("failed").to_number<int>() >= 1);
    BOOST_TEST(totals.at("skipped").to_number<int>() >= 1);
    BOOST_TEST(number(final_status, "calls", "pending") == 0);
    BOOST_TEST(number(final_status, "calls", "sending") == 0);

    // Attempts: the metrics count what the emulator logged, outcome by outcome.
    std::size_t sent = 0, warm = 0, internal_errors = 0, throttled = 0;
    for (const auto& r : log) {
        if (r.key.empty()) continue;
        ++sent;
        if (r.verdict == "success") ++warm;
        if (r.code == "InternalError") ++internal_errors;
        if (r.verdict == "throttled") ++throttled;
    }
    BOOST_TEST(family_sum(final_metrics, "hotlive_attempts_total") == static_cast<double>(sent));
    BOOST_TEST(totals.at("attempts").to_number<std::int64_t>() == static_cast<std::int64_t>(sent));
    BOOST_TEST(family_sum(final_metrics, "hotlive_attempts_total", "outcome=\"success\"") == static_cast<double>(warm));
    BOOST_TEST(family_sum(final_metrics, "hotlive_attempts_total", "code=\"InternalError\"") ==
               static_cast<double>(internal_errors));
    BOOST_TEST(internal_errors >= 1u);
    BOOST_TEST(sample(final_metrics, "hotlive_throttled_attempts_total") == static_cast<double>(throttled));
    BOOST_TEST(sample(final_metrics, "hotlive_answer_latency_seconds_count") == static_cast<double>(sent));
    BOOST_TEST(sample(final_metrics, "hotlive_calls_in_flight") == 0);
    BOOST_TEST(final_metrics.find("hotlive_run_info{plan=\"live-view\",shard=\"1/1\",version=\"") != std::string::npos);

    // The file for node_exporter holds the final state too, and nothing served holds a secret.
    BOOST_TEST(read_file(metrics_file) == final_metrics);
    for (const auto& served : {final_metrics, json::serialize(final_status)}) {
        BOOST_TEST(served.find(demo_secret) == std::string::npos);
        BOOST_TEST(served.find(demo_id) == std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(a_busy_port_refuses_the_run_before_anything_is_sent) {
    auto e = emulator();
    const auto plan = dir.write("plan.yaml", live_plan(e.url));
    const auto port = port_of(e.url);  // the emulator's
    process_options o;
    o.env_set = credentials();
    const auto refused = run_hotlive({"run", plan.string(), "--report", (dir.path() / "r.json").string(), "--listen",
                                      "127.0.0.1:" + std::to_string(port)},
                                     o);
    BOOST_TEST(refused.exit_code == 3);
    BOOST_TEST(
        refused.err.find("live view cannot listen on http://127.0.0.1:" + std::to_string(port)) != std::string::npos,
        refused.err);
    BOOST_TEST(!std::filesystem::exists(dir.path() / "r.json"));
}

BOOST_AUTO_TEST_SUITE_END()
