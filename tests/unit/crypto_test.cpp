// The OpenSSL primitives under the signatures, against published vectors.
#include "signing/crypto.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

using hotlive::detail::digest_algorithm;
using hotlive::detail::hmac_key;

namespace {

std::string base64_hmac_sha1(std::string_view key, std::string_view message) {
    std::string out;
    hotlive::detail::append_base64(out, hmac_key{digest_algorithm::sha1, key}.compute(message).view());
    return out;
}

std::string hex_of(const hotlive::detail::digest_bytes& digest) {
    std::string out;
    hotlive::detail::append_hex(out, digest.view());
    return out;
}

std::string base64_of(std::string_view text) {
    std::string out = "prefix:";
    hotlive::detail::append_base64(out, {reinterpret_cast<const unsigned char*>(text.data()), text.size()});
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(crypto)

BOOST_AUTO_TEST_CASE(hmac_sha1_matches_the_official_cpp_sdk_signer_test) {
    // aliyun/aliyun-openapi-cpp-sdk, test/core/hmacsha1signer_ut.cc, TEST(HmacSha1Signer, assign).
    BOOST_TEST(base64_hmac_sha1("testsecret&",
                                "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions"
                                "%26Format%3DXML%26RegionId%3Dregion1%26SignatureMethod%3DHMAC-SHA1"
                                "%26SignatureNonce%3DNwDAxvLU6tFE0DVb%26SignatureVersion%3D1.0"
                                "%26TimeStamp%3D2012-12-26T10%253A33%253A56Z%26Version%3D2013-01-10") ==
               "axE3FUHgDyfm9/+Iep0HpZXrRwE=");
}

BOOST_AUTO_TEST_CASE(hmac_sha1_of_empty_message_and_key_is_a_real_mac) {
    // Input of aliyun/aliyun-openapi-cpp-sdk, test/core/hmacsha1signer_ut.cc,
    // TEST(HmacSha1Signer, edge_from_empty_string). That SDK returns "" for an empty message
    // before computing anything; the MAC itself (also Python's hmac.new(b"", b"", sha1)) is this.
    BOOST_TEST(base64_hmac_sha1("", "") == "+9sdGxiqbAgyS31ktx+3Y3BpDh0=");
}

BOOST_AUTO_TEST_CASE(hmac_sha256_matches_rfc4231_test_case_2) {
    // RFC 4231, "Identifiers and Test Vectors for HMAC-SHA-224, -256, -384, -512", 4.3.
    const hmac_key key{digest_algorithm::sha256, "Jefe"};
    BOOST_TEST(hex_of(key.compute("what do ya want for nothing?")) ==
               "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

BOOST_AUTO_TEST_CASE(a_key_longer_than_a_block_is_hashed_first) {
    // RFC 4231 4.7 (test case 6, 131 bytes of key) and RFC 2202 3 (HMAC-SHA-1 test case 6, 80).
    const std::string_view message = "Test Using Larger Than Block-Size Key - Hash Key First";
    BOOST_TEST(hex_of(hmac_key{digest_algorithm::sha256, std::string(131, '\xaa')}.compute(message)) ==
               "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    BOOST_TEST(hex_of(hmac_key{digest_algorithm::sha1, std::string(80, '\xaa')}.compute(message)) ==
               "aa4ae5e15272d00e95705637ce8a3b55ed402112");
    // Exactly one block (64 bytes) is not hashed: RFC 4231 has no such case; Python's
    // hmac.new(b"k" * 64, b"m", sha256) gives this.
    BOOST_TEST(hex_of(hmac_key{digest_algorithm::sha256, std::string(64, 'k')}.compute("m")) ==
               "3b7a8d453e76edb519238a515105a57508d0f169f480ebeee120a9e7803289fa");
}

BOOST_AUTO_TEST_CASE(a_keyed_context_gives_the_same_mac_every_time) {
    const hmac_key key{digest_algorithm::sha256, "Jefe"};
    const auto first = hex_of(key.compute("message"));
    BOOST_TEST(hex_of(key.compute("other")) != first);
    BOOST_TEST(hex_of(key.compute("message")) == first);
}

BOOST_AUTO_TEST_CASE(sha256_matches_fips_180_vectors) {
    // FIPS 180-2, appendix B.1 ("abc"); the empty string's digest is the V3 empty-body hash.
    BOOST_TEST(hex_of(hotlive::detail::sha256("abc")) ==
               "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    BOOST_TEST(hex_of(hotlive::detail::sha256("")) ==
               "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

BOOST_AUTO_TEST_CASE(base64_appends_with_padding_as_rfc4648_shows) {
    // RFC 4648, section 10.
    BOOST_TEST(base64_of("") == "prefix:");
    BOOST_TEST(base64_of("f") == "prefix:Zg==");
    BOOST_TEST(base64_of("fo") == "prefix:Zm8=");
    BOOST_TEST(base64_of("foo") == "prefix:Zm9v");
    BOOST_TEST(base64_of("foobar") == "prefix:Zm9vYmFy");
}

BOOST_AUTO_TEST_SUITE_END()
