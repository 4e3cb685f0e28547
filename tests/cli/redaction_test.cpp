// No secret ever reaches output: the hotlive CLI runs with canary credentials at its highest
// verbosity over success and error paths — the credential files, and every fetched source's
// answers (STS, the ECS metadata service, a credentials URI, an External process's stdout and
// stderr) — and every byte it writes is searched for them.
#include "credentials/fake_server.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

#include <hotlive/exit_codes.hpp>

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

namespace {

std::string random_tail(std::size_t length) {
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static std::mt19937_64 engine{std::random_device{}()};
    std::uniform_int_distribution<std::size_t> pick(0, sizeof alphabet - 2);
    std::string out;
    for (std::size_t i = 0; i < length; ++i) out.push_back(alphabet[pick(engine)]);
    return out;
}

// Fresh canaries per test, so no test can pass on another's leftovers.
struct canaries {
    std::string id_tail = random_tail(16);
    std::string secret_tail = random_tail(30);
    std::string token_tail = random_tail(30);
    std::string id = "CANARYID" + id_tail;
    std::string secret = "CANARY_SECRET_" + secret_tail;
    std::string token = "CANARY_TOKEN_" + token_tail;
};

struct scenario_fixture {
    canaries c;
    hotlive::test::temp_dir home;
    hotlive::test::process_options options;

    scenario_fixture() {
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
        options.env_set["ALIBABA_CLOUD_ECS_METADATA_DISABLED"] = "true";
    }

    // STS's answer carrying the canaries as the temporary credentials.
    [[nodiscard]] std::string sts_answer() const {
        return R"({"Credentials": {"AccessKeyId": ")" + c.id + R"(", "AccessKeySecret": ")" + c.secret +
               R"(", "SecurityToken": ")" + c.token + R"(", "Expiration": "2031-05-01T10:00:00Z"}})";
    }
    // The metadata service's and a credentials URI's.
    [[nodiscard]] std::string flat_answer() const {
        return R"({"Code": "Success", "AccessKeyId": ")" + c.id + R"(", "AccessKeySecret": ")" + c.secret +
               R"(", "SecurityToken": ")" + c.token + R"(", "Expiration": "2031-05-01T10:00:00Z"})";
    }
    // An error answer that repeats every canary, as a careless server might.
    [[nodiscard]] std::string echoing_error() const {
        return R"({"Code": "NoPermission", "Message": "denied for )" + c.id + " " + c.secret + " " + c.token +
               R"(", "AccessKeySecret": ")" + c.secret + R"("})";
    }

    void ram_role_profile(const hotlive::test::fake_server& sts) const {
        write(".aliyun/config.json", R"({"profiles": [{"name": "default", "mode": "RamRoleArn", "access_key_id": ")" +
                                         c.id + R"(", "access_key_secret": ")" + c.secret +
                                         R"(", "ram_role_arn": "acs:ram::1:role/x",
                  "sts_endpoint": ")" + sts.url() +
                                         R"("}]})");
    }

    void write(const std::filesystem::path& relative, std::string_view content,
               std::filesystem::perms perms = std::filesystem::perms::owner_read |
                                              std::filesystem::perms::owner_write) const {
        std::filesystem::permissions(home.write(relative, content), perms);
    }

    [[nodiscard]] std::string profile_json(std::string_view name, std::string_view mode) const {
        return R"({"name": ")" + std::string{name} + R"(", "mode": ")" + std::string{mode} +
               R"(", "access_key_id": ")" + c.id + R"(", "access_key_secret": ")" + c.secret + R"(", "sts_token": ")" +
               c.token + R"(", "ram_role_arn": "acs:ram::1:role/x"})";
    }

    // Runs `hotlive credentials --verbose [args]`, checks the exit code, and searches both
    // streams: the secret, the token and the full AccessKeyId must not appear, not even their
    // random parts alone.
    void run_and_check(std::vector<std::string> args, int expected_exit) const {
        args.insert(args.begin(), {"credentials", "--verbose"});
        const auto r = hotlive::test::run_hotlive(args, options);
        BOOST_TEST(r.exit_code == expected_exit, "stderr: " << r.err);
        for (const auto& [stream, text] : {std::pair{"stdout", r.out}, std::pair{"stderr", r.err}}) {
            for (const auto& canary : {c.secret, c.secret_tail, c.token, c.token_tail, c.id, c.id_tail.substr(0, 12)}) {
                BOOST_TEST(text.find(canary) == std::string::npos, stream << " leaks " << canary << ":\n" << text);
            }
            BOOST_TEST(text.find("CANARY_") == std::string::npos, stream << ":\n" << text);
        }
        if (expected_exit == hotlive::exit_code::success) {
            BOOST_TEST(r.out.find("access key id: " + std::string(c.id.size() - 4, '*') +
                                  c.id.substr(c.id.size() - 4)) != std::string::npos,
                       r.out);
        }
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(cli_redaction, scenario_fixture)

BOOST_AUTO_TEST_CASE(environment_credentials_with_token_do_not_leak) {
    options.env_set["ALIBABA_CLOUD_ACCESS_KEY_ID"] = c.id;
    options.env_set["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = c.secret;
    options.env_set["ALIBABA_CLOUD_SECURITY_TOKEN"] = c.token;
    run_and_check({}, hotlive::exit_code::success);
}

BOOST_AUTO_TEST_CASE(config_json_ak_profile_does_not_leak) {
    write(".aliyun/config.json", R"({"current": "main", "profiles": [)" + profile_json("main", "AK") + "]}");
    run_and_check({}, hotlive::exit_code::success);
}

BOOST_AUTO_TEST_CASE(config_json_sts_token_profile_does_not_leak) {
    write(".aliyun/config.json", R"({"profiles": [)" + profile_json("temp", "StsToken") + "]}");
    run_and_check({"--profile", "temp"}, hotlive::exit_code::success);
}

BOOST_AUTO_TEST_CASE(ini_profiles_do_not_leak) {
    write(".alibabacloud/credentials",
          "[default]\ntype = access_key\naccess_key_id = " + c.id + "\naccess_key_secret = " + c.secret +
              "\n[temp]\ntype = sts\n"
              "access_key_id = " +
              c.id + "\naccess_key_secret = " + c.secret + "\nsecurity_token = " + c.token + "\n");
    run_and_check({}, hotlive::exit_code::success);
    run_and_check({"--profile", "temp"}, hotlive::exit_code::success);
}

BOOST_AUTO_TEST_CASE(world_readable_file_warning_does_not_leak) {
    using std::filesystem::perms;
    write(".aliyun/config.json", R"({"profiles": [)" + profile_json("default", "AK") + "]}",
          perms::owner_read | perms::owner_write | perms::group_read | perms::others_read);
    run_and_check({}, hotlive::exit_code::success);
}

BOOST_AUTO_TEST_CASE(id_without_secret_error_does_not_leak) {
    options.env_set["ALIBABA_CLOUD_ACCESS_KEY_ID"] = c.id;
    options.env_set["ALIBABA_CLOUD_SECURITY_TOKEN"] = c.token;
    run_and_check({}, hotlive::exit_code::cannot_start);
}

BOOST_AUTO_TEST_CASE(secret_without_id_error_does_not_leak) {
    options.env_set["ALIBABACLOUD_ACCESS_KEY_SECRET"] = c.secret;
    run_and_check({}, hotlive::exit_code::cannot_start);
}

BOOST_AUTO_TEST_CASE(unsupported_mode_error_does_not_leak) {
    write(".aliyun/config.json", R"({"profiles": [)" + profile_json("default", "RamRoleArn") + "]}");
    run_and_check({}, hotlive::exit_code::cannot_start);
}

BOOST_AUTO_TEST_CASE(unsupported_ini_type_error_does_not_leak) {
    write(".alibabacloud/credentials",
          "[default]\ntype = ecs_ram_role\naccess_key_id = " + c.id + "\naccess_key_secret = " + c.secret + "\n");
    run_and_check({}, hotlive::exit_code::cannot_start);
}

// A secret pasted on the mode or type line: the error says the value is not supported without
// repeating it.
BOOST_AUTO_TEST_CASE(secret_as_config_json_mode_does_not_leak) {
    write(".aliyun/config.json", R"({"profiles": [)" + profile_json("default", c.secret) + "]}");
    run_and_check({}, hotlive::exit_code::cannot_start);
}

BOOST_AUTO_TEST_CASE(secret_as_ini_type_does_not_leak) {
    write(".alibabacloud/credentials",
          "[default]\ntype = " + c.secret + "\naccess_key_id = " + c.id + "\naccess_key_secret = " + c.secret + "\n");
    run_and_check({}, hotlive::exit_code::cannot_start);
}

BOOST_AUTO_TEST_CASE(missing_profile_error_does_not_leak) {
    write(".aliyun/config.json", R"({"profiles": [)" + profile_json("default", "StsToken") + "]}");
    options.env_set["ALIBABA_CLOUD_ACCESS_KEY_ID"] = c.id;  // ignored for --profile, never echoed
    options.env_set["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = c.secret;
    run_and_check({"--profile", "nonexistent"}, hotlive::exit_code::cannot_start);
}

BOOST_AUTO_TEST_CASE(incomplete_profile_error_does_not_leak) {
    write(".aliyun/config.json", R"({"profiles": [{"name": "default", "mode": "StsToken", "access_key_id": ")" + c.id +
                                     R"(", "access_key_secret": ")" + c.secret + R"("}]})");
    run_and_check({}, hotlive::exit_code::cannot_start);
}

BOOST_AUTO_TEST_CASE(malformed_json_containing_the_secret_does_not_leak) {
    // The parser stops inside or right after each canary.
    for (const std::string& text :
         {R"({"profiles": [{"name": "default", "mode": "AK", "access_key_id": ")" + c.id +
              R"(", "access_key_secret": )" + c.secret + "}]}",
          R"({"profiles": [{"name": "default", "access_key_secret": ")" + c.secret + R"(",}]})",
          R"({"profiles": [{"name": "default", "sts_token": ")" + c.token + "\n"}) {
        write(".aliyun/config.json", text);
        run_and_check({}, hotlive::exit_code::cannot_start);
    }
}

BOOST_AUTO_TEST_CASE(malformed_ini_containing_the_secret_does_not_leak) {
    write(".alibabacloud/credentials", "[default]\ntype = access_key\n" + c.secret + "\n");
    run_and_check({}, hotlive::exit_code::cannot_start);
}

// ---- fetched sources ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(sts_answers_do_not_leak) {
    bool refuse = false;
    const hotlive::test::fake_server sts{[&](const hotlive::test::recorded_request&) {
        return refuse ? hotlive::test::canned_answer{403, echoing_error()}
                      : hotlive::test::canned_answer{200, sts_answer()};
    }};
    ram_role_profile(sts);
    run_and_check({}, hotlive::exit_code::success);
    refuse = true;
    run_and_check({}, hotlive::exit_code::cannot_start);
}

BOOST_AUTO_TEST_CASE(the_oidc_token_does_not_leak) {
    bool refuse = false;
    const hotlive::test::fake_server sts{[&](const hotlive::test::recorded_request& request) {
        const auto form = hotlive::test::parse_form(request.body);
        return refuse ? hotlive::test::canned_answer{400, R"({"Code": "AuthenticationFail.OIDCToken.Invalid",
                                                              "Message": "bad token )" +
                                                              form.at("OIDCToken") + R"("})"}
                      : hotlive::test::canned_answer{200, sts_answer()};
    }};
    write("token", c.token);
    options.env_set["ALIBABA_CLOUD_ROLE_ARN"] = "acs:ram::1:role/pod";
    options.env_set["ALIBABA_CLOUD_OIDC_PROVIDER_ARN"] = "acs:ram::1:oidc-provider/ack";
    options.env_set["ALIBABA_CLOUD_OIDC_TOKEN_FILE"] = (home.path() / "token").string();
    options.env_set["ALIBABA_CLOUD_STS_ENDPOINT"] = sts.url();
    run_and_check({}, hotlive::exit_code::success);
    refuse = true;
    run_and_check({}, hotlive::exit_code::cannot_start);
}

BOOST_AUTO_TEST_CASE(metadata_service_answers_do_not_leak) {
    bool refuse = false;
    const hotlive::test::fake_server imds{[&](const hotlive::test::recorded_request& request) {
        if (request.method == "PUT") return hotlive::test::canned_answer{200, c.token};
        if (request.target.ends_with("/security-credentials/")) return hotlive::test::canned_answer{200, "role"};
        return refuse ? hotlive::test::canned_answer{404, echoing_error()}
                      : hotlive::test::canned_answer{200, flat_answer()};
    }};
    options.env_set.erase("ALIBABA_CLOUD_ECS_METADATA_DISABLED");
    options.env_set["HOTLIVE_ECS_METADATA_ENDPOINT"] = imds.url();
    run_and_check({}, hotlive::exit_code::success);
    options.env_set["ALIBABA_CLOUD_ECS_METADATA"] = "role";
    refuse = true;
    run_and_check({}, hotlive::exit_code::cannot_start);
}

BOOST_AUTO_TEST_CASE(credentials_uri_answers_and_its_query_do_not_leak) {
    bool refuse = false;
    const hotlive::test::fake_server uri{[&](const hotlive::test::recorded_request&) {
        return refuse ? hotlive::test::canned_answer{200, R"({"Code": ")" + c.secret + R"("})"}
                      : hotlive::test::canned_answer{200, flat_answer()};
    }};
    options.env_set["ALIBABA_CLOUD_CREDENTIALS_URI"] = uri.url() + "/creds?token=" + c.token;
    run_and_check({}, hotlive::exit_code::success);
    refuse = true;
    run_and_check({}, hotlive::exit_code::cannot_start);
}

BOOST_AUTO_TEST_CASE(external_stdout_and_stderr_do_not_leak) {
    const auto script = [&](const std::string& body) {
        write("creds.sh", "#!/bin/sh\n" + body, std::filesystem::perms::owner_all);
        write(".aliyun/config.json", R"({"profiles": [{"name": "default", "mode": "External", "process_command": ")" +
                                         (home.path() / "creds.sh").string() + " " + c.secret + R"("}]})");
    };
    const std::string json = R"({"mode": "StsToken", "access_key_id": ")" + c.id + R"(", "access_key_secret": ")" +
                             c.secret + R"(", "sts_token": ")" + c.token +
                             R"(", "expiration": "2031-05-01T10:00:00Z"})";
    script("echo '" + json + "'\necho " + c.secret + " " + c.token + " >&2\n");
    run_and_check({}, hotlive::exit_code::success);
    script("echo '" + json + "'\necho " + c.secret + " " + c.token + " >&2\nexit 2\n");
    run_and_check({}, hotlive::exit_code::cannot_start);
    script("echo 'not json " + c.secret + " " + c.token + "'\n");
    run_and_check({}, hotlive::exit_code::cannot_start);
}

BOOST_AUTO_TEST_SUITE_END()
