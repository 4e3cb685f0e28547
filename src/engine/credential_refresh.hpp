// When temporary credentials (STS: RamRoleArn, OIDC, the ECS instance role, …) are fetched
// again, and whether the ones held may still sign. Plain computation on the wall clock their
// Expiration is written in: the engine's credential coroutine performs the fetches, the workers
// ask may_sign() before each attempt and wait while it says no.
//
// - Never signs within the guard before Expiration (a twentieth of the lifetime left when
//   fetched, at least 1 s — Expiration is written to the second — and at most 5 s): the attempt
//   must still be valid when it arrives.
// - Refreshed ahead of Expiration by a quarter of that lifetime (at least twice the guard, at most
//   15 minutes): an hour-long token at T-15 min (the Java SDK's margin; the Go SDK's is 3 min), a
//   30 s test token at T-7.5 s; and never sooner than 1 s after the last fetch.
// - A failed fetch is tried again after 1 s, 2 s, 4 s … at most 30 s, while the credentials held
//   still sign (and after, with sending paused); an answer InvalidSecurityToken.Expired asks for
//   a fetch at once.
// - A fetch that brings credentials already past their guard is a failed one, not a loop.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>

namespace hotlive::detail {

class credential_refresh {
public:
    using clock = std::chrono::system_clock;
    using time_point = clock::time_point;

    static constexpr std::chrono::minutes max_margin{15};
    static constexpr std::chrono::seconds min_guard{1};
    static constexpr std::chrono::seconds max_guard{5};
    static constexpr std::chrono::seconds first_retry{1};
    static constexpr std::chrono::seconds max_retry{30};

    // Credentials fetched at `now`, expiring at `expiration` (none: long-lived, never refreshed).
    // False when they cannot sign even now: counted as a failed fetch.
    bool on_fetched(std::optional<time_point> expiration, time_point now);
    // A fetch failed for a reason that may pass (a timeout, a 5xx).
    void on_fetch_failed(time_point now);
    // The service answered InvalidSecurityToken.Expired to an attempt signed with the credentials
    // of `generation`: if they are still the ones held, fetch now and sign no more with them (the
    // service's clock decides).
    void on_expired_answer(std::size_t generation, time_point now);

    // When the next fetch is due; none while nothing needs fetching.
    [[nodiscard]] std::optional<time_point> next_fetch() const { return next_fetch_; }
    // Whether the credentials held may sign an attempt leaving at `now`.
    [[nodiscard]] bool may_sign(time_point now) const;
    [[nodiscard]] std::optional<time_point> expiration() const { return expiration_; }

    // Which credentials are held: the number of fetches that brought some.
    [[nodiscard]] std::size_t generation() const { return fetches_; }
    [[nodiscard]] std::size_t fetches() const { return fetches_; }
    [[nodiscard]] std::size_t failures() const { return failures_; }

private:
    bool held_ = false;  // credentials that signed once are held (they may since have expired)
    std::optional<time_point> expiration_;
    time_point sign_until_{};
    std::optional<time_point> next_fetch_ = time_point{};  // the first fetch is due at once
    std::chrono::seconds retry_in_ = first_retry;
    std::size_t fetches_ = 0;
    std::size_t failures_ = 0;
};

}  // namespace hotlive::detail
