// When to try a call again, and how long to wait first.
//
// classify() turns one attempt's outcome into a verdict; backoff_delay() draws the wait (full
// jitter, exponential, capped); retry_budget keeps an outage from turning into a retry storm.
// All of it is plain computation, tested without sockets or clocks. It judges what the network
// brought back (transport.hpp); the network side knows nothing of it.
#pragma once

#include <hotlive/plan.hpp>
#include <hotlive/random_source.hpp>
#include <hotlive/refusal_scope.hpp>
#include <hotlive/transport.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hotlive {

enum class verdict {
    success,          // warm
    retry,            // worth another attempt after the normal backoff
    retry_throttled,  // worth another attempt after the throttle backoff
    retry_now,        // the clock offset was corrected: another attempt without waiting
    fail,             // final: another attempt would get the same answer
};

struct classification {
    verdict what = verdict::fail;
    std::string code;     // the service's Code, or a transport verdict ("connection_reset")
    std::string message;  // the service's Message, or a description of the transport error
    std::string request_id;
    bool ambiguous = false;  // the request may have taken effect although no answer arrived
    // For verdict::retry_now: server time minus local time, from the Date header.
    std::optional<std::chrono::system_clock::duration> clock_skew;
    // For verdict::fail: the calls the same answer would refuse too (refusal_scope.hpp).
    refusal_scope scope = refusal_scope::call;
};

// A 2xx answer is a success only with valid JSON carrying a RequestId; anything else a 2xx
// carries is a bad response. The error class comes from the body's Code, never from the HTTP
// status alone (the service answers Throttling.User as HTTP 400).
// `local_time` is when the answer arrived, to measure skew against the server's Date.
[[nodiscard]] classification classify(const attempt_outcome& outcome, std::chrono::system_clock::time_point local_time);

// A clock skew smaller than this is left alone (the aws-sdk rule): the service accepts 15 min.
inline constexpr std::chrono::minutes skew_correction_threshold{4};

// Longest wait a server may ask for with Retry-After; longer asks are clamped to it.
inline constexpr std::chrono::seconds max_retry_after{60};

// Full jitter: uniform in [0, min(max_delay, base · 2^(retry - 1))] for the retry-th retry
// (1-based), with base the throttle base after a throttle. A server's Retry-After (clamped to
// max_retry_after) is a floor.
[[nodiscard]] std::chrono::milliseconds backoff_delay(const retry_policy& policy, std::uint32_t retry, bool throttled,
                                                      std::optional<std::chrono::milliseconds> retry_after,
                                                      random_source& random);

// A run-wide allowance of retries (gRPC's retry throttling): every retryable failure costs a
// token, every success refunds half of one, and retries stop while the bucket is at or below
// half full. First attempts are never held back; the calls that could not retry end as
// "retry_budget_exhausted" and a --resume sends them again.
//
// The limiter already keeps retries within the quota, so the budget's job is only to keep a dead
// service from multiplying a large run's length: an outage costs at most 500 retries. A smaller
// budget would trip on ordinary clustered failures (one stream's 50 regions failing together).
class retry_budget {
public:
    static constexpr double capacity = 1000.0;
    static constexpr double refund_per_success = 0.5;

    void on_retryable_failure() { tokens_ = tokens_ > 1.0 ? tokens_ - 1.0 : 0.0; }
    void on_success() { tokens_ = tokens_ + refund_per_success < capacity ? tokens_ + refund_per_success : capacity; }
    [[nodiscard]] bool allows_retry() const { return tokens_ > capacity / 2; }
    [[nodiscard]] double tokens() const { return tokens_; }

private:
    double tokens_ = capacity;
};

}  // namespace hotlive
