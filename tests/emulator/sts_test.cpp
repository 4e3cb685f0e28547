// Temporary credentials: STS (AssumeRole signed, AssumeRoleWithOIDC unsigned) and IMDS issue them
// on the emulator's listener, the Live API honours them until they expire, the log says which
// requests were signed with one and whether it had expired, and an outage window makes STS and
// IMDS unreachable. Over real sockets, on a hand-driven clock.
#include "emulator/config.hpp"
#include "emulator/harness.hpp"
#include "support/temp_dir.hpp"
#include "time/rfc3339.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <source_location>
#include <sstream>

using namespace std::chrono_literals;
using namespace hotlive::test;
using hotlive::emulator_config;

namespace {

constexpr std::string_view sts_version = "2015-04-01";

struct issued {
    std::string id;
    std::string secret;
    std::string token;
    std::string expiration;
};

// An STS action's request, signed by `signer` (V3 unless told), timestamped by `clock`.
std::string sts_request(const in_process_emulator& e, const manual_clock& clock, std::string_view action,
                        const std::vector<hotlive::query_parameter>& parameters, const signing_options& signer = {}) {
    hotlive::credentials creds;
    creds.access_key_id = signer.access_key_id;
    creds.access_key_secret = hotlive::secret_string{signer.access_key_secret};
    creds.security_token = hotlive::secret_string{signer.security_token};
    const hotlive::request_signer s{std::move(creds), e.host(), signer.version};
    const hotlive::api_call call{action, sts_version, parameters};
    return to_wire(s.sign(call, signer.shape, clock.wall(), hotlive::make_nonce()));
}

exchange send(const in_process_emulator& e, const std::string& raw) {
    http_connection connection{e.port()};
    return connection.send(raw);
}

exchange assume_role(const in_process_emulator& e, const manual_clock& clock, const signing_options& signer = {},
                     std::string_view role = hotlive::demo_role_arn, std::vector<hotlive::query_parameter> extra = {}) {
    extra.push_back({"RoleArn", role});
    extra.push_back({"RoleSessionName", "rehearsal"});
    return send(e, sts_request(e, clock, "AssumeRole", extra, signer));
}

// AssumeRoleWithOIDC as the credential SDKs send it: unsigned, a form body.
exchange assume_role_with_oidc(const in_process_emulator& e, std::string_view provider, std::string_view token) {
    std::vector<hotlive::query_parameter> parameters{{"Action", "AssumeRoleWithOIDC"},
                                                     {"Version", sts_version},
                                                     {"Format", "JSON"},
                                                     {"OIDCProviderArn", provider},
                                                     {"RoleArn", hotlive::demo_role_arn},
                                                     {"OIDCToken", token},
                                                     {"RoleSessionName", "pod"}};
    const std::string body = hotlive::canonical_query_string(parameters);
    return send(e, "POST / HTTP/1.1\r\nHost: " + e.host() +
                       "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
                       std::to_string(body.size()) + "\r\n\r\n" + body);
}

issued credentials_of(const exchange& x, std::source_location at = std::source_location::current()) {
    BOOST_TEST_REQUIRE(x.response.status == 200, "line " << at.line() << ": " << x.response.body);
    const auto body = json_of(x.response);
    const auto& c = body.at("Credentials").as_object();
    return {std::string{c.at("AccessKeyId").as_string()}, std::string{c.at("AccessKeySecret").as_string()},
            std::string{c.at("SecurityToken").as_string()}, std::string{c.at("Expiration").as_string()}};
}

signing_options signed_with(const issued& c, hotlive::signature_version version = hotlive::signature_version::v3) {
    signing_options o;
    o.version = version;
    o.access_key_id = c.id;
    o.access_key_secret = c.secret;
    o.security_token = c.token;
    return o;
}

exchange live_call_at(const in_process_emulator& e, const manual_clock& clock, signing_options o,
                      const live_call& call = {}) {
    o.timestamp = clock.wall();
    return call_once(e, call, o);
}

std::string in_seconds(const manual_clock& clock, std::chrono::seconds s) {
    return hotlive::detail::format_rfc3339_utc(std::chrono::floor<std::chrono::seconds>(clock.wall()) + s);
}

void check_error(const exchange& x, int status, std::string_view code) {
    BOOST_TEST(x.response.status == status, x.response.body);
    BOOST_TEST(code_of(x.response) == code);
}

std::string imds_request(const in_process_emulator& e, std::string_view method, std::string_view path,
                         std::string_view header = {}) {
    return std::string{method} + " " + std::string{path} + " HTTP/1.1\r\nHost: " + e.host() + "\r\n" +
           std::string{header} + (header.empty() ? "" : "\r\n") + "Content-Length: 0\r\n\r\n";
}

const std::string creds_path = "/latest/meta-data/ram/security-credentials/";

std::string slurp(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void write_file(const std::filesystem::path& file, std::string_view text) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
}

// base64url without padding, for a JWT's parts.
std::string base64url(std::string_view bytes) {
    static constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    std::uint32_t bits = 0;
    int count = 0;
    for (const char c : bytes) {
        bits = (bits << 8) | static_cast<unsigned char>(c);
        count += 8;
        while (count >= 6) {
            count -= 6;
            out.push_back(alphabet[(bits >> count) & 63]);
        }
    }
    if (count > 0) out.push_back(alphabet[(bits << (6 - count)) & 63]);
    return out;
}

std::string jwt_expiring_at(std::chrono::system_clock::time_point t) {
    const auto exp = std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
    return base64url(R"({"alg":"RS256"})") + "." + base64url(R"({"sub":"pod","exp":)" + std::to_string(exp) + "}") +
           ".c2lnbmF0dXJl";
}

}  // namespace

BOOST_AUTO_TEST_CASE(assume_role_signed_by_the_demo_user_issues_a_credential_of_the_configured_lifetime) {
    manual_clock clock;
    emulator_config config;
    config.clocks = clock.clocks();
    config.sts_duration = 30s;
    in_process_emulator e{config};

    for (const auto version : {hotlive::signature_version::v3, hotlive::signature_version::v1}) {
        signing_options v;
        v.version = version;
        // The SDKs ask for an hour; the emulator's 30 s lifetime is shorter and wins.
        const auto x = assume_role(e, clock, v, hotlive::demo_role_arn, {{"DurationSeconds", "3600"}});
        const issued c = credentials_of(x);
        BOOST_TEST(c.id.starts_with("STS."));
        BOOST_TEST(c.id.size() == 28u);
        BOOST_TEST(c.secret.size() == 32u);
        BOOST_TEST(c.token.size() > 100u);
        BOOST_TEST(c.expiration == in_seconds(clock, 30s));
        const auto body = json_of(x.response).as_object();
        BOOST_TEST(is_request_id(body.at("RequestId").as_string()));
        BOOST_TEST(body.at("AssumedRoleUser").at("Arn").as_string() ==
                   std::string{hotlive::demo_role_arn} + "/rehearsal");
        BOOST_TEST(std::string{body.at("AssumedRoleUser").at("AssumedRoleId").as_string()}.ends_with(":rehearsal"));
    }
    // DurationSeconds shorter than the emulator's lifetime shortens it.
    emulator_config hour = config;
    hour.sts_duration = 3600s;
    in_process_emulator e2{hour};
    BOOST_TEST(
        credentials_of(assume_role(e2, clock, {}, hotlive::demo_role_arn, {{"DurationSeconds", "900"}})).expiration ==
        in_seconds(clock, 900s));
    BOOST_TEST(credentials_of(assume_role(e2, clock)).expiration == in_seconds(clock, 3600s));

    const auto stats = fetch_stats(e.port());
    const auto& sts = stats.at("sts").as_object();
    BOOST_TEST(sts.at("assume_role").as_int64() == 2);
    BOOST_TEST(sts.at("issued").as_int64() == 2);
    BOOST_TEST(sts.at("refused").as_int64() == 0);
    BOOST_TEST(stats.at("requests").as_int64() == 0);  // STS is not the Live API
}

BOOST_AUTO_TEST_CASE(assume_role_is_refused_with_sts_codes) {
    manual_clock clock;
    emulator_config config;
    config.clocks = clock.clocks();
    config.accounts = {{"ram-user", hotlive::secret_string{"ram-secret"}},
                       {"other-user", hotlive::secret_string{"other"}}};
    hotlive::emulator_role role;
    role.arn = "acs:ram::1:role/warm";
    role.allowed_users = {"ram-user"};
    role.external_id = "abc";
    role.max_session_s = 1800;
    config.roles = std::vector{role};
    in_process_emulator e{config};

    signing_options user;
    user.access_key_id = "ram-user";
    user.access_key_secret = "ram-secret";
    signing_options other;
    other.access_key_id = "other-user";
    other.access_key_secret = "other";
    signing_options wrong = user;
    wrong.access_key_secret = "not-it";
    const std::vector<hotlive::query_parameter> external{{"ExternalId", "abc"}};

    credentials_of(assume_role(e, clock, user, role.arn, external));
    const auto unknown = assume_role(e, clock, user, "acs:ram::1:role/nope", external);
    check_error(unknown, 404, "EntityNotExist.Role");
    BOOST_TEST(json_of(unknown.response).at("HostId").as_string() == "sts.aliyuncs.com");
    BOOST_TEST(json_of(unknown.response).at("Message").as_string() == "The specified Role not exists.");
    check_error(assume_role(e, clock, other, role.arn, external), 403, "NoPermission");
    check_error(assume_role(e, clock, user, role.arn, {{"ExternalId", "xyz"}}), 403, "NoPermission");
    check_error(assume_role(e, clock, user, role.arn), 403, "NoPermission");  // no ExternalId
    check_error(assume_role(e, clock, wrong, role.arn, external), 400, "SignatureDoesNotMatch");
    check_error(assume_role(e, clock, user, role.arn, {{"ExternalId", "abc"}, {"DurationSeconds", "899"}}), 400,
                "InvalidParameter.DurationSeconds");
    check_error(assume_role(e, clock, user, role.arn, {{"ExternalId", "abc"}, {"DurationSeconds", "1801"}}), 400,
                "InvalidParameter.DurationSeconds");
    check_error(send(e, sts_request(e, clock, "AssumeRole", {{"RoleSessionName", "s"}}, user)), 400,
                "MissingParameter");
    // The demo role is not there once roles are configured.
    check_error(assume_role(e, clock, user), 404, "EntityNotExist.Role");

    const auto sts = fetch_stats(e.port()).at("sts").as_object();
    BOOST_TEST(sts.at("assume_role").as_int64() == 1);
    BOOST_TEST(sts.at("refused").as_int64() == 9);
    BOOST_TEST(sts.at("issued").as_int64() == 1);
}

BOOST_AUTO_TEST_CASE(a_role_session_may_assume_a_role_that_trusts_its_role) {
    manual_clock clock;
    emulator_config config;
    config.clocks = clock.clocks();
    in_process_emulator e{config};
    const issued first = credentials_of(assume_role(e, clock));
    const issued chained = credentials_of(assume_role(e, clock, signed_with(first)));
    BOOST_TEST(chained.id != first.id);
    // Without its token the session's key is refused as the gateway refuses it.
    signing_options tokenless = signed_with(first);
    tokenless.security_token.clear();
    check_error(assume_role(e, clock, tokenless), 400, "MissingSecurityToken");
}

BOOST_AUTO_TEST_CASE(assume_role_with_oidc_takes_a_configured_provider_and_token_and_rereads_the_token_file) {
    manual_clock clock;
    temp_dir dir;
    const auto token_file = dir.path() / "token";
    emulator_config config;
    config.clocks = clock.clocks();
    in_process_emulator demo{config};
    const auto good = assume_role_with_oidc(demo, hotlive::demo_oidc_provider_arn, hotlive::demo_oidc_token);
    BOOST_TEST(credentials_of(good).expiration == in_seconds(clock, 3600s));
    BOOST_TEST(json_of(good.response).at("AssumedRoleUser").at("Arn").as_string() ==
               std::string{hotlive::demo_role_arn} + "/pod");
    check_error(assume_role_with_oidc(demo, hotlive::demo_oidc_provider_arn, "stolen"), 401,
                "AuthenticationFail.OIDCToken.Invalid");
    check_error(assume_role_with_oidc(demo, hotlive::demo_oidc_provider_arn, ""), 401,
                "AuthenticationFail.OIDCToken.Invalid");
    check_error(assume_role_with_oidc(demo, "acs:ram::1:oidc-provider/other", hotlive::demo_oidc_token), 401,
                "AuthenticationFail.NoPermission");

    hotlive::emulator_oidc_provider provider;
    provider.arn = "acs:ram::1:oidc-provider/ack";
    provider.token_file = token_file;
    config.oidc_providers = std::vector{provider};
    in_process_emulator e{config};
    write_file(token_file, "first-token\n");
    credentials_of(assume_role_with_oidc(e, provider.arn, "first-token"));
    write_file(token_file, "second-token");  // rotated, as the kubelet does
    check_error(assume_role_with_oidc(e, provider.arn, "first-token"), 401, "AuthenticationFail.OIDCToken.Invalid");
    credentials_of(assume_role_with_oidc(e, provider.arn, "second-token"));
    const std::string stale = jwt_expiring_at(clock.wall() - 1s);
    const std::string fresh = jwt_expiring_at(clock.wall() + 60s);
    write_file(token_file, stale);
    check_error(assume_role_with_oidc(e, provider.arn, stale), 401, "AuthenticationFail.OIDCToken.Expired");
    write_file(token_file, fresh);
    credentials_of(assume_role_with_oidc(e, provider.arn, fresh));

    const auto sts = fetch_stats(e.port()).at("sts").as_object();
    BOOST_TEST(sts.at("assume_role_with_oidc").as_int64() == 3);
    BOOST_TEST(sts.at("refused").as_int64() == 2);
}

BOOST_AUTO_TEST_CASE(imds_hardened_mode_needs_a_session_token) {
    manual_clock clock;
    emulator_config config;
    config.clocks = clock.clocks();
    config.imds = hotlive::imds_mode::hardened;
    config.sts_duration = 60s;
    in_process_emulator e{config};

    BOOST_TEST(send(e, imds_request(e, "GET", creds_path)).response.status == 403);
    BOOST_TEST(send(e, imds_request(e, "PUT", "/latest/api/token")).response.status == 400);  // no TTL
    const auto put =
        send(e, imds_request(e, "PUT", "/latest/api/token", "X-aliyun-ecs-metadata-token-ttl-seconds: 10"));
    BOOST_TEST_REQUIRE(put.response.status == 200);
    const std::string token_header = "X-aliyun-ecs-metadata-token: " + put.response.body;
    const auto name = send(e, imds_request(e, "GET", creds_path, token_header));
    BOOST_TEST(name.response.status == 200);
    BOOST_TEST(name.response.body == hotlive::demo_imds_role);
    const auto first = send(e, imds_request(e, "GET", creds_path + std::string{hotlive::demo_imds_role}, token_header));
    BOOST_TEST_REQUIRE(first.response.status == 200, first.response.body);
    const auto body = json_of(first.response).as_object();
    BOOST_TEST(body.at("Code").as_string() == "Success");
    BOOST_TEST(std::string{body.at("AccessKeyId").as_string()}.starts_with("STS."));
    BOOST_TEST(!body.at("AccessKeySecret").as_string().empty());
    BOOST_TEST(!body.at("SecurityToken").as_string().empty());
    BOOST_TEST(body.at("Expiration").as_string() == in_seconds(clock, 60s));
    BOOST_TEST(body.at("LastUpdated").as_string() == in_seconds(clock, 0s));
    BOOST_TEST(send(e, imds_request(e, "GET", creds_path + "other-role", token_header)).response.status == 404);
    BOOST_TEST(send(e, imds_request(e, "GET", creds_path, "X-aliyun-ecs-metadata-token: guessed")).response.status ==
               401);

    // The same credential until less than half its lifetime is left, then a new one.
    clock.advance(9s);
    const auto again = send(e, imds_request(e, "GET", creds_path + std::string{hotlive::demo_imds_role}, token_header));
    BOOST_TEST(json_of(again.response).at("AccessKeyId") == body.at("AccessKeyId"));
    clock.advance(1s);  // the session token's 10 s are up
    BOOST_TEST(send(e, imds_request(e, "GET", creds_path, token_header)).response.status == 401);
    clock.advance(21s);
    const auto put2 =
        send(e, imds_request(e, "PUT", "/latest/api/token", "X-aliyun-ecs-metadata-token-ttl-seconds: 60"));
    const auto renewed = send(e, imds_request(e, "GET", creds_path + std::string{hotlive::demo_imds_role},
                                              "X-aliyun-ecs-metadata-token: " + put2.response.body));
    BOOST_TEST(json_of(renewed.response).at("AccessKeyId") != body.at("AccessKeyId"));

    const auto sts = fetch_stats(e.port()).at("sts").as_object();
    BOOST_TEST(sts.at("imds_credentials").as_int64() == 3);
    BOOST_TEST(sts.at("issued").as_int64() == 2);
    BOOST_TEST(sts.at("refused").as_int64() == 5);
}

BOOST_AUTO_TEST_CASE(imds_plain_mode_has_no_tokens_and_both_mode_takes_either) {
    emulator_config config;
    config.imds = hotlive::imds_mode::plain;
    config.imds_role = "warm-role";
    in_process_emulator plain{config};
    const std::string ttl = "X-aliyun-ecs-metadata-token-ttl-seconds: 60";
    BOOST_TEST(send(plain, imds_request(plain, "PUT", "/latest/api/token", ttl)).response.status == 404);
    BOOST_TEST(send(plain, imds_request(plain, "GET", creds_path)).response.body == "warm-role");
    const auto creds =
        send(plain, imds_request(plain, "GET", creds_path + "warm-role", "X-aliyun-ecs-metadata-token: x"));
    BOOST_TEST(json_of(creds.response).at("Code").as_string() == "Success");

    config.imds = hotlive::imds_mode::both;
    in_process_emulator both{config};
    BOOST_TEST(send(both, imds_request(both, "GET", creds_path)).response.status == 200);
    const auto put = send(both, imds_request(both, "PUT", "/latest/api/token", ttl));
    BOOST_TEST(send(both, imds_request(both, "GET", creds_path, "X-aliyun-ecs-metadata-token: " + put.response.body))
                   .response.status == 200);
    BOOST_TEST(send(both, imds_request(both, "GET", creds_path, "X-aliyun-ecs-metadata-token: x")).response.status ==
               401);
}

BOOST_AUTO_TEST_CASE(the_live_api_honours_an_issued_credential_until_it_expires) {
    manual_clock clock;
    temp_dir dir;
    emulator_config config;
    config.clocks = clock.clocks();
    config.sts_duration = 30s;
    config.log_file = dir.path() / "requests.jsonl";
    in_process_emulator e{config};

    const issued c = credentials_of(assume_role(e, clock));
    const issued other = credentials_of(assume_role(e, clock));
    BOOST_TEST(live_call_at(e, clock, signed_with(c)).response.status == 200);
    clock.advance(1s);
    BOOST_TEST(live_call_at(e, clock, signed_with(c, hotlive::signature_version::v1)).response.status == 200);
    clock.advance(1s);
    signing_options mismatched = signed_with(c);
    mismatched.security_token = other.token;
    check_error(live_call_at(e, clock, mismatched), 400, "InvalidSecurityToken.MismatchWithAccessKey");
    signing_options tokenless = signed_with(c, hotlive::signature_version::v1);
    tokenless.security_token.clear();
    check_error(live_call_at(e, clock, tokenless), 400, "MissingSecurityToken");
    signing_options wrong_secret = signed_with(c);
    wrong_secret.access_key_secret = other.secret;
    check_error(live_call_at(e, clock, wrong_secret), 400, "SignatureDoesNotMatch");

    clock.advance(27s);  // 29 s after issue: still valid
    BOOST_TEST(live_call_at(e, clock, signed_with(c)).response.status == 200);
    clock.advance(1s);  // 30 s: the Expiration instant
    const auto expired = live_call_at(e, clock, signed_with(c));
    check_error(expired, 400, "InvalidSecurityToken.Expired");
    BOOST_TEST(json_of(expired.response).at("Message").as_string() == "Specified SecurityToken is expired.");
    check_error(live_call_at(e, clock, signed_with(c, hotlive::signature_version::v1)), 400,
                "InvalidSecurityToken.Expired");
    // The demo account's own key, for the log's "access_key".
    signing_options demo;
    demo.timestamp = clock.wall();
    BOOST_TEST(call_once(e, {}, demo).response.status == 200);

    const auto stats = fetch_stats(e.port());
    BOOST_TEST(stats.at("by_code").at("InvalidSecurityToken.Expired").as_int64() == 2);
    BOOST_TEST(stats.at("by_code").at("InvalidSecurityToken.MismatchWithAccessKey").as_int64() == 1);
    e.stop();

    const auto lines = read_log(config.log_file);
    BOOST_TEST_REQUIRE(lines.size() == 9u);
    std::vector<std::string> credential;
    std::vector<std::string> expired_flag;
    for (const auto& line : lines) {
        credential.push_back(line.at("credential").is_null() ? "null" : std::string{line.at("credential").as_string()});
        expired_flag.push_back(boost::json::serialize(line.at("credential_expired")));
    }
    const std::vector<std::string> expected_credential{"sts", "sts", "sts", "sts",       "sts",
                                                       "sts", "sts", "sts", "access_key"};
    const std::vector<std::string> expected_expired{"false", "false", "false", "false", "false",
                                                    "false", "true",  "true",  "null"};
    BOOST_TEST(credential == expected_credential, boost::test_tools::per_element());
    BOOST_TEST(expired_flag == expected_expired, boost::test_tools::per_element());
    // Never a key id, a secret or a token: not in the log, not in the stats.
    const std::string log_text = slurp(config.log_file);
    const std::string stats_text = boost::json::serialize(stats);
    for (const auto& secret : {c.id, c.secret, c.token, other.id, other.secret, other.token}) {
        BOOST_TEST(log_text.find(secret) == std::string::npos);
        BOOST_TEST(stats_text.find(secret) == std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(a_temporary_credential_draws_on_its_owners_quota) {
    manual_clock clock;
    emulator_config config;
    config.clocks = clock.clocks();
    config.qps = 2;
    in_process_emulator e{config};
    const issued first = credentials_of(assume_role(e, clock));
    const issued refreshed = credentials_of(assume_role(e, clock));
    signing_options demo;
    demo.timestamp = clock.wall();
    BOOST_TEST(call_once(e, {}, demo).response.status == 200);
    BOOST_TEST(live_call_at(e, clock, signed_with(first)).response.status == 200);
    check_error(live_call_at(e, clock, signed_with(refreshed)), 400, "Throttling.User");

    // IMDS's and OIDC's credentials draw on the first account's.
    clock.advance(1s);
    const issued oidc =
        credentials_of(assume_role_with_oidc(e, hotlive::demo_oidc_provider_arn, hotlive::demo_oidc_token));
    const auto imds = send(e, imds_request(e, "GET", creds_path + std::string{hotlive::demo_imds_role}));
    const auto body = json_of(imds.response).as_object();
    const issued ecs{std::string{body.at("AccessKeyId").as_string()},
                     std::string{body.at("AccessKeySecret").as_string()},
                     std::string{body.at("SecurityToken").as_string()},
                     {}};
    BOOST_TEST(live_call_at(e, clock, signed_with(oidc)).response.status == 200);
    BOOST_TEST(live_call_at(e, clock, signed_with(ecs)).response.status == 200);
    demo.timestamp = clock.wall();
    check_error(call_once(e, {}, demo), 400, "Throttling.User");
}

BOOST_AUTO_TEST_CASE(an_outage_makes_sts_and_imds_unreachable_for_its_window) {
    manual_clock clock;
    emulator_config config;
    config.clocks = clock.clocks();
    config.sts_outage = hotlive::emulator_sts_outage{10s, 5s};
    in_process_emulator e{config};
    const std::string imds_get = imds_request(e, "GET", creds_path + std::string{hotlive::demo_imds_role});

    clock.advance(9'999ms);
    const issued before = credentials_of(assume_role(e, clock));
    BOOST_TEST(send(e, imds_get).response.status == 200);
    clock.advance(1ms);  // t = 10 s: the window opens
    check_error(assume_role(e, clock), 503, "ServiceUnavailable");
    check_error(assume_role_with_oidc(e, hotlive::demo_oidc_provider_arn, hotlive::demo_oidc_token), 503,
                "ServiceUnavailable");
    BOOST_TEST(send(e, imds_get).response.status == 503);
    // The Live API is not STS: a credential issued before still works.
    BOOST_TEST(live_call_at(e, clock, signed_with(before)).response.status == 200);
    clock.advance(4'999ms);
    BOOST_TEST(send(e, imds_get).response.status == 503);
    clock.advance(1ms);  // t = 15 s: closed again
    credentials_of(assume_role(e, clock));
    BOOST_TEST(send(e, imds_get).response.status == 200);

    const auto sts = fetch_stats(e.port()).at("sts").as_object();
    BOOST_TEST(sts.at("unavailable").as_int64() == 4);
    BOOST_TEST(sts.at("refused").as_int64() == 4);
    BOOST_TEST(sts.at("assume_role").as_int64() == 2);
}

BOOST_AUTO_TEST_CASE(the_config_file_and_the_flags_set_the_temporary_credentials) {
    emulator_config config;
    const auto diagnostics = hotlive::parse_emulator_config(R"(
sts_duration: 15m
roles:
  - { arn: "acs:ram::1:role/a", allowed_users: [u1], allowed_roles: ["acs:ram::1:role/b"], external_id: x, max_session_s: 7200 }
oidc_providers:
  - { arn: "acs:ram::1:oidc-provider/p", tokens: [t1, t2], token_file: /var/run/token }
imds: { mode: hardened, role: ecs-role }
sts_outage: { from_s: 60, for_s: 20 }
)",
                                                            "emulator.yaml", config);
    BOOST_TEST_REQUIRE(diagnostics.empty());
    BOOST_TEST(config.sts_duration.count() == 900);
    BOOST_TEST_REQUIRE(config.roles->size() == 1u);
    BOOST_TEST((*config.roles)[0].allowed_roles.at(0) == "acs:ram::1:role/b");
    BOOST_TEST((*config.roles)[0].external_id.value() == "x");
    BOOST_TEST((*config.roles)[0].max_session_s == 7200u);
    BOOST_TEST((*config.oidc_providers)[0].tokens.size() == 2u);
    BOOST_TEST((*config.oidc_providers)[0].token_file == "/var/run/token");
    BOOST_TEST(config.imds_role == "ecs-role");
    BOOST_TEST((config.imds == hotlive::imds_mode::hardened));
    BOOST_TEST(config.sts_outage->from.count() == 60);
    BOOST_TEST(config.sts_outage->length.count() == 20);

    emulator_config bad;
    const auto errors = hotlive::parse_emulator_config(R"(
sts_duration: 90
oidc_providers:
  - { arn: "acs:ram::1:oidc-provider/p", tokens: [{secret-token: 1}], token_file: /t }
imds: { mode: strict }
sts_outage: { from_s: 1 }
)",
                                                       "emulator.yaml", bad);
    BOOST_TEST_REQUIRE(errors.size() == 4u);
    BOOST_TEST(errors[0].message.find("sts_duration") != std::string::npos);
    BOOST_TEST(errors[1].message.find("secret-token") == std::string::npos);
    BOOST_TEST(errors[2].message.find("hardened, plain or both") != std::string::npos);
    BOOST_TEST(errors[3].message.find("'for_s'") != std::string::npos);

    BOOST_TEST(hotlive::emu::parse_sts_duration("30s").value().count() == 30);
    BOOST_TEST(hotlive::emu::parse_sts_duration("15m").value().count() == 900);
    BOOST_TEST(hotlive::emu::parse_sts_duration("12h").value().count() == 43'200);
    for (const auto* text : {"13h", "0s", "30", "s", "1.5h", "-1m", "30S"}) {
        BOOST_TEST(!hotlive::emu::parse_sts_duration(text), text);
    }
    std::string error;
    BOOST_TEST(hotlive::emu::parse_sts_outage_flag("60:20", error).value().length.count() == 20);
    BOOST_TEST(!hotlive::emu::parse_sts_outage_flag("60:0", error));
    BOOST_TEST(error.find("FROM_S:FOR_S") != std::string::npos);
}
