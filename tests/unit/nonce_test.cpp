// Signature nonces: random UUIDs version 4, never repeated.
#include <hotlive/signer.hpp>

#include <boost/test/unit_test.hpp>

#include <string>
#include <unordered_set>

namespace {

// xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx, lower-case hex.
bool is_uuid_v4(std::string_view s) {
    if (s.size() != 36) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-') return false;
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    return s[14] == '4' && (s[19] == '8' || s[19] == '9' || s[19] == 'a' || s[19] == 'b');
}

}  // namespace

BOOST_AUTO_TEST_SUITE(nonce)

BOOST_AUTO_TEST_CASE(the_pattern_check_refuses_what_is_not_a_v4_uuid) {
    BOOST_TEST(is_uuid_v4("3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"));
    BOOST_TEST(!is_uuid_v4("3ee8c1b8-83d3-14af-a94f-4e0ad82fd6cf"));  // version 1
    BOOST_TEST(!is_uuid_v4("3ee8c1b8-83d3-44af-c94f-4e0ad82fd6cf"));  // variant 110x
    BOOST_TEST(!is_uuid_v4("3EE8C1B8-83D3-44AF-A94F-4E0AD82FD6CF"));  // upper case
    BOOST_TEST(!is_uuid_v4("3ee8c1b883d344afa94f4e0ad82fd6cf"));      // no dashes
}

BOOST_AUTO_TEST_CASE(hundred_thousand_nonces_are_unique_version_4_uuids) {
    constexpr std::size_t count = 100'000;
    std::unordered_set<std::string> seen;
    seen.reserve(count);
    std::size_t malformed = 0;
    for (std::size_t i = 0; i < count; ++i) {
        auto n = hotlive::make_nonce();
        if (!is_uuid_v4(n)) ++malformed;
        seen.insert(std::move(n));
    }
    BOOST_TEST(malformed == 0U);
    BOOST_TEST(seen.size() == count);
}

BOOST_AUTO_TEST_SUITE_END()
