#include "text/suggest.hpp"

#include <boost/test/unit_test.hpp>

#include <array>
#include <string>

using namespace hotlive::detail;

BOOST_AUTO_TEST_SUITE(suggest)

BOOST_AUTO_TEST_CASE(edit_distance_counts_edits_and_adjacent_transpositions) {
    BOOST_TEST(edit_distance("", "") == 0u);
    BOOST_TEST(edit_distance("abc", "") == 3u);
    BOOST_TEST(edit_distance("", "abc") == 3u);
    BOOST_TEST(edit_distance("regions", "regions") == 0u);
    BOOST_TEST(edit_distance("regoins", "regions") == 1u);  // transposition
    BOOST_TEST(edit_distance("kitten", "sitting") == 3u);
    BOOST_TEST(edit_distance("HK", "HKG") == 1u);
    BOOST_TEST(edit_distance("Rate", "rate") == 0u);  // case is ignored
}

BOOST_AUTO_TEST_CASE(nearest_prefers_the_longest_common_prefix_among_equals) {
    const std::array<std::string_view, 6> codes{"HN", "HR", "HKG", "HT", "HU", "SK"};
    const auto best = nearest("HK", codes);
    BOOST_TEST_REQUIRE(best.size() == 1u);
    BOOST_TEST(best.front() == "HKG");
}

BOOST_AUTO_TEST_CASE(nearest_offers_nothing_beyond_a_typos_reach) {
    const std::array<std::string_view, 3> keys{"version", "streams", "limits"};
    BOOST_TEST(nearest("completely-different", keys).empty());
    BOOST_TEST(nearest("x", keys).empty());
}

BOOST_AUTO_TEST_CASE(nearest_lists_equally_good_candidates_up_to_the_limit) {
    const std::array<std::string_view, 4> words{"cat", "bat", "hat", "mat"};
    BOOST_TEST(nearest("_at", words, 2).size() == 2u);
    BOOST_TEST(nearest("_at", words).size() == 3u);
}

BOOST_AUTO_TEST_CASE(did_you_mean_joins_suggestions_as_prose) {
    BOOST_TEST(did_you_mean({}) == "");
    BOOST_TEST(did_you_mean({"'a'"}) == " did you mean 'a'?");
    BOOST_TEST(did_you_mean({"'a'", "'b'"}) == " did you mean 'a' or 'b'?");
    BOOST_TEST(did_you_mean({"'a'", "'b'", "'c'"}) == " did you mean 'a', 'b' or 'c'?");
}

BOOST_AUTO_TEST_SUITE_END()
