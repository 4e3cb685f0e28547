// The helpers that keep secrets out of output: masking, redaction for logs, and types that
// refuse to be printed.
#include <hotlive/credentials.hpp>
#include <hotlive/signer.hpp>

#include <fmt/format.h>
#include <boost/test/unit_test.hpp>

#include <array>
#include <chrono>
#include <sstream>

namespace {

template <class T>
concept streamable = requires(std::ostream& out, const T& value) {
    out << value;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(redaction_helpers)

BOOST_AUTO_TEST_CASE(access_key_id_shows_only_its_last_four_characters) {
    BOOST_TEST(hotlive::mask_access_key_id("LTAI5tAbCdEfGhIjKlMnabcd") == "********************abcd");
    BOOST_TEST(hotlive::mask_access_key_id("12345678") == "****5678");
}

BOOST_AUTO_TEST_CASE(short_access_key_ids_are_masked_completely) {
    BOOST_TEST(hotlive::mask_access_key_id("1234567") == "*******");
    BOOST_TEST(hotlive::mask_access_key_id("").empty());
}

BOOST_AUTO_TEST_CASE(a_secret_streams_as_redacted) {
    std::ostringstream out;
    out << hotlive::secret_string{"CANARY_SECRET"};
    BOOST_TEST(out.str() == "[redacted]");
}

BOOST_AUTO_TEST_CASE(credentials_and_secrets_cannot_be_formatted_by_accident) {
    static_assert(!streamable<hotlive::credentials>);
    static_assert(!fmt::is_formattable<hotlive::credentials>::value);
    static_assert(!fmt::is_formattable<hotlive::secret_string>::value);
    BOOST_TEST(hotlive::secret_string{"x"}.reveal() == "x");
}

BOOST_AUTO_TEST_CASE(query_string_redaction_hides_signature_token_and_secret_and_masks_the_id) {
    BOOST_TEST(hotlive::redact_query_string("AccessKeyId=LTAI5tAbCdEfGhIjKlMnabcd&Action=HotLiveRtcStream"
                                            "&SecurityToken=CANARY%2Btoken&Signature=9NaGiOspFP5UPcwX8Iwt2YJXXuk%3D"
                                            "&AccessKeySecret=CANARY&Stream=a%3Db") ==
               "AccessKeyId=********************abcd&Action=HotLiveRtcStream&SecurityToken=[redacted]"
               "&Signature=[redacted]&AccessKeySecret=[redacted]&Stream=a%3Db");
}

BOOST_AUTO_TEST_CASE(query_string_redaction_keeps_a_leading_question_mark_and_odd_items) {
    BOOST_TEST(hotlive::redact_query_string("?signature=abc&flag&&x=") == "?signature=[redacted]&flag&&x=");
    BOOST_TEST(hotlive::redact_query_string("").empty());
}

BOOST_AUTO_TEST_CASE(a_signed_v1_request_redacts_to_no_secret_at_all) {
    const hotlive::request_signer signer{
        {"CANARYIDabcdefgh1234", hotlive::secret_string{"CANARY_SECRET"}, hotlive::secret_string{"CANARY_TOKEN"}},
        "live.aliyuncs.com",
        hotlive::signature_version::v1};
    const std::array<hotlive::query_parameter, 1> params{{{"RegionCode", "ZHJ"}}};
    const auto r = signer.sign({"HotLiveRtcStream", "2016-11-01", params}, hotlive::request_shape::post_query,
                               std::chrono::system_clock::now(), "nonce");
    const auto redacted = hotlive::redact_query_string(r.target.substr(1));
    BOOST_TEST(redacted.find("CANARY_TOKEN") == std::string::npos);
    BOOST_TEST(redacted.find("CANARYIDabcdefgh1234") == std::string::npos);
    BOOST_TEST(redacted.find("Signature=[redacted]") != std::string::npos);
    BOOST_TEST(redacted.find("AccessKeyId=****************1234") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(authorization_and_security_token_headers_are_redacted_in_any_case) {
    BOOST_TEST(hotlive::redact_header_value("Authorization", "ACS3-HMAC-SHA256 Credential=x") == "[redacted]");
    BOOST_TEST(hotlive::redact_header_value("authorization", "anything") == "[redacted]");
    BOOST_TEST(hotlive::redact_header_value("X-Acs-Security-Token", "CANARY") == "[redacted]");
    BOOST_TEST(hotlive::redact_header_value("x-acs-action", "HotLiveRtcStream") == "HotLiveRtcStream");
}

BOOST_AUTO_TEST_SUITE_END()
