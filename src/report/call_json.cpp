#include "report/call_json.hpp"

#include "hotlive/report_contents.hpp"
#include "report/call_fields.hpp"
#include "report/json_fields.hpp"
#include "report/timestamp.hpp"
#include "text/json_text.hpp"

#include <limits>

namespace hotlive::detail {
namespace {

// Writes each field as "name":value after a '{' or a ','; absent optionals as null.
class json_fields_writer {
public:
    explicit json_fields_writer(std::string& out) : out_(out) {}

    void operator()(std::string_view name, const std::string& value) {
        append_name(name);
        append_json_string(out_, value);
    }
    void operator()(std::string_view name, call_status value) {
        append_name(name);
        out_.push_back('"');
        out_.append(to_string(value));
        out_.push_back('"');
    }
    void operator()(std::string_view name, std::uint32_t value) {
        append_name(name);
        append_unsigned(out_, value);
    }
    void operator()(std::string_view name, int value) {
        append_name(name);
        append_signed(out_, value);
    }
    void operator()(std::string_view name, const std::optional<std::string>& value) {
        if (value) return (*this)(name, *value);
        append_null(name);
    }
    void operator()(std::string_view name, const std::optional<wall_time>& value) {
        append_name(name);
        append_json_timestamp(out_, value);
    }
    void operator()(std::string_view name, const std::optional<std::uint64_t>& value) {
        if (!value) return append_null(name);
        append_name(name);
        append_unsigned(out_, *value);
    }
    // {"key":…,"request_id":…}, on a skipped call only: other calls have no such field at all.
    void operator()(std::string_view name, const skipped_because_fields& value) {
        if (value.status != call_status::skipped) return;
        append_name(name);
        out_.append("{\"key\":");
        append_string_or_null(*value.key);
        out_.append(",\"request_id\":");
        append_string_or_null(*value.request_id);
        out_.push_back('}');
    }

private:
    void append_name(std::string_view name) {
        out_.push_back(first_ ? '{' : ',');
        first_ = false;
        out_.push_back('"');
        out_.append(name);  // ours, plain ASCII
        out_.append("\":");
    }
    void append_null(std::string_view name) {
        append_name(name);
        out_.append("null");
    }
    void append_string_or_null(const std::optional<std::string>& value) {
        if (value) {
            append_json_string(out_, *value);
        } else {
            out_.append("null");
        }
    }

    std::string& out_;
    bool first_ = true;
};

// "skipped_because": on a skipped call, {"key":…,"request_id":…} (each a string or null); on
// any other, absent.
bool read_skipped_because(json_fields& read, call_result& call, std::string& error) {
    if (call.status != call_status::skipped) {
        return read.absent("skipped_because") || read.fail("skipped_because", "only a skipped call has one");
    }
    const auto* because = read.object("skipped_because");
    if (because == nullptr) return false;
    json_fields fields{*because, error, "skipped_because."};
    return fields.optional_text("key", call.skipped_because_key) &&
           fields.optional_text("request_id", call.skipped_because_request_id);
}

}  // namespace

}  // namespace hotlive::detail

namespace hotlive {

void call_sequence::for_each_json(const std::function<void(std::string_view)>& visit) const {
    std::string line;  // reused: its memory is allocated once
    for_each([&](const call_result& call) {
        line.clear();
        detail::append_call_json(line, call);
        visit(line);
    });
}

}  // namespace hotlive

namespace hotlive::detail {

void append_call_json(std::string& out, const call_result& call) {
    json_fields_writer fields(out);
    visit_call_fields(call, fields);
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
    // Fields newer than hotlive.report/1's first readers: absent in older reports.
    std::uint64_t run_attempts = attempts;
    std::uint64_t throttled_attempts = 0;
    if (!((read.absent("run_attempts") ||
           read.whole("run_attempts", std::numeric_limits<std::uint32_t>::max(), run_attempts)) &&
          (read.absent("throttled_attempts") ||
           read.whole("throttled_attempts", std::numeric_limits<std::uint32_t>::max(), throttled_attempts)) &&
          (read.absent("parameters_digest") || read.optional_text("parameters_digest", call.parameters_digest)))) {
        return std::nullopt;
    }
    if (run_attempts > attempts) {
        read.fail("run_attempts", "more than the call's attempts across runs");
        return std::nullopt;
    }
    call.run_attempts = static_cast<std::uint32_t>(run_attempts);
    const auto parsed_status = parse_call_status(status);
    if (!parsed_status) {
        read.wrong("status", "succeeded, failed, not_started, cancelled or skipped", object->at("status"));
        return std::nullopt;
    }
    call.status = *parsed_status;
    if (!read_skipped_because(read, call, error)) return std::nullopt;
    call.attempts = static_cast<std::uint32_t>(attempts);
    call.ambiguous_attempts = static_cast<std::uint32_t>(ambiguous_attempts);
    call.throttled_attempts = static_cast<std::uint32_t>(throttled_attempts);
    call.http_status = static_cast<int>(http_status);
    return call;
}

}  // namespace hotlive::detail
