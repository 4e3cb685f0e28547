// The Markdown report, for a runbook: what ran, the totals (and how the run paced itself when the
// account's quota was shared), the calls that are not warm and what to do about each error code.
// A skipped call counts under the code that condemned its scope.
#include "report/advice.hpp"
#include "report/pace_sentence.hpp"
#include "report/renderers.hpp"
#include "report/timestamp.hpp"
#include "text/json_text.hpp"
#include "text/utf8.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <vector>

namespace hotlive::detail {
namespace {

bool is_ascii_alphanumeric(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

// Whether the run of underscores text[begin, end) sits between two letters or digits, as in
// connect_refused: such a run can neither open nor close emphasis (CommonMark 6.2), so it needs no
// backslash, which `hotlive report` on a terminal would show as it is (connect\_refused).
bool is_intraword(std::string_view text, std::size_t begin, std::size_t end) {
    return begin > 0 && end < text.size() && is_ascii_alphanumeric(text[begin - 1]) && is_ascii_alphanumeric(text[end]);
}

// Text from a plan or a server inside a table cell. A "|" or a line break would end the cell or
// the row; Markdown punctuation and HTML are escaped so a message cannot turn into a link, an
// image or markup in a rendered runbook. Line breaks become <br>, which renderers of tables accept.
void append_cell(std::string& out, std::string_view text) {
    std::size_t pos = 0;
    while (pos < text.size()) {
        const char c = text[pos];
        switch (c) {
            case '_': {
                const std::size_t end = std::min(text.find_first_not_of('_', pos), text.size());
                const bool escaped = !is_intraword(text, pos, end);
                for (; pos < end; ++pos) out.append(escaped ? "\\_" : "_");
                continue;
            }
            case '\\':
            case '|':
            case '`':
            case '*':
            case '[':
            case ']':
            case '#':
            case '~':
            case '!':
                out.push_back('\\');
                out.push_back(c);
                break;
            case '<':
                out.append("&lt;");
                break;
            case '>':
                out.append("&gt;");
                break;
            case '&':
                out.append("&amp;");
                break;
            case '\r':
                if (pos + 1 < text.size() && text[pos + 1] == '\n') ++pos;
                out.append("<br>");
                break;
            case '\n':
                out.append("<br>");
                break;
            default: {
                const utf8_unit unit = decode_utf8(text, pos);
                if (!unit.valid) {
                    out.append(utf8_replacement);
                } else if (unit.code_point < 0x20 || unit.code_point == 0x7F) {
                    out.push_back(' ');  // other control characters would garble a terminal
                } else {
                    out.append(text.data() + pos, unit.length);
                }
                pos += unit.length;
                continue;
            }
        }
        ++pos;
    }
}

void append_count(std::string& out, std::uint64_t n) { append_unsigned(out, n); }

// "1 h 2 min 3.456 s", "850 ms".
void append_duration(std::string& out, std::chrono::milliseconds d) {
    using namespace std::chrono;
    if (d < milliseconds{0}) d = milliseconds{0};
    if (d < seconds{1}) {
        append_signed(out, d.count());
        out.append(" ms");
        return;
    }
    const auto h = duration_cast<hours>(d);
    const auto m = duration_cast<minutes>(d - h);
    const auto s = duration_cast<seconds>(d - h - m);
    if (h.count() > 0) {
        append_signed(out, h.count());
        out.append(" h ");
    }
    if (h.count() > 0 || m.count() > 0) {
        append_signed(out, m.count());
        out.append(" min ");
    }
    append_signed(out, s.count());
    out.append(" s");
}

void append_summary(std::string& out, const report_info& r) {
    out.append("# hotlive report: ");
    append_cell(out, r.plan);
    out.append("\n\n- Plan file: ");
    append_cell(out, r.source);
    out.append("\n- Endpoint: ");
    append_cell(out, r.endpoint);
    if (r.shard.count > 1) {
        out.append("\n- Shard: ");
        append_count(out, r.shard.index);
        out.append(" of ");
        append_count(out, r.shard.count);
    }
    out.append("\n- Started: ");
    if (r.started_at) {
        append_timestamp(out, *r.started_at);
    } else {
        out.append("not started");
    }
    out.append("\n- Finished: ");
    if (r.finished_at) {
        append_timestamp(out, *r.finished_at);
        if (r.started_at) {
            out.append(" (took ");
            append_duration(out, std::chrono::floor<std::chrono::milliseconds>(*r.finished_at - *r.started_at));
            out.push_back(')');
        }
    } else {
        out.append("not finished");
    }
    out.append("\n\n");
}

void append_totals(std::string& out, const report_totals& t) {
    out.append("| warm | failed | not started | cancelled | skipped | calls | attempts |\n");
    out.append("|---:|---:|---:|---:|---:|---:|---:|\n| ");
    for (const std::size_t n : {t.succeeded, t.failed, t.not_started, t.cancelled, t.skipped, t.calls}) {
        append_count(out, n);
        out.append(" | ");
    }
    append_count(out, t.attempts);
    out.append(" |\n\n");
}

void append_not_warm(report_output& output, const report_view& r, std::size_t not_warm) {
    std::string& out = output.text;
    if (not_warm == 0) {
        out.append("All ");
        append_count(out, r.calls.size());
        out.append(r.calls.size() == 1 ? " call is warm.\n" : " calls are warm.\n");
        return;
    }
    out.append("## Calls that are not warm (");
    append_count(out, not_warm);
    out.append(")\n\n| key | status | attempts | code | message | request id |\n|---|---|---:|---|---|---|\n");
    r.calls.for_each([&](const call_result& c) {
        if (c.status == call_status::succeeded) return;
        out.append("| ");
        append_cell(out, c.key);
        out.append(" | ");
        out.append(to_string(c.status));  // ours, and an intraword '_' is not emphasis
        out.append(" | ");
        append_count(out, c.attempts);
        if (c.throttled_attempts > 0) {
            out.append(" (");
            append_count(out, c.throttled_attempts);
            out.append(" throttled)");
        }
        out.append(" | ");
        if (c.code) append_cell(out, *c.code);
        out.append(" | ");
        if (c.message) append_cell(out, *c.message);
        if (c.status == call_status::skipped && c.skipped_because_key) {
            out.append(c.message ? " (skipped because of " : "(skipped because of ");
            append_cell(out, *c.skipped_because_key);
            if (c.skipped_because_request_id) {
                out.append(", request id ");
                append_cell(out, *c.skipped_because_request_id);
            }
            out.push_back(')');
        }
        out.append(" | ");
        if (c.request_id) append_cell(out, *c.request_id);
        out.append(" |\n");
        output.pass_on_if_full();
    });
}

// One row per code among the calls that are not warm, the most frequent first.
void append_what_to_do(std::string& out, const report_view& r, const report_totals& t) {
    std::map<std::string, std::size_t, std::less<>> by_code;
    r.calls.for_each([&](const call_result& c) {
        if (c.status != call_status::succeeded && c.code) ++by_code[*c.code];
    });
    std::vector<std::pair<std::string_view, std::size_t>> codes(by_code.begin(), by_code.end());
    std::stable_sort(codes.begin(), codes.end(), [](const auto& a, const auto& b) { return a.second > b.second; });

    const std::size_t unsent = t.not_started + t.cancelled;
    if (codes.empty() && unsent == 0 && t.skipped == 0) return;
    out.append("\n## What to do\n\n");
    if (!codes.empty()) {
        out.append("| code | calls | what to do |\n|---|---:|---|\n");
        for (const auto& [code, count] : codes) {
            out.append("| ");
            append_cell(out, code);
            out.append(" | ");
            append_count(out, count);
            out.append(" | ");
            const auto advice = advice_for(code);
            out.append(advice ? *advice
                              : "no advice for this code: read the message, and quote the request id to "
                                "Alibaba Cloud support");
            out.append(" |\n");
        }
        out.push_back('\n');
    }
    if (unsent > 0) {
        append_count(out, unsent);
        out.append(unsent == 1 ? " call was" : " calls were");
        out.append(
            " not started or cancelled (the run was interrupted or hit its deadline): run "
            "`hotlive run --resume REPORT` to send only those that are not warm.\n");
    }
    if (t.skipped > 0) {
        if (unsent > 0) out.push_back('\n');
        append_count(out, t.skipped);
        out.append(t.skipped == 1 ? " call was" : " calls were");
        out.append(
            " skipped, not sent: an answer to another call showed that its account, domain or region cannot warm "
            "(each names that call; they are counted under its code above). Once the cause is fixed, `hotlive run "
            "--resume REPORT` sends them.\n");
    }
}

}  // namespace

void render_markdown(const report_view& r, report_output& output) {
    const report_totals& totals = r.totals;
    append_summary(output.text, r);
    append_totals(output.text, totals);
    if (const auto pace = pace_sentence(r.pace, totals.throttled_attempts); !pace.empty()) {
        output.text.append(pace);  // ours: nothing in it is Markdown
        output.text.append("\n\n");
    }
    append_not_warm(output, r, totals.calls - totals.succeeded);
    append_what_to_do(output.text, r, totals);
}

}  // namespace hotlive::detail
