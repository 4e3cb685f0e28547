// hotlive emulate as a process: its first line, its flags and config file (the scoped refusals
// among them), the clock offset, and a clean exit 0 with the log flushed on SIGINT and SIGTERM.
#include "emulator/harness.hpp"
#include "support/background_process.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"
#include "time/rfc3339.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <csignal>
#include <ctime>
#include <iomanip>
#include <regex>
#include <sstream>

using namespace std::chrono_literals;
using namespace hotlive::test;

namespace {

struct emulate_process {
    std::unique_ptr<background_process> process;
    std::uint16_t port = 0;
    std::string first_line;
};

emulate_process start(std::vector<std::string> args, const temp_dir& dir) {
    args.insert(args.begin(), {HOTLIVE_EXE, "emulate", "--listen", "127.0.0.1:0"});
    emulate_process p;
    p.process = std::make_unique<background_process>(args, dir.path());
    p.first_line = p.process->first_line();
    std::smatch m;
    static const std::regex form{R"(^hotlive emulator listening on https?://127\.0\.0\.1:(\d+)$)"};
    BOOST_TEST_REQUIRE(std::regex_match(p.first_line, m, form), p.first_line << p.process->err());
    p.port = static_cast<std::uint16_t>(std::stoi(m[1].str()));
    return p;
}

exchange call(std::uint16_t port, const live_call& c = {}, const signing_options& options = {}) {
    http_connection connection{port};
    return connection.send(signed_wire(c, "127.0.0.1:" + std::to_string(port), options));
}

// A refusal exactly as the service words it.
void check_refusal(const exchange& x, int status, std::string_view code, std::string_view message) {
    BOOST_TEST(x.response.status == status, x.response.body);
    BOOST_TEST(code_of(x.response) == code);
    BOOST_TEST(json_of(x.response).at("Message").as_string() == message);
}

constexpr std::string_view forbidden_ram =
    "User not authorized to operate on the specified resource, or this API doesn't support RAM.";

signing_options signed_by(const std::string& id, const std::string& secret) {
    signing_options options;
    options.access_key_id = id;
    options.access_key_secret = secret;
    return options;
}

live_call on_domain(const std::string& domain) {
    live_call c;
    c.domain = domain;
    return c;
}

live_call in_region(const std::string& region) {
    live_call c;
    c.region = region;
    return c;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_first_line_names_the_url_and_the_demo_account_works) {
    temp_dir dir;
    auto p = start({}, dir);
    BOOST_TEST(call(p.port).response.status == 200);
    signing_options v1;
    v1.version = hotlive::signature_version::v1;
    BOOST_TEST(call(p.port, {}, v1).response.status == 200);
    p.process->signal(SIGTERM);
    BOOST_TEST(p.process->wait() == 0);
}

BOOST_AUTO_TEST_CASE(sigint_and_sigterm_flush_the_log_and_exit_0) {
    for (const int sig : {SIGINT, SIGTERM}) {
        temp_dir dir;
        const auto log = dir.path() / "requests.jsonl";
        auto p = start({"--log", log.string(), "--qps", "0"}, dir);
        for (int i = 0; i < 5; ++i) {
            live_call c;
            c.stream = "s" + std::to_string(i);
            BOOST_TEST(call(p.port, c).response.status == 200);
        }
        p.process->signal(sig);
        BOOST_TEST(p.process->wait() == 0, p.process->err());
        BOOST_TEST(read_log(log).size() == 5u);
    }
}

BOOST_AUTO_TEST_CASE(accounts_qps_seed_and_faults_from_flags) {
    temp_dir dir;
    auto p = start({"--account", "flag-id:flag-secret", "--qps", "2", "--throttle-retry-after-ms", "900", "--seed", "5",
                    "--fault", "service_unavailable:0", "--fault", "internal_error:1"},
                   dir);
    signing_options options;
    options.access_key_id = "flag-id";
    options.access_key_secret = "flag-secret";
    BOOST_TEST(code_of(call(p.port, {}, options).response) == "InternalError");
    BOOST_TEST(code_of(call(p.port, {}, options).response) == "InternalError");
    const auto throttled = call(p.port, {}, options);
    BOOST_TEST(code_of(throttled.response) == "Throttling.User");
    BOOST_TEST(throttled.response.header("x-acs-retry-after") == "900");
    BOOST_TEST(code_of(call(p.port).response) == "InvalidAccessKeyId.NotFound");  // no demo account now
}

BOOST_AUTO_TEST_CASE(a_config_file_configures_and_flags_override_it) {
    temp_dir dir;
    const auto config = dir.write("emulator.yaml", R"(
accounts: [{ id: file-id, secret: file-secret }]
qps: 1
domains: { prefetch_off: [cold.example.com] }
regions: { without_nodes: [TIB] }
faults:
  - { kind: internal_error, match: { stream: broken } }
)");
    auto p = start({"--config", config.string(), "--qps", "0"}, dir);
    signing_options options;
    options.access_key_id = "file-id";
    options.access_key_secret = "file-secret";
    BOOST_TEST(call(p.port, {}, options).response.status == 200);
    BOOST_TEST(call(p.port, {}, options).response.status == 200);  // --qps 0 beats the file's 1
    live_call cold;
    cold.domain = "cold.example.com";
    BOOST_TEST(code_of(call(p.port, cold, options).response) == "NoSpecialConfiguration");
    live_call tib;
    tib.region = "TIB";
    BOOST_TEST(code_of(call(p.port, tib, options).response) == "CodeRegionHasNoNode");
    live_call broken;
    broken.stream = "broken";
    BOOST_TEST(code_of(call(p.port, broken, options).response) == "InternalError");
}

BOOST_AUTO_TEST_CASE(temporary_credentials_from_flags_beat_the_config_files) {
    temp_dir dir;
    const auto config = dir.write("emulator.yaml", R"(
sts_duration: 1h
imds: { mode: plain, role: file-role }
)");
    auto p = start(
        {"--config", config.string(), "--sts-duration", "30s", "--imds-mode", "hardened", "--imds-role", "flag-role"},
        dir);
    const std::string host = "Host: 127.0.0.1\r\n";
    const std::string path = "/latest/meta-data/ram/security-credentials/flag-role";
    http_connection connection{p.port};
    BOOST_TEST(connection.send("GET " + path + " HTTP/1.1\r\n" + host + "\r\n").response.status == 403);
    const auto token = connection.send("PUT /latest/api/token HTTP/1.1\r\n" + host +
                                       "X-aliyun-ecs-metadata-token-ttl-seconds: 60\r\nContent-Length: 0\r\n\r\n");
    BOOST_TEST_REQUIRE(token.response.status == 200);
    const auto creds = connection.send("GET " + path + " HTTP/1.1\r\n" + host +
                                       "X-aliyun-ecs-metadata-token: " + token.response.body + "\r\n\r\n");
    BOOST_TEST_REQUIRE(creds.response.status == 200, creds.response.body);
    const auto body = json_of(creds.response);
    const auto issued = hotlive::detail::parse_rfc3339(body.at("LastUpdated").as_string());
    const auto expires = hotlive::detail::parse_rfc3339(body.at("Expiration").as_string());
    BOOST_TEST((*expires - *issued).count() == 30);
    for (const char* duration : {"30", "0s", "13h", ""}) {
        const auto bad = run_hotlive({"emulate", "--listen", "127.0.0.1:0", "--sts-duration", duration});
        BOOST_TEST(bad.exit_code == 2, duration);
    }
    BOOST_TEST(run_hotlive({"emulate", "--listen", "127.0.0.1:0", "--imds-mode", "strict"}).exit_code == 2);
    BOOST_TEST(run_hotlive({"emulate", "--listen", "127.0.0.1:0", "--sts-outage", "10"}).exit_code == 2);
}

BOOST_AUTO_TEST_CASE(a_background_load_from_the_flag_beats_the_config_files) {
    temp_dir dir;
    const auto config = dir.write("emulator.yaml", "background_load: { rate: 4 }\n");
    auto from_file = start({"--config", config.string()}, dir);
    auto stats = fetch_stats(from_file.port);
    BOOST_TEST(stats.at("background").at("rate").as_int64() == 4);
    BOOST_TEST(stats.at("background").at("seconds").is_null());
    BOOST_TEST(stats.at("background").at("sent").as_int64() >= 1);  // the first is sent at the start

    auto from_flag = start({"--config", config.string(), "--background-load", "2.5:20"}, dir);
    stats = fetch_stats(from_flag.port);
    BOOST_TEST(stats.at("background").at("rate").as_double() == 2.5);
    BOOST_TEST(stats.at("background").at("seconds").as_int64() == 20);
    // However slow the machine, 20 s at 2.5 a second is 50 at most.
    const auto sent = stats.at("background").at("sent").as_int64();
    BOOST_TEST((sent >= 1 && sent <= 50), sent);
    BOOST_TEST(stats.at("requests").as_int64() == 0);
}

BOOST_AUTO_TEST_CASE(scoped_refusals_from_flags) {
    temp_dir dir;
    auto p = start({"--account", "live-id:live-secret", "--disabled-account", "off-id:off-secret", "--ram-denied",
                    "locked.example.com", "--prefetch-off", "cold.example.com", "--without-nodes", "TIB"},
                   dir);
    const auto live = signed_by("live-id", "live-secret");
    BOOST_TEST(call(p.port, {}, live).response.status == 200);
    check_refusal(call(p.port, {}, signed_by("off-id", "off-secret")), 400, "InvalidAccessKeyId.Inactive",
                  "Specified access key is disabled.");
    check_refusal(call(p.port, on_domain("locked.example.com"), live), 403, "Forbidden.RAM", forbidden_ram);
    check_refusal(call(p.port, on_domain("cold.example.com"), live), 400, "NoSpecialConfiguration",
                  "no special configuration for domain name.");
    check_refusal(call(p.port, in_region("TIB"), live), 400, "CodeRegionHasNoNode",
                  "this region has no corresponding node.");
}

BOOST_AUTO_TEST_CASE(scoped_refusals_from_a_config_file_and_flags_add_to_its_lists) {
    temp_dir dir;
    const auto config = dir.write("emulator.yaml", R"(
accounts:
  - { id: live-id, secret: live-secret }
  - { id: off-id, secret: off-secret, disabled: true }
domains: { ram_denied: [locked.example.com], prefetch_off: [cold.example.com] }
regions: { without_nodes: [TIB] }
)");
    auto p = start({"--config", config.string(), "--ram-denied", "also-locked.example.com", "--without-nodes", "XIN",
                    "--disabled-account", "late-id:late-secret"},
                   dir);
    const auto live = signed_by("live-id", "live-secret");
    BOOST_TEST(call(p.port, {}, live).response.status == 200);
    for (const auto& [id, secret] : {std::pair{"off-id", "off-secret"}, std::pair{"late-id", "late-secret"}}) {
        check_refusal(call(p.port, {}, signed_by(id, secret)), 400, "InvalidAccessKeyId.Inactive",
                      "Specified access key is disabled.");
    }
    for (const auto* domain : {"locked.example.com", "also-locked.example.com"}) {
        check_refusal(call(p.port, on_domain(domain), live), 403, "Forbidden.RAM", forbidden_ram);
    }
    check_refusal(call(p.port, on_domain("cold.example.com"), live), 400, "NoSpecialConfiguration",
                  "no special configuration for domain name.");
    for (const auto* region : {"TIB", "XIN"}) {
        check_refusal(call(p.port, in_region(region), live), 400, "CodeRegionHasNoNode",
                      "this region has no corresponding node.");
    }
}

BOOST_AUTO_TEST_CASE(a_config_with_errors_is_refused_with_exit_2_and_every_error) {
    temp_dir dir;
    const auto config = dir.write("bad.yaml", "qsp: 3\nfaults:\n  - { kind: explode }\n");
    const auto r = run_hotlive({"emulate", "--listen", "127.0.0.1:0", "--config", config.string()});
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.out.empty());
    BOOST_TEST(r.err.find("bad.yaml:1:1: error: unknown key 'qsp'") != std::string::npos, r.err);
    BOOST_TEST(r.err.find("bad.yaml:3:") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_CASE(usage_errors_exit_2_and_an_unusable_address_exits_3) {
    BOOST_TEST(run_hotlive({"emulate", "--listen", "nowhere"}).exit_code == 2);
    BOOST_TEST(run_hotlive({"emulate", "--listen", "127.0.0.1:0", "--fault", "explode:1"}).exit_code == 2);
    BOOST_TEST(run_hotlive({"emulate", "--listen", "127.0.0.1:0", "--account", "no-colon"}).exit_code == 2);
    BOOST_TEST(run_hotlive({"emulate", "--listen", "127.0.0.1:0", "--disabled-account", "no-colon"}).exit_code == 2);
    BOOST_TEST(run_hotlive({"emulate", "--listen", "127.0.0.1:0", "--ram-denied", ""}).exit_code == 2);
    for (const char* load : {"", "0", "4:0", "four", "-1:20"}) {
        const auto bad = run_hotlive({"emulate", "--listen", "127.0.0.1:0", "--background-load", load});
        BOOST_TEST(bad.exit_code == 2, load);
        BOOST_TEST(bad.out.empty(), load);
        BOOST_TEST(bad.err.find("--background-load") != std::string::npos, bad.err);
    }
    const auto region = run_hotlive({"emulate", "--listen", "127.0.0.1:0", "--without-nodes", "Xizang"});
    BOOST_TEST(region.exit_code == 2);
    BOOST_TEST(region.err.find("--without-nodes: 'Xizang' is not a region code of the API reference; did you mean "
                               "TIB (Xizang)?") != std::string::npos,
               region.err);
    BOOST_TEST(run_hotlive({"emulate", "--listen", "127.0.0.1:0", "--tls-cert", "x.pem"}).exit_code == 2);
    const auto r = run_hotlive(
        {"emulate", "--listen", "127.0.0.1:0", "--tls-cert", "/nonexistent/c.pem", "--tls-key", "/nonexistent/k.pem"});
    BOOST_TEST(r.exit_code == 3);
    BOOST_TEST(r.err.find("/nonexistent/c.pem") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_CASE(a_port_in_use_is_named_in_a_sentence_without_boost_internals) {
    temp_dir dir;
    auto p = start({}, dir);
    const std::string address = "127.0.0.1:" + std::to_string(p.port);
    const auto taken = run_hotlive({"emulate", "--listen", address});
    BOOST_TEST(taken.exit_code == 3, taken.err);
    BOOST_TEST(taken.err == "hotlive: error: cannot listen on " + address +
                                ": the address is in use (another program, or another emulator, has it); pick "
                                "another port, or --listen 127.0.0.1:0 to let the system choose\n");
    BOOST_TEST(taken.err.find("[system:") == std::string::npos, taken.err);
    BOOST_TEST(taken.err.find("/usr/include") == std::string::npos, taken.err);
}

BOOST_AUTO_TEST_CASE(clock_offset_makes_the_server_20_minutes_ahead) {
    temp_dir dir;
    auto p = start({"--clock-offset", "1200"}, dir);
    const auto x = call(p.port);
    BOOST_TEST(code_of(x.response) == "InvalidTimeStamp.Expired");
    std::tm tm{};
    std::istringstream date{*x.response.header("Date")};
    date >> std::get_time(&tm, "%a, %d %b %Y %H:%M:%S GMT");
    const auto server = std::chrono::system_clock::from_time_t(timegm(&tm));
    const auto skew = server - std::chrono::system_clock::now();
    BOOST_TEST((skew > 19min && skew < 21min));
    signing_options corrected;
    corrected.timestamp = server;
    BOOST_TEST(call(p.port, {}, corrected).response.status == 200);
}

BOOST_AUTO_TEST_CASE(allow_replay_accepts_one_signed_request_again_and_again) {
    temp_dir dir;
    auto p = start({"--allow-replay", "--qps", "0"}, dir);
    const auto wire = signed_wire({}, "127.0.0.1:" + std::to_string(p.port));
    http_connection connection{p.port};
    for (int i = 0; i < 10; ++i) BOOST_TEST(connection.send(wire).response.status == 200);
    BOOST_TEST(p.process->err().find("benchmarks only") != std::string::npos);
}
