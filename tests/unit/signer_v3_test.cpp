// V3 ACS3-HMAC-SHA256: the published worked example, and signing and verification agreeing.
#include "unit/received_query.hpp"

#include <hotlive/signer.hpp>

#include <boost/test/unit_test.hpp>

#include <array>
#include <chrono>
#include <ctime>
#include <string>
#include <vector>

using namespace std::chrono_literals;

namespace {

// Alibaba Cloud documentation, "Request syntax and signature method V3"
// (https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature),
// the example with fixed parameter values; also /work/shared/spec/signature-examples.md.
constexpr std::string_view doc_secret = "YourAccessKeySecret";
constexpr std::string_view doc_nonce = "3156853299f313e23d1673dc12e1703d";
constexpr std::string_view doc_signed_headers =
    "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version";
constexpr std::string_view empty_hash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
constexpr std::string_view doc_canonical_request =
    "POST\n"
    "/\n"
    "ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai\n"
    "host:ecs.cn-shanghai.aliyuncs.com\n"
    "x-acs-action:RunInstances\n"
    "x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
    "x-acs-date:2023-10-26T10:22:32Z\n"
    "x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\n"
    "x-acs-version:2014-05-26\n"
    "\n"
    "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n"
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
constexpr std::string_view doc_signature = "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0";

const std::array<hotlive::query_parameter, 2> doc_query{
    {{"ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"}, {"RegionId", "cn-shanghai"}}};

const std::array<hotlive::header_view, 6> doc_headers{{{"host", "ecs.cn-shanghai.aliyuncs.com"},
                                                       {"x-acs-action", "RunInstances"},
                                                       {"x-acs-version", "2014-05-26"},
                                                       {"x-acs-date", "2023-10-26T10:22:32Z"},
                                                       {"x-acs-signature-nonce", doc_nonce},
                                                       {"x-acs-content-sha256", empty_hash}}};

hotlive::acs3_request_view doc_request() {
    return {"POST", "/", doc_query, doc_headers, doc_signed_headers, empty_hash};
}

std::chrono::system_clock::time_point doc_time() {
    return std::chrono::sys_days{std::chrono::year{2023} / 10 / 26} + 10h + 22min + 32s;
}

hotlive::credentials make_credentials(std::string id, std::string secret, std::string token = {}) {
    return {std::move(id), hotlive::secret_string{std::move(secret)}, hotlive::secret_string{std::move(token)}};
}

// "2023-10-26T10:22:32Z"; this format's text order is time order.
std::string utc(std::chrono::system_clock::time_point t) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    char text[32];
    return {text, std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts)};
}

const hotlive::http_header* find_header(const hotlive::signed_request& r, std::string_view name) {
    for (const auto& h : r.headers) {
        if (h.name == name) return &h;
    }
    return nullptr;
}

// What a server sees: the decoded query, every header, and the Authorization header's parts.
struct received {
    explicit received(const hotlive::signed_request& r)
        : query(r.target.substr(r.target.find('?') == std::string::npos ? r.target.size() : r.target.find('?') + 1)) {
        for (const auto& h : r.headers) headers.push_back({h.name, h.value});
        const auto parsed = hotlive::parse_acs3_authorization(find_header(r, "authorization")->value);
        BOOST_TEST_REQUIRE(parsed.has_value());
        authorization = *parsed;
    }
    hotlive::test::received_query query;
    std::vector<hotlive::header_view> headers;
    hotlive::acs3_authorization authorization;
};

std::string verify(const hotlive::signing_key& key, const hotlive::signed_request& r) {
    const received in{r};
    return hotlive::acs3_signature(key,
                                   {r.method, "/", in.query.parameters(), in.headers, in.authorization.signed_headers,
                                    find_header(r, "x-acs-content-sha256")->value});
}

const std::array<hotlive::query_parameter, 4> live_parameters{
    {{"Domain", "rts.example.com"}, {"AppName", "live"}, {"StreamName", "gala main"}, {"RegionCode", "ZHJ"}}};
const hotlive::api_call live_call{"HotLiveRtcStream", "2016-11-01", live_parameters};

}  // namespace

BOOST_AUTO_TEST_SUITE(signer_v3)

BOOST_AUTO_TEST_CASE(canonical_request_matches_the_documented_example) {
    BOOST_TEST(hotlive::acs3_canonical_request(doc_request()) == doc_canonical_request);
}

BOOST_AUTO_TEST_CASE(string_to_sign_matches_the_documented_example) {
    BOOST_TEST(hotlive::acs3_string_to_sign(doc_canonical_request) ==
               "ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259");
}

BOOST_AUTO_TEST_CASE(verifier_signature_matches_the_documented_example) {
    BOOST_TEST(hotlive::acs3_signature(hotlive::signing_key{doc_secret}, doc_request()) == doc_signature);
}

BOOST_AUTO_TEST_CASE(signer_reproduces_the_documented_authorization_header) {
    const hotlive::request_signer signer{make_credentials("YourAccessKeyId", std::string{doc_secret}),
                                         "ecs.cn-shanghai.aliyuncs.com", hotlive::signature_version::v3};
    const auto r = signer.sign({"RunInstances", "2014-05-26", doc_query}, hotlive::request_shape::post_query,
                               doc_time() + 750ms, doc_nonce);  // sub-second part is dropped
    BOOST_TEST(r.method == "POST");
    BOOST_TEST(r.target == "/?ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai");
    BOOST_TEST(r.body.empty());
    BOOST_TEST(find_header(r, "authorization")->value ==
               "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;"
               "x-acs-date;x-acs-signature-nonce;x-acs-version,"
               "Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0");
    BOOST_TEST(find_header(r, "host")->value == "ecs.cn-shanghai.aliyuncs.com");
    BOOST_TEST(find_header(r, "x-acs-date")->value == "2023-10-26T10:22:32Z");
    BOOST_TEST(find_header(r, "x-acs-signature-nonce")->value == doc_nonce);
    BOOST_TEST(find_header(r, "x-acs-content-sha256")->value == empty_hash);
    BOOST_TEST(find_header(r, "content-type") == nullptr);
}

BOOST_AUTO_TEST_CASE(verifier_matches_header_names_in_any_case_and_trims_values) {
    std::array<hotlive::header_view, 7> headers{{{"Host", " ecs.cn-shanghai.aliyuncs.com"},
                                                 {"X-Acs-Action", "RunInstances "},
                                                 {"X-ACS-VERSION", "2014-05-26"},
                                                 {"x-acs-date", "2023-10-26T10:22:32Z"},
                                                 {"x-acs-signature-nonce", doc_nonce},
                                                 {"x-acs-content-sha256", empty_hash},
                                                 {"User-Agent", "unsigned/1.0"}}};
    auto request = doc_request();
    request.headers = headers;
    BOOST_TEST(hotlive::acs3_signature(hotlive::signing_key{doc_secret}, request) == doc_signature);
}

BOOST_AUTO_TEST_CASE(changing_any_signed_input_changes_the_signature) {
    const hotlive::signing_key key{doc_secret};
    auto request = doc_request();
    const std::array<hotlive::query_parameter, 2> other_query{{doc_query[0], {"RegionId", "cn-beijing"}}};
    request.query = other_query;
    BOOST_TEST(hotlive::acs3_signature(key, request) != doc_signature);
    request = doc_request();
    request.method = "GET";
    BOOST_TEST(hotlive::acs3_signature(key, request) != doc_signature);
    BOOST_TEST(hotlive::acs3_signature(hotlive::signing_key{"AnotherSecret"}, doc_request()) != doc_signature);
}

BOOST_AUTO_TEST_CASE(query_string_requests_verify_with_the_shared_canonicalization) {
    const hotlive::request_signer signer{make_credentials("TESTID12345678", "s3cr3t"), "live.aliyuncs.com",
                                         hotlive::signature_version::v3};
    const hotlive::signing_key key{"s3cr3t"};
    for (const auto shape : {hotlive::request_shape::post_query, hotlive::request_shape::get_query}) {
        const auto r = signer.sign(live_call, shape, doc_time(), "nonce-1");
        BOOST_TEST(r.method == (shape == hotlive::request_shape::get_query ? "GET" : "POST"));
        BOOST_TEST(r.target == "/?AppName=live&Domain=rts.example.com&RegionCode=ZHJ&StreamName=gala%20main");
        const received in{r};
        BOOST_TEST(in.authorization.access_key_id == "TESTID12345678");
        BOOST_TEST(verify(key, r) == in.authorization.signature);
    }
}

BOOST_AUTO_TEST_CASE(form_body_requests_sign_the_body_hash_and_content_type) {
    const hotlive::request_signer signer{make_credentials("TESTID12345678", "s3cr3t"), "live.aliyuncs.com",
                                         hotlive::signature_version::v3};
    const auto r = signer.sign(live_call, hotlive::request_shape::post_form, doc_time(), "nonce-1");
    BOOST_TEST(r.method == "POST");
    BOOST_TEST(r.target == "/");
    BOOST_TEST(r.body == "AppName=live&Domain=rts.example.com&RegionCode=ZHJ&StreamName=gala%20main");
    BOOST_TEST(find_header(r, "content-type")->value == "application/x-www-form-urlencoded");
    BOOST_TEST(find_header(r, "x-acs-content-sha256")->value == hotlive::sha256_hex(r.body));
    const received in{r};
    BOOST_TEST(in.authorization.signed_headers ==
               "content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version");
    BOOST_TEST(verify(hotlive::signing_key{"s3cr3t"}, r) == in.authorization.signature);
}

BOOST_AUTO_TEST_CASE(security_token_is_sent_and_signed_as_x_acs_security_token) {
    const hotlive::request_signer signer{make_credentials("STS.TESTID1234", "s3cr3t", "tok3n"), "live.aliyuncs.com",
                                         hotlive::signature_version::v3};
    const auto r = signer.sign(live_call, hotlive::request_shape::post_query, doc_time(), "nonce-1");
    BOOST_TEST(find_header(r, "x-acs-security-token")->value == "tok3n");
    const received in{r};
    BOOST_TEST(in.authorization.signed_headers ==
               "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;"
               "x-acs-version");
    BOOST_TEST(verify(hotlive::signing_key{"s3cr3t"}, r) == in.authorization.signature);
}

BOOST_AUTO_TEST_CASE(a_retry_announces_itself_in_signed_x_acs_retry_headers) {
    const hotlive::request_signer signer{make_credentials("TESTID1234", "s3cr3t", ""), "live.aliyuncs.com",
                                         hotlive::signature_version::v3};
    auto retry = live_call;
    retry.retry = hotlive::retry_announcement{2, 350};
    const auto r = signer.sign(retry, hotlive::request_shape::post_query, doc_time(), "nonce-1");
    BOOST_TEST(find_header(r, "x-acs-retry-attempts")->value == "2");
    BOOST_TEST(find_header(r, "x-acs-retry-delay")->value == "350");
    const received in{r};
    BOOST_TEST(in.authorization.signed_headers ==
               "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-retry-attempts;x-acs-retry-delay;"
               "x-acs-signature-nonce;x-acs-version");
    BOOST_TEST(verify(hotlive::signing_key{"s3cr3t"}, r) == in.authorization.signature);
    // A first attempt carries neither.
    const auto first = signer.sign(live_call, hotlive::request_shape::post_query, doc_time(), "nonce-2");
    BOOST_TEST(find_header(first, "x-acs-retry-attempts") == nullptr);
    BOOST_TEST(find_header(first, "x-acs-retry-delay") == nullptr);
}

// Every header a V3 request can sign, at once: a form body, STS credentials and a retry.
BOOST_AUTO_TEST_CASE(a_form_retry_with_a_security_token_signs_all_ten_headers_in_order) {
    const hotlive::request_signer signer{make_credentials("STS.TESTID1234", "s3cr3t", "tok3n"), "live.aliyuncs.com",
                                         hotlive::signature_version::v3};
    auto retry = live_call;
    retry.retry = hotlive::retry_announcement{3, 800};
    const auto r = signer.sign(retry, hotlive::request_shape::post_form, doc_time(), "nonce-1");
    BOOST_TEST(r.headers.size() == 11u);  // the ten, and authorization
    const received in{r};
    BOOST_TEST(in.authorization.signed_headers ==
               "content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-retry-attempts;"
               "x-acs-retry-delay;x-acs-security-token;x-acs-signature-nonce;x-acs-version");
    BOOST_TEST(verify(hotlive::signing_key{"s3cr3t"}, r) == in.authorization.signature);
}

BOOST_AUTO_TEST_CASE(every_attempt_gets_a_fresh_nonce_and_the_offset_clock) {
    const hotlive::request_signer signer{make_credentials("TESTID12345678", "s3cr3t"), "live.aliyuncs.com",
                                         hotlive::signature_version::v3};
    const auto a = signer.sign_attempt(live_call, hotlive::request_shape::post_query);
    const auto b = signer.sign_attempt(live_call, hotlive::request_shape::post_query);
    BOOST_TEST(find_header(a, "x-acs-signature-nonce")->value != find_header(b, "x-acs-signature-nonce")->value);
    BOOST_TEST(find_header(a, "authorization")->value != find_header(b, "authorization")->value);

    const auto before = std::chrono::system_clock::now() + 24h;
    const auto c = signer.sign_attempt(live_call, hotlive::request_shape::post_query, 24h);
    const auto after = std::chrono::system_clock::now() + 24h;
    const auto date = find_header(c, "x-acs-date")->value;
    BOOST_TEST(date >= utc(before));
    BOOST_TEST(date <= utc(after));
}

BOOST_AUTO_TEST_CASE(authorization_header_parses_into_its_three_parts) {
    const auto parsed = hotlive::parse_acs3_authorization(
        "ACS3-HMAC-SHA256 Credential=ID1, SignedHeaders=host;x-acs-date, Signature=abc123");
    BOOST_TEST_REQUIRE(parsed.has_value());
    BOOST_TEST(parsed->access_key_id == "ID1");
    BOOST_TEST(parsed->signed_headers == "host;x-acs-date");
    BOOST_TEST(parsed->signature == "abc123");
}

BOOST_AUTO_TEST_CASE(malformed_authorization_headers_are_refused) {
    for (const std::string_view bad : {"", "ACS3-HMAC-SHA256", "ACS3-HMAC-SHA256 Credential=ID1,Signature=abc",
                                       "HMAC-SHA256 Credential=a,SignedHeaders=host,Signature=b",
                                       "ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host,Signature=b,Extra=c",
                                       "ACS3-HMAC-SHA256 Credential=a,SignedHeaders,Signature=b"}) {
        BOOST_TEST(!hotlive::parse_acs3_authorization(bad).has_value(), bad);
    }
}

BOOST_AUTO_TEST_SUITE_END()
