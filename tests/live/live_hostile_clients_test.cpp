// Hostile clients of the live view — slowloris, a header flood, 1,000 idle connections, junk
// bytes — during a paced run against the emulator: the run's calls and pace must be what they are
// without them. The pace is read from the emulator's log, with tolerances that hold on a loaded
// 2-core machine; nothing depends on how fast the machine is.
#include "integration/emulator_log.hpp"
#include "live/http_probe.hpp"
#include "support/background_process.hpp"
#include "support/temp_dir.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <fstream>
#include <random>
#include <regex>
#include <sstream>
#include <thread>
#include <vector>

using namespace hotlive::test;
namespace json = boost::json;
using namespace std::chrono_literals;

namespace {

constexpr int calls = 30;
constexpr int rate = 10;
const std::vector<std::string> regions{"SHH", "JSU", "ZHJ", "ANH", "FUJ", "JXI", "SHD", "GUD", "GXI", "HAI",
                                       "HUB", "HUN", "HEN", "HEB", "BEJ", "TAJ", "SHX", "NMG", "LIA", "JIL",
                                       "HLJ", "CHQ", "SCH", "GUI", "YUN", "TIB", "SHA", "GAN", "QIH", "NXA"};

struct paced_run {
    std::vector<logged_request> log;
    int exit_code = -1;
    std::string totals;
};

// What the hostile clients got back.
struct hostile_results {
    std::atomic<int> header_flood_431{0};
    std::atomic<int> junk_400{0};
    std::atomic<int> idle_opened{0};
    std::atomic<bool> stop{false};
};

void hostile_clients(std::uint16_t port, hostile_results& got) {
    std::vector<std::thread> threads;
    // A header far past the 8 KiB limit: 431 (or closed at once when every slot is taken).
    for (int i = 0; i < 4; ++i) {
        threads.emplace_back([&, port] {
            std::string flood = "GET / HTTP/1.1\r\nHost: x\r\n";
            while (flood.size() < 100'000) flood += "X-Flood: " + std::string(200, 'a') + "\r\n";
            flood += "\r\n";
            if (send_and_read(port, flood, 5s).status == 431) ++got.header_flood_431;
        });
    }
    // Junk bytes: 400.
    for (int i = 0; i < 4; ++i) {
        threads.emplace_back([&, port, i] {
            std::mt19937 random(static_cast<unsigned>(i));
            std::string junk(4096, '\0');
            for (auto& c : junk) c = static_cast<char>(random() % 256);
            junk[0] = '\x16';  // not a method's first byte
            if (send_and_read(port, junk, 5s).status == 400) ++got.junk_400;
        });
    }
    for (auto& t : threads) t.join();
    threads.clear();
    // Slowloris: a header line, then a byte every 200 ms, never the end of the headers.
    threads.emplace_back([&, port] {
        std::vector<int> slow;
        for (int i = 0; i < 20; ++i) {
            if (const int fd = connect_loopback(port); fd >= 0) {
                (void)::send(fd, "GET / HTTP/1.1\r\nX-Slow: ", 24, MSG_NOSIGNAL);
                slow.push_back(fd);
            }
        }
        while (!got.stop) {
            for (const int fd : slow) (void)::send(fd, "a", 1, MSG_NOSIGNAL);
            std::this_thread::sleep_for(200ms);
        }
        for (const int fd : slow) ::close(fd);
    });
    // 1,000 idle connections, held until the run ends.
    threads.emplace_back([&, port] {
        std::vector<int> idle;
        for (int i = 0; i < 1000; ++i) {
            if (const int fd = connect_loopback(port); fd >= 0) idle.push_back(fd);
        }
        got.idle_opened = static_cast<int>(idle.size());
        while (!got.stop) std::this_thread::sleep_for(50ms);
        for (const int fd : idle) ::close(fd);
    });
    for (auto& t : threads) t.join();
}

struct hostile_fixture {
    temp_dir dir;

    paced_run run(const std::string& name, bool with_hostile_clients, hostile_results& got) const {
        const auto config = dir.write(name + "-emulator.yaml",
                                      "accounts:\n  - { id: hotlive-demo-id, secret: hotlive-demo-secret }\nqps: 0\n");
        const auto log_path = dir.path() / (name + "-emulator.log");
        auto e = start_emulator({"--config", config.string(), "--log", log_path.string()}, dir.path());
        std::string plan = "version: 1\nname: " + name + "\nendpoint: " + e.url +
                           "\ndefaults: { domain: rts.example.com, app: live, audio_msid: rts audio, video_msid: rts "
                           "video }\nlimits: { rate: " +
                           std::to_string(rate) + ", burst: 1, concurrency: 4 }\nstreams:\n  - { stream: s, regions: [";
        for (std::size_t i = 0; i < regions.size(); ++i) plan += (i ? ", " : "") + regions[i];
        plan += "] }\n";
        const auto plan_path = dir.write(name + ".yaml", plan);
        const auto report = dir.path() / (name + ".json");
        background_process hotlive({HOTLIVE_EXE, "run", plan_path.string(), "--report", report.string(), "--listen",
                                    "127.0.0.1:0", "--listen-linger", "30s", "--quiet"},
                                   dir.path(),
                                   {{"ALIBABA_CLOUD_ACCESS_KEY_ID", "hotlive-demo-id"},
                                    {"ALIBABA_CLOUD_ACCESS_KEY_SECRET", "hotlive-demo-secret"},
                                    {"HOME", dir.path().string()}});
        static const std::regex printed{"live view on (http://127\\.0\\.0\\.1:[0-9]+/)"};
        std::smatch m;
        std::string err;
        for (int i = 0; i < 2000 && !std::regex_search(err = hotlive.err(), m, printed); ++i) {
            std::this_thread::sleep_for(10ms);
        }
        BOOST_REQUIRE_MESSAGE(!m.empty(), "no live view address: " + err);
        const auto port = port_of(m[1].str());
        std::thread attack;
        if (with_hostile_clients) attack = std::thread([&] { hostile_clients(port, got); });
        // The run has ended once the report is there (it is written before the live view lingers).
        for (int i = 0; i < 3000 && !std::filesystem::exists(report); ++i) std::this_thread::sleep_for(10ms);
        got.stop = true;
        if (attack.joinable()) attack.join();
        // The live view answers again once the hostile clients are gone (or timed out).
        int answered = 0;
        for (int i = 0; i < 100 && answered != 200; ++i) {
            answered = http_request(port, "GET", "/status.json").status;
            if (answered != 200) std::this_thread::sleep_for(100ms);
        }
        BOOST_TEST(answered == 200, name << ": the live view answers after the hostile clients");
        hotlive.signal(SIGINT);
        paced_run result;
        result.exit_code = hotlive.wait();
        e.process->signal(SIGTERM);
        e.process->wait();
        result.log = read_emulator_log(log_path);
        std::ifstream in(report);
        std::ostringstream text;
        text << in.rdbuf();
        result.totals = json::serialize(json::parse(text.str()).as_object().at("totals"));
        return result;
    }
};

std::int64_t span_ms(const std::vector<logged_request>& log) {
    return log.empty() ? 0 : log.back().t_ms - log.front().t_ms;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(live_view_under_attack, hostile_fixture)

BOOST_AUTO_TEST_CASE(hostile_clients_leave_the_runs_calls_and_pace_unharmed) {
    hostile_results quiet_clients;
    const paced_run quiet = run("quiet", false, quiet_clients);
    hostile_results got;
    const paced_run attacked = run("attacked", true, got);

    BOOST_TEST(quiet.exit_code == 0);
    BOOST_TEST(attacked.exit_code == 0);
    BOOST_TEST(attacked.totals == quiet.totals);
    BOOST_TEST(attacked.log.size() == static_cast<std::size_t>(calls));
    BOOST_TEST(successes_by_key(attacked.log).size() == static_cast<std::size_t>(calls));
    // The same pace: never above the rate (a burst of 1), and no slower than without the clients
    // (a second of slack for a loaded machine).
    BOOST_TEST(max_in_window(attacked.log, 1000) <= static_cast<std::size_t>(rate + 1));
    BOOST_TEST(max_in_window(quiet.log, 1000) <= static_cast<std::size_t>(rate + 1));
    BOOST_TEST(span_ms(attacked.log) <= span_ms(quiet.log) + 1000,
               "with the clients " << span_ms(attacked.log) << " ms, without " << span_ms(quiet.log) << " ms");
    BOOST_TEST(span_ms(attacked.log) >= (calls - 2) * 1000 / rate);
    // The clients were really there, and answered as the limits say.
    BOOST_TEST(got.idle_opened == 1000);
    BOOST_TEST(got.header_flood_431 >= 1);
    BOOST_TEST(got.junk_400 >= 1);
}

BOOST_AUTO_TEST_SUITE_END()
