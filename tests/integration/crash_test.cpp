// Crash safety: `hotlive run` killed with SIGKILL, then `--resume`. Every call must end warm
// exactly once on the emulator's own log: none warmed twice (an attempt delivered just before the
// kill, whose answer was never journalled, must not be sent afresh) and none missing (an attempt
// that was answered without warming must not pass for a delivered one).
//
// The random kills' seed comes from HOTLIVE_CRASH_SEED when set, and is printed with every failure.
#include "integration/emulator_log.hpp"
#include "support/background_process.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <random>
#include <span>
#include <sstream>
#include <thread>

using namespace hotlive::test;
namespace json = boost::json;

namespace {

constexpr const char* demo_id = "hotlive-demo-id";
constexpr const char* demo_secret = "hotlive-demo-secret";
constexpr std::uint32_t default_seed = 20261231;
constexpr std::string_view delivered_message = "the attempt sent before the run was interrupted reached the service";

const std::vector<std::string> fifty_countries{
    "PG", "SK", "PE", "LV", "AE", "CA", "CU", "MR", "JP", "AM", "TM", "RU", "BY", "GN", "IQ", "AR", "CL",
    "SZ", "CD", "BE", "KZ", "RS", "TR", "NA", "LT", "PR", "CG", "NC", "MA", "GL", "KW", "LR", "UA", "ID",
    "MM", "BO", "MD", "GR", "NZ", "SB", "ET", "FJ", "YE", "CY", "BA", "ER", "DE", "PK", "CF", "HR"};

std::uint32_t chosen_seed() {
    const char* text = std::getenv("HOTLIVE_CRASH_SEED");
    return text != nullptr ? static_cast<std::uint32_t>(std::strtoul(text, nullptr, 10)) : default_seed;
}

// What the emulator saw of one call, for a failure message.
std::string story(const std::vector<logged_request>& wire, const std::string& key) {
    std::string text;
    for (const auto& r : wire) {
        if (r.key != key) continue;
        text += "[t=" + std::to_string(r.t_ms) + " attempt " + std::to_string(r.attempt) + " nonce " + r.nonce + " " +
                r.verdict + " " + std::to_string(r.status) + (r.code.empty() ? "" : " " + r.code) + "] ";
    }
    return text;
}

// How many lines of `path` start with `prefix`.
std::size_t lines_starting_with(const std::filesystem::path& path, std::string_view prefix) {
    std::ifstream in(path);
    std::size_t count = 0;
    for (std::string line; std::getline(in, line);) count += line.starts_with(prefix) ? 1U : 0U;
    return count;
}

struct crash_fixture {
    temp_dir dir;

    std::filesystem::path write_plan(int streams, std::span<const std::string> regions,
                                     const std::string& retry) const {
        std::ostringstream plan;
        plan << "version: 1\nname: crash\n"
             << "defaults: { domain: rts.example.com, app: live, audio_msid: rts audio, video_msid: rts video }\n"
             << "retry: " << retry << "\nstreams:\n";
        std::string list;
        for (const auto& r : regions) list += (list.empty() ? "" : ", ") + r;
        for (int i = 0; i < streams; ++i) plan << "  - { stream: s" << i << ", regions: [" << list << "] }\n";
        return dir.write("plan.yaml", plan.str());
    }

    // A fresh emulator logging to NAME.log, so that each run's counts are its own.
    running_emulator emulator(const std::string& name, const std::string& faults) const {
        const auto config = dir.write(name + ".yaml", std::string("accounts:\n  - { id: ") + demo_id +
                                                          ", secret: " + demo_secret + " }\nqps: 0\n" + faults);
        return start_emulator({"--config", config.string(), "--log", log_path(name).string()}, dir.path());
    }

    std::filesystem::path log_path(const std::string& name) const { return dir.path() / (name + ".log"); }

    std::map<std::string, std::string> credentials() const {
        return {{"ALIBABA_CLOUD_ACCESS_KEY_ID", demo_id},
                {"ALIBABA_CLOUD_ACCESS_KEY_SECRET", demo_secret},
                {"HOME", dir.path().string()}};
    }

    // `hotlive run PLAN --report REPORT --endpoint URL PACE... --quiet`.
    static std::vector<std::string> run_args(const std::filesystem::path& plan, const std::filesystem::path& report,
                                             const std::string& endpoint, const std::vector<std::string>& pace) {
        std::vector<std::string> args{HOTLIVE_EXE,     "run",        plan.string(), "--report",
                                      report.string(), "--endpoint", endpoint,      "--quiet"};
        args.insert(args.end(), pace.begin(), pace.end());
        return args;
    }

    // `--resume REPORT` to the end. A run killed before its journal's first line (who runs) had sent
    // nothing, and has nothing to resume from: the operator runs it again. Its journal may exist,
    // empty: the file is opened (and locked) a few steps before that line is written.
    [[nodiscard]] process_result resume(std::vector<std::string> args, const std::filesystem::path& report) const {
        args.erase(args.begin());  // run_hotlive names the program
        const std::filesystem::path journal = report.string() + ".journal";
        if (std::filesystem::exists(journal) && std::filesystem::file_size(journal) > 0)
            args.insert(args.end(), {"--resume", report.string()});
        process_options options;
        options.env_set = credentials();
        options.env_unset = {"ALIBABA_CLOUD_PROFILE", "ALIBABA_CLOUD_SECURITY_TOKEN"};
        return run_hotlive(args, options);
    }

    // Checks that the report says every call succeeded and that the emulator (stopped here, so
    // that its log is complete) warmed each exactly once. Returns how many calls the resumed run
    // found delivered by their replay.
    std::size_t check_exactly_once(const std::filesystem::path& report_path, running_emulator& e,
                                   const std::string& name, std::size_t calls) const {
        std::ifstream in(report_path);
        const auto report = json::parse(std::string(std::istreambuf_iterator<char>(in), {})).as_object();
        const auto& totals = report.at("totals").as_object();
        BOOST_TEST(totals.at("calls").to_number<std::size_t>() == calls);
        BOOST_TEST(totals.at("succeeded").to_number<std::size_t>() == calls);

        e.process->signal(SIGTERM);
        e.process->wait();
        const auto wire = read_emulator_log(log_path(name));
        const auto successes = successes_by_key(wire);
        BOOST_TEST(successes.size() == calls);
        std::size_t delivered = 0;
        for (const auto& c : report.at("calls").as_array()) {
            const auto& call = c.as_object();
            const std::string key(call.at("key").as_string());
            const auto found = successes.find(key);
            const int count = found == successes.end() ? 0 : found->second;
            BOOST_TEST(count == 1, key << " warmed " << count << " times: " << story(wire, key));
            const auto& message = call.at("message");
            if (message.is_string() && message.as_string().starts_with(delivered_message)) ++delivered;
        }
        return delivered;
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(crash_safety, crash_fixture)

// Every answer is delayed 5-20 ms, so that some calls are in flight at the kill, already decided
// by the emulator: their replay must be recognised, not warmed again.
BOOST_AUTO_TEST_CASE(kill_9_at_twenty_random_moments_then_resume_warms_every_call_exactly_once) {
    constexpr int runs = 20;
    const std::uint32_t seed = chosen_seed();
    BOOST_TEST_MESSAGE("seed " << seed << " (HOTLIVE_CRASH_SEED)");
    std::mt19937 random(seed);
    std::uniform_int_distribution<int> kill_after_ms(20, 1500);
    // 300 calls: some 1.2 s at 250 calls/s.
    const auto plan = write_plan(6, fifty_countries, "{ max_attempts: 5 }");
    const std::vector<std::string> pace{"--rate", "250", "--concurrency", "16"};
    int killed = 0;
    std::size_t delivered = 0;

    for (int run = 0; run < runs; ++run) {
        const int after_ms = kill_after_ms(random);
        BOOST_TEST_CONTEXT("seed " << seed << ", run " << run << ", killed after " << after_ms << " ms") {
            const std::string name = "run-" + std::to_string(run);
            auto e = emulator(name, "faults:\n  - { kind: latency, latency_ms: [5, 20] }\n");
            const auto report = dir.path() / (name + ".json");
            const auto args = run_args(plan, report, e.url, pace);

            background_process first(args, dir.path(), credentials());
            std::this_thread::sleep_for(std::chrono::milliseconds{after_ms});
            first.signal(SIGKILL);
            const int first_exit = first.wait();
            BOOST_TEST((first_exit == 128 + SIGKILL || first_exit == 0), first.err());
            if (first_exit == 128 + SIGKILL) ++killed;

            const auto resumed = resume(args, report);
            BOOST_TEST_REQUIRE(resumed.exit_code == 0, resumed.err);
            delivered += check_exactly_once(report, e, name, 6 * fifty_countries.size());
        }
    }
    BOOST_TEST_MESSAGE(killed << " of " << runs << " runs killed before they ended; " << delivered
                              << " calls found delivered by their replay");
    // The kills landed while calls were in flight: otherwise this test would test nothing.
    BOOST_TEST(killed > 0);
    BOOST_TEST(delivered > 0u);
}

// The first attempt of every call of stream s0 fails with InternalError and the call waits (up to
// a minute) to retry: killed then, the calls are not in doubt, and are sent afresh. Taken for
// delivered, they would never be warm.
BOOST_AUTO_TEST_CASE(a_call_killed_while_waiting_to_retry_an_error_is_sent_afresh) {
    auto e = emulator("retry", "faults:\n  - { kind: internal_error, attempts: [1], match: { stream: s0 } }\n");
    const std::vector<std::string> regions(fifty_countries.begin(), fifty_countries.begin() + 10);
    const auto plan = write_plan(2, regions, "{ base_delay_ms: 60000, max_delay_ms: 60000 }");
    const auto report = dir.path() / "retry.json";
    const auto args = run_args(plan, report, e.url, {"--rate", "0", "--concurrency", "20"});

    background_process first(args, dir.path(), credentials());
    // All 20 attempts sent and the 10 of s1 finished: the errors of s0 have come back with them.
    const auto journal = report.string() + ".journal";
    for (int i = 0; i < 2000; ++i) {
        if (lines_starting_with(journal, R"({"attempt")") >= 20 && lines_starting_with(journal, R"({"key")") >= 10) {
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds{10});
    }
    std::this_thread::sleep_for(std::chrono::milliseconds{200});
    first.signal(SIGKILL);
    BOOST_TEST(first.wait() == 128 + SIGKILL);

    const auto resumed = resume(args, report);
    BOOST_TEST_REQUIRE(resumed.exit_code == 0, resumed.err);
    BOOST_TEST(check_exactly_once(report, e, "retry", 20) == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
