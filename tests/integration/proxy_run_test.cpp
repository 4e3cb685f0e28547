// hotlive run and hotlive credentials through a real forward proxy (tinyproxy on 127.0.0.1, its
// log the witness) to the emulator over HTTPS, set up as an operator would: HTTPS_PROXY,
// NO_PROXY, --proxy and --no-proxy. A canary proxy password never appears in anything hotlive
// writes.
#include "support/background_process.hpp"
#include "support/forward_proxy.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

#include <hotlive/emulator.hpp>
#include <hotlive/exit_codes.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <sstream>
#include <thread>

using namespace hotlive::test;
namespace json = boost::json;

namespace {

const std::filesystem::path certs{HOTLIVE_TEST_CERTS};
// The password of the proxy's one user, and base64("ops:" + it): neither may be shown.
constexpr std::string_view canary = "Canary-Pr0xy-7f3e";
constexpr std::string_view canary_base64 = "b3BzOkNhbmFyeS1QcjB4eS03ZjNl";

std::string slurp(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

struct proxy_fixture {
    temp_dir dir;
    running_emulator tls_emulator = start_emulator(
        {"--qps", "0", "--tls-cert", (certs / "server.pem").string(), "--tls-key", (certs / "server.key").string()},
        dir.path());
    std::string port = tls_emulator.url.substr(tls_emulator.url.rfind(':') + 1);

    // 4 streams in 6 regions, at `rate` (0: no limit), retried quickly.
    [[nodiscard]] std::filesystem::path plan(int rate = 0, int streams = 4) const {
        std::ostringstream text;
        text << "version: 1\nname: proxied\nendpoint: https://localhost:" << port << "\n"
             << "limits: { rate: " << rate << ", concurrency: 4 }\n"
             << "retry: { max_attempts: 3, base_delay_ms: 20, throttle_base_delay_ms: 20, max_delay_ms: 100 }\n"
             << "defaults: { domain: rts.example.com, app: live, audio_msid: a, video_msid: v,\n"
             << "  regions: [JP, DE, FR, BR, KE, NZ] }\nstreams:\n";
        for (int i = 0; i < streams; ++i) text << "  - s" << i << "\n";
        return dir.write("plan.yaml", text.str());
    }

    // The demo account's keys in the environment, unless `keys` is false (credentials from a profile).
    [[nodiscard]] process_options environment(std::map<std::string, std::string> extra = {}, bool keys = true) const {
        process_options o;
        o.env_set = {{"HOME", dir.path().string()}};
        if (keys) {
            o.env_set["ALIBABA_CLOUD_ACCESS_KEY_ID"] = hotlive::demo_access_key_id;
            o.env_set["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = hotlive::demo_access_key_secret;
        }
        o.env_unset = {"ALIBABA_CLOUD_PROFILE",
                       "ALIBABA_CLOUD_SECURITY_TOKEN",
                       "ALIBABA_CLOUD_ACCESS_KEY_ID",
                       "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
                       "https_proxy",
                       "HTTPS_PROXY",
                       "http_proxy",
                       "all_proxy",
                       "ALL_PROXY",
                       "no_proxy",
                       "NO_PROXY"};
        for (auto& [name, value] : extra) o.env_set[name] = std::move(value);
        return o;
    }

    [[nodiscard]] std::vector<std::string> run_args(const std::string& report, std::vector<std::string> extra = {},
                                                    int rate = 0) const {
        std::vector<std::string> args{"run",       plan(rate).string(),
                                      "--report",  (dir.path() / report).string(),
                                      "--ca-file", (certs / "ca.pem").string()};
        args.insert(args.end(), extra.begin(), extra.end());
        return args;
    }

    [[nodiscard]] json::object report(const std::string& name) const {
        return json::parse(slurp(dir.path() / name)).as_object();
    }
};

std::size_t with_status(const json::object& report, std::string_view status) {
    std::size_t n = 0;
    for (const auto& call : report.at("calls").as_array()) n += call.at("status").as_string() == status ? 1U : 0U;
    return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(proxy_run)

BOOST_FIXTURE_TEST_CASE(https_proxy_carries_every_call_through_kept_alive_tunnels, proxy_fixture) {
    const forward_proxy proxy(dir.path());
    const auto run = run_hotlive(run_args("through.json", {"--verbose"}), environment({{"HTTPS_PROXY", proxy.url()}}));
    BOOST_TEST_REQUIRE(run.exit_code == hotlive::exit_code::success, run.err);
    BOOST_TEST(with_status(report("through.json"), "succeeded") == 24U);
    BOOST_TEST(
        run.err.find("hotlive: egress: https:// through proxy " + proxy.url() + " (HTTPS_PROXY)") != std::string::npos,
        run.err);
    // 24 calls, 4 at a time: a tunnel per connection of the pool, not per call.
    const auto tunnels = proxy.count("CONNECT localhost:" + port);
    BOOST_TEST(tunnels >= 1U);
    BOOST_TEST(tunnels <= 8U, tunnels << " tunnels:\n" << proxy.log());
}

BOOST_FIXTURE_TEST_CASE(no_proxy_and_the_no_proxy_option_go_direct, proxy_fixture) {
    const forward_proxy proxy(dir.path());
    const auto listed = run_hotlive(run_args("listed.json"),
                                    environment({{"HTTPS_PROXY", proxy.url()}, {"NO_PROXY", ".example,localhost"}}));
    BOOST_TEST_REQUIRE(listed.exit_code == hotlive::exit_code::success, listed.err);
    BOOST_TEST(with_status(report("listed.json"), "succeeded") == 24U);
    const auto flag = run_hotlive(run_args("flag.json", {"--no-proxy"}), environment({{"https_proxy", proxy.url()}}));
    BOOST_TEST_REQUIRE(flag.exit_code == hotlive::exit_code::success, flag.err);
    BOOST_TEST(with_status(report("flag.json"), "succeeded") == 24U);
    BOOST_TEST(proxy.count("): CONNECT ") == 0U, proxy.log());
}

BOOST_FIXTURE_TEST_CASE(basic_authentication_accepted_refused_and_never_shown, proxy_fixture) {
    const forward_proxy proxy(dir.path(), {"ops", std::string(canary), {}});
    // Right: every call warm, through the proxy.
    const auto accepted = run_hotlive(run_args("accepted.json", {"--verbose", "--log-format", "json"}),
                                      environment({{"HTTPS_PROXY", proxy.url_with("ops", canary)}}));
    BOOST_TEST_REQUIRE(accepted.exit_code == hotlive::exit_code::success, accepted.err);
    BOOST_TEST(with_status(report("accepted.json"), "succeeded") == 24U);
    BOOST_TEST(accepted.err.find("Basic authentication") != std::string::npos, accepted.err);

    // Wrong, on the command line: one attempt, not retried; every other call skipped.
    const std::string wrong = "Wrong-" + std::string(canary);
    const auto refused =
        run_hotlive(run_args("refused.json", {"--verbose", "--proxy", proxy.url_with("ops", wrong)}), environment());
    BOOST_TEST(refused.exit_code == hotlive::exit_code::cannot_start, refused.err);
    const auto r = report("refused.json");
    BOOST_TEST(r.at("totals").at("attempts").as_int64() == 1);
    BOOST_TEST(with_status(r, "failed") == 1U);
    BOOST_TEST(with_status(r, "skipped") == 23U);
    const auto& failed = r.at("calls").as_array().at(0).as_object();
    BOOST_TEST(failed.at("code").as_string() == "proxy_auth_failed");
    BOOST_TEST(std::string(failed.at("message").as_string()).find("proxy " + proxy.url()) != std::string::npos);
    BOOST_TEST(refused.out.find("proxy_auth_failed") != std::string::npos, refused.out);

    // Nothing hotlive wrote holds either password, or the header that carries it.
    for (const auto& text : {accepted.out, accepted.err, refused.out, refused.err, slurp(dir.path() / "accepted.json"),
                             slurp(dir.path() / "accepted.json.journal"), slurp(dir.path() / "refused.json"),
                             slurp(dir.path() / "refused.json.journal")}) {
        BOOST_TEST(text.find(canary) == std::string::npos, text);
        BOOST_TEST(text.find(canary_base64) == std::string::npos);
        BOOST_TEST(text.find("ops:") == std::string::npos);
    }
    // Nor does a bad proxy URL's error.
    const auto bad = run_hotlive(run_args("bad.json"),
                                 environment({{"HTTPS_PROXY", "https://ops:" + std::string(canary) + "@127.0.0.1:1"}}));
    BOOST_TEST(bad.exit_code == hotlive::exit_code::invalid_input);
    BOOST_TEST(bad.err.find("HTTPS_PROXY uses https://") != std::string::npos, bad.err);
    BOOST_TEST(bad.err.find(canary) == std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(a_proxy_stopped_mid_run_fails_the_rest_as_its_own_transport_error, proxy_fixture) {
    auto proxy = std::make_unique<forward_proxy>(dir.path());
    const std::string proxy_url = proxy->url();
    const auto report_path = dir.path() / "stopped.json";
    // 48 calls at 10/s: the proxy stops once a few are warm.
    auto args = run_args("stopped.json", {"--quiet"}, 10);
    args.at(1) = plan(10, 8).string();
    args.insert(args.begin(), HOTLIVE_EXE);
    background_process run(args, dir.path(), environment({{"HTTPS_PROXY", proxy_url}}).env_set);
    for (int i = 0; i < 3000; ++i) {
        const auto journal = slurp(report_path.string() + ".journal");
        std::size_t warm = 0;
        for (auto at = journal.find("\"succeeded\""); at != std::string::npos;
             at = journal.find("\"succeeded\"", at + 1))
            ++warm;
        if (warm >= 5) break;
        std::this_thread::sleep_for(std::chrono::milliseconds{10});
    }
    proxy->stop();
    BOOST_TEST(run.wait() == hotlive::exit_code::some_failed, run.err());
    const auto r = report("stopped.json");
    BOOST_TEST(with_status(r, "succeeded") >= 5U);
    std::size_t named = 0;
    for (const auto& value : r.at("calls").as_array()) {
        const auto& call = value.as_object();
        if (call.at("status").as_string() == "succeeded") continue;
        const std::string message(call.at("message").as_string());
        BOOST_TEST(message.find(proxy_url) != std::string::npos, message);
        if (call.at("code").as_string() == "proxy_connect_failed") {
            ++named;
            BOOST_TEST(call.at("attempts").as_int64() == 3);  // retried: the proxy may come back
        }
    }
    BOOST_TEST(named >= 30U);
}

BOOST_FIXTURE_TEST_CASE(sts_and_credential_uris_go_through_it_the_metadata_service_never, proxy_fixture) {
    const forward_proxy proxy(dir.path());
    const auto plain = start_emulator({"--qps", "0"}, dir.path());
    const auto profiles = dir.write(".aliyun/config.json", R"({"current": "role", "profiles": [
  {"name": "role", "mode": "RamRoleArn", "access_key_id": "hotlive-demo-id", "access_key_secret": "hotlive-demo-secret",
   "ram_role_arn": "acs:ram::1234567890123456:role/hotlive-demo", "ram_session_name": "warm-up"},
  {"name": "ecs", "mode": "EcsRamRole", "ram_role_name": "hotlive-demo-ecs-role"}]})");
    std::filesystem::permissions(profiles, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    const std::vector<std::string> args{"credentials", "--verbose", "--ca-file", (certs / "ca.pem").string()};

    // STS over HTTPS: a tunnel (the proxy takes any credentials, and they stay unsaid).
    const auto sts = run_hotlive(args, environment({{"ALIBABA_CLOUD_PROFILE", "role"},
                                                    {"ALIBABA_CLOUD_STS_ENDPOINT", "https://localhost:" + port},
                                                    {"HTTPS_PROXY", proxy.url_with("ops", canary)}},
                                                   false));
    BOOST_TEST(sts.exit_code == hotlive::exit_code::success, sts.err);
    BOOST_TEST(sts.out.find("egress: https:// through proxy " + proxy.url()) != std::string::npos, sts.out);
    BOOST_TEST(proxy.count("CONNECT localhost:" + port) == 1U, proxy.log());
    BOOST_TEST(sts.out.find(canary) == std::string::npos);
    BOOST_TEST(sts.err.find(canary) == std::string::npos);

    // A credentials URI over plain HTTP: absolute form, through http_proxy.
    const std::string uri = plain.url + "/latest/meta-data/ram/security-credentials/hotlive-demo-ecs-role";
    const auto by_uri = run_hotlive(args, environment({{"ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true"},
                                                       {"ALIBABA_CLOUD_CREDENTIALS_URI", uri},
                                                       {"http_proxy", proxy.url()},
                                                       {"HOME", (dir.path() / "no-profiles").string()}},
                                                      false));
    BOOST_TEST(by_uri.exit_code == hotlive::exit_code::success, by_uri.err);
    BOOST_TEST(proxy.count("): GET " + uri) == 1U, proxy.log());

    // The ECS metadata service: never through the proxy, even one that every variable names.
    const auto before = proxy.log();
    const auto ecs = run_hotlive(args, environment({{"ALIBABA_CLOUD_PROFILE", "ecs"},
                                                    {"HOTLIVE_ECS_METADATA_ENDPOINT", plain.url},
                                                    {"http_proxy", proxy.url()},
                                                    {"ALL_PROXY", proxy.url()}},
                                                   false));
    BOOST_TEST(ecs.exit_code == hotlive::exit_code::success, ecs.err);
    BOOST_TEST(proxy.log() == before);
}

BOOST_AUTO_TEST_SUITE_END()
