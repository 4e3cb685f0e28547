#include "engine/credential_refresh.hpp"

#include <algorithm>

namespace hotlive::detail {

bool credential_refresh::on_fetched(std::optional<time_point> expiration, time_point now) {
    if (!expiration) {
        ++fetches_;
        held_ = true;
        expiration_.reset();
        next_fetch_.reset();
        retry_in_ = first_retry;
        return true;
    }
    const auto lifetime = *expiration - now;
    const auto guard = std::clamp<clock::duration>(lifetime / 20, min_guard, max_guard);
    const auto margin = std::min<clock::duration>(std::max<clock::duration>(lifetime / 4, 2 * guard), max_margin);
    if (now >= *expiration - guard) {
        on_fetch_failed(now);
        return false;
    }
    ++fetches_;
    held_ = true;
    expiration_ = expiration;
    sign_until_ = *expiration - guard;
    // A source may hand the same credentials out again until they are older (the metadata
    // service does): the next fetch is at least a retry's wait away, not a loop.
    next_fetch_ = std::max(*expiration - margin, now + first_retry);
    retry_in_ = first_retry;
    return true;
}

void credential_refresh::on_fetch_failed(time_point now) {
    ++failures_;
    next_fetch_ = now + retry_in_;
    retry_in_ = std::min(retry_in_ * 2, max_retry);
}

void credential_refresh::on_expired_answer(std::size_t generation, time_point now) {
    // Only temporary credentials expire (a long-lived key told so is refused, not refreshed), and
    // an answer to credentials replaced since says nothing of the new ones.
    if (!expiration_ || generation != fetches_) return;
    sign_until_ = std::min(sign_until_, now);
    if (!next_fetch_ || *next_fetch_ > now) next_fetch_ = now;
}

bool credential_refresh::may_sign(time_point now) const {
    if (!held_) return false;
    return !expiration_ || now < sign_until_;
}

}  // namespace hotlive::detail
