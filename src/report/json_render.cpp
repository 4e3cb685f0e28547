// The JSON report (schema hotlive.report/1), streamed into one string: a report of a million
// calls as a DOM would cost several times its own size in memory, and gains nothing.
#include "report/call_json.hpp"
#include "text/json_text.hpp"
#include "report/renderers.hpp"
#include "report/timestamp.hpp"

namespace hotlive::detail {
namespace {

// A close upper bound of the output, so the string grows once; escapes may still add a little.
std::size_t estimated_size(const report& r) {
    constexpr std::size_t fixed_per_call = 330;  // names, punctuation, numbers, two timestamps
    std::size_t size = 512 + r.plan.size() + r.source.size() + r.endpoint.size();
    for (const auto& c : r.calls) {
        size += fixed_per_call + c.key.size() + c.domain.size() + c.app.size() + c.stream.size() + c.region.size() +
                (c.code ? c.code->size() : 0) + (c.message ? c.message->size() : 0) +
                (c.request_id ? c.request_id->size() : 0);
    }
    return size;
}

}  // namespace

void render_json(const report& r, std::string& out) {
    out.reserve(out.size() + estimated_size(r));
    out.append("{\"schema\":\"hotlive.report/1\",\"plan\":");
    append_json_string(out, r.plan);
    out.append(",\"source\":");
    append_json_string(out, r.source);
    out.append(",\"endpoint\":");
    append_json_string(out, r.endpoint);
    out.append(",\"shard\":{\"index\":");
    append_unsigned(out, r.shard.index);
    out.append(",\"count\":");
    append_unsigned(out, r.shard.count);
    out.append("},\"started_at\":");
    append_json_timestamp(out, r.started_at);
    out.append(",\"finished_at\":");
    append_json_timestamp(out, r.finished_at);

    const report_totals totals = r.totals();
    out.append(",\n\"totals\":{\"calls\":");
    append_unsigned(out, totals.calls);
    out.append(",\"succeeded\":");
    append_unsigned(out, totals.succeeded);
    out.append(",\"failed\":");
    append_unsigned(out, totals.failed);
    out.append(",\"not_started\":");
    append_unsigned(out, totals.not_started);
    out.append(",\"cancelled\":");
    append_unsigned(out, totals.cancelled);
    out.append(",\"attempts\":");
    append_unsigned(out, totals.attempts);

    // One call per line: the file stays greppable and diffable, and still one JSON document.
    out.append("},\n\"calls\":[");
    const char* separator = "\n";
    for (const auto& call : r.calls) {
        out.append(separator);
        append_call_json(out, call);
        separator = ",\n";
    }
    out.append("\n]}\n");
}

}  // namespace hotlive::detail
