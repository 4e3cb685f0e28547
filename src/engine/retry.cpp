#include <hotlive/retry.hpp>

#include "engine/service_answer.hpp"

#include <algorithm>

namespace hotlive {
namespace {

classification transport_failure(const attempt_outcome& outcome) {
    classification c;
    c.code = std::string(to_string(outcome.error));
    c.message = make_error_code(outcome.error).message();
    if (!outcome.detail.empty()) c.message += " (" + outcome.detail + ")";
    // Final: an untrusted server stays untrusted, and a handshake that failed fails again.
    if (outcome.error == transport_error::tls_verify_failed || outcome.error == transport_error::tls_failed) {
        c.what = verdict::fail;
        return c;
    }
    // Final for every call: they all go through the same proxy to the same endpoint.
    if (outcome.error == transport_error::proxy_auth_failed || outcome.error == transport_error::proxy_forbidden) {
        c.what = verdict::fail;
        c.scope = refusal_scope::account;
        return c;
    }
    c.what = verdict::retry;
    // Sent but unanswered: the service may have acted on it.
    c.ambiguous = outcome.request_sent;
    return c;
}

bool is_throttling(std::string_view code) { return code.starts_with("Throttling"); }

}  // namespace

classification classify(const attempt_outcome& outcome, std::chrono::system_clock::time_point local_time) {
    if (outcome.error != transport_error::none) return transport_failure(outcome);

    auto answer = detail::read_service_answer(outcome.body);
    classification c;
    c.code = answer.code;
    c.message = std::move(answer.message);
    c.request_id = std::move(answer.request_id);
    const int status = outcome.http_status;

    if (status >= 200 && status < 300) {
        if (answer.valid_json && !c.request_id.empty() && answer.code.empty()) {
            c.what = verdict::success;
            return c;
        }
        // A 2xx that is not the documented success answer is never counted as warm.
        c.what = verdict::retry;
        c.code = "bad_response";
        c.message = answer.valid_json ? "a success status without a RequestId"
                                      : "a success status with a body that is not JSON";
        c.ambiguous = true;
        return c;
    }
    if (c.code.empty()) c.code = "HTTP " + std::to_string(status);

    if (is_throttling(answer.code) || status == 429 || status == 503 || answer.code == "ServiceUnavailable") {
        c.what = verdict::retry_throttled;
        return c;
    }
    if (answer.code == "InternalError" || status == 500 || status == 502 || status == 504) {
        c.what = verdict::retry;
        return c;
    }
    if (answer.code == "InvalidTimeStamp.Expired" && outcome.server_date) {
        // In milliseconds first: a Date centuries off would overflow the nanosecond difference,
        // and a skew the clock type cannot hold is a broken server, not a clock to follow.
        using std::chrono::milliseconds;
        const auto skew = std::chrono::abs(std::chrono::floor<milliseconds>(*outcome.server_date) -
                                           std::chrono::floor<milliseconds>(local_time));
        constexpr auto representable = std::chrono::floor<milliseconds>(std::chrono::system_clock::duration::max());
        if (skew >= skew_correction_threshold && skew < representable) {
            c.what = verdict::retry_now;
            c.clock_skew = *outcome.server_date - local_time;
            return c;
        }
    }
    c.what = verdict::fail;
    c.scope = scope_of_refusal(c.code);
    return c;
}

std::chrono::milliseconds backoff_delay(const retry_policy& policy, std::uint32_t retry, bool throttled,
                                        std::optional<std::chrono::milliseconds> retry_after, random_source& random) {
    const std::int64_t base = (throttled ? policy.throttle_base_delay : policy.base_delay).count();
    const std::int64_t cap = policy.max_delay.count();
    // base · 2^(retry-1), without overflow: past the cap it is the cap.
    std::int64_t ceiling = base;
    for (std::uint32_t i = 1; i < retry && ceiling < cap; ++i) ceiling *= 2;
    ceiling = std::min(ceiling, cap);
    auto delay =
        std::chrono::milliseconds{static_cast<std::int64_t>(random.uniform(static_cast<std::uint64_t>(ceiling)))};
    if (retry_after) {
        const auto floor = std::clamp(*retry_after, std::chrono::milliseconds{0},
                                      std::chrono::duration_cast<std::chrono::milliseconds>(max_retry_after));
        delay = std::max(delay, floor);
    }
    return delay;
}

}  // namespace hotlive
