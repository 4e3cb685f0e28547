#include "report/call_json.hpp"

#include "report/json_fields.hpp"
#include "report/timestamp.hpp"
#include "text/json_text.hpp"

#include <limits>

namespace hotlive::detail {
namespace {

void append_optional_string(std::string& out, const std::optional<std::string>& text) {
    if (text) {
        append_json_string(out, *text);
    } else {
        out.append("null");
    }
}

}  // namespace

void append_call_json(std::string& out, const call_result& call) {
    out.append("{\"key\":");
    append_json_string(out, call.key);
    out.append(",\"domain\":");
    append_json_string(out, call.domain);
    out.append(",\"app\":");
    append_json_string(out, call.app);
    out.append(",\"stream\":");
    append_json_string(out, call.stream);
    out.append(",\"region\":");
    append_json_string(out, call.region);
    out.append(",\"status\":\"");
    out.append(to_string(call.status));
    out.append("\",\"attempts\":");
    append_unsigned(out, call.attempts);
    out.append(",\"ambiguous_attempts\":");
    append_unsigned(out, call.ambiguous_attempts);
    out.append(",\"http_status\":");
    append_signed(out, call.http_status);
    out.append(",\"code\":");
    append_optional_string(out, call.code);
    out.append(",\"message\":");
    append_optional_string(out, call.message);
    out.append(",\"request_id\":");
    append_optional_string(out, call.request_id);
    out.append(",\"first_attempt_at\":");
    append_json_timestamp(out, call.first_attempt_at);
    out.append(",\"finished_at\":");
    append_json_timestamp(out, call.finished_at);
    out.append(",\"latency_ms\":");
    if (call.latency_ms) {
        append_unsigned(out, *call.latency_ms);
    } else {
        out.append("null");
    }
    out.push_back('}');
}

std::optional<call_result> call_from_json(const boost::json::value& value, std::string& error) {
    const auto* object = value.if_object();
    if (object == nullptr) {
        error = "expected an object, got ";
        error.append(describe_json_kind(value));
        return std::nullopt;
    }
    json_fields read{*object, error};
    call_result call;
    std::uint64_t attempts = 0;
    std::uint64_t ambiguous_attempts = 0;
    std::uint64_t http_status = 0;
    std::string status;
    const bool ok =
        read.text("key", call.key) && read.text("domain", call.domain) && read.text("app", call.app) &&
        read.text("stream", call.stream) && read.text("region", call.region) && read.text("status", status) &&
        read.whole("attempts", std::numeric_limits<std::uint32_t>::max(), attempts) &&
        read.whole("ambiguous_attempts", std::numeric_limits<std::uint32_t>::max(), ambiguous_attempts) &&
        read.whole("http_status", 999, http_status) && read.optional_text("code", call.code) &&
        read.optional_text("message", call.message) && read.optional_text("request_id", call.request_id) &&
        read.optional_time("first_attempt_at", call.first_attempt_at) &&
        read.optional_time("finished_at", call.finished_at) && read.optional_whole("latency_ms", call.latency_ms);
    if (!ok) return std::nullopt;
    const auto parsed_status = parse_call_status(status);
    if (!parsed_status) {
        read.wrong("status", "succeeded, failed, not_started or cancelled", object->at("status"));
        return std::nullopt;
    }
    call.status = *parsed_status;
    call.attempts = static_cast<std::uint32_t>(attempts);
    call.ambiguous_attempts = static_cast<std::uint32_t>(ambiguous_attempts);
    call.http_status = static_cast<int>(http_status);
    return call;
}

}  // namespace hotlive::detail
