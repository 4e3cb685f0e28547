// The fetchers against purpose-built servers on 127.0.0.1 and small scripts: what each request
// carries (AssumeRole signed, AssumeRoleWithOIDC unsigned with the token file read again, the
// metadata service's hardened mode and its plain fallback), what each answer becomes, and which
// failures are refusals. Every message is searched for the secrets the test planted.
#include "credentials/fake_server.hpp"
#include "support/temp_dir.hpp"

#include <hotlive/credential_fetcher.hpp>
#include <hotlive/signer.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

using namespace hotlive;
using test::canned_answer;
using test::fake_server;
using test::recorded_request;

namespace {

constexpr std::string_view planted_secret = "PLANTED_SECRET_q8Zx";
constexpr std::string_view planted_token = "PLANTED_TOKEN_w3Rt";
constexpr std::string_view planted_oidc = "PLANTED_OIDC_k9Lm";
constexpr std::string_view signer_secret = "PLANTED_SECRET_q8Zx-signer";

std::string sts_success(std::string_view id = "STS.TEMPORARY9876") {
    return R"({"RequestId": "r1", "Credentials": {"AccessKeyId": ")" + std::string{id} + R"(", "AccessKeySecret": ")" +
           std::string{planted_secret} + R"(", "SecurityToken": ")" + std::string{planted_token} +
           R"(", "Expiration": "2031-05-01T10:00:00Z"}})";
}

std::string flat_success() {
    return R"({"Code": "Success", "AccessKeyId": "STS.FLAT12345678", "AccessKeySecret": ")" +
           std::string{planted_secret} + R"(", "SecurityToken": ")" + std::string{planted_token} +
           R"(", "Expiration": "2031-05-01T10:00:00Z", "LastUpdated": "2031-05-01T09:00:00Z"})";
}

credential_endpoint loopback(const fake_server& server) { return {false, "127.0.0.1", std::to_string(server.port())}; }

credential_resolution base(credential_mode mode) {
    credential_resolution r;
    r.mode = mode;
    r.source = {credential_origin::aliyun_cli_config, "config.json, profile 'p' (mode X)", "config.json", "p"};
    return r;
}

credential_resolution ram_role(const fake_server& server) {
    auto r = base(credential_mode::ram_role_arn);
    r.signing_keys = credentials{"LTAISIGNER123456", secret_string{std::string{signer_secret}}, {}};
    r.role_arn = "acs:ram::100:role/warm";
    r.role_session_name = "warm-up";
    r.external_id = "ext-7";
    r.duration = std::chrono::seconds{1800};
    r.sts_endpoint = loopback(server);
    return r;
}

credential_fetch_result fetch(const credential_resolution& r, credential_fetch_settings settings = {}) {
    boost::asio::io_context io;
    const auto fetcher = make_fetcher(r, io.get_executor(), std::move(settings));
    BOOST_TEST_REQUIRE(fetcher != nullptr);
    auto result = boost::asio::co_spawn(io, fetcher->fetch(), boost::asio::use_future);
    io.run();
    return result.get();
}

expiring_credentials success(const credential_fetch_result& r) {
    if (const auto* f = std::get_if<credential_fetch_failure>(&r)) BOOST_FAIL("fetch failed: " << f->message);
    return std::get<expiring_credentials>(r);
}

credential_fetch_failure failure(const credential_fetch_result& r) {
    BOOST_TEST_REQUIRE(std::holds_alternative<credential_fetch_failure>(r));
    const auto& f = std::get<credential_fetch_failure>(r);
    for (const auto planted : {planted_secret, planted_token, planted_oidc}) {
        BOOST_TEST(f.message.find(planted) == std::string::npos, "leaks " << planted << ": " << f.message);
    }
    return f;
}

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

// A closed port on 127.0.0.1: nothing listens there once the acceptor is gone.
std::string closed_port() {
    const fake_server gone{[](const recorded_request&) { return canned_answer{}; }};
    return std::to_string(gone.port());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(credential_fetchers)

// ---- STS AssumeRole ------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(assume_role_posts_a_signed_form_and_reads_the_credentials) {
    fake_server sts{[](const recorded_request&) { return canned_answer{200, sts_success()}; }};
    const auto r = ram_role(sts);
    const auto& got = success(fetch(r));
    BOOST_TEST(got.value.access_key_id == "STS.TEMPORARY9876");
    BOOST_TEST(got.value.access_key_secret.reveal() == planted_secret);
    BOOST_TEST(got.value.security_token.reveal() == planted_token);
    BOOST_TEST_REQUIRE(got.expiration.has_value());
    BOOST_TEST(std::chrono::system_clock::to_time_t(*got.expiration) == 1935396000);  // 2031-05-01T10:00:00Z

    const auto requests = sts.requests();
    BOOST_TEST_REQUIRE(requests.size() == 1U);
    const auto& request = requests.front();
    BOOST_TEST(request.method == "POST");
    BOOST_TEST(request.target == "/");
    BOOST_TEST(request.headers.at("content-type") == "application/x-www-form-urlencoded");
    const auto form = test::parse_form(request.body);
    BOOST_TEST(form.at("Action") == "AssumeRole");
    BOOST_TEST(form.at("Version") == "2015-04-01");
    BOOST_TEST(form.at("Format") == "JSON");
    BOOST_TEST(form.at("RoleArn") == "acs:ram::100:role/warm");
    BOOST_TEST(form.at("RoleSessionName") == "warm-up");
    BOOST_TEST(form.at("DurationSeconds") == "1800");
    BOOST_TEST(form.at("ExternalId") == "ext-7");
    BOOST_TEST(form.at("AccessKeyId") == "LTAISIGNER123456");
    BOOST_TEST(form.at("SignatureMethod") == "HMAC-SHA1");
    BOOST_TEST(form.at("SignatureVersion") == "1.0");
    BOOST_TEST(form.at("SignatureNonce").size() == 36U);
    BOOST_TEST(form.count("SecurityToken") == 0U);
    // The signature verifies with the signer's secret, as STS would check it.
    std::vector<query_parameter> parameters;
    for (const auto& [name, value] : form) parameters.push_back({name, value});
    const signing_key key{r.signing_keys->access_key_secret.reveal()};
    BOOST_TEST(form.at("Signature") == rpc_v1_signature(key, "POST", parameters));
}

BOOST_AUTO_TEST_CASE(a_default_session_name_is_made_and_describe_names_role_and_endpoint) {
    fake_server sts{[](const recorded_request&) { return canned_answer{200, sts_success()}; }};
    auto r = ram_role(sts);
    r.role_session_name.clear();
    r.external_id.clear();
    success(fetch(r));
    const auto form = test::parse_form(sts.requests().front().body);
    BOOST_TEST(form.at("RoleSessionName").starts_with("hotlive-"));
    BOOST_TEST(form.count("ExternalId") == 0U);
    boost::asio::io_context io;
    BOOST_TEST(make_fetcher(r, io.get_executor())->describe() == "RamRoleArn acs:ram::100:role/warm via " + sts.url());
}

BOOST_AUTO_TEST_CASE(chainable_ram_role_arn_signs_with_the_source_profiles_temporary_credentials) {
    fake_server sts{[](const recorded_request& request) {
        const auto form = test::parse_form(request.body);
        return canned_answer{200, sts_success(form.at("RoleArn") == "acs:ram::100:role/warm" ? "STS.FIRST12345678"
                                                                                             : "STS.SECOND1234567")};
    }};
    auto r = base(credential_mode::chainable_ram_role_arn);
    r.source_profile = std::make_shared<credential_resolution>(ram_role(sts));
    r.role_arn = "acs:ram::200:role/second";
    r.sts_endpoint = loopback(sts);
    BOOST_TEST(success(fetch(r)).value.access_key_id == "STS.SECOND1234567");
    const auto requests = sts.requests();
    BOOST_TEST_REQUIRE(requests.size() == 2U);
    const auto second = test::parse_form(requests[1].body);
    BOOST_TEST(second.at("AccessKeyId") == "STS.FIRST12345678");
    BOOST_TEST(second.at("SecurityToken") == planted_token);
    std::vector<query_parameter> parameters;
    for (const auto& [name, value] : second) parameters.push_back({name, value});
    BOOST_TEST(second.at("Signature") == rpc_v1_signature(signing_key{planted_secret}, "POST", parameters));
}

BOOST_AUTO_TEST_CASE(sts_refusals_are_final_and_name_the_source_and_field) {
    for (const auto* code : {"EntityNotExist.Role", "NoPermission", "AuthenticationFail.OIDCToken.Expired",
                             "InvalidAccessKeyId.NotFound"}) {
        fake_server sts{[code](const recorded_request&) {
            return canned_answer{code == std::string_view{"NoPermission"} ? 403 : 404,
                                 R"({"Code": ")" + std::string{code} + R"(", "Message": "no: )" +
                                     std::string{planted_secret} + R"(-signer"})"};
        }};
        const auto& f = failure(fetch(ram_role(sts)));
        BOOST_TEST(f.refused, code);
        BOOST_TEST(f.code == code);
        BOOST_TEST(contains(f.message,
                            "config.json, profile 'p' (mode X): STS AssumeRole of ram_role_arn "
                            "acs:ram::100:role/warm at " +
                                sts.url()),
                   f.message);
        BOOST_TEST(!contains(f.message, "no: "), f.message);  // a server's message is never repeated
    }
}

BOOST_AUTO_TEST_CASE(sts_5xx_throttling_and_no_connection_are_transient) {
    for (const auto& [status, body] :
         {std::pair{500, std::string{R"({"Code": "InternalError"})"}}, std::pair{503, std::string{"<html>busy</html>"}},
          std::pair{400, std::string{R"({"Code": "Throttling.User"})"}}, std::pair{200, std::string{"not json"}}}) {
        fake_server sts{[&](const recorded_request&) { return canned_answer{status, body}; }};
        const auto& f = failure(fetch(ram_role(sts)));
        BOOST_TEST(!f.refused, status << " " << body);
    }
    auto r = base(credential_mode::ram_role_arn);
    r.signing_keys = credentials{"LTAISIGNER123456", secret_string{"s"}, {}};
    r.role_arn = "acs:ram::1:role/x";
    r.sts_endpoint = {false, "127.0.0.1", closed_port()};
    const auto& f = failure(fetch(r));
    BOOST_TEST(!f.refused);
    BOOST_TEST(f.code == "connect_refused");
}

// ---- STS AssumeRoleWithOIDC --------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(oidc_is_unsigned_and_reads_the_token_file_again_at_each_fetch) {
    const test::temp_dir dir;
    const auto token_file = dir.write("token", std::string{planted_oidc} + "-one\n");
    fake_server sts{[](const recorded_request&) { return canned_answer{200, sts_success()}; }};
    auto r = base(credential_mode::oidc);
    r.role_arn = "acs:ram::100:role/pod";
    r.oidc_provider_arn = "acs:ram::100:oidc-provider/ack";
    r.oidc_token_file = token_file;
    r.sts_endpoint = loopback(sts);
    success(fetch(r));
    // Kubernetes swaps the projected token for a new one.
    std::filesystem::remove(token_file);
    dir.write("token", std::string{planted_oidc} + "-two");
    success(fetch(r));

    const auto requests = sts.requests();
    BOOST_TEST_REQUIRE(requests.size() == 2U);
    const auto first = test::parse_form(requests[0].body);
    const auto second = test::parse_form(requests[1].body);
    BOOST_TEST(first.at("Action") == "AssumeRoleWithOIDC");
    BOOST_TEST(first.at("Version") == "2015-04-01");
    BOOST_TEST(first.at("RoleArn") == "acs:ram::100:role/pod");
    BOOST_TEST(first.at("OIDCProviderArn") == "acs:ram::100:oidc-provider/ack");
    BOOST_TEST(first.at("OIDCToken") == std::string{planted_oidc} + "-one");
    BOOST_TEST(second.at("OIDCToken") == std::string{planted_oidc} + "-two");
    BOOST_TEST(first.count("Signature") == 0U);
    BOOST_TEST(first.count("AccessKeyId") == 0U);
    BOOST_TEST(requests[0].target == "/");  // the token never in a URL
}

BOOST_AUTO_TEST_CASE(oidc_refusals_scrub_the_token_and_a_missing_file_is_refused) {
    const test::temp_dir dir;
    const auto token_file = dir.write("token", planted_oidc);
    fake_server sts{[](const recorded_request&) {
        return canned_answer{400, R"({"Code": "AuthenticationFail.OIDCToken.Expired", "Message": "token )" +
                                      std::string{planted_oidc} + R"( expired"})"};
    }};
    auto r = base(credential_mode::oidc);
    r.source = {credential_origin::environment, "environment variables ALIBABA_CLOUD_ROLE_ARN, …", {}, {}};
    r.role_arn = "acs:ram::100:role/pod";
    r.oidc_provider_arn = "acs:ram::100:oidc-provider/ack";
    r.oidc_token_file = token_file;
    r.sts_endpoint = loopback(sts);
    const auto& f = failure(fetch(r));
    BOOST_TEST(f.refused);
    BOOST_TEST(f.code == "AuthenticationFail.OIDCToken.Expired");
    BOOST_TEST(contains(f.message, "AssumeRoleWithOIDC of ALIBABA_CLOUD_ROLE_ARN acs:ram::100:role/pod"), f.message);
    r.oidc_token_file = dir.path() / "gone";
    const auto& missing = failure(fetch(r));
    BOOST_TEST(missing.refused);
    BOOST_TEST(contains(missing.message, "cannot read a token from ALIBABA_CLOUD_OIDC_TOKEN_FILE"), missing.message);
}

// ---- the ECS metadata service ---------------------------------------------------------------

struct metadata_service {
    int token_status = 200;  // 403/404: a service without the hardened mode
    bool require_token = true;
    fake_server server{[this](const recorded_request& request) { return answer(request); }};

    canned_answer answer(const recorded_request& request) const {
        if (request.method == "PUT" && request.target == "/latest/api/token") {
            if (request.headers.count("x-aliyun-ecs-metadata-token-ttl-seconds") == 0) return {400, ""};
            return {token_status, token_status == 200 ? "metadata-token-1" : ""};
        }
        const auto token = request.headers.find("x-aliyun-ecs-metadata-token");
        const bool has_token = token != request.headers.end() && token->second == "metadata-token-1";
        if (require_token && token_status == 200 && !has_token) return {401, ""};
        if (request.target == "/latest/meta-data/ram/security-credentials/") return {200, "node-role\n"};
        if (request.target == "/latest/meta-data/ram/security-credentials/node-role") return {200, flat_success()};
        return {404, R"({"Code": "NotFound", "Message": ")" + std::string{planted_secret} + R"("})"};
    }

    [[nodiscard]] credential_resolution resolution(std::string role = {}) const {
        auto r = base(credential_mode::ecs_ram_role);
        r.ecs_role_name = std::move(role);
        r.metadata_endpoint = loopback(server);
        return r;
    }
};

BOOST_AUTO_TEST_CASE(metadata_hardened_mode_asks_a_token_then_the_role_name_then_its_credentials) {
    const metadata_service imds;
    const auto& got = success(fetch(imds.resolution()));
    BOOST_TEST(got.value.access_key_id == "STS.FLAT12345678");
    BOOST_TEST(got.value.security_token.reveal() == planted_token);
    const auto requests = imds.server.requests();
    BOOST_TEST_REQUIRE(requests.size() == 3U);
    BOOST_TEST(requests[0].method == "PUT");
    BOOST_TEST(requests[0].headers.at("x-aliyun-ecs-metadata-token-ttl-seconds") == "21600");
    BOOST_TEST(requests[1].target == "/latest/meta-data/ram/security-credentials/");
    BOOST_TEST(requests[2].target == "/latest/meta-data/ram/security-credentials/node-role");
    BOOST_TEST(requests[2].headers.at("x-aliyun-ecs-metadata-token") == "metadata-token-1");
}

BOOST_AUTO_TEST_CASE(metadata_falls_back_to_the_plain_mode_unless_imdsv1_is_disabled) {
    metadata_service imds;
    imds.token_status = 404;
    const auto& got = success(fetch(imds.resolution("node-role")));
    BOOST_TEST(got.value.access_key_id == "STS.FLAT12345678");
    auto requests = imds.server.requests();
    BOOST_TEST_REQUIRE(requests.size() == 2U);
    BOOST_TEST(requests[1].headers.count("x-aliyun-ecs-metadata-token") == 0U);

    auto r = imds.resolution("node-role");
    r.imdsv1_disabled = true;
    const auto& f = failure(fetch(r));
    BOOST_TEST(f.refused);
    BOOST_TEST(contains(f.message, "ALIBABA_CLOUD_IMDSV1_DISABLED=true forbids the plain mode"), f.message);
    BOOST_TEST(imds.server.requests().size() == 3U);  // the PUT alone
}

BOOST_AUTO_TEST_CASE(metadata_unknown_role_is_refused_and_no_service_is_transient) {
    const metadata_service imds;
    const auto& f = failure(fetch(imds.resolution("other-role")));
    BOOST_TEST(f.refused);
    BOOST_TEST(contains(f.message, "role 'other-role': no such RAM role is attached to this instance (ram_role_name)"),
               f.message);
    auto r = imds.resolution();
    r.metadata_endpoint.port = closed_port();
    const auto& gone = failure(fetch(r));
    BOOST_TEST(!gone.refused);
}

// ---- a credentials URI ----------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(credentials_uri_gets_its_target_and_reads_the_answer) {
    bool succeed = true;
    fake_server uri{[&succeed](const recorded_request&) {
        return succeed ? canned_answer{200, flat_success()}
                       : canned_answer{200, R"({"Code": "Forbidden", "AccessKeySecret": ")" +
                                                std::string{planted_secret} + R"("})"};
    }};
    auto r = base(credential_mode::credentials_uri);
    r.uri_endpoint = loopback(uri);
    r.uri_target = secret_string{"/creds?token=PLANTED_TOKEN_w3Rt"};
    BOOST_TEST(success(fetch(r)).value.access_key_id == "STS.FLAT12345678");
    BOOST_TEST(uri.requests().front().method == "GET");
    BOOST_TEST(uri.requests().front().target == "/creds?token=PLANTED_TOKEN_w3Rt");
    succeed = false;
    const auto& f = failure(fetch(r));
    BOOST_TEST(f.refused);
    BOOST_TEST(f.code == "Forbidden");
    boost::asio::io_context io;
    BOOST_TEST(make_fetcher(r, io.get_executor())->describe() == "CredentialsURI " + uri.url());
}

// ---- External ---------------------------------------------------------------------------------

struct script_fixture {
    test::temp_dir dir;

    [[nodiscard]] credential_resolution script(std::string_view body) const {
        const auto path = dir.write("creds.sh", "#!/bin/sh\n" + std::string{body});
        std::filesystem::permissions(path, std::filesystem::perms::owner_all);
        auto r = base(credential_mode::external);
        r.process_command = {path.string(), "--arg with space"};
        return r;
    }
};

BOOST_FIXTURE_TEST_CASE(external_reads_one_json_object_from_stdout, script_fixture) {
    const auto ak =
        script(R"(printf '{"mode": "AK", "access_key_id": "LTAIEXTERNAL1234", "access_key_secret": "%s"}' "$1"
echo PLANTED_SECRET_q8Zx on stderr >&2
)");
    const auto& got = success(fetch(ak));
    BOOST_TEST(got.value.access_key_id == "LTAIEXTERNAL1234");
    BOOST_TEST(got.value.access_key_secret.reveal() == "--arg with space");  // one argument, no shell
    BOOST_TEST(!got.expiration.has_value());
    const auto sts = script(R"(echo '{"mode": "StsToken", "access_key_id": "STS.EXT12345678", "access_key_secret": "s",
  "sts_token": "PLANTED_TOKEN_w3Rt", "expiration": "2031-05-01T10:00:00Z"}')");
    const auto& temporary = success(fetch(sts));
    BOOST_TEST(temporary.value.security_token.reveal() == planted_token);
    BOOST_TEST(temporary.expiration.has_value());
}

BOOST_FIXTURE_TEST_CASE(external_failures_never_repeat_the_output, script_fixture) {
    const auto& exited = failure(fetch(script("echo PLANTED_SECRET_q8Zx; echo PLANTED_TOKEN_w3Rt >&2; exit 3\n")));
    BOOST_TEST(!exited.refused);
    BOOST_TEST(contains(exited.message, "the process exited with status 3 (its output is not shown)"), exited.message);
    const auto& garbage = failure(fetch(script("echo 'mode: AK PLANTED_SECRET_q8Zx'\n")));
    BOOST_TEST(garbage.refused);
    BOOST_TEST(contains(garbage.message, "did not print one JSON object on stdout"), garbage.message);
    const auto& sts_without_token = failure(fetch(
        script(R"(echo '{"mode": "StsToken", "access_key_id": "A", "access_key_secret": "PLANTED_SECRET_q8Zx"}')")));
    BOOST_TEST(contains(sts_without_token.message, "the answer has no sts_token"), sts_without_token.message);
    auto missing = script("");
    missing.process_command = {(dir.path() / "nowhere").string()};
    BOOST_TEST(failure(fetch(missing)).refused);
}

BOOST_FIXTURE_TEST_CASE(external_is_killed_at_its_timeout, script_fixture) {
    const auto started = std::chrono::steady_clock::now();
    const auto& f = failure(fetch(script("sleep 30\n"), {{}, std::chrono::milliseconds{300}, {}}));
    BOOST_TEST(!f.refused);
    BOOST_TEST(f.code == "timeout");
    BOOST_TEST((std::chrono::steady_clock::now() - started < std::chrono::seconds{10}));
}

// ---- the chain's guess ------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(the_uri_answers_when_the_metadata_service_does_not) {
    fake_server uri{[](const recorded_request&) { return canned_answer{200, flat_success()}; }};
    auto r = base(credential_mode::ecs_ram_role);
    r.metadata_endpoint = {false, "127.0.0.1", closed_port()};
    auto fallback = base(credential_mode::credentials_uri);
    fallback.uri_endpoint = loopback(uri);
    fallback.uri_target = secret_string{"/"};
    r.fallback = std::make_shared<credential_resolution>(fallback);
    BOOST_TEST(success(fetch(r)).value.access_key_id == "STS.FLAT12345678");
}

BOOST_AUTO_TEST_CASE(long_lived_sources_have_no_fetcher) {
    boost::asio::io_context io;
    auto r = base(credential_mode::access_key);
    r.value = credentials{"LTAI123456789", secret_string{"s"}, {}};
    BOOST_TEST(make_fetcher(r, io.get_executor()) == nullptr);
    BOOST_TEST(make_fetcher(credential_resolution{}, io.get_executor()) == nullptr);
}

BOOST_AUTO_TEST_SUITE_END()
