// What became of one call of a run: its status and the service's last word on it, as a report's
// "calls" and the journal's lines hold it (schema hotlive.report/1, DESIGN.md "Report").
#pragma once

#include <hotlive/wall_time.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hotlive {

// `skipped`: never sent in this run, because an answer to another call proved that its whole
// scope (the account, the domain, or the domain in a region) cannot warm; `code` and `message`
// are that answer's, and skipped_because_* name the call it answered.
enum class call_status { succeeded, failed, not_started, cancelled, skipped };

[[nodiscard]] std::string_view to_string(call_status status);
[[nodiscard]] std::optional<call_status> parse_call_status(std::string_view text);

// One call's outcome. For a failed call, `code`/`message` are the service's own (e.g.
// "InternalError") or hotlive's transport verdict ("connect_refused", "timeout",
// "tls_verify_failed", "bad_response", "connection_reset", "retry_budget_exhausted",
// "deadline"), and `http_status` is 0 when no response was received.
struct call_result {
    std::string key;  // "domain/app/stream@REGION"
    std::string domain;
    std::string app;
    std::string stream;
    std::string region;
    call_status status = call_status::not_started;
    std::uint32_t attempts = 0;            // across every run of the report (a resume adds its own)
    std::uint32_t run_attempts = 0;        // made by the last run that sent it (a resume carries a warm call's)
    std::uint32_t ambiguous_attempts = 0;  // sent, but the outcome is unknown (reset, timeout)
    std::uint32_t throttled_attempts = 0;  // answered "too fast" (Throttling*, 429, 503), as run_attempts
    int http_status = 0;
    std::optional<std::string> code;
    std::optional<std::string> message;
    std::optional<std::string> request_id;
    std::optional<wall_time> first_attempt_at;
    std::optional<wall_time> finished_at;
    std::optional<std::uint64_t> latency_ms;  // of the last attempt
    // The parameters the call was sent with (parameters_digest in expansion.hpp): a resume trusts
    // an earlier success only for the same ones. Absent in reports older than the field.
    std::optional<std::string> parameters_digest;
    // On a skipped call only: the key and the RequestId (when the answer had one) of the call
    // whose answer condemned this one's scope. The report's "skipped_because".
    std::optional<std::string> skipped_because_key;
    std::optional<std::string> skipped_because_request_id;
};

}  // namespace hotlive
