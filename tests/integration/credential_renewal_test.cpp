// Temporary credentials renewed during a run (issue 18), against the emulator issuing them (STS,
// the ECS metadata service) with a lifetime of 3 s: each run lasts six lifetimes (180 calls at
// 10/s), and the emulator's log is the witness that no request was signed with an expired
// credential. Lifetimes scaled down from the hour of production, as the quota tests scale theirs.
#include "support/temp_dir.hpp"

#include <hotlive/credentials.hpp>
#include <hotlive/emulator.hpp>
#include <hotlive/exit_codes.hpp>
#include <hotlive/report_reader.hpp>
#include <hotlive/run_session.hpp>

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

using namespace hotlive;
using namespace std::chrono_literals;

namespace {

constexpr auto lifetime = 3s;
constexpr std::size_t calls = 180;  // at 10/s: six lifetimes
const std::string demo_role = "acs:ram::1234567890123456:role/hotlive-demo";
const std::string demo_provider = "acs:ram::1234567890123456:oidc-provider/hotlive-demo";

plan six_lifetimes() {
    std::string text =
        "version: 1\nname: renewal\nlimits: { rate: 10, concurrency: 4 }\n"
        "defaults: { domain: rts.example.com, app: live, audio_msid: a, video_msid: v,\n"
        "  regions: [BEJ, TAJ, HEB, SHX, NMG, LIA, JIL, HLJ, SHH, JSU, ZHJ, ANH, FUJ, JXI, SHD, HEN, HUB, HUN] }\n"
        "streams:\n";
    for (int i = 0; i < 10; ++i) text += "  - s" + std::to_string(i) + "\n";
    auto loaded = load_plan_text(text, "renewal.yaml");
    BOOST_TEST_REQUIRE(loaded.value.has_value());
    return std::move(*loaded.value);
}

void write_file(const std::filesystem::path& path, const std::string& text) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path) << text;
    std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
}

// What the emulator saw of a run's Live API requests.
struct wire_figures {
    std::size_t requests = 0;
    std::size_t temporary = 0;  // signed with an STS credential
    std::size_t expired = 0;    // with one expired when it arrived
    std::size_t warm = 0;
};

wire_figures read_wire(const std::filesystem::path& log) {
    wire_figures f;
    std::ifstream in(log);
    for (std::string line; std::getline(in, line);) {
        const auto value = boost::json::parse(line);
        const auto& o = value.as_object();
        ++f.requests;
        if (const auto* c = o.if_contains("credential"); c && c->is_string() && c->as_string() == "sts") ++f.temporary;
        if (const auto* e = o.if_contains("credential_expired"); e && e->is_bool() && e->as_bool()) ++f.expired;
        if (o.at("verdict").as_string() == "success") ++f.warm;
    }
    return f;
}

struct renewal_run {
    session_outcome outcome;
    std::optional<session_refusal> refused;
    wire_figures wire;
    emulator_stats stats;
    std::optional<report> written;
};

class nothing final : public run_observer {
public:
    void on_finished(std::size_t, const call_result&) override {}
};

// Runs the plan against an emulator issuing 3 s credentials, with the environment `env` (the
// endpoints filled in: {emulator} stands for its URL) and the files under `dir`/home.
// `during` is called every 200 ms of the run with the seconds since it started.
renewal_run run_with(emulator_config config, std::map<std::string, std::string> env, const test::temp_dir& dir,
                     const std::function<void(double)>& during = {}) {
    renewal_run result;
    config.qps = 0;
    config.sts_duration = lifetime;
    config.log_file = dir.path() / "wire.jsonl";
    {
        emulator server(std::move(config));
        const std::string url = "http://127.0.0.1:" + std::to_string(server.start().port);
        // For programs hotlive runs (External): they see this process's environment.
        ::setenv("HOTLIVE_TEST_EMULATOR", url.c_str(), 1);
        for (auto& [name, value] : env) {
            for (auto at = value.find("{emulator}"); at != std::string::npos; at = value.find("{emulator}")) {
                value.replace(at, 10, url);
            }
        }
        session_options options;
        options.endpoint = url;
        options.report = dir.path() / "report.json";
        options.random_seed = 5;
        const auto home = dir.path() / "home";
        options.credentials = [env, home] {
            credential_query query;
            query.home = home;
            query.environment = [env](std::string_view name) -> std::optional<std::string> {
                const auto found = env.find(std::string(name));
                return found == env.end() ? std::nullopt : std::optional<std::string>(found->second);
            };
            return resolve_credentials(query);
        };
        run_session session(six_lifetimes(), options);
        result.refused = session.prepare([](const std::string&) {});
        if (!result.refused) {
            nothing quiet;
            const auto started = std::chrono::steady_clock::now();
            result.outcome = session.run(quiet, [&] {
                if (during) during(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
            });
        }
        result.stats = server.stats();
    }
    result.wire = read_wire(dir.path() / "wire.jsonl");
    result.written = read_report(dir.path() / "report.json").value;
    return result;
}

// Every call warm, every request signed with a temporary credential valid when it arrived, and
// the credentials fetched once per lifetime at least.
void every_call_warm_and_nothing_signed_expired(const renewal_run& run, std::uint64_t fetched) {
    BOOST_TEST_REQUIRE(!run.refused, run.refused->message);
    BOOST_TEST(run.outcome.exit_code == exit_code::success);
    BOOST_TEST(run.wire.warm == calls);
    BOOST_TEST(run.wire.requests == calls);
    BOOST_TEST(run.wire.temporary == calls);
    BOOST_TEST(run.wire.expired == 0U);
    BOOST_TEST(fetched >= 6U, fetched << " credentials fetched in six lifetimes");
    BOOST_TEST_MESSAGE(fetched << " credentials fetched for " << run.wire.requests << " requests");
}

const std::string ram_role_profile = R"({"current": "role", "profiles": [
  {"name": "role", "mode": "RamRoleArn", "access_key_id": "hotlive-demo-id", "access_key_secret": "hotlive-demo-secret",
   "ram_role_arn": ")" + demo_role + R"(", "ram_session_name": "warm-up"},
  {"name": "chain", "mode": "ChainableRamRoleArn", "source_profile": "role", "ram_role_arn": ")" +
                                     demo_role + R"(", "ram_session_name": "chained"},
  {"name": "ecs", "mode": "EcsRamRole", "ram_role_name": ")" +
                                     std::string(demo_imds_role) + R"("},
  {"name": "external", "mode": "External", "process_command": "python3 PROGRAM"}]})";

std::map<std::string, std::string> profile_env(const std::string& profile) {
    return {{"ALIBABA_CLOUD_PROFILE", profile},
            {"ALIBABA_CLOUD_STS_ENDPOINT", "{emulator}"},
            {"HOTLIVE_ECS_METADATA_ENDPOINT", "{emulator}"}};
}

void write_profiles(const test::temp_dir& dir, const std::string& program = {}) {
    std::string config = ram_role_profile;
    config.replace(config.find("PROGRAM"), 7, program);
    write_file(dir.path() / "home/.aliyun/config.json", config);
}

// An OIDC run whose emulator accepts what `dir`/provider-token holds, and which reads its own
// token from `dir`/token; both start as "first-token". At `at` seconds into the run, `rotate`
// writes "second-token" into the files it names.
renewal_run run_oidc(const test::temp_dir& dir, double at, const std::vector<std::string>& rotate, bool& rotated) {
    write_file(dir.path() / "provider-token", "first-token");
    write_file(dir.path() / "token", "first-token");
    emulator_config config;
    config.oidc_providers = std::vector<emulator_oidc_provider>{{demo_provider, {}, dir.path() / "provider-token"}};
    return run_with(std::move(config),
                    {{"ALIBABA_CLOUD_ROLE_ARN", demo_role},
                     {"ALIBABA_CLOUD_OIDC_PROVIDER_ARN", demo_provider},
                     {"ALIBABA_CLOUD_OIDC_TOKEN_FILE", (dir.path() / "token").string()},
                     {"ALIBABA_CLOUD_STS_ENDPOINT", "{emulator}"}},
                    dir, [&](double seconds) {
                        if (rotated || seconds < at) return;
                        rotated = true;
                        for (const auto& file : rotate) write_file(dir.path() / file, "second-token");
                    });
}

}  // namespace

BOOST_AUTO_TEST_SUITE(credential_renewal)

BOOST_AUTO_TEST_CASE(ram_role_arn) {
    const test::temp_dir dir;
    write_profiles(dir);
    const auto run = run_with({}, profile_env("role"), dir);
    every_call_warm_and_nothing_signed_expired(run, run.stats.sts.assume_role);
}

BOOST_AUTO_TEST_CASE(chainable_ram_role_arn) {
    const test::temp_dir dir;
    write_profiles(dir);
    const auto run = run_with({}, profile_env("chain"), dir);
    // Each renewal assumes the source role, then the chained one with it.
    every_call_warm_and_nothing_signed_expired(run, run.stats.sts.assume_role / 2);
}

BOOST_AUTO_TEST_CASE(oidc_with_the_token_file_rotated_mid_run) {
    const test::temp_dir dir;
    // Both tokens replaced after two lifetimes: a run that kept the first would be refused at its
    // next renewal.
    bool rotated = false;
    const auto run = run_oidc(dir, 6.5, {"token", "provider-token"}, rotated);
    BOOST_TEST(rotated);
    every_call_warm_and_nothing_signed_expired(run, run.stats.sts.assume_role_with_oidc);
}

BOOST_AUTO_TEST_CASE(ecs_ram_role_hardened) {
    const test::temp_dir dir;
    write_profiles(dir);
    emulator_config config;
    config.imds = imds_mode::hardened;
    const auto run = run_with(std::move(config), profile_env("ecs"), dir);
    every_call_warm_and_nothing_signed_expired(run, run.stats.sts.imds_credentials);
}

BOOST_AUTO_TEST_CASE(ecs_ram_role_plain) {
    const test::temp_dir dir;
    write_profiles(dir);
    emulator_config config;
    config.imds = imds_mode::plain;
    const auto run = run_with(std::move(config), profile_env("ecs"), dir);
    every_call_warm_and_nothing_signed_expired(run, run.stats.sts.imds_credentials);
}

BOOST_AUTO_TEST_CASE(credentials_uri) {
    const test::temp_dir dir;
    // The metadata service's answer has the credentials URI's shape ({"Code":"Success",…}).
    const auto run = run_with({},
                              {{"ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true"},
                               {"ALIBABA_CLOUD_CREDENTIALS_URI",
                                "{emulator}/latest/meta-data/ram/security-credentials/" + std::string(demo_imds_role)}},
                              dir);
    every_call_warm_and_nothing_signed_expired(run, run.stats.sts.imds_credentials);
}

BOOST_AUTO_TEST_CASE(external_process) {
    const test::temp_dir dir;
    // A program that asks the metadata service and prints the aliyun CLI's External shape.
    const auto program = dir.path() / "credentials.py";
    write_file(program, R"(import json, os, sys, urllib.request
url = os.environ["HOTLIVE_TEST_EMULATOR"] + "/latest/meta-data/ram/security-credentials/" + sys.argv[1]
c = json.load(urllib.request.urlopen(url, timeout=5))
print(json.dumps({"mode": "StsToken", "access_key_id": c["AccessKeyId"], "access_key_secret": c["AccessKeySecret"],
                  "sts_token": c["SecurityToken"], "expiration": c["Expiration"]}))
)");
    write_profiles(dir, program.string() + " " + std::string(demo_imds_role));
    emulator_config config;
    config.imds = imds_mode::plain;
    const auto run = run_with(std::move(config), profile_env("external"), dir);
    every_call_warm_and_nothing_signed_expired(run, run.stats.sts.imds_credentials);
}

BOOST_AUTO_TEST_CASE(sts_unreachable_for_a_third_of_a_lifetime_fails_no_call) {
    const test::temp_dir dir;
    write_profiles(dir);
    emulator_config config;
    config.sts_outage = emulator_sts_outage{7s, 1s};
    const auto run = run_with(std::move(config), profile_env("role"), dir);
    every_call_warm_and_nothing_signed_expired(run, run.stats.sts.assume_role);
    BOOST_TEST(run.stats.sts.unavailable >= 1U);
}

BOOST_AUTO_TEST_CASE(a_role_that_does_not_exist_is_refused_before_anything_is_sent) {
    const test::temp_dir dir;
    std::string config = ram_role_profile;
    config.replace(config.find("role/hotlive-demo"), 17, "role/no-such-role");
    write_file(dir.path() / "home/.aliyun/config.json", config);
    const auto run = run_with({}, profile_env("role"), dir);
    BOOST_TEST_REQUIRE(run.refused.has_value());
    BOOST_TEST(run.refused->exit_code == exit_code::cannot_start);
    BOOST_TEST(run.refused->message.find("EntityNotExist.Role") != std::string::npos, run.refused->message);
    BOOST_TEST(run.wire.requests == 0U);
}

BOOST_AUTO_TEST_CASE(a_renewal_refused_mid_run_stops_it_as_the_accounts_refusal) {
    const test::temp_dir dir;
    // Only the provider's token changes: the run's next renewal is refused.
    bool rotated = false;
    const auto run = run_oidc(dir, 4, {"provider-token"}, rotated);
    BOOST_TEST_REQUIRE(!run.refused);
    BOOST_TEST(run.outcome.exit_code == exit_code::cannot_start);
    BOOST_TEST(run.wire.expired == 0U);
    BOOST_TEST(run.wire.warm < calls);
    BOOST_TEST_REQUIRE(run.written.has_value());  // the report is written
    BOOST_TEST(run.written->totals().skipped + run.written->totals().succeeded == calls);
}

BOOST_AUTO_TEST_SUITE_END()
