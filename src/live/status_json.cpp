#include "live/status_json.hpp"

#include "report/timestamp.hpp"
#include "text/json_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace hotlive::live {
namespace {

using detail::append_json_string;
using detail::append_unsigned;

// A cell as one character of "all" or a change: its cell_state's number.
char cell_digit(cell_state s) { return static_cast<char>('0' + static_cast<int>(s)); }

void append_number(std::string& out, double value) { fmt::format_to(std::back_inserter(out), "{:.2f}", value); }

void append_optional_number(std::string& out, const std::optional<double>& value) {
    if (value) {
        append_number(out, *value);
    } else {
        out += "null";
    }
}

void append_field(std::string& out, std::string_view name, std::size_t value) {
    append_json_string(out, name);
    out += ':';
    append_unsigned(out, value);
}

void append_cells(std::string& out, const run_state& state, std::size_t since) {
    const auto& cells = state.cells();
    out += "\"cells\":{";
    append_field(out, "count", cells.size());
    out += ',';
    append_field(out, "seen", state.cell_changes_seen());
    const auto changed = state.cells_changed_since(since);
    if (!changed) {
        out += ",\"all\":\"";
        out.reserve(out.size() + cells.size() + 4);
        for (const auto c : cells) out += cell_digit(c);
        out += "\"}";
        return;
    }
    out += ",\"changed\":[";
    bool first = true;
    for (const auto row : *changed) {
        if (!first) out += ',';
        first = false;
        out += '[';
        append_unsigned(out, row);
        out += ",\"";
        out += cell_digit(cells[row]);
        out += "\"]";
    }
    out += "]}";
}

}  // namespace

std::string status_json(const run_state& state, wall_time now, std::size_t since) {
    const run_outline& o = state.outline();
    const report_totals& t = state.totals();
    std::size_t sending = 0;
    std::size_t pending = 0;
    for (const auto c : state.cells()) {
        if (c == cell_state::sending) ++sending;
        if (c == cell_state::pending) ++pending;
    }
    std::string out = "{\"schema\":\"hotlive.status/1\",\"plan\":";
    append_json_string(out, o.plan);
    out += fmt::format(",\"shard\":\"{}/{}\",\"version\":", o.shard.index, o.shard.count);
    append_json_string(out, o.version);
    out += ",\"now\":";
    detail::append_json_timestamp(out, now);
    out += ",\"started_at\":";
    detail::append_json_timestamp(out, state.started_at());
    out += ",\"ended_at\":";
    detail::append_json_timestamp(out, state.ended_at());
    out += ",\"calls\":{";
    append_field(out, "planned", state.calls_to_send() + state.carried_over());
    out += ',';
    append_field(out, "carried_over", state.carried_over());
    out += ',';
    append_field(out, "succeeded", t.succeeded);
    out += ',';
    append_field(out, "failed", t.failed);
    out += ',';
    append_field(out, "skipped", t.skipped);
    out += ',';
    append_field(out, "not_started", t.not_started);
    out += ',';
    append_field(out, "cancelled", t.cancelled);
    out += ',';
    append_field(out, "sending", sending);
    out += ',';
    append_field(out, "pending", pending);
    out += "},\"attempts\":{";
    append_field(out, "sent", state.attempts_sent());
    out += ',';
    append_field(out, "in_flight", state.in_flight());
    out += ',';
    append_field(out, "throttled", state.throttled_answers());
    out += "},\"rate\":{\"recent\":";
    const auto recent = state.recent_rate(now, rate_window);
    append_optional_number(out, recent);
    out += ",\"allowed\":";
    append_optional_number(out, o.ceiling > 0 ? std::optional{state.pace().value_or(o.ceiling)} : std::nullopt);
    out += ",\"ceiling\":";
    append_number(out, o.ceiling);
    // The calls left at the recent rate, or at the allowed one before any call ended.
    out += "},\"eta_seconds\":";
    const std::size_t left = state.calls_to_send() - std::min(state.calls_to_send(), state.ended());
    const double pace = recent && *recent > 0 ? *recent : o.ceiling;
    if (state.ended_at() || left == 0) {
        out += '0';
    } else if (pace > 0) {
        append_unsigned(out, static_cast<std::uint64_t>(std::ceil(static_cast<double>(left) / pace)));
    } else {
        out += "null";
    }
    out += ",\"next_wave\":";
    const auto next =
        std::find_if(o.waves.begin(), o.waves.end(), [&](const wave_outline& w) { return w.starts_at > now; });
    if (next == o.waves.end() || state.ended_at()) {
        out += "null";
    } else {
        out += "{\"name\":";
        append_json_string(out, next->name);
        out += ",\"starts_at\":";
        detail::append_json_timestamp(out, next->starts_at);
        out += ",\"in_seconds\":";
        append_unsigned(
            out, static_cast<std::uint64_t>(std::chrono::ceil<std::chrono::seconds>(next->starts_at - now).count()));
        out += ',';
        append_field(out, "calls", next->calls);
        out += '}';
    }
    // The failures by cause, the most calls first.
    std::vector<std::pair<const std::string*, const failure_cause*>> causes;
    for (const auto& [cause, f] : state.failures()) causes.emplace_back(&cause, &f);
    std::stable_sort(causes.begin(), causes.end(),
                     [](const auto& a, const auto& b) { return a.second->calls > b.second->calls; });
    out += ",\"failures\":[";
    for (std::size_t i = 0; i < causes.size(); ++i) {
        if (i > 0) out += ',';
        out += "{\"cause\":";
        append_json_string(out, *causes[i].first);
        out += ',';
        append_field(out, "calls", causes[i].second->calls);
        out += ",\"keys\":[";
        for (std::size_t k = 0; k < causes[i].second->keys.size(); ++k) {
            if (k > 0) out += ',';
            append_json_string(out, causes[i].second->keys[k]);
        }
        out += "]}";
    }
    out += "],";
    append_cells(out, state, since);
    out += "}\n";
    return out;
}

std::string grid_json(const run_outline& o) {
    std::string out = "{\"schema\":\"hotlive.grid/1\",\"rows\":[";
    for (std::size_t i = 0; i < o.rows.size(); ++i) {
        if (i > 0) out += ',';
        append_json_string(out, o.rows[i]);
    }
    out += "],\"columns\":[";
    for (std::size_t i = 0; i < o.columns.size(); ++i) {
        if (i > 0) out += ',';
        append_json_string(out, o.columns[i]);
    }
    // Report rows come stream by stream: each run is a grid row and the columns of its report
    // rows, in report order.
    out += "],\"runs\":[";
    for (std::size_t i = 0; i < o.places.size();) {
        if (i > 0) out += ',';
        out += '[';
        append_unsigned(out, o.places[i].row);
        out += ",[";
        const std::uint32_t row = o.places[i].row;
        for (bool first = true; i < o.places.size() && o.places[i].row == row; ++i, first = false) {
            if (!first) out += ',';
            append_unsigned(out, o.places[i].column);
        }
        out += "]]";
    }
    out += "]}\n";
    return out;
}

}  // namespace hotlive::live
