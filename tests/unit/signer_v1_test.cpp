// RPC V1 (HMAC-SHA1, SignatureVersion=1.0): the published worked examples, and signing and
// verification agreeing.
#include "unit/received_query.hpp"

#include <hotlive/signer.hpp>

#include <boost/test/unit_test.hpp>

#include <array>
#include <chrono>
#include <string>
#include <vector>

using namespace std::chrono_literals;

namespace {

// Alibaba Cloud documentation, "Request syntax and signature method V2 for RPC APIs"
// (https://help.aliyun.com/zh/sdk/product-overview/rpc-mechanism), the fixed-parameter
// example; also /work/shared/spec/signature-examples.md.
const std::array<hotlive::query_parameter, 9> dedicated_hosts_parameters{{
    {"AccessKeyId", "testid"},
    {"Action", "DescribeDedicatedHosts"},
    {"Format", "JSON"},
    {"RegionId", "cn-beijing"},
    {"SignatureMethod", "HMAC-SHA1"},
    {"SignatureNonce", "edb2b34af0af9a6d14deaf7c1a5315eb"},
    {"SignatureVersion", "1.0"},
    {"Timestamp", "2023-03-13T08:34:30Z"},
    {"Version", "2014-05-26"},
}};
constexpr std::string_view dedicated_hosts_string_to_sign =
    "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeDedicatedHosts%26Format%3DJSON%26RegionId%3Dcn-beijing"
    "%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3Dedb2b34af0af9a6d14deaf7c1a5315eb%26SignatureVersion%3D1.0"
    "%26Timestamp%3D2023-03-13T08%253A34%253A30Z%26Version%3D2014-05-26";
constexpr std::string_view dedicated_hosts_signature = "9NaGiOspFP5UPcwX8Iwt2YJXXuk=";

hotlive::credentials make_credentials(std::string id, std::string secret, std::string token = {}) {
    return {std::move(id), hotlive::secret_string{std::move(secret)}, hotlive::secret_string{std::move(token)}};
}

const std::array<hotlive::query_parameter, 2> live_parameters{{{"Domain", "rts.example.com"}, {"RegionCode", "ZHJ"}}};
const hotlive::api_call live_call{"HotLiveRtcStream", "2016-11-01", live_parameters};

std::chrono::system_clock::time_point at(int h, int m, int s) {
    return std::chrono::sys_days{std::chrono::year{2026} / 12 / 31} + std::chrono::hours{h} + std::chrono::minutes{m} +
           std::chrono::seconds{s};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(signer_v1)

BOOST_AUTO_TEST_CASE(string_to_sign_matches_the_documented_example) {
    BOOST_TEST(hotlive::rpc_v1_string_to_sign("GET", dedicated_hosts_parameters) == dedicated_hosts_string_to_sign);
}

BOOST_AUTO_TEST_CASE(signature_matches_the_documented_example) {
    BOOST_TEST(hotlive::rpc_v1_signature(hotlive::signing_key{"testsecret"}, "GET", dedicated_hosts_parameters) ==
               dedicated_hosts_signature);
}

BOOST_AUTO_TEST_CASE(signature_matches_the_older_ecs_describe_regions_example) {
    // Alibaba Cloud ECS documentation, "Signature method" (RPC), DescribeRegions example;
    // also /work/shared/spec/signature-examples.md.
    const std::array<hotlive::query_parameter, 8> params{{
        {"AccessKeyId", "testid"},
        {"Action", "DescribeRegions"},
        {"Format", "XML"},
        {"SignatureMethod", "HMAC-SHA1"},
        {"SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"},
        {"SignatureVersion", "1.0"},
        {"Timestamp", "2016-02-23T12:46:24Z"},
        {"Version", "2014-05-26"},
    }};
    BOOST_TEST(hotlive::rpc_v1_string_to_sign("GET", params) ==
               "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1"
               "%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0"
               "%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26");
    BOOST_TEST(hotlive::rpc_v1_signature(hotlive::signing_key{"testsecret"}, "GET", params) ==
               "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
}

BOOST_AUTO_TEST_CASE(signature_matches_the_official_cpp_sdk_signer_test_from_its_parameters) {
    // aliyun/aliyun-openapi-cpp-sdk, test/core/hmacsha1signer_ut.cc, TEST(HmacSha1Signer, assign):
    // these parameters canonicalize to that test's string to sign (its "TimeStamp" spelling too).
    const std::array<hotlive::query_parameter, 9> params{{
        {"AccessKeyId", "testid"},
        {"Action", "DescribeRegions"},
        {"Format", "XML"},
        {"RegionId", "region1"},
        {"SignatureMethod", "HMAC-SHA1"},
        {"SignatureNonce", "NwDAxvLU6tFE0DVb"},
        {"SignatureVersion", "1.0"},
        {"TimeStamp", "2012-12-26T10:33:56Z"},
        {"Version", "2013-01-10"},
    }};
    BOOST_TEST(hotlive::rpc_v1_signature(hotlive::signing_key{"testsecret"}, "GET", params) ==
               "axE3FUHgDyfm9/+Iep0HpZXrRwE=");
}

BOOST_AUTO_TEST_CASE(a_received_signature_parameter_is_left_out_of_the_verification) {
    std::vector<hotlive::query_parameter> received(dedicated_hosts_parameters.begin(),
                                                   dedicated_hosts_parameters.end());
    received.push_back({"Signature", dedicated_hosts_signature});
    BOOST_TEST(hotlive::rpc_v1_signature(hotlive::signing_key{"testsecret"}, "GET", received) ==
               dedicated_hosts_signature);
}

BOOST_AUTO_TEST_CASE(signer_reproduces_the_documented_example_request) {
    const std::array<hotlive::query_parameter, 1> region{{{"RegionId", "cn-beijing"}}};
    const hotlive::request_signer signer{make_credentials("testid", "testsecret"), "ecs.cn-beijing.aliyuncs.com",
                                         hotlive::signature_version::v1};
    const auto r = signer.sign({"DescribeDedicatedHosts", "2014-05-26", region}, hotlive::request_shape::get_query,
                               std::chrono::sys_days{std::chrono::year{2023} / 3 / 13} + 8h + 34min + 30s,
                               "edb2b34af0af9a6d14deaf7c1a5315eb");
    BOOST_TEST(r.method == "GET");
    BOOST_TEST(r.target ==
               "/?AccessKeyId=testid&Action=DescribeDedicatedHosts&Format=JSON&RegionId=cn-beijing"
               "&SignatureMethod=HMAC-SHA1&SignatureNonce=edb2b34af0af9a6d14deaf7c1a5315eb&SignatureVersion=1.0"
               "&Timestamp=2023-03-13T08%3A34%3A30Z&Version=2014-05-26&Signature=9NaGiOspFP5UPcwX8Iwt2YJXXuk%3D");
    BOOST_TEST(r.body.empty());
    BOOST_TEST_REQUIRE(r.headers.size() == 1U);
    BOOST_TEST(r.headers[0].name == "host");
    BOOST_TEST(r.headers[0].value == "ecs.cn-beijing.aliyuncs.com");
}

BOOST_AUTO_TEST_CASE(form_body_requests_carry_every_parameter_in_the_body) {
    const hotlive::request_signer signer{make_credentials("TESTID12345678", "s3cr3t"), "live.aliyuncs.com",
                                         hotlive::signature_version::v1};
    const auto r = signer.sign(live_call, hotlive::request_shape::post_form, at(19, 30, 0), "nonce-1");
    BOOST_TEST(r.method == "POST");
    BOOST_TEST(r.target == "/");
    BOOST_TEST_REQUIRE(r.headers.size() == 2U);
    BOOST_TEST(r.headers[1].name == "content-type");
    BOOST_TEST(r.headers[1].value == "application/x-www-form-urlencoded");

    const hotlive::test::received_query received{r.body};
    BOOST_TEST(hotlive::rpc_v1_signature(hotlive::signing_key{"s3cr3t"}, "POST", received.parameters()) ==
               received.value_of("Signature"));
    BOOST_TEST(received.value_of("Timestamp") == "2026-12-31T19:30:00Z");
    BOOST_TEST(received.value_of("Action") == "HotLiveRtcStream");
    BOOST_TEST(received.value_of("Version") == "2016-11-01");
    BOOST_TEST(received.value_of("Format") == "JSON");
    BOOST_TEST(received.value_of("SignatureNonce") == "nonce-1");
    BOOST_TEST(received.value_of("SecurityToken").empty());
}

BOOST_AUTO_TEST_CASE(security_token_is_a_signed_parameter) {
    const hotlive::request_signer signer{make_credentials("STS.TESTID1234", "s3cr3t", "tok3n"), "live.aliyuncs.com",
                                         hotlive::signature_version::v1};
    const auto with = signer.sign(live_call, hotlive::request_shape::post_query, at(19, 30, 0), "nonce-1");
    BOOST_TEST(with.target.find("&SecurityToken=tok3n&") != std::string::npos);
    const hotlive::request_signer without{make_credentials("STS.TESTID1234", "s3cr3t"), "live.aliyuncs.com",
                                          hotlive::signature_version::v1};
    const auto other = without.sign(live_call, hotlive::request_shape::post_query, at(19, 30, 0), "nonce-1");
    BOOST_TEST(other.target.find("SecurityToken") == std::string::npos);
    BOOST_TEST(with.target.substr(with.target.find("&Signature=")) !=
               other.target.substr(other.target.find("&Signature=")));
}

BOOST_AUTO_TEST_CASE(every_attempt_is_signed_afresh) {
    const hotlive::request_signer signer{make_credentials("TESTID12345678", "s3cr3t"), "live.aliyuncs.com",
                                         hotlive::signature_version::v1};
    const auto a = signer.sign_attempt(live_call, hotlive::request_shape::post_query);
    const auto b = signer.sign_attempt(live_call, hotlive::request_shape::post_query);
    const hotlive::test::received_query qa{std::string_view{a.target}.substr(2)};
    const hotlive::test::received_query qb{std::string_view{b.target}.substr(2)};
    BOOST_TEST(qa.value_of("SignatureNonce") != qb.value_of("SignatureNonce"));
    BOOST_TEST(qa.value_of("Signature") != qb.value_of("Signature"));
    BOOST_TEST(hotlive::rpc_v1_signature(hotlive::signing_key{"s3cr3t"}, "POST", qa.parameters()) ==
               qa.value_of("Signature"));
}

BOOST_AUTO_TEST_SUITE_END()
