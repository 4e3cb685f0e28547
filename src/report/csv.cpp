// The CSV report: RFC 4180, one row per call under a header row, CRLF line ends.
#include "report/renderers.hpp"
#include "report/timestamp.hpp"
#include "text/json_text.hpp"
#include "text/utf8.hpp"

namespace hotlive::detail {
namespace {

// Operators open these files in spreadsheets, and codes, messages and request IDs come from a
// server: a cell such as "=HYPERLINK(...)" or "@SUM(...)" would run as a formula. A text field
// starting with a formula character gets a leading "'", which spreadsheets show as text
// (OWASP's "CSV Injection" advice). Numbers and times hotlive writes never start with one.
bool starts_like_formula(std::string_view text) {
    if (text.empty()) return false;
    switch (text.front()) {
        case '=':
        case '+':
        case '-':
        case '@':
        case '\t':
        case '\r':
            return true;
        default:
            return false;
    }
}

bool needs_quotes(std::string_view text) { return text.find_first_of(",\"\r\n") != std::string_view::npos; }

void append_text_field(std::string& out, std::string_view text) {
    const bool guard = starts_like_formula(text);
    const bool quote = needs_quotes(text);
    if (!guard && !quote) {
        append_valid_utf8(out, text);
        return;
    }
    if (quote) out.push_back('"');
    if (guard) out.push_back('\'');
    for (std::size_t start = 0;;) {
        const std::size_t quote_at = text.find('"', start);
        append_valid_utf8(out, text.substr(start, quote_at - start));
        if (quote_at == std::string_view::npos) break;
        out.append("\"\"");
        start = quote_at + 1;
    }
    if (quote) out.push_back('"');
}

void append_optional_text_field(std::string& out, const std::optional<std::string>& text) {
    if (text) append_text_field(out, *text);
}

void append_optional_time_field(std::string& out, const std::optional<wall_time>& t) {
    if (t) append_timestamp(out, *t);
}

}  // namespace

void render_csv(const report_view& r, report_output& output) {
    std::string& out = output.text;
    out.append(
        "key,domain,app,stream,region,status,attempts,ambiguous_attempts,http_status,code,message,request_id,"
        "first_attempt_at,finished_at,latency_ms\r\n");
    r.calls.for_each([&](const call_result& c) {
        append_text_field(out, c.key);
        out.push_back(',');
        append_text_field(out, c.domain);
        out.push_back(',');
        append_text_field(out, c.app);
        out.push_back(',');
        append_text_field(out, c.stream);
        out.push_back(',');
        append_text_field(out, c.region);
        out.push_back(',');
        out.append(to_string(c.status));
        out.push_back(',');
        append_unsigned(out, c.attempts);
        out.push_back(',');
        append_unsigned(out, c.ambiguous_attempts);
        out.push_back(',');
        append_signed(out, c.http_status);
        out.push_back(',');
        append_optional_text_field(out, c.code);
        out.push_back(',');
        append_optional_text_field(out, c.message);
        out.push_back(',');
        append_optional_text_field(out, c.request_id);
        out.push_back(',');
        append_optional_time_field(out, c.first_attempt_at);
        out.push_back(',');
        append_optional_time_field(out, c.finished_at);
        out.push_back(',');
        if (c.latency_ms) append_unsigned(out, *c.latency_ms);
        out.append("\r\n");
        output.pass_on_if_full();
    });
}

}  // namespace hotlive::detail
