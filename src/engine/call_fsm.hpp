// How one call proceeds, as a state machine without I/O: events in (a limiter slot granted, an
// attempt journalled, an answer, a backoff timer fired, a wait cut short by the run's stop), the
// next action out (wait for a slot, journal this attempt, send it, journal its answer, sleep this
// long, finish). The engine's run_call is a shell that performs the actions; every decision —
// stop and deadline checks, the replay of a call in doubt, the retry budget, the clock-skew
// retry, the backoff — is here, tested on a fake clock.
//
// Time comes in with every event (wall-clock, as the schedule's deadline is); randomness and
// nonces come from the run's call_rules, so a test fixes them.
#pragma once

#include <hotlive/attempt_record.hpp>
#include <hotlive/call_result.hpp>
#include "engine/scope_registry.hpp"

#include <hotlive/earlier_attempts.hpp>
#include <hotlive/random_source.hpp>
#include <hotlive/retry.hpp>
#include <hotlive/signer.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace hotlive::detail {

using wall_clock = std::chrono::system_clock;

// Why the run stops: stop() (an interrupt), an attempt that could not be journalled, or the
// credentials refused. Shared by every call; a journal failure wins over the others (it is what
// the calls stopped from then on met).
struct run_stop {
    bool requested = false;
    std::string_view code = "stopped";  // or "journal_failed", "credentials_refused", "proxy_auth_failed", …

    void request(std::string_view why) {
        if (!requested || why == "journal_failed") code = why;
        requested = true;
    }
};

// What every call of a run shares: the policy, the run-wide retry budget and stop, the clock
// correction learned from the service, and what earlier runs left (both sorted by call).
struct call_rules {
    retry_policy retry;
    std::optional<wall_clock::time_point> deadline;  // no attempt starts at or after it
    std::span<const replayed_attempt> replays;
    std::span<const earlier_attempts> earlier;
    random_source* random = nullptr;         // backoff jitter
    std::function<std::string()> new_nonce;  // a SignatureNonce per fresh attempt
    retry_budget budget;
    run_stop stop;
    // The scopes condemned so far; null with --keep-going (every call is sent).
    scope_registry* scopes = nullptr;
    wall_clock::duration clock_offset{0};  // service time minus local time, once learned
    // The limiter's pace adapts to throttling (adaptive_rate.hpp): a throttled attempt goes back
    // to it at once (or after the service's Retry-After) instead of backing off on its own.
    bool pace_adapts = true;
    // The credentials are fetched again when they expire (credential_refresh.hpp): an answer
    // InvalidSecurityToken.Expired is a retry with the fresh ones, not a refusal of the account.
    bool credentials_renew = false;
};

// The service's answer to temporary credentials past their Expiration.
inline constexpr std::string_view expired_token_code = "InvalidSecurityToken.Expired";

// Answers InvalidSecurityToken.Expired one call may meet with renewed credentials before it ends
// failed: the fresh credentials should not expire under it again.
inline constexpr std::uint32_t max_expired_credential_answers = 3;

// The service remembers a SignatureNonce for 15 minutes; a replay any older might not be
// recognised, so it goes out as a fresh attempt (a minute is kept in hand for clocks and queues).
inline constexpr std::chrono::minutes replay_window{14};

struct call_action {
    enum class kind : unsigned char {
        wait_for_slot,     // the rate limiter's next slot: then on_slot, or on_stop if the run stopped
        journal_attempt,   // record attempt() before it goes: then on_journalled
        send,              // sign attempt() with announcement() and send it: then on_answer
        journal_answered,  // record that attempt() was answered, not warm: then on_journalled
        sleep,             // wait `delay` (the backoff): then on_timer, or on_stop
        finish,            // result() is final
    };
    kind what = kind::finish;
    std::chrono::milliseconds delay{0};
};

class call_fsm {
public:
    // `described`: the call's plan fields (describe_call); `index`: its place in the run.
    call_fsm(call_rules& rules, std::size_t index, call_result described);

    [[nodiscard]] call_action start(wall_clock::time_point now);
    [[nodiscard]] call_action on_slot(wall_clock::time_point now);
    [[nodiscard]] call_action on_journalled(bool written, wall_clock::time_point now);
    // `outcome` of the attempt sent, which took `latency`; `now`: when it came back.
    [[nodiscard]] call_action on_answer(const attempt_outcome& outcome, std::chrono::milliseconds latency,
                                        wall_clock::time_point now);
    [[nodiscard]] call_action on_timer(wall_clock::time_point now);
    // The run stopped while this call waited (for its wave, a slot or a backoff).
    [[nodiscard]] call_action on_stop(wall_clock::time_point now);
    // hotlive itself failed while it ran this call (`what`: the exception's text): the call ends
    // failed with code "internal_error" (its attempt may have gone: the journal says so).
    [[nodiscard]] call_action on_fault(std::string_view what, wall_clock::time_point now);

    // The attempt to journal or send.
    [[nodiscard]] const attempt_record& attempt() const { return attempt_; }
    // What the attempt tells the service of the retry it is (none on a first attempt).
    [[nodiscard]] const std::optional<retry_announcement>& announcement() const { return announcement_; }
    // How the last answer was classified.
    [[nodiscard]] const classification& last_answer() const { return answer_; }
    // Set by the answer that corrected the run's clock offset (InvalidTimeStamp.Expired), until the next event.
    [[nodiscard]] std::optional<wall_clock::duration> clock_corrected() const { return clock_corrected_; }
    [[nodiscard]] const call_result& result() const { return result_; }

private:
    enum class state : unsigned char {
        ready,
        waiting_for_slot,
        journalling_attempt,
        sending,
        journalling_answer,
        backing_off,
        finished
    };

    // Before each attempt: the run's stop and the deadline, then a slot.
    call_action next_attempt(wall_clock::time_point now);
    call_action finish(call_status status, wall_clock::time_point now);
    // Ends the call without an answer to show for it (stop, deadline, budget).
    call_action give_up(std::string_view code, std::string_view message, wall_clock::time_point now);
    // Ends a call the run's stop kept from its next attempt (`when`: "before this attempt", …).
    call_action stopped(std::string_view when, wall_clock::time_point now);
    // The scope this call belongs to is condemned and the call was never sent: it is skipped.
    [[nodiscard]] condemned_scope* condemned() const;
    call_action skip(condemned_scope& scope, wall_clock::time_point now);
    // A final refusal condemns its scope (refusal_scope.hpp); the account's stops the run.
    void condemn_scope();
    // The service knew the replay's nonce: the interrupted run's attempt reached it.
    call_action delivered_before(wall_clock::time_point now);
    // After an answer that did not warm the stream and was journalled as answered (or is in doubt).
    call_action go_on(wall_clock::time_point now);
    [[nodiscard]] bool past_deadline(wall_clock::time_point at) const;
    [[nodiscard]] const replayed_attempt* replay_due(wall_clock::time_point now) const;

    call_rules& rules_;
    std::size_t index_;
    call_result result_;
    state state_ = state::ready;
    attempt_record attempt_;
    bool replaying_ = false;
    std::optional<retry_announcement> announcement_;
    classification answer_;
    std::optional<std::chrono::milliseconds> retry_after_;
    std::optional<wall_clock::duration> clock_corrected_;
    std::uint32_t retries_ = 0;
    std::uint32_t expired_credentials_ = 0;  // answers InvalidSecurityToken.Expired (not counted)
    bool again_at_once_ = false;             // the next attempt waits for no backoff
    std::chrono::milliseconds backoff_{0};
};

}  // namespace hotlive::detail
