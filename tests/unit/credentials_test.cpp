// The credential chain: environment, ~/.aliyun/config.json, ~/.alibabacloud/credentials, with
// a fake environment and a temporary HOME.
#include "support/temp_dir.hpp"

#include <hotlive/credentials.hpp>

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <map>
#include <string>

namespace {

struct chain_fixture {
    hotlive::test::temp_dir home;
    std::map<std::string, std::string, std::less<>> env;
    std::optional<std::string> cli_profile;
    std::optional<std::string> plan_profile;
    bool instance_role_guessed = false;  // off: this machine may well be on ECS

    [[nodiscard]] hotlive::credential_resolution resolve() const {
        const auto lookup = [this](std::string_view name) -> std::optional<std::string> {
            const auto it = env.find(name);
            if (it == env.end() && name == "ALIBABA_CLOUD_ECS_METADATA_DISABLED" && !instance_role_guessed) {
                return "true";
            }
            return it != env.end() ? std::optional<std::string>{it->second} : std::nullopt;
        };
        return hotlive::resolve_credentials({cli_profile, plan_profile, lookup, home.path()});
    }

    std::string write_config(std::string_view json,
                             std::filesystem::perms perms = std::filesystem::perms::owner_read |
                                                            std::filesystem::perms::owner_write) const {
        const auto path = home.write(".aliyun/config.json", json);
        std::filesystem::permissions(path, perms);
        return path.string();
    }

    std::string write_ini(std::string_view text,
                          std::filesystem::perms perms = std::filesystem::perms::owner_read |
                                                         std::filesystem::perms::owner_write) const {
        const auto path = home.write(".alibabacloud/credentials", text);
        std::filesystem::permissions(path, perms);
        return path.string();
    }

    [[nodiscard]] std::string config_path() const { return (home.path() / ".aliyun/config.json").string(); }
    [[nodiscard]] std::string ini_path() const { return (home.path() / ".alibabacloud/credentials").string(); }
};

constexpr std::string_view two_profiles = R"({
  "current": "prod",
  "profiles": [
    {"name": "default", "mode": "AK", "access_key_id": "DEFAULTID1234", "access_key_secret": "default-secret"},
    {"name": "prod", "mode": "StsToken", "access_key_id": "STS.PRODID1234", "access_key_secret": "prod-secret",
     "sts_token": "prod-token"},
    {"name": "ram", "mode": "RamRoleArn", "access_key_id": "RAMID12345678", "access_key_secret": "ram-secret",
     "ram_role_arn": "acs:ram::1:role/x"}
  ]
})";

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

}  // namespace

BOOST_FIXTURE_TEST_SUITE(credentials_chain, chain_fixture)

// ---- environment ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(standard_environment_variables_are_used_first) {
    env = {{"ALIBABA_CLOUD_ACCESS_KEY_ID", "ENVID12345678"}, {"ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret"}};
    write_config(two_profiles);
    const auto r = resolve();
    BOOST_TEST_REQUIRE(r.value.has_value());
    BOOST_TEST(r.value->access_key_id == "ENVID12345678");
    BOOST_TEST(r.value->access_key_secret.reveal() == "env-secret");
    BOOST_TEST(r.value->security_token.empty());
    BOOST_TEST((r.source.origin == hotlive::credential_origin::environment));
    BOOST_TEST(r.source.description ==
               "environment variables ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET");
}

BOOST_AUTO_TEST_CASE(environment_security_token_is_picked_up) {
    env = {{"ALIBABA_CLOUD_ACCESS_KEY_ID", "STS.ENVID1234"},
           {"ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret"},
           {"ALIBABA_CLOUD_SECURITY_TOKEN", "env-token"}};
    const auto r = resolve();
    BOOST_TEST_REQUIRE(r.value.has_value());
    BOOST_TEST(r.value->security_token.reveal() == "env-token");
    BOOST_TEST(contains(r.source.description, "ALIBABA_CLOUD_SECURITY_TOKEN"));
}

BOOST_AUTO_TEST_CASE(aliyun_cli_spellings_are_fallbacks) {
    env = {{"ALIBABACLOUD_ACCESS_KEY_ID", "CLIID12345678"},
           {"ALICLOUD_ACCESS_KEY_SECRET", "cli-secret"},
           {"ALICLOUD_SECURITY_TOKEN", "cli-token"}};
    const auto r = resolve();
    BOOST_TEST_REQUIRE(r.value.has_value());
    BOOST_TEST(r.value->access_key_id == "CLIID12345678");
    BOOST_TEST(r.value->access_key_secret.reveal() == "cli-secret");
    BOOST_TEST(r.value->security_token.reveal() == "cli-token");
    BOOST_TEST(r.source.description ==
               "environment variables ALIBABACLOUD_ACCESS_KEY_ID, ALICLOUD_ACCESS_KEY_SECRET, ALICLOUD_SECURITY_TOKEN");
}

BOOST_AUTO_TEST_CASE(standard_spelling_beats_the_fallbacks) {
    env = {{"ALIBABA_CLOUD_ACCESS_KEY_ID", "STANDARDID1234"},
           {"ALIBABACLOUD_ACCESS_KEY_ID", "CLIID12345678"},
           {"ALIBABA_CLOUD_ACCESS_KEY_SECRET", "standard"},
           {"ALICLOUD_ACCESS_KEY_SECRET", "cli"}};
    const auto r = resolve();
    BOOST_TEST_REQUIRE(r.value.has_value());
    BOOST_TEST(r.value->access_key_id == "STANDARDID1234");
    BOOST_TEST(r.value->access_key_secret.reveal() == "standard");
}

BOOST_AUTO_TEST_CASE(an_id_without_a_secret_is_an_error_naming_the_missing_variable) {
    env = {{"ALIBABA_CLOUD_ACCESS_KEY_ID", "ENVID12345678"}};
    write_config(two_profiles);
    const auto r = resolve();
    BOOST_TEST(!r.value.has_value());
    BOOST_TEST(r.error ==
               "ALIBABA_CLOUD_ACCESS_KEY_ID is set but none of ALIBABA_CLOUD_ACCESS_KEY_SECRET, "
               "ALIBABACLOUD_ACCESS_KEY_SECRET or ALICLOUD_ACCESS_KEY_SECRET is");
}

BOOST_AUTO_TEST_CASE(a_secret_without_an_id_is_an_error_naming_the_missing_variable) {
    env = {{"ALICLOUD_ACCESS_KEY_SECRET", "env-secret"}};
    const auto r = resolve();
    BOOST_TEST(!r.value.has_value());
    BOOST_TEST(r.error ==
               "ALICLOUD_ACCESS_KEY_SECRET is set but none of ALIBABA_CLOUD_ACCESS_KEY_ID, "
               "ALIBABACLOUD_ACCESS_KEY_ID or ALICLOUD_ACCESS_KEY_ID is");
    BOOST_TEST(!contains(r.error, "env-secret"));
}

BOOST_AUTO_TEST_CASE(a_token_without_keys_is_an_error) {
    env = {{"ALIBABA_CLOUD_SECURITY_TOKEN", "env-token"}};
    const auto r = resolve();
    BOOST_TEST(!r.value.has_value());
    BOOST_TEST(contains(r.error, "ALIBABA_CLOUD_SECURITY_TOKEN is set but no access key is"));
}

BOOST_AUTO_TEST_CASE(empty_variables_count_as_unset) {
    env = {{"ALIBABA_CLOUD_ACCESS_KEY_ID", ""}, {"ALIBABA_CLOUD_ACCESS_KEY_SECRET", ""}};
    write_config(two_profiles);
    const auto r = resolve();
    BOOST_TEST_REQUIRE(r.value.has_value());
    BOOST_TEST((r.source.origin == hotlive::credential_origin::aliyun_cli_config));
}

// ---- ~/.aliyun/config.json --------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(config_json_current_profile_is_used_without_a_name) {
    const auto path = write_config(two_profiles);
    const auto r = resolve();
    BOOST_TEST_REQUIRE(r.value.has_value());
    BOOST_TEST(r.value->access_key_id == "STS.PRODID1234");
    BOOST_TEST(r.value->access_key_secret.reveal() == "prod-secret");
    BOOST_TEST(r.value->security_token.reveal() == "prod-token");
    BOOST_TEST((r.source.origin == hotlive::credential_origin::aliyun_cli_config));
    BOOST_TEST(r.source.description == path + ", profile 'prod' (mode StsToken)");
    BOOST_TEST(r.source.file.string() == path);
    BOOST_TEST(r.source.profile == "prod");
    BOOST_TEST(r.warnings.empty());
}

BOOST_AUTO_TEST_CASE(config_json_without_current_uses_default) {
    write_config(R"({"profiles": [{"name": "default", "mode": "AK", "access_key_id": "DEFAULTID1234",
                    "access_key_secret": "default-secret", "sts_token": "ignored-in-ak-mode"}]})");
    const auto r = resolve();
    BOOST_TEST_REQUIRE(r.value.has_value());
    BOOST_TEST(r.value->access_key_id == "DEFAULTID1234");
    BOOST_TEST(r.value->security_token.empty());
}

BOOST_AUTO_TEST_CASE(cli_profile_beats_plan_profile_and_environment_profile) {
    write_config(two_profiles);
    cli_profile = "default";
    plan_profile = "prod";
    env = {{"ALIBABA_CLOUD_PROFILE", "prod"}};
    const auto r = resolve();
    BOOST_TEST_REQUIRE(r.value.has_value());
    BOOST_TEST(r.value->access_key_id == "DEFAULTID1234");
    BOOST_TEST(contains(r.steps.back(), "named by --profile"));
}

BOOST_AUTO_TEST_CASE(plan_profile_beats_environment_profile_and_current) {
    write_config(two_profiles);
    plan_profile = "default";
    env = {{"ALIBABA_CLOUD_PROFILE", "prod"}};
    const auto r = resolve();
    BOOST_TEST_REQUIRE(r.value.has_value());
    BOOST_TEST(r.value->access_key_id == "DEFAULTID1234");
    BOOST_TEST(contains(r.steps.back(), "named by the plan's credentials.profile"));
}

BOOST_AUTO_TEST_CASE(environment_profile_beats_current) {
    write_config(two_profiles);
    env = {{"ALICLOUD_PROFILE", "default"}};
    const auto r = resolve();
    BOOST_TEST_REQUIRE(r.value.has_value());
    BOOST_TEST(r.value->access_key_id == "DEFAULTID1234");
    BOOST_TEST(contains(r.steps.back(), "named by ALICLOUD_PROFILE"));
}

BOOST_AUTO_TEST_CASE(a_profile_named_for_the_run_beats_environment_keys) {
    write_config(two_profiles);
    env = {{"ALIBABA_CLOUD_ACCESS_KEY_ID", "ENVID12345678"}, {"ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret"}};
    for (const bool from_cli : {true, false}) {
        cli_profile = from_cli ? std::optional<std::string>{"default"} : std::nullopt;
        plan_profile = from_cli ? std::nullopt : std::optional<std::string>{"default"};
        const auto r = resolve();
        BOOST_TEST_REQUIRE(r.value.has_value());
        BOOST_TEST(r.value->access_key_id == "DEFAULTID1234");
        BOOST_TEST(contains(r.steps.front(), "environment: access key variables ignored"));
    }
}

BOOST_AUTO_TEST_CASE(environment_keys_beat_a_profile_named_only_by_the_environment) {
    write_config(two_profiles);
    env = {{"ALIBABA_CLOUD_ACCESS_KEY_ID", "ENVID12345678"},
           {"ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret"},
           {"ALIBABA_CLOUD_PROFILE", "default"}};
    const auto r = resolve();
    BOOST_TEST_REQUIRE(r.value.has_value());
    BOOST_TEST(r.value->access_key_id == "ENVID12345678");
}

BOOST_AUTO_TEST_CASE(unsupported_modes_are_refused_by_name_and_unknown_ones_without_repeating_them) {
    const auto path = write_config(R"({"profiles": [{"name": "sso", "mode": "CloudSSO"},
        {"name": "default", "mode": "SomethingElse"}]})");
    BOOST_TEST(resolve().error == "the mode of profile 'default' in " + path +
                                      " is not supported; use AK, StsToken, RamRoleArn, ChainableRamRoleArn, "
                                      "EcsRamRole, OIDC, CredentialsURI or External, or set "
                                      "ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET");
    cli_profile = "sso";
    BOOST_TEST(contains(resolve().error, "mode CloudSSO of profile 'sso' in " + path + " is not supported by hotlive"));
}

BOOST_AUTO_TEST_CASE(incomplete_profiles_name_the_missing_field) {
    const auto path = write_config(R"({"profiles": [
        {"name": "default", "mode": "AK", "access_key_id": "DEFAULTID1234", "access_key_secret": ""},
        {"name": "sts", "mode": "StsToken", "access_key_id": "STS.ID123456", "access_key_secret": "s"},
        {"name": "nomode", "access_key_id": "ID", "access_key_secret": "s"}]})");
    BOOST_TEST(resolve().error == "profile 'default' in " + path + " (mode AK) has no access_key_secret");
    cli_profile = "sts";
    BOOST_TEST(resolve().error == "profile 'sts' in " + path + " (mode StsToken) has no sts_token");
    cli_profile = "nomode";
    BOOST_TEST(contains(resolve().error, "profile 'nomode' in " + path + " has no mode; use AK, StsToken, RamRoleArn"));
}

BOOST_AUTO_TEST_CASE(a_missing_named_profile_lists_the_profiles_that_exist_everywhere_looked) {
    const auto config = write_config(two_profiles);
    const auto ini = write_ini(
        "[default]\ntype = access_key\naccess_key_id = INIID1234567\naccess_key_secret = s\n"
        "[staging]\ntype = access_key\naccess_key_id = INIID7654321\naccess_key_secret = t\n");
    cli_profile = "live";
    const auto r = resolve();
    BOOST_TEST(!r.value.has_value());
    BOOST_TEST(r.error == "profile 'live' (named by --profile) was not found; looked at: " + config +
                              ": no profile 'live' (it has 'default', 'prod', 'ram'); " + ini +
                              ": no profile 'live' (it has 'default', 'staging')");
}

// Names in messages go through the one escaping quoted(): a file's "current" or a profile's
// name cannot drive the terminal.
BOOST_AUTO_TEST_CASE(profile_names_in_messages_are_escaped) {
    const auto config = write_config(R"({"current": "x\u001b[2Jy", "profiles": [{"name": "a\r\nb", "mode": "AK"}]})");
    const auto r = resolve();
    BOOST_TEST(contains(r.error, config + R"(: no profile 'x\x1B[2Jy' (it has 'a\x0D\x0Ab'))"), r.error);
    BOOST_TEST(r.error.find_first_of("\x1b\r\n") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(no_credentials_anywhere_names_every_place_looked) {
    const auto r = resolve();
    BOOST_TEST(!r.value.has_value());
    BOOST_TEST(r.error ==
               "no credentials found; looked at: environment: none of ALIBABA_CLOUD_ACCESS_KEY_ID, "
               "ALIBABACLOUD_ACCESS_KEY_ID or ALICLOUD_ACCESS_KEY_ID is set; environment: no OIDC "
               "(ALIBABA_CLOUD_OIDC_PROVIDER_ARN and ALIBABA_CLOUD_OIDC_TOKEN_FILE are not set); " +
                   config_path() + ": does not exist; " + ini_path() +
                   ": does not exist; ECS instance role: skipped, ALIBABA_CLOUD_ECS_METADATA_DISABLED=true; "
                   "environment: ALIBABA_CLOUD_CREDENTIALS_URI is not set. Set ALIBABA_CLOUD_ACCESS_KEY_ID and "
                   "ALIBABA_CLOUD_ACCESS_KEY_SECRET, or run \"aliyun configure\"");
    BOOST_TEST(r.steps.size() == 6U);
}

BOOST_AUTO_TEST_CASE(without_home_only_the_environment_is_consulted) {
    const auto r = hotlive::resolve_credentials({std::nullopt,
                                                 std::nullopt,
                                                 [](std::string_view name) {
                                                     return name == "ALIBABA_CLOUD_ECS_METADATA_DISABLED"
                                                                ? std::optional<std::string>{"TRUE"}
                                                                : std::nullopt;
                                                 },
                                                 {}});
    BOOST_TEST(!r.value.has_value());
    BOOST_TEST(
        contains(r.error, "~/.aliyun/config.json: HOME is not set; ~/.alibabacloud/credentials: HOME is not set"));
}

BOOST_AUTO_TEST_CASE(malformed_json_is_located_without_quoting_the_file) {
    const auto path = write_config("{\"profiles\": [{\"name\": \"default\",\n \"access_key_secret\": CANARY_SECRET}]}");
    const auto r = resolve();
    BOOST_TEST(!r.value.has_value());
    BOOST_TEST(contains(r.error, path + " is not valid JSON ("));
    BOOST_TEST(contains(r.error, "at line 2, column "));
    BOOST_TEST(!contains(r.error, "CANARY"));
}

BOOST_AUTO_TEST_CASE(json_of_the_wrong_shape_is_an_error) {
    const auto path = write_config(R"({"profiles": {"name": "default"}})");
    BOOST_TEST(resolve().error ==
               path + " is not an aliyun CLI configuration (expected {\"current\": ..., \"profiles\": [...]})");
    write_config("[1, 2]");
    BOOST_TEST(contains(resolve().error, "is not an aliyun CLI configuration"));
}

// ---- file permissions -------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_world_readable_file_earns_an_ssh_style_warning) {
    using std::filesystem::perms;
    const auto path =
        write_config(two_profiles, perms::owner_read | perms::owner_write | perms::group_read | perms::others_read);
    const auto r = resolve();
    BOOST_TEST(r.value.has_value());
    BOOST_TEST_REQUIRE(r.warnings.size() == 1U);
    BOOST_TEST(r.warnings[0] == path + " is readable by others (mode 0644); run chmod 600 " + path);
}

BOOST_AUTO_TEST_CASE(a_group_readable_file_earns_a_warning_naming_the_group) {
    using std::filesystem::perms;
    const auto path = write_config(two_profiles, perms::owner_read | perms::owner_write | perms::group_read);
    const auto r = resolve();
    BOOST_TEST_REQUIRE(r.warnings.size() == 1U);
    BOOST_TEST(r.warnings[0] == path + " is readable by its group (mode 0640); run chmod 600 " + path);
}

BOOST_AUTO_TEST_CASE(an_owner_only_file_earns_no_warning) {
    write_config(two_profiles, std::filesystem::perms::owner_read);
    BOOST_TEST(resolve().warnings.empty());
}

// ---- ~/.alibabacloud/credentials --------------------------------------------------------------

BOOST_AUTO_TEST_CASE(ini_default_section_is_used_when_config_json_has_no_match) {
    write_config(R"({"current": "", "profiles": [{"name": "other", "mode": "AK"}]})");
    const auto path = write_ini(
        "# comment\n; another\n[default]\n  type = access_key \r\n"
        "access_key_id = INIID1234567\naccess_key_secret = \"ini secret\"\n");
    const auto r = resolve();
    BOOST_TEST_REQUIRE(r.value.has_value());
    BOOST_TEST(r.value->access_key_id == "INIID1234567");
    BOOST_TEST(r.value->access_key_secret.reveal() == "ini secret");
    BOOST_TEST((r.source.origin == hotlive::credential_origin::credentials_file));
    BOOST_TEST(r.source.description == path + ", profile 'default' (type access_key)");
    BOOST_TEST(r.steps.size() == 4U);
}

BOOST_AUTO_TEST_CASE(ini_named_profile_of_type_sts_carries_its_token) {
    write_ini(
        "[default]\ntype = access_key\naccess_key_id = A1234567\naccess_key_secret = a\n"
        "[temp]\ntype = sts\naccess_key_id = STS.B1234567\naccess_key_secret = b\nsecurity_token = tok\n");
    cli_profile = "temp";
    const auto r = resolve();
    BOOST_TEST_REQUIRE(r.value.has_value());
    BOOST_TEST(r.value->access_key_id == "STS.B1234567");
    BOOST_TEST(r.value->security_token.reveal() == "tok");
}

BOOST_AUTO_TEST_CASE(config_json_wins_over_ini_for_the_same_profile) {
    write_config(two_profiles);
    write_ini("[default]\ntype = access_key\naccess_key_id = INIID1234567\naccess_key_secret = s\n");
    cli_profile = "default";
    const auto r = resolve();
    BOOST_TEST_REQUIRE(r.value.has_value());
    BOOST_TEST(r.value->access_key_id == "DEFAULTID1234");
}

BOOST_AUTO_TEST_CASE(ini_unsupported_types_are_refused_by_name_and_unknown_ones_without_repeating_them) {
    const auto path = write_ini("[default]\ntype = rsa_key_pair\n[other]\ntype = mystery\n");
    BOOST_TEST(resolve().error == "type rsa_key_pair of profile 'default' in " + path +
                                      " is not supported by hotlive; use access_key, sts, ram_role_arn, ecs_ram_role, "
                                      "oidc_role_arn or credentials_uri, or set ALIBABA_CLOUD_ACCESS_KEY_ID and "
                                      "ALIBABA_CLOUD_ACCESS_KEY_SECRET");
    cli_profile = "other";
    BOOST_TEST(contains(resolve().error, "the type of profile 'other' in " + path + " is not supported; use"));
}

BOOST_AUTO_TEST_CASE(ini_incomplete_profile_names_the_missing_key) {
    const auto path = write_ini("[default]\ntype = sts\naccess_key_id = A\naccess_key_secret = a\n");
    BOOST_TEST(resolve().error == "profile 'default' in " + path + " (type sts) has no security_token");
}

BOOST_AUTO_TEST_CASE(ini_malformed_line_is_located_without_quoting_it) {
    const auto path = write_ini("[default]\ntype = access_key\nCANARY_SECRET_ON_ITS_OWN\n");
    const auto r = resolve();
    BOOST_TEST(r.error == path + ":3: expected [profile] or key = value");
}

BOOST_AUTO_TEST_SUITE_END()
