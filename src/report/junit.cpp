// The JUnit XML report, for CI systems: one testcase per call, a <failure> for a failed call,
// <skipped> for one not started, cancelled or skipped (its scope condemned by another call's
// answer: the message names that call).
#include "report/renderers.hpp"
#include "report/status_word.hpp"
#include "text/json_text.hpp"
#include "text/utf8.hpp"

#include <algorithm>
#include <chrono>

namespace hotlive::detail {
namespace {

// XML 1.0 allows tab, LF, CR and code points from U+0020 except surrogates (invalid UTF-8 here
// anyway), U+FFFE and U+FFFF. Anything else would make the document ill-formed, so it becomes U+FFFD.
bool allowed_in_xml(char32_t c) {
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
}

// In an attribute, tab, LF and CR are written as references: a parser would turn them into
// spaces (attribute-value normalization). In text, CR is: a parser would drop it from CRLF.
void append_xml_escaped(std::string& out, std::string_view text, bool attribute) {
    std::size_t pos = 0;
    while (pos < text.size()) {
        const char c = text[pos];
        switch (c) {
            case '&':
                out.append("&amp;");
                break;
            case '<':
                out.append("&lt;");
                break;
            case '>':
                out.append("&gt;");
                break;
            case '"':
                out.append("&quot;");
                break;
            case '\'':
                out.append("&apos;");
                break;
            case '\t':
                out.append(attribute ? "&#9;" : "\t");
                break;
            case '\n':
                out.append(attribute ? "&#10;" : "\n");
                break;
            case '\r':
                out.append("&#13;");
                break;
            default: {
                const utf8_unit unit = decode_utf8(text, pos);
                if (unit.valid && allowed_in_xml(unit.code_point)) {
                    out.append(text.data() + pos, unit.length);
                } else {
                    out.append(utf8_replacement);
                }
                pos += unit.length;
                continue;
            }
        }
        ++pos;
    }
}

void append_attribute(std::string& out, std::string_view name, std::string_view value) {
    out.push_back(' ');
    out.append(name);
    out.append("=\"");
    append_xml_escaped(out, value, true);
    out.push_back('"');
}

void append_number_attribute(std::string& out, std::string_view name, std::uint64_t value) {
    out.push_back(' ');
    out.append(name);
    out.append("=\"");
    append_unsigned(out, value);
    out.push_back('"');
}

// Seconds with milliseconds, "12.345", as JUnit's time attributes want.
void append_seconds_attribute(std::string& out, std::chrono::milliseconds duration) {
    const auto ms = static_cast<std::uint64_t>(std::max<std::chrono::milliseconds::rep>(duration.count(), 0));
    out.append(" time=\"");
    append_unsigned(out, ms / 1000);
    out.push_back('.');
    const auto fraction = ms % 1000;
    if (fraction < 100) out.push_back('0');
    if (fraction < 10) out.push_back('0');
    append_unsigned(out, fraction);
    out.push_back('"');
}

// A call's duration: first attempt to finish (retries and backoff included) when both are
// known, else the last attempt's latency, else zero.
std::chrono::milliseconds call_duration(const call_result& c) {
    using namespace std::chrono;
    if (c.first_attempt_at && c.finished_at) return floor<milliseconds>(*c.finished_at - *c.first_attempt_at);
    if (c.latency_ms) return milliseconds{static_cast<milliseconds::rep>(*c.latency_ms)};
    return milliseconds{0};
}

// "CODE: MESSAGE", or whichever of them exists.
std::string code_and_message(const call_result& c) {
    std::string text;
    if (c.code) text.append(*c.code);
    if (c.code && c.message) text.append(": ");
    if (c.message) text.append(*c.message);
    return text;
}

void append_failure(std::string& out, const call_result& c) {
    std::string message = code_and_message(c);
    if (message.empty()) message = "failed";
    out.append("      <failure");
    append_attribute(out, "message", message);
    append_attribute(out, "type", c.code ? std::string_view(*c.code) : std::string_view("failed"));
    out.append(">");
    std::string details = "key: ";
    details.append(c.key);
    details.append("\nattempts: ");
    append_unsigned(details, c.attempts);
    if (c.ambiguous_attempts > 0 || c.throttled_attempts > 0) {
        details.append(" (");
        if (c.ambiguous_attempts > 0) {
            append_unsigned(details, c.ambiguous_attempts);
            details.append(" ambiguous: sent, outcome unknown");
        }
        if (c.ambiguous_attempts > 0 && c.throttled_attempts > 0) details.append("; ");
        if (c.throttled_attempts > 0) {
            append_unsigned(details, c.throttled_attempts);
            details.append(" throttled: answered too fast");
        }
        details.push_back(')');
    }
    details.append("\nhttp status: ");
    if (c.http_status == 0) {
        details.append("none (no response)");
    } else {
        append_signed(details, c.http_status);
    }
    details.append("\nrequest id: ");
    details.append(c.request_id ? std::string_view(*c.request_id) : std::string_view("none"));
    details.push_back('\n');
    append_xml_escaped(out, details, false);
    out.append("</failure>\n");
}

// "skipped: CODE: MESSAGE (because of KEY, request id ID)", "cancelled: deadline: …", "not started".
void append_skipped(std::string& out, const call_result& c) {
    std::string message{status_word(c.status)};  // a JUnit skip: not started, cancelled or skipped
    const std::string reason = code_and_message(c);
    if (!reason.empty()) {
        message.append(": ");
        message.append(reason);
    }
    if (c.status == call_status::skipped && c.skipped_because_key) {
        message.append(" (because of ");
        message.append(*c.skipped_because_key);
        if (c.skipped_because_request_id) {
            message.append(", request id ");
            message.append(*c.skipped_because_request_id);
        }
        message.push_back(')');
    }
    if (c.throttled_attempts > 0) {  // a call cancelled while the service kept saying "too fast"
        message.append(" (");
        append_unsigned(message, c.throttled_attempts);
        message.append(c.throttled_attempts == 1 ? " attempt throttled)" : " attempts throttled)");
    }
    out.append("      <skipped");
    append_attribute(out, "message", message);
    out.append("/>\n");
}

}  // namespace

void render_junit(const report_view& r, report_output& output) {
    std::string& out = output.text;
    const report_totals& totals = r.totals;
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites");
    append_attribute(out, "name", "hotlive");
    append_number_attribute(out, "tests", totals.calls);
    append_number_attribute(out, "failures", totals.failed);
    append_number_attribute(out, "errors", 0);
    append_number_attribute(out, "skipped", totals.not_started + totals.cancelled + totals.skipped);
    out.append(">\n  <testsuite");
    append_attribute(out, "name", r.plan);
    append_number_attribute(out, "tests", totals.calls);
    append_number_attribute(out, "failures", totals.failed);
    append_number_attribute(out, "errors", 0);
    append_number_attribute(out, "skipped", totals.not_started + totals.cancelled + totals.skipped);
    if (r.started_at && r.finished_at) {
        append_seconds_attribute(out, std::chrono::floor<std::chrono::milliseconds>(*r.finished_at - *r.started_at));
    }
    out.append(">\n");

    std::string classname;
    r.calls.for_each([&](const call_result& c) {
        classname.assign(c.domain);
        classname.push_back('/');
        classname.append(c.app);
        classname.push_back('/');
        classname.append(c.stream);
        out.append("    <testcase");
        append_attribute(out, "classname", classname);
        append_attribute(out, "name", c.region);
        append_seconds_attribute(out, call_duration(c));
        switch (c.status) {
            case call_status::succeeded:
                out.append("/>\n");
                break;
            case call_status::failed:
                out.append(">\n");
                append_failure(out, c);
                out.append("    </testcase>\n");
                break;
            case call_status::not_started:
            case call_status::cancelled:
            case call_status::skipped:
                out.append(">\n");
                append_skipped(out, c);
                out.append("    </testcase>\n");
                break;
        }
        output.pass_on_if_full();
    });
    out.append("  </testsuite>\n</testsuites>\n");
}

}  // namespace hotlive::detail
