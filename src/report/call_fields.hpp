// The fields of a call in a report, once, in their order: the JSON report (and journal) and the
// CSV report write every call through this list, so a field added here reaches both, and the
// CSV header with it. call_from_json (call_json.cpp) reads the same names back.
//
// The last field, "skipped_because", is two values: the JSON writes it as one object and only on
// a skipped call, the CSV as two columns (skipped_because_key, skipped_because_request_id).
#pragma once

#include "hotlive/call_result.hpp"

namespace hotlive::detail {

// Which call's answer condemned a skipped call's scope, as the call holds it, and whether the
// call is skipped (the JSON writes the field only then).
struct skipped_because_fields {
    call_status status;
    const std::optional<std::string>* key;
    const std::optional<std::string>* request_id;
};

// Calls fields(name, value) for each field, the value as the call holds it: fields overloads
// its call operator for std::string, call_status, std::uint32_t, int, the optional string,
// wall_time and std::uint64_t, and skipped_because_fields.
template <typename Fields>
void visit_call_fields(const call_result& c, Fields& fields) {
    fields("key", c.key);
    fields("domain", c.domain);
    fields("app", c.app);
    fields("stream", c.stream);
    fields("region", c.region);
    fields("status", c.status);
    fields("attempts", c.attempts);
    fields("run_attempts", c.run_attempts);
    fields("ambiguous_attempts", c.ambiguous_attempts);
    fields("throttled_attempts", c.throttled_attempts);
    fields("http_status", c.http_status);
    fields("code", c.code);
    fields("message", c.message);
    fields("request_id", c.request_id);
    fields("first_attempt_at", c.first_attempt_at);
    fields("finished_at", c.finished_at);
    fields("latency_ms", c.latency_ms);
    fields("parameters_digest", c.parameters_digest);
    fields("skipped_because", skipped_because_fields{c.status, &c.skipped_because_key, &c.skipped_because_request_id});
}

}  // namespace hotlive::detail
