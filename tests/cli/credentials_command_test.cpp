// hotlive credentials: where the keys come from, shown without the keys.
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
        options.env_unset = {
            "ALIBABA_CLOUD_ACCESS_KEY_ID",     "ALIBABACLOUD_ACCESS_KEY_ID",     "ALICLOUD_ACCESS_KEY_ID",
            "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABACLOUD_ACCESS_KEY_SECRET", "ALICLOUD_ACCESS_KEY_SECRET",
            "ALIBABA_CLOUD_SECURITY_TOKEN",    "ALIBABACLOUD_SECURITY_TOKEN",    "ALICLOUD_SECURITY_TOKEN",
            "ALIBABA_CLOUD_PROFILE",           "ALIBABACLOUD_PROFILE",           "ALICLOUD_PROFILE"};
        options.env_set["HOME"] = home.path().string();
        options.env_set["NO_COLOR"] = "1";
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

BOOST_AUTO_TEST_SUITE_END()
