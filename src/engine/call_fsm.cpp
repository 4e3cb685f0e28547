#include "engine/call_fsm.hpp"

#include <algorithm>
#include <utility>

namespace hotlive::detail {
namespace {

// Whether the answer to a replayed attempt says the service knew its nonce: the attempt of the
// interrupted run reached it.
bool nonce_was_used(const attempt_outcome& outcome, const classification& c) {
    return outcome.error == transport_error::none && outcome.http_status == 400 && c.code == "SignatureNonceUsed";
}

std::optional<std::string> unless_empty(const std::string& text) {
    return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

}  // namespace

call_fsm::call_fsm(call_rules& rules, std::size_t index, call_result described)
    : rules_(rules), index_(index), result_(std::move(described)) {}

call_action call_fsm::start(wall_clock::time_point now) {
    clock_corrected_.reset();
    return next_attempt(now);
}

call_action call_fsm::next_attempt(wall_clock::time_point now) {
    if (auto* scope = condemned()) return skip(*scope, now);
    if (rules_.stop.requested) return stopped("before this attempt", now);
    if (past_deadline(now)) return give_up("deadline", "the schedule's deadline passed before this attempt", now);
    state_ = state::waiting_for_slot;
    return {call_action::kind::wait_for_slot};
}

call_action call_fsm::on_slot(wall_clock::time_point now) {
    clock_corrected_.reset();
    // Condemned while it waited: the slot is spent, the quota of an answer already known is not.
    if (auto* scope = condemned()) return skip(*scope, now);
    if (past_deadline(now)) return give_up("deadline", "the schedule's deadline passed before this attempt", now);
    // Signed afresh every attempt (new nonce, new timestamp), but for the replay of a call in doubt.
    const replayed_attempt* replay = result_.attempts == 0 ? replay_due(now) : nullptr;
    replaying_ = replay != nullptr;
    if (replay) {
        attempt_ = {result_.key, 1, replay->nonce, replay->timestamp};
    } else {
        attempt_ = {result_.key, result_.attempts + 1, rules_.new_nonce(),
                    std::chrono::floor<std::chrono::seconds>(now + rules_.clock_offset)};
    }
    // Journalled before it goes, so that a crash cannot hide a delivered attempt.
    state_ = state::journalling_attempt;
    return {call_action::kind::journal_attempt};
}

call_action call_fsm::on_journalled(bool written, wall_clock::time_point now) {
    clock_corrected_.reset();
    if (state_ == state::journalling_attempt) {
        // An attempt that cannot be journalled is not sent, nor is anything after it.
        if (!written) {
            rules_.stop.request("journal_failed");
            return stopped("so this attempt was not sent", now);
        }
        if (result_.attempts == 0) result_.first_attempt_at = now;
        ++result_.attempts;
        state_ = state::sending;
        return {call_action::kind::send};
    }
    if (!written) {
        rules_.stop.request("journal_failed");
        return stopped("so no further attempt was sent", now);
    }
    return go_on(now);
}

call_action call_fsm::on_answer(const attempt_outcome& outcome, std::chrono::milliseconds latency,
                                wall_clock::time_point now) {
    clock_corrected_.reset();
    answer_ = classify(outcome, now);
    result_.latency_ms = static_cast<std::uint64_t>(latency.count());
    if (replaying_ && nonce_was_used(outcome, answer_)) return delivered_before(now);

    result_.http_status = outcome.http_status;
    result_.code = unless_empty(answer_.code);
    result_.message = unless_empty(answer_.message);
    result_.request_id = unless_empty(answer_.request_id);
    if (answer_.ambiguous) ++result_.ambiguous_attempts;

    if (answer_.what == verdict::success) {
        rules_.budget.on_success();
        return finish(call_status::succeeded, now);
    }
    if (answer_.what == verdict::fail && rules_.credentials_renew && answer_.code == expired_token_code &&
        ++expired_credentials_ < max_expired_credential_answers) {
        // The credentials expired under the attempt: it goes again with fresh ones, uncounted.
        again_at_once_ = true;
        state_ = state::journalling_answer;
        return {call_action::kind::journal_answered};
    }
    if (answer_.what == verdict::fail) {
        condemn_scope();
        return finish(call_status::failed, now);
    }
    // "Too fast" says nothing against the call: it is bounded apart from the other failures.
    if (answer_.what == verdict::retry_throttled) {
        ++result_.throttled_attempts;
        if (result_.throttled_attempts >= rules_.retry.max_throttled_attempts) {
            return finish(call_status::failed, now);
        }
    } else if (result_.attempts - result_.throttled_attempts - expired_credentials_ >= rules_.retry.max_attempts) {
        return finish(call_status::failed, now);
    }
    retry_after_ = outcome.retry_after;
    // Answered and not warm: the call goes on, and this attempt is no longer in doubt.
    if (!answer_.ambiguous) {
        state_ = state::journalling_answer;
        return {call_action::kind::journal_answered};
    }
    return go_on(now);
}

call_action call_fsm::go_on(wall_clock::time_point now) {
    if (again_at_once_) {
        again_at_once_ = false;
        announcement_ = retry_announcement{result_.attempts, 0};
        return next_attempt(now);
    }
    if (answer_.what == verdict::retry_now) {
        // The next attempt carries the server's time, at once.
        rules_.clock_offset = *answer_.clock_skew;
        clock_corrected_ = rules_.clock_offset;
        announcement_ = retry_announcement{result_.attempts, 0};
        return next_attempt(now);
    }
    rules_.budget.on_retryable_failure();
    if (!rules_.budget.allows_retry()) {
        return give_up("retry_budget_exhausted",
                       "too many failures across the run to retry now; --resume sends it again", now);
    }
    const bool throttled = answer_.what == verdict::retry_throttled;
    if (throttled && rules_.pace_adapts && !retry_after_) {
        // The limiter has slowed the run down already: the attempt waits for its next slot.
        announcement_ = retry_announcement{result_.attempts, 0};
        return next_attempt(now);
    }
    ++retries_;
    backoff_ = backoff_delay(rules_.retry, retries_, throttled, retry_after_, *rules_.random);
    if (past_deadline(now + backoff_)) {
        return give_up("deadline", "the next retry would start after the schedule's deadline", now);
    }
    state_ = state::backing_off;
    return {call_action::kind::sleep, backoff_};
}

call_action call_fsm::on_timer(wall_clock::time_point now) {
    clock_corrected_.reset();
    announcement_ = retry_announcement{result_.attempts, static_cast<std::uint64_t>(backoff_.count())};
    return next_attempt(now);
}

call_action call_fsm::on_stop(wall_clock::time_point now) {
    clock_corrected_.reset();
    if (auto* scope = condemned()) return skip(*scope, now);
    return stopped(state_ == state::backing_off ? "while waiting to retry" : "before this attempt", now);
}

call_action call_fsm::on_fault(std::string_view what, wall_clock::time_point now) {
    clock_corrected_.reset();
    result_.code = "internal_error";
    result_.message = "hotlive failed while it ran this call (" + std::string(what) + "); the run stopped";
    return finish(call_status::failed, now);
}

call_action call_fsm::finish(call_status status, wall_clock::time_point now) {
    result_.status = status;
    result_.run_attempts = result_.attempts;
    const auto& earlier = rules_.earlier;
    if (const auto found = std::lower_bound(earlier.begin(), earlier.end(), index_,
                                            [](const earlier_attempts& e, std::size_t i) { return e.call < i; });
        found != earlier.end() && found->call == index_) {
        result_.attempts += found->attempts;
        if (found->first_attempt_at) result_.first_attempt_at = found->first_attempt_at;
    }
    result_.finished_at = now;
    state_ = state::finished;
    return {call_action::kind::finish};
}

call_action call_fsm::give_up(std::string_view code, std::string_view message, wall_clock::time_point now) {
    if (result_.attempts == 0) {
        result_.code = std::string(code);
        result_.message = std::string(message);
        return finish(call_status::not_started, now);
    }
    // Keep the last answer's code beside the reason the retries stopped.
    std::string text(code);
    if (result_.code) text.append(" after ").append(*result_.code);
    text.append(": ").append(message);
    result_.message = std::move(text);
    const bool stopped_by_run = code == rules_.stop.code;
    result_.code = std::string(code);
    return finish(stopped_by_run ? call_status::cancelled : call_status::failed, now);
}

call_action call_fsm::stopped(std::string_view when, wall_clock::time_point now) {
    const std::string_view code = rules_.stop.code;
    std::string message(code == "stopped"               ? "the run was interrupted "
                        : code == "credentials_refused" ? "the credentials were refused, "
                        : code.starts_with("proxy_")    ? "the proxy refused the run, "
                                                        : "the journal could not be written, ");
    message.append(when);
    return give_up(code, message, now);
}

condemned_scope* call_fsm::condemned() const {
    // A call already sent goes on: only calls not sent yet are spared.
    if (rules_.scopes == nullptr || result_.attempts > 0) return nullptr;
    return rules_.scopes->covering(result_.domain, result_.region);
}

call_action call_fsm::skip(condemned_scope& scope, wall_clock::time_point now) {
    ++scope.skipped;
    result_.code = scope.code;
    std::string message = "not sent: the answer to " + scope.by_key + " (" + scope.code + ") holds for every call of ";
    switch (scope.scope) {
        case refusal_scope::account:
            message += scope.code.starts_with("proxy_") ? "the run (they all go through the proxy)" : "the account";
            break;
        case refusal_scope::domain:
            message += "the domain " + scope.domain;
            break;
        case refusal_scope::region:
            message += "the domain " + scope.domain + " in " + scope.region;
            break;
        case refusal_scope::call:
            break;
    }
    result_.message = std::move(message);
    result_.skipped_because_key = scope.by_key;
    result_.skipped_because_request_id = scope.by_request_id;
    return finish(call_status::skipped, now);
}

void call_fsm::condemn_scope() {
    if (rules_.scopes == nullptr || answer_.scope == refusal_scope::call) return;
    condemned_scope refusal;
    refusal.scope = answer_.scope;
    if (refusal.scope != refusal_scope::account) refusal.domain = result_.domain;
    if (refusal.scope == refusal_scope::region) refusal.region = result_.region;
    refusal.code = answer_.code;
    refusal.message = answer_.message;
    refusal.by_key = result_.key;
    refusal.by_request_id = result_.request_id;
    rules_.scopes->condemn(std::move(refusal));
    // The calls waiting to retry end with the reason: the proxy's refusal, or the credentials'.
    // Literals: the stop keeps a view of its code.
    if (answer_.scope == refusal_scope::account) {
        rules_.stop.request(answer_.code == "proxy_auth_failed" ? "proxy_auth_failed"
                            : answer_.code == "proxy_forbidden" ? "proxy_forbidden"
                                                                : "credentials_refused");
    }
}

call_action call_fsm::delivered_before(wall_clock::time_point now) {
    result_.http_status = 0;  // the answer that counts was never received
    result_.code.reset();
    result_.request_id.reset();
    result_.message =
        "the attempt sent before the run was interrupted reached the service (it recognised the nonce); its answer "
        "was lost";
    ++result_.ambiguous_attempts;
    rules_.budget.on_success();
    return finish(call_status::succeeded, now);
}

bool call_fsm::past_deadline(wall_clock::time_point at) const { return rules_.deadline && at >= *rules_.deadline; }

const replayed_attempt* call_fsm::replay_due(wall_clock::time_point now) const {
    const auto& replays = rules_.replays;
    const auto found = std::lower_bound(replays.begin(), replays.end(), index_,
                                        [](const replayed_attempt& a, std::size_t i) { return a.call < i; });
    if (found == replays.end() || found->call != index_) return nullptr;
    if (now - found->timestamp >= replay_window) return nullptr;
    return &*found;
}

}  // namespace hotlive::detail
