// The JSON report (schema hotlive.report/1), written as the calls are read: a report of a
// million calls as a DOM would cost several times its own size in memory, and gains nothing.
#include "report/pace_json.hpp"
#include "report/renderers.hpp"
#include "report/report_fields.hpp"
#include "report/timestamp.hpp"
#include "report/totals_json.hpp"
#include "text/json_text.hpp"

#include <hotlive/build_info.hpp>

namespace hotlive::detail {
void render_json(const report_view& r, report_output& output) {
    std::string& out = output.text;
    out.append("{\"schema\":\"hotlive.report/1\",\"hotlive_version\":");
    // Which hotlive wrote it: the first thing to know when a report looks wrong.
    append_json_string(out, this_build().version);
    out.append(",\"hotlive_commit\":");
    append_json_string(out, this_build().commit);
    out.push_back(',');
    append_who_ran(out, r);
    out.append(",\n\"started_at\":");
    append_json_timestamp(out, r.started_at);
    out.append(",\"finished_at\":");
    append_json_timestamp(out, r.finished_at);
    out.append(",\"last_run_started_at\":");
    append_json_timestamp(out, r.last_run_started_at);
    out.append(",\"clock_offset_ms\":");
    if (r.clock_offset_ms) {
        append_signed(out, *r.clock_offset_ms);
    } else {
        out.append("null");
    }
    if (r.pace) {
        out.append(",\"pace\":");
        append_pace_json(out, *r.pace);
    }

    out.append(",\n\"totals\":");
    append_totals_json(out, r.totals);

    // One call per line: the file stays greppable and diffable, and still one JSON document.
    out.append(",\n\"calls\":[");
    const char* separator = "\n";
    r.calls.for_each_json([&](std::string_view call) {
        out.append(separator);
        out.append(call);
        separator = ",\n";
        output.pass_on_if_full();
    });
    out.append("\n]}\n");
}

void append_totals_json(std::string& out, const report_totals& totals) {
    out.append("{\"calls\":");
    append_unsigned(out, totals.calls);
    out.append(",\"succeeded\":");
    append_unsigned(out, totals.succeeded);
    out.append(",\"failed\":");
    append_unsigned(out, totals.failed);
    out.append(",\"not_started\":");
    append_unsigned(out, totals.not_started);
    out.append(",\"cancelled\":");
    append_unsigned(out, totals.cancelled);
    out.append(",\"skipped\":");
    append_unsigned(out, totals.skipped);
    out.append(",\"attempts\":");
    append_unsigned(out, totals.attempts);
    out.append(",\"run_attempts\":");
    append_unsigned(out, totals.run_attempts);
    out.append(",\"throttled_attempts\":");
    append_unsigned(out, totals.throttled_attempts);
    out.push_back('}');
}

}  // namespace hotlive::detail
