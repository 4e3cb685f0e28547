// The call state machine on a fake clock: every path a call can take, from the events the
// engine's shell feeds it to the actions and the result it ends with.
#include "engine/call_fsm.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

using namespace hotlive;
using namespace hotlive::detail;
using namespace std::chrono_literals;
using kind = call_action::kind;

namespace {

const wall_clock::time_point t0 = wall_clock::time_point{std::chrono::hours{24 * 365 * 56}};

// Draws what the test says: `value` below a backoff's ceiling is the delay in ms.
class scripted_random final : public random_source {
public:
    std::uint64_t value = 0;
    std::uint64_t next() override { return value; }
};

attempt_outcome answer(int status, std::string body) {
    attempt_outcome o;
    o.http_status = status;
    o.body = std::move(body);
    o.request_sent = true;
    return o;
}

attempt_outcome warm() { return answer(200, R"({"RequestId":"REQ-OK"})"); }

attempt_outcome error(int status, std::string_view code) {
    return answer(status, R"({"RequestId":"REQ-)" + std::string(code) + R"(","Code":")" + std::string(code) +
                              R"(","Message":"m"})");
}

attempt_outcome timed_out() {
    attempt_outcome o;
    o.error = transport_error::timeout;
    o.request_sent = true;
    return o;
}

struct fixture {
    scripted_random random;
    int nonces = 0;
    call_rules rules;
    std::vector<replayed_attempt> replays;
    std::vector<earlier_attempts> earlier;

    fixture() {
        rules.random = &random;
        rules.new_nonce = [this] { return "nonce-" + std::to_string(++nonces); };
        rules.retry = retry_policy{3, 100ms, 1000ms, 20000ms};
    }

    call_fsm call(std::size_t index = 0) {
        rules.replays = replays;
        rules.earlier = earlier;
        call_result described;
        described.key = "live.example.com/app/s@CN-BJ";
        return {rules, index, described};
    }
};

// Drives a call from its start to its first send; returns the action after it.
call_action to_send(call_fsm& c, wall_clock::time_point now) {
    BOOST_TEST((c.start(now).what == kind::wait_for_slot));
    BOOST_TEST((c.on_slot(now).what == kind::journal_attempt));
    return c.on_journalled(true, now);
}

// From a backoff's end to the next send.
call_action retry_to_send(call_fsm& c, wall_clock::time_point now) {
    BOOST_TEST((c.on_timer(now).what == kind::wait_for_slot));
    BOOST_TEST((c.on_slot(now).what == kind::journal_attempt));
    return c.on_journalled(true, now);
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(call_fsm_suite, fixture)

BOOST_AUTO_TEST_CASE(a_warm_answer_ends_the_call_after_one_attempt) {
    auto c = call();
    BOOST_TEST((to_send(c, t0).what == kind::send));
    BOOST_TEST(c.attempt().number == 1U);
    BOOST_TEST(c.attempt().nonce == "nonce-1");
    BOOST_TEST((c.attempt().timestamp == t0));
    BOOST_TEST(!c.announcement());
    const auto end = c.on_answer(warm(), 42ms, t0 + 50ms);
    BOOST_TEST((end.what == kind::finish));
    const auto& r = c.result();
    BOOST_TEST((r.status == call_status::succeeded));
    BOOST_TEST(r.attempts == 1U);
    BOOST_TEST(r.run_attempts == 1U);
    BOOST_TEST(r.http_status == 200);
    BOOST_TEST(*r.request_id == "REQ-OK");
    BOOST_TEST(*r.latency_ms == 42U);
    BOOST_TEST((*r.first_attempt_at == t0));
    BOOST_TEST((*r.finished_at == t0 + 50ms));
}

BOOST_AUTO_TEST_CASE(internal_error_is_journalled_as_answered_then_retried_after_a_backoff) {
    auto c = call();
    (void)to_send(c, t0);
    BOOST_TEST((c.on_answer(error(500, "InternalError"), 5ms, t0).what == kind::journal_answered));
    BOOST_TEST(c.attempt().number == 1U);  // the attempt the answered line names
    random.value = 100;
    const auto backoff = c.on_journalled(true, t0);
    BOOST_TEST((backoff.what == kind::sleep));
    BOOST_TEST(backoff.delay.count() == 100);  // base · 2^0, the ceiling of full jitter
    BOOST_TEST((retry_to_send(c, t0 + 100ms).what == kind::send));
    BOOST_TEST(c.attempt().number == 2U);
    BOOST_TEST(c.attempt().nonce == "nonce-2");  // signed afresh
    BOOST_TEST(c.announcement()->retry == 1U);
    BOOST_TEST(c.announcement()->delay_ms == 100U);
    BOOST_TEST((c.on_answer(error(500, "InternalError"), 5ms, t0).what == kind::journal_answered));
    random.value = 200;
    BOOST_TEST(c.on_journalled(true, t0).delay.count() == 200);  // the ceiling doubled
    random.value = 201;
    BOOST_TEST(backoff_delay(rules.retry, 2, false, std::nullopt, random).count() == 0);  // and no higher
    (void)retry_to_send(c, t0 + 300ms);
    BOOST_TEST((c.on_answer(warm(), 5ms, t0 + 300ms).what == kind::finish));
    BOOST_TEST((c.result().status == call_status::succeeded));
    BOOST_TEST(c.result().attempts == 3U);
    BOOST_TEST((*c.result().first_attempt_at == t0));
}

BOOST_AUTO_TEST_CASE(the_last_allowed_attempt_ends_the_call_with_its_answer) {
    rules.retry.max_attempts = 2;
    auto c = call();
    (void)to_send(c, t0);
    (void)c.on_answer(error(500, "InternalError"), 5ms, t0);
    (void)c.on_journalled(true, t0);
    (void)retry_to_send(c, t0 + 100ms);
    BOOST_TEST((c.on_answer(error(502, "BadGateway"), 5ms, t0).what == kind::finish));
    BOOST_TEST((c.result().status == call_status::failed));
    BOOST_TEST(*c.result().code == "BadGateway");
    BOOST_TEST(c.result().http_status == 502);
    BOOST_TEST(c.result().attempts == 2U);
}

BOOST_AUTO_TEST_CASE(a_final_refusal_is_not_repeated) {
    auto c = call();
    (void)to_send(c, t0);
    BOOST_TEST((c.on_answer(error(403, "Forbidden.RAM"), 5ms, t0).what == kind::finish));
    BOOST_TEST((c.result().status == call_status::failed));
    BOOST_TEST(*c.result().code == "Forbidden.RAM");
    BOOST_TEST(c.result().attempts == 1U);
}

BOOST_AUTO_TEST_CASE(at_a_fixed_pace_throttling_backs_off_from_the_throttle_base_and_honours_retry_after) {
    rules.pace_adapts = false;
    auto c = call();
    (void)to_send(c, t0);
    (void)c.on_answer(error(400, "Throttling.User"), 5ms, t0);
    random.value = 1000;
    BOOST_TEST(c.on_journalled(true, t0).delay.count() == 1000);
    (void)retry_to_send(c, t0 + 1s);
    auto throttled = error(429, "Throttling.User");
    throttled.retry_after = 30s;
    random.value = 2000;
    (void)c.on_answer(throttled, 5ms, t0);
    BOOST_TEST(c.on_journalled(true, t0).delay.count() == 30000);  // the server's floor above 2000
}

BOOST_AUTO_TEST_CASE(with_adaptive_pacing_a_throttled_attempt_goes_back_to_the_limiter_at_once) {
    auto c = call();
    (void)to_send(c, t0);
    BOOST_TEST((c.on_answer(error(400, "Throttling.User"), 5ms, t0).what == kind::journal_answered));
    BOOST_TEST((c.on_journalled(true, t0).what == kind::wait_for_slot));  // no backoff of its own
    BOOST_TEST((c.on_slot(t0 + 200ms).what == kind::journal_attempt));
    BOOST_TEST(c.attempt().number == 2U);
    BOOST_TEST(c.announcement()->delay_ms == 0U);
}

BOOST_AUTO_TEST_CASE(with_adaptive_pacing_a_retry_after_is_still_waited_for) {
    auto c = call();
    (void)to_send(c, t0);
    auto throttled = error(429, "Throttling.User");
    throttled.retry_after = 3s;
    (void)c.on_answer(throttled, 5ms, t0);
    random.value = 0;
    const auto next = c.on_journalled(true, t0);
    BOOST_TEST((next.what == kind::sleep));
    BOOST_TEST(next.delay.count() == 3000);
}

BOOST_AUTO_TEST_CASE(throttled_attempts_do_not_use_up_max_attempts) {
    rules.retry.max_attempts = 2;
    auto c = call();
    (void)to_send(c, t0);
    for (int i = 0; i < 5; ++i) {
        BOOST_TEST((c.on_answer(error(400, "Throttling.User"), 5ms, t0).what == kind::journal_answered));
        BOOST_TEST((c.on_journalled(true, t0).what == kind::wait_for_slot));
        BOOST_TEST((c.on_slot(t0).what == kind::journal_attempt));
        BOOST_TEST((c.on_journalled(true, t0).what == kind::send));
    }
    // One failure of another kind is still allowed a retry; the second ends the call.
    (void)c.on_answer(error(500, "InternalError"), 5ms, t0);
    BOOST_TEST((c.on_journalled(true, t0).what == kind::sleep));
    (void)retry_to_send(c, t0 + 100ms);
    BOOST_TEST((c.on_answer(error(500, "InternalError"), 5ms, t0).what == kind::finish));
    BOOST_TEST((c.result().status == call_status::failed));
    BOOST_TEST(c.result().attempts == 7U);
    BOOST_TEST(c.result().throttled_attempts == 5U);
}

BOOST_AUTO_TEST_CASE(max_throttled_attempts_bounds_a_call_that_is_always_too_fast) {
    rules.retry.max_throttled_attempts = 3;
    auto c = call();
    (void)to_send(c, t0);
    for (int i = 0; i < 2; ++i) {
        (void)c.on_answer(error(400, "Throttling.User"), 5ms, t0);
        (void)c.on_journalled(true, t0);
        (void)c.on_slot(t0);
        (void)c.on_journalled(true, t0);
    }
    BOOST_TEST((c.on_answer(error(400, "Throttling.User"), 5ms, t0).what == kind::finish));
    BOOST_TEST((c.result().status == call_status::failed));
    BOOST_TEST(*c.result().code == "Throttling.User");
    BOOST_TEST(c.result().attempts == 3U);
    BOOST_TEST(c.result().throttled_attempts == 3U);
}

BOOST_AUTO_TEST_CASE(with_renewed_credentials_an_expired_token_is_a_retry_that_does_not_count) {
    rules.credentials_renew = true;
    rules.retry.max_attempts = 1;
    auto c = call();
    (void)to_send(c, t0);
    BOOST_TEST((c.on_answer(error(400, "InvalidSecurityToken.Expired"), 5ms, t0).what == kind::journal_answered));
    BOOST_TEST((c.on_journalled(true, t0).what == kind::wait_for_slot));  // after the fresh credentials
    BOOST_TEST((c.on_slot(t0 + 1s).what == kind::journal_attempt));
    BOOST_TEST((c.on_journalled(true, t0 + 1s).what == kind::send));
    BOOST_TEST((c.on_answer(warm(), 5ms, t0 + 1s).what == kind::finish));
    BOOST_TEST((c.result().status == call_status::succeeded));
    BOOST_TEST(c.result().attempts == 2U);
}

BOOST_AUTO_TEST_CASE(an_expired_token_met_three_times_ends_the_call_as_the_accounts_refusal) {
    rules.credentials_renew = true;
    auto c = call();
    (void)to_send(c, t0);
    for (int i = 0; i < 2; ++i) {
        BOOST_TEST((c.on_answer(error(400, "InvalidSecurityToken.Expired"), 5ms, t0).what == kind::journal_answered));
        (void)c.on_journalled(true, t0);
        (void)c.on_slot(t0);
        (void)c.on_journalled(true, t0);
    }
    BOOST_TEST((c.on_answer(error(400, "InvalidSecurityToken.Expired"), 5ms, t0).what == kind::finish));
    BOOST_TEST((c.result().status == call_status::failed));
}

BOOST_AUTO_TEST_CASE(without_renewal_an_expired_token_refuses_the_account) {
    auto c = call();
    (void)to_send(c, t0);
    BOOST_TEST((c.on_answer(error(400, "InvalidSecurityToken.Expired"), 5ms, t0).what == kind::finish));
    BOOST_TEST((c.result().status == call_status::failed));
}

BOOST_AUTO_TEST_CASE(an_unanswered_attempt_stays_in_doubt_and_is_retried_without_an_answered_line) {
    auto c = call();
    (void)to_send(c, t0);
    const auto next = c.on_answer(timed_out(), 10000ms, t0 + 10s);
    BOOST_TEST((next.what == kind::sleep));
    BOOST_TEST(c.result().ambiguous_attempts == 1U);
    BOOST_TEST(*c.result().code == "timeout");
    BOOST_TEST(c.result().http_status == 0);
}

BOOST_AUTO_TEST_CASE(a_stop_before_the_first_attempt_leaves_the_call_not_started) {
    rules.stop.request("stopped");
    auto c = call();
    BOOST_TEST((c.start(t0).what == kind::finish));
    BOOST_TEST((c.result().status == call_status::not_started));
    BOOST_TEST(*c.result().code == "stopped");
    BOOST_TEST(*c.result().message == "the run was interrupted before this attempt");
    BOOST_TEST(c.result().attempts == 0U);
}

BOOST_AUTO_TEST_CASE(a_stop_while_waiting_for_a_slot_leaves_the_call_not_started) {
    auto c = call();
    (void)c.start(t0);
    rules.stop.request("stopped");
    BOOST_TEST((c.on_stop(t0).what == kind::finish));
    BOOST_TEST((c.result().status == call_status::not_started));
    BOOST_TEST(*c.result().message == "the run was interrupted before this attempt");
}

BOOST_AUTO_TEST_CASE(a_stop_during_a_backoff_cancels_the_call_and_keeps_its_last_answer) {
    auto c = call();
    (void)to_send(c, t0);
    (void)c.on_answer(error(500, "InternalError"), 5ms, t0);
    (void)c.on_journalled(true, t0);
    rules.stop.request("stopped");
    BOOST_TEST((c.on_stop(t0).what == kind::finish));
    BOOST_TEST((c.result().status == call_status::cancelled));
    BOOST_TEST(*c.result().code == "stopped");
    BOOST_TEST(*c.result().message == "stopped after InternalError: the run was interrupted while waiting to retry");
}

BOOST_AUTO_TEST_CASE(a_stop_after_an_answer_ends_the_call_before_its_next_attempt) {
    auto c = call();
    (void)to_send(c, t0);
    (void)c.on_answer(error(500, "InternalError"), 5ms, t0);
    (void)c.on_journalled(true, t0);
    BOOST_TEST((c.on_timer(t0).what == kind::wait_for_slot));
    rules.stop.request("stopped");
    BOOST_TEST((c.on_stop(t0).what == kind::finish));
    BOOST_TEST((c.result().status == call_status::cancelled));
    BOOST_TEST(*c.result().message == "stopped after InternalError: the run was interrupted before this attempt");
}

BOOST_AUTO_TEST_CASE(no_attempt_starts_at_or_after_the_deadline) {
    rules.deadline = t0 + 1s;
    {
        auto c = call();
        BOOST_TEST((c.start(t0 + 1s).what == kind::finish));
        BOOST_TEST((c.result().status == call_status::not_started));
        BOOST_TEST(*c.result().code == "deadline");
        BOOST_TEST(*c.result().message == "the schedule's deadline passed before this attempt");
    }
    {
        auto c = call();  // the deadline passed while it waited for its slot
        BOOST_TEST((c.start(t0).what == kind::wait_for_slot));
        BOOST_TEST((c.on_slot(t0 + 2s).what == kind::finish));
        BOOST_TEST(*c.result().code == "deadline");
        BOOST_TEST(nonces == 0);  // no attempt was made up
    }
}

BOOST_AUTO_TEST_CASE(a_retry_that_would_start_after_the_deadline_is_not_waited_for) {
    rules.deadline = t0 + 50ms;
    random.value = 100;
    auto c = call();
    (void)to_send(c, t0);
    (void)c.on_answer(error(500, "InternalError"), 5ms, t0);
    BOOST_TEST((c.on_journalled(true, t0).what == kind::finish));  // the backoff is 100 ms
    BOOST_TEST((c.result().status == call_status::failed));
    BOOST_TEST(*c.result().code == "deadline");
    BOOST_TEST(*c.result().message ==
               "deadline after InternalError: the next retry would start after the schedule's deadline");
}

BOOST_AUTO_TEST_CASE(an_attempt_that_cannot_be_journalled_is_not_sent_and_stops_the_run) {
    auto c = call();
    (void)c.start(t0);
    (void)c.on_slot(t0);
    BOOST_TEST((c.on_journalled(false, t0).what == kind::finish));
    BOOST_TEST(rules.stop.requested);
    BOOST_TEST(rules.stop.code == "journal_failed");
    BOOST_TEST((c.result().status == call_status::not_started));
    BOOST_TEST(c.result().attempts == 0U);
    BOOST_TEST(*c.result().message == "the journal could not be written, so this attempt was not sent");
}

BOOST_AUTO_TEST_CASE(an_answer_that_cannot_be_journalled_stops_the_call_and_the_run) {
    rules.stop.request("stopped");  // an interrupt came first: the journal's failure is what calls meet now
    rules.stop = {};
    auto c = call();
    (void)to_send(c, t0);
    (void)c.on_answer(error(500, "InternalError"), 5ms, t0);
    BOOST_TEST((c.on_journalled(false, t0).what == kind::finish));
    BOOST_TEST(rules.stop.code == "journal_failed");
    BOOST_TEST((c.result().status == call_status::cancelled));
    BOOST_TEST(*c.result().message ==
               "journal_failed after InternalError: the journal could not be written, so no further attempt was sent");
}

BOOST_AUTO_TEST_CASE(a_journal_failure_outranks_an_interrupt_and_not_the_reverse) {
    rules.stop.request("stopped");
    rules.stop.request("journal_failed");
    BOOST_TEST(rules.stop.code == "journal_failed");
    rules.stop.request("stopped");
    BOOST_TEST(rules.stop.code == "journal_failed");
}

BOOST_AUTO_TEST_CASE(a_call_in_doubt_replays_its_attempt_and_a_known_nonce_means_delivered) {
    replays.push_back({0, "old-nonce", t0 - 5min});
    auto c = call();
    BOOST_TEST((to_send(c, t0).what == kind::send));
    BOOST_TEST(c.attempt().nonce == "old-nonce");
    BOOST_TEST((c.attempt().timestamp == t0 - 5min));
    BOOST_TEST(nonces == 0);
    BOOST_TEST((c.on_answer(error(400, "SignatureNonceUsed"), 5ms, t0).what == kind::finish));
    const auto& r = c.result();
    BOOST_TEST((r.status == call_status::succeeded));
    BOOST_TEST(r.http_status == 0);
    BOOST_TEST(!r.code);
    BOOST_TEST(!r.request_id);
    BOOST_TEST(r.ambiguous_attempts == 1U);
    BOOST_TEST(r.message->find("reached the service") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_replay_the_service_never_saw_is_an_ordinary_attempt) {
    replays.push_back({0, "old-nonce", t0 - 5min});
    auto c = call();
    (void)to_send(c, t0);
    BOOST_TEST((c.on_answer(warm(), 5ms, t0).what == kind::finish));
    BOOST_TEST(*c.result().request_id == "REQ-OK");
    BOOST_TEST(c.result().ambiguous_attempts == 0U);
}

BOOST_AUTO_TEST_CASE(a_nonce_used_answer_to_a_fresh_attempt_is_a_refusal) {
    auto c = call();
    (void)to_send(c, t0);
    (void)c.on_answer(error(400, "SignatureNonceUsed"), 5ms, t0);
    BOOST_TEST((c.result().status == call_status::failed));
}

BOOST_AUTO_TEST_CASE(a_replay_older_than_the_service_remembers_goes_out_fresh) {
    replays.push_back({0, "old-nonce", t0 - 14min});
    replays.push_back({1, "other", t0});
    auto c = call();
    (void)to_send(c, t0);
    BOOST_TEST(c.attempt().nonce == "nonce-1");
    BOOST_TEST((c.attempt().timestamp == t0));
}

BOOST_AUTO_TEST_CASE(an_expired_timestamp_corrects_the_clock_and_retries_at_once) {
    auto c = call();
    (void)to_send(c, t0);
    auto expired = error(400, "InvalidTimeStamp.Expired");
    expired.server_date = t0 + 10min;
    BOOST_TEST((c.on_answer(expired, 5ms, t0).what == kind::journal_answered));
    BOOST_TEST(!c.clock_corrected());
    BOOST_TEST((c.on_journalled(true, t0).what == kind::wait_for_slot));  // no backoff
    BOOST_TEST((*c.clock_corrected() == 10min));
    BOOST_TEST((rules.clock_offset == 10min));
    BOOST_TEST(c.announcement()->retry == 1U);
    BOOST_TEST(c.announcement()->delay_ms == 0U);
    BOOST_TEST((c.on_slot(t0 + 1s).what == kind::journal_attempt));
    BOOST_TEST(!c.clock_corrected());
    BOOST_TEST((c.attempt().timestamp == t0 + 10min + 1s));  // the service's time
    (void)c.on_journalled(true, t0 + 1s);
    BOOST_TEST((c.on_answer(warm(), 5ms, t0 + 1s).what == kind::finish));
    BOOST_TEST(c.result().attempts == 2U);
}

BOOST_AUTO_TEST_CASE(an_exhausted_retry_budget_ends_the_call_for_a_later_resume) {
    while (rules.budget.allows_retry()) rules.budget.on_retryable_failure();
    for (int i = 0; i < 4; ++i) rules.budget.on_success();  // one more failure is allowed, the next is not
    auto c = call();
    (void)to_send(c, t0);
    (void)c.on_answer(error(500, "InternalError"), 5ms, t0);
    BOOST_TEST((c.on_journalled(true, t0).what == kind::sleep));
    (void)retry_to_send(c, t0 + 1s);
    (void)c.on_answer(error(500, "InternalError"), 5ms, t0 + 1s);
    BOOST_TEST((c.on_journalled(true, t0 + 1s).what == kind::finish));
    BOOST_TEST((c.result().status == call_status::failed));
    BOOST_TEST(*c.result().code == "retry_budget_exhausted");
    BOOST_TEST(c.result().message->starts_with("retry_budget_exhausted after InternalError: "));
}

BOOST_AUTO_TEST_CASE(earlier_runs_attempts_are_added_in) {
    earlier.push_back({2, 3, t0 - 1h});
    auto c = call(2);
    (void)to_send(c, t0);
    (void)c.on_answer(warm(), 5ms, t0);
    BOOST_TEST(c.result().attempts == 4U);
    BOOST_TEST(c.result().run_attempts == 1U);
    BOOST_TEST((*c.result().first_attempt_at == t0 - 1h));
    auto other = call(1);
    (void)to_send(other, t0);
    (void)other.on_answer(warm(), 5ms, t0);
    BOOST_TEST(other.result().attempts == 1U);
}

BOOST_AUTO_TEST_CASE(a_fault_of_hotlive_ends_the_call_failed) {
    auto c = call();
    BOOST_TEST((c.on_fault("boom", t0).what == kind::finish));
    BOOST_TEST((c.result().status == call_status::failed));
    BOOST_TEST(*c.result().code == "internal_error");
    BOOST_TEST(*c.result().message == "hotlive failed while it ran this call (boom); the run stopped");
}

BOOST_AUTO_TEST_SUITE_END()

// Scoped refusals: one final refusal condemns its scope; the calls of it not yet sent are skipped.
namespace {

struct scoped_fixture : fixture {
    scope_registry scopes;
    scoped_fixture() { rules.scopes = &scopes; }

    call_fsm call_of(std::string domain, std::string region, std::string key, std::size_t index = 0) {
        rules.replays = replays;
        rules.earlier = earlier;
        call_result described;
        described.key = std::move(key);
        described.domain = std::move(domain);
        described.region = std::move(region);
        return {rules, index, described};
    }

    // b.example.com/live/s@BEJ, sent once and answered InternalError: waiting to retry when an
    // account-wide refusal stops the run.
    call_fsm backing_off() {
        auto c = call_of("b.example.com", "BEJ", "b.example.com/live/s@BEJ", 1);
        (void)to_send(c, t0);
        (void)c.on_answer(error(500, "InternalError"), 5ms, t0);
        (void)c.on_journalled(true, t0);
        return c;
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(call_fsm_scopes, scoped_fixture)

BOOST_AUTO_TEST_CASE(a_domain_refusal_skips_the_domains_calls_not_yet_sent) {
    auto refused = call_of("bad.example.com", "BEJ", "bad.example.com/live/s@BEJ");
    auto in_flight = call_of("bad.example.com", "SHH", "bad.example.com/live/s@SHH", 1);
    auto waiting = call_of("bad.example.com", "GUD", "bad.example.com/live/s@GUD", 2);
    auto other_domain = call_of("good.example.com", "BEJ", "good.example.com/live/s@BEJ", 3);
    (void)to_send(refused, t0);
    (void)to_send(in_flight, t0);
    BOOST_TEST((waiting.start(t0).what == kind::wait_for_slot));
    BOOST_TEST((refused.on_answer(error(400, "NoSpecialConfiguration"), 5ms, t0).what == kind::finish));
    BOOST_TEST((refused.result().status == call_status::failed));

    // Sent before the refusal arrived: it ends on its own answer.
    BOOST_TEST((in_flight.on_answer(error(400, "NoSpecialConfiguration"), 5ms, t0).what == kind::finish));
    BOOST_TEST((in_flight.result().status == call_status::failed));
    // Waiting for a slot: not sent.
    BOOST_TEST((waiting.on_slot(t0).what == kind::finish));
    const auto& r = waiting.result();
    BOOST_TEST((r.status == call_status::skipped));
    BOOST_TEST(*r.code == "NoSpecialConfiguration");
    BOOST_TEST(*r.skipped_because_key == "bad.example.com/live/s@BEJ");
    BOOST_TEST(*r.skipped_because_request_id == "REQ-NoSpecialConfiguration");
    BOOST_TEST(r.attempts == 0U);
    BOOST_TEST(*r.message ==
               "not sent: the answer to bad.example.com/live/s@BEJ (NoSpecialConfiguration) holds for every call of "
               "the domain bad.example.com");
    // Another domain goes on.
    BOOST_TEST((other_domain.start(t0).what == kind::wait_for_slot));
    const auto all = scopes.all();
    BOOST_TEST_REQUIRE(all.size() == 1U);
    BOOST_TEST(all.front().skipped == 1U);
    BOOST_TEST(!rules.stop.requested);
}

BOOST_AUTO_TEST_CASE(a_region_refusal_skips_that_domain_in_that_region_only) {
    auto refused = call_of("a.example.com", "TIB", "a.example.com/live/s1@TIB");
    (void)to_send(refused, t0);
    (void)refused.on_answer(error(400, "CodeRegionHasNoNode"), 5ms, t0);
    auto same = call_of("a.example.com", "TIB", "a.example.com/live/s2@TIB", 1);
    auto other_region = call_of("a.example.com", "BEJ", "a.example.com/live/s2@BEJ", 2);
    auto other_domain = call_of("b.example.com", "TIB", "b.example.com/live/s2@TIB", 3);
    BOOST_TEST((same.start(t0).what == kind::finish));
    BOOST_TEST((same.result().status == call_status::skipped));
    BOOST_TEST((other_region.start(t0).what == kind::wait_for_slot));
    BOOST_TEST((other_domain.start(t0).what == kind::wait_for_slot));
}

BOOST_AUTO_TEST_CASE(a_credentials_refusal_stops_the_run_and_skips_every_call_not_sent) {
    auto refused = call_of("a.example.com", "BEJ", "a.example.com/live/s@BEJ");
    auto waiting = backing_off();
    (void)to_send(refused, t0);
    BOOST_TEST((refused.on_answer(error(400, "SignatureDoesNotMatch"), 5ms, t0).what == kind::finish));
    BOOST_TEST(rules.stop.requested);
    BOOST_TEST(rules.stop.code == "credentials_refused");
    auto later = call_of("c.example.com", "GUD", "c.example.com/live/s@GUD", 2);
    BOOST_TEST((later.start(t0).what == kind::finish));
    BOOST_TEST((later.result().status == call_status::skipped));
    // A call sent before ends cancelled: it was sent, so it is not a skipped one.
    BOOST_TEST((waiting.on_stop(t0).what == kind::finish));
    BOOST_TEST((waiting.result().status == call_status::cancelled));
    BOOST_TEST(*waiting.result().code == "credentials_refused");
}

BOOST_AUTO_TEST_CASE(a_proxy_refusal_stops_the_run_with_its_own_code) {
    auto refused = call_of("a.example.com", "BEJ", "a.example.com/live/s@BEJ");
    auto waiting = backing_off();
    (void)to_send(refused, t0);
    attempt_outcome proxy_said_no;
    proxy_said_no.error = transport_error::proxy_auth_failed;
    proxy_said_no.detail = "proxy http://proxy.corp:3128 answered CONNECT live.aliyuncs.com:443 with 407";
    BOOST_TEST((refused.on_answer(proxy_said_no, 5ms, t0).what == kind::finish));
    BOOST_TEST((refused.result().status == call_status::failed));
    BOOST_TEST(refused.result().attempts == 1U);  // never retried
    BOOST_TEST(rules.stop.code == "proxy_auth_failed");
    auto later = call_of("c.example.com", "GUD", "c.example.com/live/s@GUD", 2);
    BOOST_TEST((later.start(t0).what == kind::finish));
    BOOST_TEST(*later.result().message ==
               "not sent: the answer to a.example.com/live/s@BEJ (proxy_auth_failed) holds "
               "for every call of the run (they all go through the proxy)");
    BOOST_TEST((waiting.on_stop(t0).what == kind::finish));
    BOOST_TEST(*waiting.result().code == "proxy_auth_failed");
}

BOOST_AUTO_TEST_CASE(transient_errors_and_refusals_of_one_call_condemn_nothing) {
    for (const auto& [status, code] : std::vector<std::pair<int, std::string>>{
             {500, "InternalError"}, {503, "ServiceUnavailable"}, {400, "Throttling.User"}, {400, "InvalidParam"}}) {
        BOOST_TEST_CONTEXT(code) {
            auto c = call_of("a.example.com", "BEJ", "a.example.com/live/s@BEJ");
            (void)to_send(c, t0);
            (void)c.on_answer(error(status, code), 5ms, t0);
            BOOST_TEST(scopes.all().empty());
            BOOST_TEST(!rules.stop.requested);
        }
    }
    auto unanswered = call_of("a.example.com", "BEJ", "a.example.com/live/s@BEJ");
    (void)to_send(unanswered, t0);
    (void)unanswered.on_answer(timed_out(), 5ms, t0);
    BOOST_TEST(scopes.all().empty());
}

BOOST_AUTO_TEST_CASE(keep_going_sends_every_call) {
    rules.scopes = nullptr;
    auto refused = call_of("bad.example.com", "BEJ", "bad.example.com/live/s@BEJ");
    (void)to_send(refused, t0);
    (void)refused.on_answer(error(400, "SignatureDoesNotMatch"), 5ms, t0);
    BOOST_TEST(!rules.stop.requested);
    auto next = call_of("bad.example.com", "SHH", "bad.example.com/live/s@SHH", 1);
    BOOST_TEST((next.start(t0).what == kind::wait_for_slot));
}

BOOST_AUTO_TEST_SUITE_END()
