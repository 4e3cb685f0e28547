// hotlive credentials: where the keys come from, shown without the keys.
#include "credentials/fake_server.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

#include <hotlive/exit_codes.hpp>

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>

namespace {

struct command_fixture {
    hotlive::test::temp_dir home;
    hotlive::test::process_options options;

    command_fixture() {
        // Nothing from the developer's or CI's own environment may leak into the chain.
        options.env_unset = {"ALIBABA_CLOUD_ACCESS_KEY_ID",
                             "ALIBABACLOUD_ACCESS_KEY_ID",
                             "ALICLOUD_ACCESS_KEY_ID",
                             "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
                             "ALIBABACLOUD_ACCESS_KEY_SECRET",
                             "ALICLOUD_ACCESS_KEY_SECRET",
                             "ALIBABA_CLOUD_SECURITY_TOKEN",
                             "ALIBABACLOUD_SECURITY_TOKEN",
                             "ALICLOUD_SECURITY_TOKEN",
                             "ALIBABA_CLOUD_PROFILE",
                             "ALIBABACLOUD_PROFILE",
                             "ALICLOUD_PROFILE",
                             "ALIBABA_CLOUD_ROLE_ARN",
                             "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
                             "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
                             "ALIBABA_CLOUD_ROLE_SESSION_NAME",
                             "ALIBABA_CLOUD_ECS_METADATA",
                             "ALIBABA_CLOUD_IMDSV1_DISABLED",
                             "ALIBABA_CLOUD_CREDENTIALS_URI",
                             "ALIBABA_CLOUD_CREDENTIALS_FILE",
                             "ALIBABA_CLOUD_STS_ENDPOINT",
                             "ALIBABA_CLOUD_STS_REGION",
                             "ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED",
                             "HOTLIVE_ECS_METADATA_ENDPOINT"};
        options.env_set["HOME"] = home.path().string();
        options.env_set["NO_COLOR"] = "1";
        // This machine may be on ECS: the instance role is asked of a test's server, or not at all.
        options.env_set["ALIBABA_CLOUD_ECS_METADATA_DISABLED"] = "true";
    }

    std::string write_config(std::string_view json,
                             std::filesystem::perms perms = std::filesystem::perms::owner_read |
                                                            std::filesystem::perms::owner_write) {
        const auto path = home.write(".aliyun/config.json", json);
        std::filesystem::permissions(path, perms);
        return path.string();
    }
};

constexpr std::string_view sts_config = R"({"current": "default", "profiles": [
    {"name": "default", "mode": "AK", "access_key_id": "LTAI5tDEFAULTabcd", "access_key_secret": "s1"},
    {"name": "prod", "mode": "StsToken", "access_key_id": "STS.PRODID9876", "access_key_secret": "s2",
     "sts_token": "t2"}]})";

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

}  // namespace

BOOST_FIXTURE_TEST_SUITE(credentials_command, command_fixture)

BOOST_AUTO_TEST_CASE(environment_credentials_are_reported_masked) {
    options.env_set["ALIBABA_CLOUD_ACCESS_KEY_ID"] = "LTAI5tENVIRONMENTwxyz";
    options.env_set["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = "s0";
    const auto r = hotlive::test::run_hotlive({"credentials"}, options);
    BOOST_TEST(r.exit_code == hotlive::exit_code::success);
    BOOST_TEST(r.out ==
               "source: environment variables ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET\n"
               "mode: AK\n"
               "access key id: *****************wxyz\n"
               "security token: none\n");
    BOOST_TEST(r.err.empty());
}

BOOST_AUTO_TEST_CASE(profile_option_selects_a_config_json_profile_and_reports_its_token) {
    const auto path = write_config(sts_config);
    const auto r = hotlive::test::run_hotlive({"credentials", "--profile", "prod"}, options);
    BOOST_TEST(r.exit_code == hotlive::exit_code::success);
    BOOST_TEST(r.out == "source: " + path +
                            ", profile 'prod' (mode StsToken)\n"
                            "mode: StsToken\n"
                            "access key id: **********9876\n"
                            "security token: present\n");
}

BOOST_AUTO_TEST_CASE(verbose_lists_every_place_looked_in_order) {
    const auto path = write_config(sts_config);
    const auto r = hotlive::test::run_hotlive({"credentials", "--verbose"}, options);
    BOOST_TEST(r.exit_code == hotlive::exit_code::success);
    BOOST_TEST(contains(r.out,
                        "looked at environment: none of ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABACLOUD_ACCESS_KEY_ID "
                        "or ALICLOUD_ACCESS_KEY_ID is set\n"
                        "looked at environment: no OIDC (ALIBABA_CLOUD_OIDC_PROVIDER_ARN and "
                        "ALIBABA_CLOUD_OIDC_TOKEN_FILE are not set)\n"
                        "looked at " +
                            path +
                            ": found profile 'default' (mode AK), the file's current "
                            "profile\n"));
}

BOOST_AUTO_TEST_CASE(no_credentials_exit_3_naming_every_place_looked) {
    const auto r = hotlive::test::run_hotlive({"credentials"}, options);
    BOOST_TEST(r.exit_code == hotlive::exit_code::cannot_start);
    BOOST_TEST(r.out.empty());
    BOOST_TEST(contains(r.err, "hotlive: error: no credentials found; looked at: environment: "));
    BOOST_TEST(contains(r.err, (home.path() / ".aliyun/config.json").string() + ": does not exist"));
    BOOST_TEST(contains(r.err, (home.path() / ".alibabacloud/credentials").string() + ": does not exist"));
}

BOOST_AUTO_TEST_CASE(a_missing_profile_exits_3_listing_the_existing_ones) {
    write_config(sts_config);
    const auto r = hotlive::test::run_hotlive({"credentials", "--profile", "staging"}, options);
    BOOST_TEST(r.exit_code == hotlive::exit_code::cannot_start);
    BOOST_TEST(contains(r.err, "hotlive: error: profile 'staging' (named by --profile) was not found"));
    BOOST_TEST(contains(r.err, "(it has 'default', 'prod')"));
}

BOOST_AUTO_TEST_CASE(a_readable_credentials_file_is_warned_about_on_stderr) {
    using std::filesystem::perms;
    const auto path =
        write_config(sts_config, perms::owner_read | perms::owner_write | perms::group_read | perms::others_read);
    const auto r = hotlive::test::run_hotlive({"credentials"}, options);
    BOOST_TEST(r.exit_code == hotlive::exit_code::success);
    BOOST_TEST(r.err ==
               "hotlive: warning: " + path + " is readable by others (mode 0644); run chmod 600 " + path + "\n");
}

BOOST_AUTO_TEST_CASE(without_anything_the_instance_role_is_asked_and_its_silence_exits_3) {
    options.env_set.erase("ALIBABA_CLOUD_ECS_METADATA_DISABLED");
    std::string closed;
    {
        const hotlive::test::fake_server gone{
            [](const hotlive::test::recorded_request&) { return hotlive::test::canned_answer{}; }};
        closed = "http://127.0.0.1:" + std::to_string(gone.port());
    }
    options.env_set["HOTLIVE_ECS_METADATA_ENDPOINT"] = closed;
    const auto r = hotlive::test::run_hotlive({"credentials"}, options);
    BOOST_TEST(r.exit_code == hotlive::exit_code::cannot_start);
    BOOST_TEST(contains(r.err, "hotlive: error: no credentials found; looked at: "), r.err);
    BOOST_TEST(contains(r.err, "ECS instance role: to be asked of the metadata service at " + closed), r.err);
    BOOST_TEST(contains(r.err, "the ECS metadata service at " + closed + ": the connection was refused"), r.err);
}

BOOST_AUTO_TEST_CASE(ram_role_arn_shows_mode_role_and_signer_and_verbose_fetches) {
    const hotlive::test::fake_server sts{[](const hotlive::test::recorded_request&) {
        return hotlive::test::canned_answer{
            200, R"({"Credentials": {"AccessKeyId": "STS.TEMPORARYwxyz", "AccessKeySecret": "t-s", "SecurityToken":
                     "t-t", "Expiration": "2031-05-01T10:00:00Z"}})"};
    }};
    const auto path = write_config(R"({"current": "ram", "profiles": [{"name": "ram", "mode": "RamRoleArn",
        "access_key_id": "LTAI5tSIGNERabcd", "access_key_secret": "s", "ram_role_arn": "acs:ram::100:role/warm",
        "sts_endpoint": ")" + sts.url() +
                                   R"("}]})");
    const std::string head = "source: " + path +
                             ", profile 'ram' (mode RamRoleArn)\n"
                             "mode: RamRoleArn\n"
                             "role arn: acs:ram::100:role/warm\n"
                             "access key id: ************abcd (signs AssumeRole)\n"
                             "temporary credentials: from RamRoleArn acs:ram::100:role/warm via " +
                             sts.url() + "\n";
    auto r = hotlive::test::run_hotlive({"credentials"}, options);
    BOOST_TEST(r.exit_code == hotlive::exit_code::success);
    BOOST_TEST(r.out == head + "expires: not fetched (--verbose fetches them now)\n");
    BOOST_TEST(sts.requests().empty());

    r = hotlive::test::run_hotlive({"credentials", "--verbose"}, options);
    BOOST_TEST(r.exit_code == hotlive::exit_code::success, r.err);
    BOOST_TEST(contains(r.out, head + "temporary access key id: *************wxyz\nexpires: 2031-05-01T10:00:00Z (in "),
               r.out);
    BOOST_TEST(sts.requests().size() == 1U);
}

BOOST_AUTO_TEST_CASE(a_refused_fetch_exits_3_naming_source_and_field) {
    const hotlive::test::fake_server sts{[](const hotlive::test::recorded_request&) {
        return hotlive::test::canned_answer{404,
                                            R"({"Code": "EntityNotExist.Role", "Message": "The role not exists."})"};
    }};
    const auto path = write_config(R"({"current": "ram", "profiles": [{"name": "ram", "mode": "RamRoleArn",
        "access_key_id": "LTAI5tSIGNERabcd", "access_key_secret": "s", "ram_role_arn": "acs:ram::100:role/gone",
        "sts_endpoint": ")" + sts.url() +
                                   R"("}]})");
    const auto r = hotlive::test::run_hotlive({"credentials", "--verbose"}, options);
    BOOST_TEST(r.exit_code == hotlive::exit_code::cannot_start);
    BOOST_TEST(contains(r.err, "hotlive: error: " + path +
                                   ", profile 'ram' (mode RamRoleArn): STS AssumeRole of "
                                   "ram_role_arn acs:ram::100:role/gone at " +
                                   sts.url() + ": HTTP 404 EntityNotExist.Role (refused)\n"),
               r.err);
}

BOOST_AUTO_TEST_SUITE_END()
