// Percent-encoding and canonical query strings as the signature specs define them.
#include <hotlive/signer.hpp>

#include <boost/test/unit_test.hpp>

#include <array>
#include <string>

BOOST_AUTO_TEST_SUITE(percent_encoding)

BOOST_AUTO_TEST_CASE(rfc3986_unreserved_characters_are_kept) {
    BOOST_TEST(hotlive::percent_encode("ABCXYZabcxyz0189-_.~") == "ABCXYZabcxyz0189-_.~");
}

BOOST_AUTO_TEST_CASE(space_is_percent_20_never_plus) { BOOST_TEST(hotlive::percent_encode("a b") == "a%20b"); }

BOOST_AUTO_TEST_CASE(asterisk_is_encoded_and_tilde_is_not) {
    // Alibaba Cloud, "Request syntax and signature method V3" (encoding rules): * as %2A, ~ kept.
    BOOST_TEST(hotlive::percent_encode("*~") == "%2A~");
}

BOOST_AUTO_TEST_CASE(reserved_delimiters_are_encoded_in_upper_case_hex) {
    BOOST_TEST(hotlive::percent_encode("/=&+:?#%,;") == "%2F%3D%26%2B%3A%3F%23%25%2C%3B");
}

BOOST_AUTO_TEST_CASE(utf8_multibyte_text_is_encoded_byte_by_byte) {
    BOOST_TEST(hotlive::percent_encode("中文") == "%E4%B8%AD%E6%96%87");
    BOOST_TEST(hotlive::percent_encode("rts video 4k") == "rts%20video%204k");
}

BOOST_AUTO_TEST_CASE(empty_text_encodes_to_empty) { BOOST_TEST(hotlive::percent_encode("").empty()); }

BOOST_AUTO_TEST_CASE(every_byte_outside_the_unreserved_set_becomes_three_characters) {
    const std::string unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~";
    static constexpr char hex[] = "0123456789ABCDEF";
    for (int b = 0; b < 256; ++b) {
        const char c = static_cast<char>(b);
        const std::string expected =
            unreserved.find(c) != std::string::npos ? std::string(1, c) : std::string{'%', hex[b >> 4], hex[b & 15]};
        BOOST_TEST(hotlive::percent_encode(std::string(1, c)) == expected, "byte " << b);
    }
}

BOOST_AUTO_TEST_CASE(canonical_query_sorts_by_encoded_name_in_byte_order) {
    const std::array<hotlive::query_parameter, 4> params{{{"b", "2"}, {"a", "1"}, {"B", "3"}, {"_", "4"}}};
    BOOST_TEST(hotlive::canonical_query_string(params) == "B=3&_=4&a=1&b=2");
}

BOOST_AUTO_TEST_CASE(canonical_query_orders_encoded_names_not_raw_ones) {
    // Raw, "a~" (0x7E) sorts before "aé" (0xC3); encoded, "a%C3%A9" ('%' 0x25) sorts first.
    const std::array<hotlive::query_parameter, 2> params{{{"a~", "x"}, {"aé", "y"}}};
    BOOST_TEST(hotlive::canonical_query_string(params) == "a%C3%A9=y&a~=x");
}

BOOST_AUTO_TEST_CASE(canonical_query_orders_repeated_names_by_value) {
    const std::array<hotlive::query_parameter, 3> params{{{"k", "b"}, {"k", "a"}, {"j", "z"}}};
    BOOST_TEST(hotlive::canonical_query_string(params) == "j=z&k=a&k=b");
}

BOOST_AUTO_TEST_CASE(canonical_query_encodes_names_and_values_and_keeps_empty_values) {
    const std::array<hotlive::query_parameter, 2> params{{{"VideoMsid", "rts video"}, {"Empty", ""}}};
    BOOST_TEST(hotlive::canonical_query_string(params) == "Empty=&VideoMsid=rts%20video");
}

BOOST_AUTO_TEST_CASE(canonical_query_of_no_parameters_is_empty) {
    BOOST_TEST(hotlive::canonical_query_string({}).empty());
}

BOOST_AUTO_TEST_SUITE_END()
