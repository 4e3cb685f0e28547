// Reads a JSON report back. The file is parsed with Boost.JSON's SAX parser: the top-level
// fields become a small DOM, but each element of "calls" is built, checked and converted on its
// own and then dropped, so reading a million calls never holds their DOM at once.
#include "hotlive/report_reader.hpp"
#include "report/call_json.hpp"
#include "report/file_io.hpp"
#include "report/json_fields.hpp"
#include "report/report_fields.hpp"
#include "text/json_text.hpp"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/value_stack.hpp>

#include <limits>

namespace hotlive {
namespace {

using boost::json::error_code;
using boost::json::string_view;

constexpr std::string_view schema_name = "hotlive.report/1";

std::string_view view(string_view s) { return {s.data(), s.size()}; }

// The SAX handler. `top_` builds the document without the elements of the top-level "calls"
// array; those go one at a time through `call_`.
class report_handler {
public:
    static constexpr std::size_t max_array_size = std::numeric_limits<std::size_t>::max();
    static constexpr std::size_t max_object_size = std::numeric_limits<std::size_t>::max();
    static constexpr std::size_t max_string_size = std::numeric_limits<std::size_t>::max();
    static constexpr std::size_t max_key_size = std::numeric_limits<std::size_t>::max();

    bool on_document_begin(error_code&) {
        top_.reset();
        return true;
    }
    bool on_document_end(error_code&) { return true; }

    bool on_object_begin(error_code&) { return open_container(); }
    bool on_object_end(std::size_t n, error_code& ec) {
        --depth_;
        target().push_object(n);
        return value_done(ec);
    }

    bool on_array_begin(error_code& ec) {
        if (depth_ == 1 && !in_calls_ && key_ == "calls") {
            if (saw_calls_) return fail(ec, "\"calls\" appears twice");
            saw_calls_ = in_calls_ = true;
            ++depth_;
            return true;
        }
        return open_container();
    }
    bool on_array_end(std::size_t n, error_code& ec) {
        --depth_;
        if (in_calls_ && depth_ == 1) {
            in_calls_ = false;
            top_.push_array(0);  // a placeholder; the calls are in calls_
            return value_done(ec);
        }
        target().push_array(n);
        return value_done(ec);
    }

    bool on_key_part(string_view s, std::size_t, error_code&) {
        if (at_top_level()) append_part(key_, key_partial_, s);
        target().push_chars(s);
        return true;
    }
    bool on_key(string_view s, std::size_t, error_code&) {
        if (at_top_level()) {
            append_part(key_, key_partial_, s);
            key_partial_ = false;
        }
        target().push_key(s);
        return true;
    }

    bool on_string_part(string_view s, std::size_t, error_code&) {
        value_starts();
        if (at_top_level()) append_part(text_, text_partial_, s);
        target().push_chars(s);
        return true;
    }
    bool on_string(string_view s, std::size_t, error_code& ec) {
        value_starts();
        if (at_top_level()) {
            append_part(text_, text_partial_, s);
            text_partial_ = false;
            // Checked at once, so a JSON file of another kind is named as such before its
            // "calls" (if any) are judged as ours.
            if (key_ == "schema") {
                saw_schema_ = true;
                if (text_ != schema_name) return fail(ec, schema_problem(text_));
            }
        }
        target().push_string(s);
        return value_done(ec);
    }

    bool on_number_part(string_view, error_code&) { return true; }
    bool on_int64(std::int64_t i, string_view, error_code& ec) {
        value_starts();
        target().push_int64(i);
        return value_done(ec);
    }
    bool on_uint64(std::uint64_t u, string_view, error_code& ec) {
        value_starts();
        target().push_uint64(u);
        return value_done(ec);
    }
    bool on_double(double d, string_view, error_code& ec) {
        value_starts();
        target().push_double(d);
        return value_done(ec);
    }
    bool on_bool(bool b, error_code& ec) {
        value_starts();
        target().push_bool(b);
        return value_done(ec);
    }
    bool on_null(error_code& ec) {
        value_starts();
        target().push_null();
        return value_done(ec);
    }
    bool on_comment_part(string_view, error_code&) { return true; }
    bool on_comment(string_view, error_code&) { return true; }

    static std::string schema_problem(std::string_view found) {
        std::string text = "not a hotlive.report/1 file: its \"schema\" is ";
        detail::append_json_string(text, found);
        return text;
    }

    explicit report_handler(const report_call_visitor& visit) : visit_(visit) {}

    boost::json::value release_top() { return top_.release(); }
    [[nodiscard]] const report_totals& totals() const { return totals_; }
    [[nodiscard]] const std::string& error() const { return error_; }
    [[nodiscard]] bool saw_schema() const { return saw_schema_; }

private:
    [[nodiscard]] bool at_top_level() const { return depth_ == 1 && !in_calls_; }
    boost::json::value_stack& target() { return in_calls_ ? call_ : top_; }

    static void append_part(std::string& into, bool& partial, string_view s) {
        if (!partial) into.clear();
        partial = true;
        into.append(s.data(), s.size());
    }

    // Called before any value; an element of "calls" starts a fresh stack.
    void value_starts() {
        if (in_calls_ && depth_ == 2 && !element_open_) {
            call_.reset();
            element_open_ = true;
        }
    }

    bool open_container() {
        value_starts();
        ++depth_;
        return true;
    }

    // Called after any complete value; a complete element of "calls" is converted.
    bool value_done(error_code& ec) {
        if (!in_calls_ || depth_ != 2) return true;
        element_open_ = false;
        const boost::json::value element = call_.release();
        std::string problem;
        auto call = detail::call_from_json(element, problem);
        if (!call) {
            std::string where = "calls[";
            detail::append_unsigned(where, calls_read_);
            where.push_back(']');
            if (const auto* object = element.if_object()) {
                if (const auto* key = object->if_contains("key"); key != nullptr && key->is_string()) {
                    where.append(" (");
                    where.append(view(key->get_string()));
                    where.push_back(')');
                }
            }
            where.append(": ");
            where.append(problem);
            return fail(ec, where);
        }
        totals_.add(*call);
        ++calls_read_;
        if (!visit_(std::move(*call), problem)) return fail(ec, problem);
        return true;
    }

    bool fail(error_code& ec, std::string message) {
        error_ = std::move(message);
        ec = boost::json::error::exception;  // any failure stops the parser; error_ says which
        return false;
    }

    boost::json::value_stack top_;
    boost::json::value_stack call_;
    std::size_t depth_ = 0;  // containers open
    bool in_calls_ = false;
    bool saw_calls_ = false;
    bool element_open_ = false;
    bool saw_schema_ = false;
    std::string key_;  // the current key of the top-level object
    bool key_partial_ = false;
    std::string text_;  // the current string value of the top-level object
    bool text_partial_ = false;
    const report_call_visitor& visit_;
    report_totals totals_;
    std::size_t calls_read_ = 0;
    std::string error_;
};

// Tracks the line and column of the parser's position, for syntax errors.
struct text_position {
    std::size_t line = 1;
    std::size_t column = 1;

    void advance(std::string_view consumed) {
        for (const char c : consumed) {
            if (c == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
    }
};

report_read_result failure(const std::filesystem::path& path, std::string_view where, std::string_view message) {
    report_read_result result;
    result.error = path.string();
    result.error.append(where);
    result.error.append(": ");
    result.error.append(message);
    return result;
}

std::string line_column(const text_position& at) {
    std::string text = ":";
    detail::append_unsigned(text, at.line);
    text.push_back(':');
    detail::append_unsigned(text, at.column);
    return text;
}

// Whether `text` (after the document) is whitespace only; `at` ends on the first other character.
bool only_whitespace(std::string_view text, text_position& at) {
    for (const char c : text) {
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
        at.advance({&c, 1});
    }
    return true;
}

}  // namespace

report_read_result read_report(const std::filesystem::path& path) {
    std::vector<call_result> calls;
    auto read = read_report(path, [&](call_result&& call, std::string&) {
        calls.push_back(std::move(call));
        return true;
    });
    if (read.value) read.value->calls = std::move(calls);
    return read;
}

report_read_result read_report(const std::filesystem::path& path, const report_call_visitor& visit) {
    detail::file_chunks file{path};
    if (!file.error().empty()) return {std::nullopt, file.error()};

    boost::json::basic_parser<report_handler> parser{boost::json::parse_options{}, visit};
    text_position at;
    bool empty = true;
    error_code ec;
    for (;;) {
        std::string_view chunk = file.next();
        if (!file.error().empty()) return {std::nullopt, file.error()};
        const bool more = !chunk.empty();
        if (more) empty = false;
        if (parser.done()) {
            if (!only_whitespace(chunk, at)) return failure(path, line_column(at), "unexpected text after the report");
            if (!more) break;
            continue;
        }
        const std::size_t used = parser.write_some(more, chunk.data(), chunk.size(), ec);
        at.advance(chunk.substr(0, used));
        if (ec) {
            if (!parser.handler().error().empty()) return failure(path, line_column(at), parser.handler().error());
            if (empty) return failure(path, "", "empty file, not a JSON report");
            std::string reason = "not valid JSON: ";
            reason.append(ec.message());
            return failure(path, line_column(at), reason);
        }
        // The document may end inside this chunk.
        if (!only_whitespace(chunk.substr(used), at)) {
            return failure(path, line_column(at), "unexpected text after the report");
        }
        if (!more) break;
    }

    const boost::json::value top = parser.handler().release_top();
    const auto* object = top.if_object();
    if (object == nullptr) {
        std::string reason = "not a hotlive report: the document is ";
        reason.append(detail::describe_json_kind(top));
        reason.append(", not an object");
        return failure(path, "", reason);
    }
    if (!parser.handler().saw_schema()) {
        if (const auto* schema = object->if_contains("schema")) {
            std::string reason = "not a hotlive.report/1 file: its \"schema\" is ";
            reason.append(detail::describe_json_kind(*schema));
            return failure(path, "", reason);
        }
        return failure(path, "", "not a hotlive report: it has no \"schema\" field");
    }

    report r;
    std::string problem;
    if (!detail::read_report_fields(*object, r, problem)) return failure(path, "", problem);
    if (!detail::check_report_totals(*object, parser.handler().totals(), problem)) return failure(path, "", problem);
    return {std::move(r), {}};
}

}  // namespace hotlive
