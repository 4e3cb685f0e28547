// The CSV report: RFC 4180, one row per call under a header row, CRLF line ends. A skipped
// call's skipped_because is two columns, skipped_because_key and skipped_because_request_id.
#include "report/call_fields.hpp"
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

// Writes a row's fields, comma-separated; absent optionals as empty fields.
class csv_fields_writer {
public:
    explicit csv_fields_writer(std::string& out) : out_(out) {}

    void operator()(std::string_view /*name*/, const std::string& value) {
        separate();
        append_text_field(out_, value);
    }
    void operator()(std::string_view /*name*/, call_status value) {
        separate();
        out_.append(to_string(value));
    }
    void operator()(std::string_view /*name*/, std::uint32_t value) {
        separate();
        append_unsigned(out_, value);
    }
    void operator()(std::string_view /*name*/, int value) {
        separate();
        append_signed(out_, value);
    }
    void operator()(std::string_view /*name*/, const std::optional<std::string>& value) {
        separate();
        if (value) append_text_field(out_, *value);
    }
    void operator()(std::string_view /*name*/, const std::optional<wall_time>& value) {
        separate();
        if (value) append_timestamp(out_, *value);
    }
    void operator()(std::string_view /*name*/, const std::optional<std::uint64_t>& value) {
        separate();
        if (value) append_unsigned(out_, *value);
    }
    void operator()(std::string_view name, const skipped_because_fields& value) {
        (*this)(name, *value.key);
        (*this)(name, *value.request_id);
    }

private:
    void separate() {
        if (!first_) out_.push_back(',');
        first_ = false;
    }

    std::string& out_;
    bool first_ = true;
};

// The header row: the same fields' names.
class csv_header_writer {
public:
    explicit csv_header_writer(std::string& out) : out_(out) {}

    template <typename Value>
    void operator()(std::string_view name, const Value& /*value*/) {
        if (!first_) out_.push_back(',');
        first_ = false;
        out_.append(name);
    }
    void operator()(std::string_view /*name*/, const skipped_because_fields& /*value*/) {
        (*this)("skipped_because_key", 0);
        (*this)("skipped_because_request_id", 0);
    }

private:
    std::string& out_;
    bool first_ = true;
};

}  // namespace

void render_csv(const report_view& r, report_output& output) {
    std::string& out = output.text;
    csv_header_writer header(out);
    visit_call_fields(call_result{}, header);
    out.append("\r\n");
    r.calls.for_each([&](const call_result& c) {
        csv_fields_writer row(out);
        visit_call_fields(c, row);
        out.append("\r\n");
        output.pass_on_if_full();
    });
}

}  // namespace hotlive::detail
