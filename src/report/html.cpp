// The HTML report, for the wall screen before the show: one self-contained page (inline CSS, no
// script, a Content-Security-Policy that forbids fetching anything) with the totals as big
// numbers (and how the run paced itself when the account's quota was shared), the failures
// grouped by code with what to do (a skipped call under the code that condemned its scope), then
// the streams × regions grid coloured by status with each call's details on hover. The failures
// come first, and the grid's columns are narrow enough for the 35 provinces and some countries in
// a 1400-pixel window, so that no failure needs a horizontal scroll to be seen.
//
// The calls are read in two passes and never held: the first collects the grid's rows and
// columns and the failure groups (names, counts and a few keys), the second writes one cell per
// call. Cells are placed by CSS grid coordinates rather than by their order, so the calls of a
// stream need not be adjacent (a merged or resumed report).
#include "hotlive/regions.hpp"
#include "report/advice.hpp"
#include "report/pace_sentence.hpp"
#include "report/renderers.hpp"
#include "report/status_word.hpp"
#include "report/timestamp.hpp"
#include "text/json_text.hpp"
#include "text/utf8.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace hotlive::detail {
namespace {

constexpr std::size_t no_limit = std::numeric_limits<std::size_t>::max();
constexpr std::size_t max_message_bytes = 300;  // of a server's message in a cell's details
constexpr std::size_t max_keys_per_group = 12;
constexpr std::size_t max_groups = 50;  // further codes share one "other codes" group

// Text from the report (a plan's names, a server's code and message) in element content or in a
// double-quoted attribute. Control characters other than tab and line breaks, and invalid UTF-8,
// become U+FFFD; a text longer than `limit` bytes is cut at a character boundary and ends in "…".
void append_html(std::string& out, std::string_view text, std::size_t limit = no_limit) {
    std::size_t pos = 0;
    while (pos < text.size()) {
        if (pos >= limit) {
            out.append("\xE2\x80\xA6");  // U+2026
            return;
        }
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
                out.append("&#39;");
                break;
            case '\t':
            case '\n':
            case '\r':
                out.push_back(c);
                break;
            default: {
                const utf8_unit unit = decode_utf8(text, pos);
                if (unit.valid && unit.code_point >= 0x20 && unit.code_point != 0x7F) {
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

// Advice is ours, with Markdown code spans for commands: they become <code>.
void append_advice(std::string& out, std::string_view advice) {
    bool in_code = false;
    for (std::size_t tick = 0; (tick = advice.find('`')) != std::string_view::npos; advice.remove_prefix(tick + 1)) {
        append_html(out, advice.substr(0, tick));
        out.append(in_code ? "</code>" : "<code>");
        in_code = !in_code;
    }
    append_html(out, advice);
    if (in_code) out.append("</code>");
}

// Shown in each cell beside its colour, so colour is not the only signal.
std::string_view status_symbol(call_status s) {
    switch (s) {
        case call_status::succeeded:
            return "\xE2\x9C\x93";  // ✓
        case call_status::failed:
            return "\xE2\x9C\x97";  // ✗
        case call_status::not_started:
            return "\xE2\x97\x8B";  // ○
        case call_status::cancelled:
            return "\xE2\x8A\x98";  // ⊘
        case call_status::skipped:
            return "\xE2\x86\xB7";  // ↷
    }
    return "";
}

// One key per (domain, app, stream), length-prefixed so that no two distinct triples collide.
void stream_key(std::string& key, const call_result& c) {
    key.clear();
    for (const std::string* part : {&c.domain, &c.app, &c.stream}) {
        append_unsigned(key, part->size());
        key.push_back(':');
        key.append(*part);
    }
}

struct grid_row {
    std::string domain;
    std::string app;
    std::string stream;
};

struct grid_column {
    std::string region;
    std::size_t order = 0;  // the region's place in the API reference, unknown codes after
};

// Calls not warm that share a code (or failed without one, or overflowed max_groups). A skipped
// call counts under the code that condemned its scope.
struct failure_group {
    enum class kind { code, no_code, other_codes } type = kind::code;
    std::string code;
    std::size_t count = 0;
    std::size_t skipped = 0;             // of `count`
    int http_status = 0;                 // of the first call, a failed one when there is one
    std::optional<std::string> message;  // of the same call
    bool said_by_failed_call = false;    // whether they are a failed call's
    std::vector<std::string> keys;       // the first max_keys_per_group
};

// What the first pass learns: the grid's axes and the failure groups.
struct layout {
    std::unordered_map<std::string, std::uint32_t> row_of;     // stream_key → grid row (from 0)
    std::vector<grid_row> rows;                                // in plan order
    std::unordered_map<std::string, std::uint32_t> column_of;  // region → grid column (from 0)
    std::vector<grid_column> columns;                          // sorted by order
    bool one_domain_and_app = true;                            // rows show only the stream then
    std::unordered_map<std::string, std::size_t> group_of_code;
    std::vector<failure_group> groups;
    std::size_t unsent_without_code = 0;  // not started or cancelled, nothing to group by
    std::size_t skipped = 0;
};

failure_group& group_for(layout& l, const call_result& c) {
    const auto add = [&](failure_group::kind type, std::string code) -> failure_group& {
        failure_group& g = l.groups.emplace_back();
        g.type = type;
        g.code = std::move(code);
        g.http_status = c.http_status;
        g.message = c.message;
        return g;
    };
    if (!c.code) {
        for (auto& g : l.groups) {
            if (g.type == failure_group::kind::no_code) return g;
        }
        return add(failure_group::kind::no_code, {});
    }
    if (const auto found = l.group_of_code.find(*c.code); found != l.group_of_code.end()) {
        return l.groups[found->second];
    }
    if (l.group_of_code.size() < max_groups) {
        l.group_of_code.emplace(*c.code, l.groups.size());
        return add(failure_group::kind::code, *c.code);
    }
    for (auto& g : l.groups) {
        if (g.type == failure_group::kind::other_codes) return g;
    }
    return add(failure_group::kind::other_codes, {});
}

layout collect_layout(const call_sequence& calls) {
    layout l;
    std::string key;
    calls.for_each([&](const call_result& c) {
        stream_key(key, c);
        if (l.row_of.try_emplace(key, static_cast<std::uint32_t>(l.rows.size())).second) {
            if (!l.rows.empty() && (c.domain != l.rows.front().domain || c.app != l.rows.front().app)) {
                l.one_domain_and_app = false;
            }
            l.rows.push_back({c.domain, c.app, c.stream});
        }
        if (l.column_of.try_emplace(c.region, 0).second) {  // numbered once sorted
            const auto index = find_region(c.region);
            const bool known = index && region_at(*index).code == c.region;
            l.columns.push_back({c.region, known ? *index : all_regions().size() + l.columns.size()});
        }
        if (c.status == call_status::succeeded) return;
        if ((c.status == call_status::not_started || c.status == call_status::cancelled) && !c.code) {
            ++l.unsent_without_code;
            return;
        }
        failure_group& g = group_for(l, c);
        ++g.count;
        if (c.status == call_status::skipped) {
            ++g.skipped;
            ++l.skipped;
        }
        // A failed call's answer says more than a skipped call's copy of one (no HTTP status).
        if (c.status == call_status::failed && !g.said_by_failed_call) {
            g.said_by_failed_call = true;
            g.http_status = c.http_status;
            g.message = c.message;
        }
        if (g.keys.size() < max_keys_per_group) g.keys.push_back(c.key);
    });
    std::sort(l.columns.begin(), l.columns.end(), [](const auto& a, const auto& b) { return a.order < b.order; });
    for (std::size_t i = 0; i < l.columns.size(); ++i) {
        l.column_of[l.columns[i].region] = static_cast<std::uint32_t>(i);
    }
    std::stable_sort(l.groups.begin(), l.groups.end(), [](const auto& a, const auto& b) { return a.count > b.count; });
    return l;
}

// Dark for a screen on the wall, light on paper; status colours chosen for white (or, on amber,
// black) symbols at a contrast of at least 4.5:1.
constexpr std::string_view style = R"(
:root{color-scheme:dark;--bg:#0d1117;--fg:#f0f6fc;--muted:#9198a1;--line:#30363d;--panel:#161b22;
--succeeded:#1a7f37;--failed:#cf222e;--not_started:#6e7781;--cancelled:#d4a72c;--skipped:#8250df}
*{box-sizing:border-box}
html{font-size:18px}
body{margin:0;padding:1.5rem 2rem;background:var(--bg);color:var(--fg);
font-family:system-ui,"DejaVu Sans","Segoe UI",sans-serif;line-height:1.35}
h1{font-size:2.2rem;margin:0 0 .25rem}
h2{font-size:1.5rem;margin:2rem 0 .75rem}
code{font-family:"DejaVu Sans Mono",ui-monospace,monospace;font-size:.9em;background:var(--panel);
padding:0 .25em;border-radius:3px}
.meta{display:flex;flex-wrap:wrap;gap:.25rem 2rem;margin:.5rem 0 0;color:var(--muted)}
.meta dt{display:inline;font-weight:600}.meta dd{display:inline;margin:0 0 0 .4em;color:var(--fg)}
.verdict{display:inline-block;font-size:1.6rem;font-weight:700;padding:.3rem 1rem;border-radius:6px;
margin:1rem 0 0}
.verdict.ok{background:var(--succeeded)}.verdict.bad{background:var(--failed)}
.totals{display:flex;flex-wrap:wrap;gap:1rem;margin:1.25rem 0 0}
.total{min-width:9rem;padding:.6rem 1rem;border-radius:8px;background:var(--panel)}
.total b{display:block;font-size:3rem;line-height:1.1;font-variant-numeric:tabular-nums}
.total span{font-size:1.05rem;font-weight:600}
.pace{margin:1rem 0 0;font-size:1.1rem}
.legend{display:flex;flex-wrap:wrap;gap:1.5rem;margin:0 0 .75rem;color:var(--muted)}
.legend i{display:inline-block;width:1.6em;text-align:center;font-style:normal;border-radius:3px;margin-right:.4em}
.grid{display:grid;gap:2px;width:max-content}
.grid>div{min-height:2.1rem;display:flex;align-items:center;justify-content:center}
.grid>.corner{grid-area:1/1;position:sticky;top:0;left:0;z-index:3;background:var(--bg);justify-content:flex-start;
color:var(--muted)}
.grid>.col{grid-row:1;position:sticky;top:0;z-index:2;background:var(--bg);font-weight:700;font-size:.65rem;overflow:hidden}
.grid>.row{grid-column:1;position:sticky;left:0;z-index:1;background:var(--bg);justify-content:flex-start;
padding-right:1rem;font-weight:600;white-space:nowrap;max-width:10rem;overflow:hidden}
.row small{color:var(--muted);font-weight:400}
.grid>[data-status]{border-radius:3px;font-size:1rem;font-weight:700;cursor:default}
.status-succeeded{background:var(--succeeded);color:#fff}
.status-failed{background:var(--failed);color:#fff}
.status-not_started{background:var(--not_started);color:#fff}
.status-cancelled{background:var(--cancelled);color:#000}
.status-skipped{background:var(--skipped);color:#fff}
.grid>[data-status]:hover{outline:3px solid var(--fg);outline-offset:-1px}
.cause{background:var(--panel);border-left:.4rem solid var(--failed);border-radius:6px;padding:.75rem 1rem;
margin:0 0 1rem;break-inside:avoid}
.cause h3{margin:0;font-size:1.3rem}.cause h3 span{color:var(--muted);font-weight:400;margin-left:.5rem}
.cause p{margin:.4rem 0}.cause .said{color:var(--muted)}
.cause ul{margin:.4rem 0 0;padding-left:1.25rem;columns:2 28rem;font-size:.9rem}
.cause li.more{list-style:none;color:var(--muted)}
@media print{:root{color-scheme:light;--bg:#fff;--fg:#000;--muted:#444;--line:#999;--panel:#f3f3f3}
html{font-size:11pt}body{padding:0}*{print-color-adjust:exact;-webkit-print-color-adjust:exact}
.grid>.corner,.grid>.col,.grid>.row{position:static}}
)";

void append_time(std::string& out, const std::optional<wall_time>& t, std::string_view absent) {
    if (t) {
        append_timestamp(out, *t);
    } else {
        out.append(absent);
    }
}

void append_header(std::string& out, const report_info& r, const report_totals& t) {
    out.append("<header>\n<h1>hotlive report: ");
    append_html(out, r.plan);
    out.append("</h1>\n<dl class=\"meta\"><div><dt>Plan file</dt><dd>");
    append_html(out, r.source);
    out.append("</dd></div><div><dt>Endpoint</dt><dd>");
    append_html(out, r.endpoint);
    out.append("</dd></div><div><dt>Started</dt><dd>");
    append_time(out, r.started_at, "not started");
    out.append("</dd></div><div><dt>Finished</dt><dd>");
    append_time(out, r.finished_at, "not finished");
    out.append("</dd></div>");
    if (r.shard.count > 1) {
        out.append("<div><dt>Shard</dt><dd>");
        append_unsigned(out, r.shard.index);
        out.append(" of ");
        append_unsigned(out, r.shard.count);
        out.append("</dd></div>");
    }
    out.append("</dl>\n");
    const std::size_t not_warm = t.calls - t.succeeded;
    if (not_warm == 0) {
        out.append("<p class=\"verdict ok\">All ");
        append_unsigned(out, t.calls);
        out.append(t.calls == 1 ? " call is warm</p>\n" : " calls are warm</p>\n");
    } else {
        out.append("<p class=\"verdict bad\">");
        append_unsigned(out, not_warm);
        out.append(" of ");
        append_unsigned(out, t.calls);
        out.append(t.calls == 1 ? " call is not warm</p>\n" : " calls are not warm</p>\n");
    }
    out.append("<div class=\"totals\">");
    // In its status's colour when there is any, so that "0 failed" does not look like an alarm.
    const auto total = [&](std::string_view css_class, std::size_t n, std::string_view label) {
        out.append("<div class=\"total");
        if (!css_class.empty() && n > 0) {
            out.push_back(' ');
            out.append(css_class);
        }
        out.append("\"><b>");
        append_unsigned(out, n);
        out.append("</b><span>");
        out.append(label);
        out.append("</span></div>");
    };
    total("status-succeeded", t.succeeded, "warm");
    total("status-failed", t.failed, "failed");
    total("status-not_started", t.not_started, "not started");
    total("status-cancelled", t.cancelled, "cancelled");
    total("status-skipped", t.skipped, "skipped");
    total("", t.calls, "calls");
    total("", t.attempts, "attempts");
    out.append("</div>\n");
    if (const auto pace = pace_sentence(r.pace, t.throttled_attempts); !pace.empty()) {
        out.append("<p class=\"pace\">");
        append_html(out, pace);
        out.append("</p>\n");
    }
    out.append("</header>\n");
}

// A cell's details, shown on hover (the title attribute needs no script).
void append_details(std::string& out, const call_result& c) {
    append_html(out, c.key);
    out.push_back('\n');
    out.append(status_word(c.status));
    if (c.attempts > 0) {
        out.append(", ");
        append_unsigned(out, c.attempts);
        out.append(c.attempts == 1 ? " attempt" : " attempts");
        if (c.ambiguous_attempts > 0 || c.throttled_attempts > 0) {
            out.append(" (");
            if (c.ambiguous_attempts > 0) {
                append_unsigned(out, c.ambiguous_attempts);
                out.append(" ambiguous");
            }
            if (c.ambiguous_attempts > 0 && c.throttled_attempts > 0) out.append(", ");
            if (c.throttled_attempts > 0) {
                append_unsigned(out, c.throttled_attempts);
                out.append(" throttled");
            }
            out.push_back(')');
        }
    }
    if (c.http_status != 0) {
        out.append("\nHTTP ");
        append_signed(out, c.http_status);
    } else if (c.status == call_status::failed) {
        out.append("\nno response");
    }
    if (c.code) {
        out.append("\ncode: ");
        append_html(out, *c.code, max_message_bytes);
    }
    if (c.message) {
        out.append("\nmessage: ");
        append_html(out, *c.message, max_message_bytes);
    }
    if (c.request_id) {
        out.append("\nrequest id: ");
        append_html(out, *c.request_id, max_message_bytes);
    }
    if (c.status == call_status::skipped && c.skipped_because_key) {
        out.append("\nskipped because of: ");
        append_html(out, *c.skipped_because_key);
        if (c.skipped_because_request_id) {
            out.append(" (request id ");
            append_html(out, *c.skipped_because_request_id, max_message_bytes);
            out.push_back(')');
        }
    }
    if (c.latency_ms) {
        out.append("\nlatency: ");
        append_unsigned(out, *c.latency_ms);
        out.append(" ms");
    }
}

void append_grid(report_output& output, const call_sequence& calls, const layout& l) {
    std::string& out = output.text;
    out.append("<section>\n<h2>Streams \xC3\x97 regions</h2>\n<p class=\"legend\">");
    for (const call_status s : {call_status::succeeded, call_status::failed, call_status::not_started,
                                call_status::cancelled, call_status::skipped}) {
        out.append("<span><i class=\"status-");
        out.append(to_string(s));
        out.append("\">");
        out.append(status_symbol(s));
        out.append("</i>");
        out.append(status_word(s));
        out.append("</span>");
    }
    out.append("<span>blank: no call for that region</span></p>\n");
    out.append("<div class=\"grid\" style=\"grid-template-columns:max-content repeat(");
    append_unsigned(out, std::max<std::size_t>(l.columns.size(), 1));
    out.append(",1.6rem)\">\n<div class=\"corner\">");  // 35 columns fit in 1400 pixels
    if (l.one_domain_and_app && !l.rows.empty()) {
        out.append("<small>");
        append_html(out, l.rows.front().domain);
        out.push_back('/');
        append_html(out, l.rows.front().app);
        out.append("/</small>");
    }
    out.append("</div>\n");
    for (std::size_t i = 0; i < l.columns.size(); ++i) {
        const std::string& code = l.columns[i].region;
        out.append("<div class=\"col\" style=\"grid-column:");
        append_unsigned(out, i + 2);
        out.append("\" title=\"");
        const auto index = find_region(code);
        append_html(out, index && region_at(*index).code == code ? region_at(*index).name : code);
        out.append("\">");
        append_html(out, code);
        out.append("</div>\n");
    }
    for (std::size_t i = 0; i < l.rows.size(); ++i) {
        const grid_row& row = l.rows[i];
        out.append("<div class=\"row\" style=\"grid-row:");
        append_unsigned(out, i + 2);
        out.append("\" title=\"");  // the whole name, when a long one is clipped
        append_html(out, row.stream);
        out.append("\">");
        if (!l.one_domain_and_app) {
            out.append("<small>");
            append_html(out, row.domain);
            out.push_back('/');
            append_html(out, row.app);
            out.append("/</small>");
        }
        append_html(out, row.stream);
        out.append("</div>\n");
    }
    std::string key;
    calls.for_each([&](const call_result& c) {
        stream_key(key, c);
        const std::string_view status = to_string(c.status);
        out.append("<div class=\"status-");
        out.append(status);
        out.append("\" data-status=\"");
        out.append(status);
        out.append("\" style=\"grid-area:");
        append_unsigned(out, l.row_of.at(key) + 2u);
        out.push_back('/');
        append_unsigned(out, l.column_of.at(c.region) + 2u);
        out.append("\" title=\"");
        append_details(out, c);
        out.append("\">");
        out.append(status_symbol(c.status));
        out.append("</div>\n");
        output.pass_on_if_full();
    });
    out.append("</div>\n</section>\n");
}

void append_failure_group(std::string& out, const failure_group& g) {
    out.append("<div class=\"cause\">\n<h3>");
    switch (g.type) {
        case failure_group::kind::code:
            out.append("<code>");
            append_html(out, g.code);
            out.append("</code>");
            break;
        case failure_group::kind::no_code:
            out.append("Failed without a code");
            break;
        case failure_group::kind::other_codes:
            out.append("Other codes");
            break;
    }
    out.append("<span>");
    append_unsigned(out, g.count);
    out.append(g.count == 1 ? " call" : " calls");
    if (g.skipped > 0) {
        out.append(", ");
        append_unsigned(out, g.skipped);
        out.append(" skipped");
    }
    out.append("</span></h3>\n<p>");
    const auto advice = g.type == failure_group::kind::code ? advice_for(g.code) : std::nullopt;
    if (advice) {
        append_advice(out, *advice);
    } else {
        out.append("No advice for this code: read the message, and quote the request id to Alibaba Cloud support.");
    }
    out.append("</p>\n");
    if (g.type != failure_group::kind::other_codes && (g.http_status != 0 || g.message)) {
        out.append("<p class=\"said\">First answer: ");
        if (g.http_status != 0) {
            out.append("HTTP ");
            append_signed(out, g.http_status);
            if (g.message) out.append(", ");
        }
        if (g.message) {
            out.append("\xE2\x80\x9C");  // “
            append_html(out, *g.message, max_message_bytes);
            out.append("\xE2\x80\x9D");  // ”
        }
        out.append("</p>\n");
    }
    out.append("<ul>");
    for (const std::string& key : g.keys) {
        out.append("<li>");
        append_html(out, key);
        out.append("</li>");
    }
    if (g.count > g.keys.size()) {
        out.append("<li class=\"more\">and ");
        append_unsigned(out, g.count - g.keys.size());
        out.append(" more</li>");
    }
    out.append("</ul>\n</div>\n");
}

void append_failures(std::string& out, const layout& l) {
    if (l.groups.empty() && l.unsent_without_code == 0) return;  // a skipped call is in a group
    out.append("<section>\n<h2>What to do</h2>\n");
    for (const failure_group& g : l.groups) append_failure_group(out, g);
    if (l.unsent_without_code > 0) {
        out.append("<p>");
        append_unsigned(out, l.unsent_without_code);
        out.append(l.unsent_without_code == 1 ? " call was" : " calls were");
        out.append(
            " not started or cancelled (the run was interrupted or hit its deadline): run <code>hotlive run --resume "
            "REPORT</code> to send only those that are not warm.</p>\n");
    }
    if (l.skipped > 0) {
        out.append("<p>");
        append_unsigned(out, l.skipped);
        out.append(l.skipped == 1 ? " call was" : " calls were");
        out.append(
            " skipped, not sent: an answer to another call showed that its account, domain or region cannot warm "
            "(each names that call on hover; they are counted under its code above). Once the cause is fixed, "
            "<code>hotlive run --resume REPORT</code> sends them.</p>\n");
    }
    out.append("</section>\n");
}

}  // namespace

void render_html(const report_view& r, report_output& output) {
    const layout l = collect_layout(r.calls);
    std::string& out = output.text;
    out.append(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>hotlive: ");
    append_html(out, r.plan);
    out.append("</title>\n<style>");
    out.append(style);
    out.append("</style>\n</head>\n<body>\n");
    append_header(out, r, r.totals);
    append_failures(out, l);
    append_grid(output, r.calls, l);
    out.append("</body>\n</html>\n");
}

}  // namespace hotlive::detail
