// When temporary credentials are fetched again and whether they may sign, on a fake clock.
#include "engine/credential_refresh.hpp"

#include <boost/test/unit_test.hpp>

using namespace std::chrono_literals;
using hotlive::detail::credential_refresh;
using time_point = credential_refresh::time_point;

namespace {

const time_point t0 = time_point{} + std::chrono::hours{24 * 365 * 57};

}  // namespace

BOOST_AUTO_TEST_SUITE(credential_refresh_suite)

BOOST_AUTO_TEST_CASE(nothing_signs_before_the_first_fetch_which_is_due_at_once) {
    credential_refresh r;
    BOOST_TEST(!r.may_sign(t0));
    BOOST_TEST((r.next_fetch() <= t0));
}

BOOST_AUTO_TEST_CASE(an_hour_long_token_is_fetched_again_15_minutes_before_it_expires) {
    credential_refresh r;
    BOOST_TEST(r.on_fetched(t0 + 1h, t0));
    BOOST_TEST((*r.next_fetch() == t0 + 45min));
    // Signs until 5 s before its Expiration, not after.
    BOOST_TEST(r.may_sign(t0 + 1h - 5s - 1ns));
    BOOST_TEST(!r.may_sign(t0 + 1h - 5s));
    BOOST_TEST(r.generation() == 1U);
}

BOOST_AUTO_TEST_CASE(a_30_second_token_is_fetched_again_at_22_5_s_and_signs_until_28_5_s) {
    credential_refresh r;
    BOOST_TEST(r.on_fetched(t0 + 30s, t0));
    BOOST_TEST((*r.next_fetch() == t0 + 22500ms));
    BOOST_TEST(r.may_sign(t0 + 28499ms));
    BOOST_TEST(!r.may_sign(t0 + 28500ms));
    // The next one takes over: fetched at 22.5 s, it lives until 52.5 s.
    BOOST_TEST(r.on_fetched(t0 + 52500ms, t0 + 22500ms));
    BOOST_TEST(r.may_sign(t0 + 40s));
    BOOST_TEST((*r.next_fetch() == t0 + 45s));
    BOOST_TEST(r.generation() == 2U);
}

BOOST_AUTO_TEST_CASE(a_3_second_token_keeps_a_second_in_hand_and_the_same_one_handed_out_again_is_no_loop) {
    credential_refresh r;
    // Expiration is written to the second: the guard is never under 1 s, the margin twice that.
    BOOST_TEST(r.on_fetched(t0 + 3s, t0));
    BOOST_TEST(r.may_sign(t0 + 1999ms));
    BOOST_TEST(!r.may_sign(t0 + 2s));
    BOOST_TEST((*r.next_fetch() == t0 + 1s));
    // The source hands the same token out again: the next fetch is a second away, not at once.
    BOOST_TEST(r.on_fetched(t0 + 3s, t0 + 1s));
    BOOST_TEST((*r.next_fetch() == t0 + 2s));
}

BOOST_AUTO_TEST_CASE(long_lived_keys_are_never_fetched_again) {
    credential_refresh r;
    BOOST_TEST(r.on_fetched(std::nullopt, t0));
    BOOST_TEST(!r.next_fetch().has_value());
    BOOST_TEST(r.may_sign(t0 + 24h * 365));
    r.on_expired_answer(r.generation(), t0);  // refused, not refreshed: nothing to fetch
    BOOST_TEST(!r.next_fetch().has_value());
}

BOOST_AUTO_TEST_CASE(failed_fetches_back_off_from_1_s_to_30_s_while_the_token_held_still_signs) {
    credential_refresh r;
    BOOST_TEST(r.on_fetched(t0 + 1h, t0));
    auto now = t0 + 45min;
    for (const auto wait : {1s, 2s, 4s, 8s, 16s, 30s, 30s}) {
        r.on_fetch_failed(now);
        BOOST_TEST((*r.next_fetch() == now + wait));
        BOOST_TEST(r.may_sign(now));
        now += wait;
    }
    BOOST_TEST(r.failures() == 7U);
    // Back: the next failure starts again from 1 s.
    BOOST_TEST(r.on_fetched(now + 1h, now));
    r.on_fetch_failed(now + 46min);
    BOOST_TEST((*r.next_fetch() == now + 46min + 1s));
}

BOOST_AUTO_TEST_CASE(a_fetch_that_brings_an_expired_token_is_a_failure_not_a_loop) {
    credential_refresh r;
    BOOST_TEST(r.on_fetched(t0 + 1h, t0));
    BOOST_TEST(!r.on_fetched(t0 + 45min, t0 + 45min));  // already at its Expiration
    BOOST_TEST((*r.next_fetch() == t0 + 45min + 1s));
    BOOST_TEST(r.may_sign(t0 + 45min));  // the one held still signs
    BOOST_TEST(r.generation() == 1U);
}

BOOST_AUTO_TEST_CASE(an_expired_answer_asks_for_a_fetch_at_once_unless_the_token_was_replaced) {
    credential_refresh r;
    BOOST_TEST(r.on_fetched(t0 + 1h, t0));
    const auto first = r.generation();
    BOOST_TEST(r.on_fetched(t0 + 2h, t0 + 45min));
    // An answer to an attempt signed with the first token says nothing of the second.
    r.on_expired_answer(first, t0 + 46min);
    BOOST_TEST(r.may_sign(t0 + 46min));
    BOOST_TEST((*r.next_fetch() == t0 + 1h + 45min));
    // One to the second: no more signing with it, and a fetch now.
    r.on_expired_answer(r.generation(), t0 + 50min);
    BOOST_TEST(!r.may_sign(t0 + 50min));
    BOOST_TEST((*r.next_fetch() == t0 + 50min));
}

BOOST_AUTO_TEST_SUITE_END()
