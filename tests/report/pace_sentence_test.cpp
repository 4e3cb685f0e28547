// The sentence the Markdown and HTML reports say a run's pace in, in each case it has.
#include "report/pace_sentence.hpp"

#include <boost/test/unit_test.hpp>

using hotlive::pace_figures;
using hotlive::detail::pace_sentence;

BOOST_AUTO_TEST_SUITE(pace_sentence_text)

BOOST_AUTO_TEST_CASE(an_adaptive_pace_cut_says_how_often_where_it_settled_and_how_low_it_went) {
    BOOST_TEST(pace_sentence(pace_figures{9, true, 12, 4.1, 5.876}, 21) ==
               "The account's quota was shared: the service throttled 21 attempts, so hotlive cut its pace 12 times "
               "and settled at 5.88 calls/s of the 9 allowed (lowest 4.1 calls/s).");
    BOOST_TEST(pace_sentence(pace_figures{0, true, 1, 2.5, 3}, 1) ==
               "The account's quota was shared: the service throttled 1 attempt, so hotlive cut its pace once and "
               "settled at 3 calls/s (lowest 2.5 calls/s).");
}

BOOST_AUTO_TEST_CASE(figures_the_run_did_not_have_are_left_out) {
    BOOST_TEST(pace_sentence(pace_figures{9, true, 2, 4.5, std::nullopt}, 0) ==
               "The account's quota was shared: hotlive cut its pace 2 times from the 9 calls/s allowed (lowest 4.5 "
               "calls/s).");
    BOOST_TEST(pace_sentence(pace_figures{9, true, 2, std::nullopt, std::nullopt}, 3) ==
               "The account's quota was shared: the service throttled 3 attempts, so hotlive cut its pace 2 times from "
               "the 9 calls/s allowed.");
}

BOOST_AUTO_TEST_CASE(a_fixed_pace_that_was_throttled_names_the_setting_that_kept_it) {
    BOOST_TEST(pace_sentence(pace_figures{9, false, 0, std::nullopt, std::nullopt}, 21) ==
               "The account's quota was shared: the service throttled 21 attempts, and hotlive kept its fixed pace of "
               "9 calls/s (limits.adaptive: false).");
    BOOST_TEST(pace_sentence(pace_figures{0, false, 0, std::nullopt, std::nullopt}, 3) ==
               "The account's quota was shared: the service throttled 3 attempts, and hotlive sent without a rate "
               "limit (limits.adaptive: false).");
}

BOOST_AUTO_TEST_CASE(nothing_is_said_without_a_cut_or_a_throttled_fixed_pace) {
    BOOST_TEST(pace_sentence(std::nullopt, 21).empty());
    BOOST_TEST(pace_sentence(pace_figures{9, true, 0, std::nullopt, std::nullopt}, 5).empty());
    BOOST_TEST(pace_sentence(pace_figures{9, false, 0, std::nullopt, std::nullopt}, 0).empty());
}

BOOST_AUTO_TEST_SUITE_END()
