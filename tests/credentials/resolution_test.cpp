// The fetched modes as the chain resolves them, from the environment, config.json and the INI
// file (a fake environment, a temporary HOME): what each mode carries for its fetcher, the chain's
// order, and each refusal naming its place and field. Nothing here reads the network.
#include "credentials/process_command.hpp"
#include "support/temp_dir.hpp"

#include <hotlive/credentials.hpp>

#include <boost/test/unit_test.hpp>

#include <map>
#include <string>

using hotlive::credential_mode;
using hotlive::credential_origin;

namespace {

struct fixture {
    hotlive::test::temp_dir home;
    std::map<std::string, std::string, std::less<>> env{{"ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true"}};
    std::optional<std::string> cli_profile;

    [[nodiscard]] hotlive::credential_resolution resolve() const {
        const auto lookup = [this](std::string_view name) -> std::optional<std::string> {
            const auto it = env.find(name);
            return it != env.end() ? std::optional<std::string>{it->second} : std::nullopt;
        };
        return hotlive::resolve_credentials({cli_profile, std::nullopt, lookup, home.path()});
    }

    std::string config(std::string_view profiles, std::string_view current = "default") const {
        return home
            .write(".aliyun/config.json",
                   R"({"current": ")" + std::string{current} + R"(", "profiles": [)" + std::string{profiles} + "]}")
            .string();
    }
    std::string ini(std::string_view text) const { return home.write(".alibabacloud/credentials", text).string(); }

    void oidc_environment() {
        env["ALIBABA_CLOUD_ROLE_ARN"] = "acs:ram::100:role/pod";
        env["ALIBABA_CLOUD_OIDC_PROVIDER_ARN"] = "acs:ram::100:oidc-provider/ack-rrsa-c1";
        env["ALIBABA_CLOUD_OIDC_TOKEN_FILE"] = "/var/run/secrets/tokens/oidc-token";
    }
};

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

constexpr std::string_view ram_profile =
    R"({"name": "default", "mode": "RamRoleArn", "access_key_id": "LTAIRAM12345678", "access_key_secret": "ram-secret",
        "ram_role_arn": "acs:ram::100:role/warm", "ram_session_name": "warm-up", "external_id": "ext-1",
        "expired_seconds": 1800})";

}  // namespace

BOOST_FIXTURE_TEST_SUITE(credential_resolution_modes, fixture)

// ---- the chain's order ------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(environment_keys_beat_oidc_which_beats_the_files) {
    config(ram_profile);
    oidc_environment();
    auto r = resolve();
    BOOST_TEST_REQUIRE(r.mode.has_value());
    BOOST_TEST((*r.mode == credential_mode::oidc));
    BOOST_TEST((r.source.origin == credential_origin::environment));
    env["ALIBABA_CLOUD_ACCESS_KEY_ID"] = "LTAIENV12345678";
    env["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = "s";
    r = resolve();
    BOOST_TEST((*r.mode == credential_mode::access_key));
}

BOOST_AUTO_TEST_CASE(a_profile_named_for_the_run_beats_the_oidc_environment) {
    config(ram_profile);
    oidc_environment();
    cli_profile = "default";
    const auto r = resolve();
    BOOST_TEST((*r.mode == credential_mode::ram_role_arn));
    BOOST_TEST(
        contains(r.steps.front(), "environment: OIDC variables ignored, profile 'default' is named by --profile"));
}

BOOST_AUTO_TEST_CASE(config_json_beats_the_ini_file_which_beats_the_instance_role_which_beats_the_uri) {
    env.erase("ALIBABA_CLOUD_ECS_METADATA_DISABLED");
    env["ALIBABA_CLOUD_CREDENTIALS_URI"] = "http://127.0.0.1:8080/creds";
    auto r = resolve();
    BOOST_TEST((*r.mode == credential_mode::ecs_ram_role));
    BOOST_TEST((r.source.origin == credential_origin::instance_metadata));
    BOOST_TEST(r.metadata_endpoint.url() == "http://100.100.100.200");
    BOOST_TEST_REQUIRE(r.fallback != nullptr);  // the URI, when the metadata service does not answer
    BOOST_TEST((*r.fallback->mode == credential_mode::credentials_uri));

    ini("[default]\ntype = ecs_ram_role\nrole_name = from-ini\n");
    r = resolve();
    BOOST_TEST((r.source.origin == credential_origin::credentials_file));
    BOOST_TEST(r.ecs_role_name == "from-ini");

    config(R"({"name": "default", "mode": "EcsRamRole", "ram_role_name": "from-json"})");
    r = resolve();
    BOOST_TEST((r.source.origin == credential_origin::aliyun_cli_config));
    BOOST_TEST(r.ecs_role_name == "from-json");
}

BOOST_AUTO_TEST_CASE(the_uri_comes_last_and_only_without_the_instance_role) {
    env["ALIBABA_CLOUD_CREDENTIALS_URI"] = "https://creds.example.com/v1/x?token=abc";
    const auto r = resolve();
    BOOST_TEST((*r.mode == credential_mode::credentials_uri));
    BOOST_TEST(r.uri_endpoint.url() == "https://creds.example.com");
    BOOST_TEST(r.uri_target.reveal() == "/v1/x?token=abc");
    BOOST_TEST(!contains(r.source.description, "token"));
}

BOOST_AUTO_TEST_CASE(a_named_profile_that_is_missing_never_falls_to_the_instance_role) {
    env.erase("ALIBABA_CLOUD_ECS_METADATA_DISABLED");
    config(ram_profile);
    cli_profile = "prod";
    const auto r = resolve();
    BOOST_TEST(!r.mode.has_value());
    BOOST_TEST(contains(r.error, "profile 'prod' (named by --profile) was not found"));
}

// ---- config.json modes ------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(ram_role_arn_carries_its_signing_key_and_role_settings) {
    const auto path = config(ram_profile);
    const auto r = resolve();
    BOOST_TEST_REQUIRE(r.mode.has_value());
    BOOST_TEST((*r.mode == credential_mode::ram_role_arn));
    BOOST_TEST(!r.value.has_value());
    BOOST_TEST_REQUIRE(r.signing_keys.has_value());
    BOOST_TEST(r.signing_keys->access_key_id == "LTAIRAM12345678");
    BOOST_TEST(r.signing_keys->access_key_secret.reveal() == "ram-secret");
    BOOST_TEST(r.role_arn == "acs:ram::100:role/warm");
    BOOST_TEST(r.role_session_name == "warm-up");
    BOOST_TEST(r.external_id == "ext-1");
    BOOST_TEST(r.duration.count() == 1800);
    BOOST_TEST(r.sts_endpoint.url() == "https://sts.aliyuncs.com");
    BOOST_TEST(r.source.description == path + ", profile 'default' (mode RamRoleArn)");
    BOOST_TEST(to_string(*r.mode) == "RamRoleArn");
}

BOOST_AUTO_TEST_CASE(chainable_ram_role_arn_resolves_its_source_profile) {
    config(R"({"name": "default", "mode": "ChainableRamRoleArn", "source_profile": "base",
               "ram_role_arn": "acs:ram::200:role/second"},
              {"name": "base", "mode": "EcsRamRole", "ram_role_name": "node"})");
    const auto r = resolve();
    BOOST_TEST_REQUIRE(r.mode.has_value());
    BOOST_TEST((*r.mode == credential_mode::chainable_ram_role_arn));
    BOOST_TEST(r.role_arn == "acs:ram::200:role/second");
    BOOST_TEST(r.duration.count() == 3600);
    BOOST_TEST_REQUIRE(r.source_profile != nullptr);
    BOOST_TEST((*r.source_profile->mode == credential_mode::ecs_ram_role));
    BOOST_TEST(r.source_profile->ecs_role_name == "node");
}

BOOST_AUTO_TEST_CASE(chainable_loops_and_missing_sources_are_refused_naming_the_field) {
    const auto path = config(R"({"name": "default", "mode": "ChainableRamRoleArn", "source_profile": "b",
                                 "ram_role_arn": "acs:ram::1:role/a"},
                                {"name": "b", "mode": "ChainableRamRoleArn", "source_profile": "default",
                                 "ram_role_arn": "acs:ram::1:role/b"},
                                {"name": "c", "mode": "ChainableRamRoleArn", "source_profile": "nowhere",
                                 "ram_role_arn": "acs:ram::1:role/c"})");
    BOOST_TEST(resolve().error == "profile 'b' in " + path +
                                      " (mode ChainableRamRoleArn): source_profile makes a loop ('default' -> 'b' "
                                      "-> 'default')");
    cli_profile = "c";
    BOOST_TEST(resolve().error == "profile 'c' in " + path +
                                      " (mode ChainableRamRoleArn): source_profile 'nowhere' is not a profile of "
                                      "this file");
}

BOOST_AUTO_TEST_CASE(oidc_credentials_uri_and_external_profiles) {
    config(R"({"name": "default", "mode": "OIDC", "ram_role_arn": "acs:ram::1:role/pod",
               "oidc_provider_arn": "acs:ram::1:oidc-provider/ack", "oidc_token_file": "/tokens/t"},
              {"name": "uri", "mode": "CredentialsURI", "credentials_uri": "http://localhost:9000/c"},
              {"name": "ext", "mode": "External", "process_command": "/opt/bin/creds --profile 'my role' \"a b\""})");
    auto r = resolve();
    BOOST_TEST((*r.mode == credential_mode::oidc));
    BOOST_TEST(r.oidc_provider_arn == "acs:ram::1:oidc-provider/ack");
    BOOST_TEST(r.oidc_token_file.string() == "/tokens/t");
    cli_profile = "uri";
    r = resolve();
    BOOST_TEST(r.uri_endpoint.url() == "http://localhost:9000");
    cli_profile = "ext";
    r = resolve();
    const std::vector<std::string> argv{"/opt/bin/creds", "--profile", "my role", "a b"};
    BOOST_TEST(r.process_command == argv, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(bad_fields_are_refused_naming_place_and_field_without_the_value) {
    const auto path = config(R"({"name": "default", "mode": "RamRoleArn", "access_key_id": "ID", "access_key_secret":
                                 "s", "ram_role_arn": "CANARY-not-an-arn"},
                                {"name": "short", "mode": "RamRoleArn", "access_key_id": "ID", "access_key_secret": "s",
                                 "ram_role_arn": "acs:ram::1:role/x", "expired_seconds": 600},
                                {"name": "plain", "mode": "CredentialsURI", "credentials_uri": "http://CANARY.example.com/"},
                                {"name": "quote", "mode": "External", "process_command": "tool 'CANARY"},
                                {"name": "oidc", "mode": "OIDC", "ram_role_arn": "acs:ram::1:role/x",
                                 "oidc_provider_arn": "acs:ram::1:oidc-provider/p"})");
    const std::string where = "profile '";
    BOOST_TEST(resolve().error == "profile 'default' in " + path +
                                      " (mode RamRoleArn): ram_role_arn is not a RAM role ARN "
                                      "(acs:ram::ACCOUNT:role/NAME)");
    cli_profile = "short";
    BOOST_TEST(contains(resolve().error, "(mode RamRoleArn): expired_seconds is 600; STS issues credentials for 900"));
    cli_profile = "plain";
    BOOST_TEST(contains(resolve().error,
                        "(mode CredentialsURI): credentials_uri uses plain http:// to a host that is "
                        "not a loopback address"));
    cli_profile = "quote";
    BOOST_TEST(contains(resolve().error, "(mode External): process_command has an unclosed quote"));
    cli_profile = "oidc";
    BOOST_TEST(resolve().error == "profile 'oidc' in " + path + " (mode OIDC) has no oidc_token_file");
    for (const auto* name : {"default", "short", "plain", "quote"}) {
        cli_profile = name;
        BOOST_TEST(!contains(resolve().error, "CANARY"));
    }
}

// ---- the INI file ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(ini_types_map_onto_the_modes) {
    const auto path = ini(
        "[default]\ntype = ram_role_arn\naccess_key_id = LTAIINI1234567\naccess_key_secret = s\n"
        "role_arn = acs:ram::1:role/ini\nrole_session_name = ini-session\n"
        "[oidc]\ntype = oidc_role_arn\nrole_arn = acs:ram::1:role/o\noidc_provider_arn = acs:ram::1:oidc-provider/p\n"
        "oidc_token_file_path = /t\n"
        "[uri]\ntype = credentials_uri\ncredentials_uri = http://127.0.0.1:1/x\n"
        "[noarn]\ntype = ram_role_arn\naccess_key_id = A\naccess_key_secret = s\n");
    auto r = resolve();
    BOOST_TEST((*r.mode == credential_mode::ram_role_arn));
    BOOST_TEST(r.role_session_name == "ini-session");
    BOOST_TEST(r.source.description == path + ", profile 'default' (type ram_role_arn)");
    cli_profile = "oidc";
    BOOST_TEST((*resolve().mode == credential_mode::oidc));
    cli_profile = "uri";
    BOOST_TEST((*resolve().mode == credential_mode::credentials_uri));
    cli_profile = "noarn";
    BOOST_TEST(resolve().error == "profile 'noarn' in " + path + " (type ram_role_arn) has no role_arn");
}

BOOST_AUTO_TEST_CASE(alibaba_cloud_credentials_file_names_the_ini_file) {
    const auto other = home.write("elsewhere/creds",
                                  "[default]\ntype = access_key\naccess_key_id = LTAIOTHER1234\n"
                                  "access_key_secret = s\n");
    env["ALIBABA_CLOUD_CREDENTIALS_FILE"] = other.string();
    BOOST_TEST(resolve().value->access_key_id == "LTAIOTHER1234");
    env["ALIBABA_CLOUD_CREDENTIALS_FILE"] = (home.path() / "missing").string();
    BOOST_TEST(contains(resolve().error, "ALIBABA_CLOUD_CREDENTIALS_FILE names "));
}

// ---- the environment ------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(oidc_environment_with_session_name) {
    oidc_environment();
    env["ALIBABA_CLOUD_ROLE_SESSION_NAME"] = "job-7";
    const auto r = resolve();
    BOOST_TEST(r.role_arn == "acs:ram::100:role/pod");
    BOOST_TEST(r.role_session_name == "job-7");
    BOOST_TEST(r.oidc_token_file.string() == "/var/run/secrets/tokens/oidc-token");
    BOOST_TEST(r.source.description ==
               "environment variables ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN, "
               "ALIBABA_CLOUD_OIDC_TOKEN_FILE");
}

BOOST_AUTO_TEST_CASE(partial_oidc_environment_is_an_error_but_a_role_arn_alone_is_not_oidc) {
    env["ALIBABA_CLOUD_ROLE_ARN"] = "acs:ram::100:role/pod";
    BOOST_TEST(!resolve().mode.has_value());
    BOOST_TEST(contains(resolve().error, "no credentials found"));
    env["ALIBABA_CLOUD_OIDC_TOKEN_FILE"] = "/t";
    BOOST_TEST(resolve().error ==
               "OIDC from the environment needs ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN and "
               "ALIBABA_CLOUD_OIDC_TOKEN_FILE: ALIBABA_CLOUD_OIDC_PROVIDER_ARN is not set");
}

BOOST_AUTO_TEST_CASE(instance_role_settings_from_the_environment) {
    env.erase("ALIBABA_CLOUD_ECS_METADATA_DISABLED");
    env["ALIBABA_CLOUD_ECS_METADATA"] = "node-role";
    env["ALIBABA_CLOUD_IMDSV1_DISABLED"] = "True";
    env["HOTLIVE_ECS_METADATA_ENDPOINT"] = "http://127.0.0.1:8100";
    auto r = resolve();
    BOOST_TEST(r.ecs_role_name == "node-role");
    BOOST_TEST(r.imdsv1_disabled);
    BOOST_TEST(r.metadata_endpoint.url() == "http://127.0.0.1:8100");
    BOOST_TEST((r.source.origin == credential_origin::environment));
    env["HOTLIVE_ECS_METADATA_ENDPOINT"] = "http://169.254.0.1";
    BOOST_TEST(contains(resolve().error, "HOTLIVE_ECS_METADATA_ENDPOINT must be http://LOOPBACK-ADDRESS:PORT"));
}

// ---- the STS endpoint -----------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(sts_endpoint_precedence) {
    config(ram_profile);
    env["ALIBABA_CLOUD_STS_REGION"] = "cn-shanghai";
    BOOST_TEST(resolve().sts_endpoint.url() == "https://sts.cn-shanghai.aliyuncs.com");
    env["ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED"] = "true";
    BOOST_TEST(resolve().sts_endpoint.url() == "https://sts-vpc.cn-shanghai.aliyuncs.com");
    env["ALIBABA_CLOUD_STS_ENDPOINT"] = "sts.ap-southeast-1.aliyuncs.com";
    BOOST_TEST(resolve().sts_endpoint.url() == "https://sts.ap-southeast-1.aliyuncs.com");
    config(R"({"name": "default", "mode": "RamRoleArn", "access_key_id": "ID", "access_key_secret": "s",
               "ram_role_arn": "acs:ram::1:role/x", "sts_endpoint": "http://127.0.0.1:7000"})");
    BOOST_TEST(resolve().sts_endpoint.url() == "http://127.0.0.1:7000");
    config(R"({"name": "default", "mode": "RamRoleArn", "access_key_id": "ID", "access_key_secret": "s",
               "ram_role_arn": "acs:ram::1:role/x", "sts_endpoint": "http://sts.aliyuncs.com"})");
    BOOST_TEST(contains(resolve().error, "sts_endpoint uses plain http:// to a host that is not a loopback address"));
    env.erase("ALIBABA_CLOUD_STS_ENDPOINT");
    env["ALIBABA_CLOUD_STS_REGION"] = "cn-hangzhou.evil.com/";
    config(ram_profile);
    BOOST_TEST(contains(resolve().error, "ALIBABA_CLOUD_STS_REGION is not a region code"));
}

// ---- process_command ------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(process_command_splits_as_posix_shlex_without_a_shell) {
    std::string problem;
    const auto argv = hotlive::detail::split_process_command(R"(a\ b 'c $d' "e \"f\" \$g" "" h\
i)",
                                                             problem);
    BOOST_TEST_REQUIRE(argv.has_value());
    const std::vector<std::string> expected{"a b", "c $d", R"(e "f" $g)", "", "hi"};
    BOOST_TEST(*argv == expected, boost::test_tools::per_element());
    BOOST_TEST(!hotlive::detail::split_process_command("a 'b", problem).has_value());
    BOOST_TEST(problem == "has an unclosed quote");
    BOOST_TEST(!hotlive::detail::split_process_command("a \\", problem).has_value());
    BOOST_TEST(!hotlive::detail::split_process_command("  ", problem).has_value());
    BOOST_TEST(problem == "names no program");
}

BOOST_AUTO_TEST_SUITE_END()
