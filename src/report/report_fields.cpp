#include "report/report_fields.hpp"

#include "report/json_fields.hpp"
#include "report/pace_json.hpp"
#include "report/timestamp.hpp"
#include "text/json_text.hpp"

#include <limits>

namespace hotlive::detail {
namespace {

bool read_shard(const boost::json::object& object, shard_share& out, std::string& error) {
    json_fields shard{object, error, "shard."};
    std::uint64_t count = 0;
    if (!shard.whole("count", std::numeric_limits<std::uint32_t>::max(), count)) return false;
    if (count == 0) return shard.wrong("count", "a whole number from 1 to 4294967295", object.at("count"));
    const auto* index = shard.find("index");
    if (index == nullptr) return false;
    const auto index_value = json_unsigned(*index, count);
    if (!index_value || *index_value == 0) {
        std::string expected = "a whole number from 1 to ";
        append_unsigned(expected, count);
        return shard.wrong("index", expected, *index);
    }
    out.index = static_cast<std::uint32_t>(*index_value);
    out.count = static_cast<std::uint32_t>(count);
    return true;
}

}  // namespace

bool read_run_fields(const boost::json::object& run, report_info& r, std::string& error) {
    json_fields read{run, error};
    if (!(read.text("plan", r.plan) && read.text("source", r.source) && read.text("endpoint", r.endpoint) &&
          read.text("account", r.account) && read.text("plan_digest", r.plan_digest) &&
          read.text("calls_digest", r.calls_digest) && read.optional_time("started_at", r.started_at))) {
        return false;
    }
    const auto* shard = read.object("shard");
    return shard != nullptr && read_shard(*shard, r.shard, error);
}

void append_who_ran(std::string& out, const report_info& r) {
    out.append("\"plan\":");
    append_json_string(out, r.plan);
    out.append(",\"source\":");
    append_json_string(out, r.source);
    out.append(",\"endpoint\":");
    append_json_string(out, r.endpoint);
    out.append(",\"shard\":{\"index\":");
    append_unsigned(out, r.shard.index);
    out.append(",\"count\":");
    append_unsigned(out, r.shard.count);
    out.append("},\"account\":");
    append_json_string(out, r.account);
    out.append(",\"plan_digest\":");
    append_json_string(out, r.plan_digest);
    out.append(",\"calls_digest\":");
    append_json_string(out, r.calls_digest);
}

void append_run_json(std::string& out, const report_info& r) {
    out.push_back('{');
    append_who_ran(out, r);
    out.append(",\"started_at\":");
    append_json_timestamp(out, r.last_run_started_at);
    out.push_back('}');
}

bool read_report_fields(const boost::json::object& top, report& r, std::string& error) {
    json_fields read{top, error};
    if (!(read.text("plan", r.plan) && read.text("source", r.source) && read.text("endpoint", r.endpoint))) {
        return false;
    }
    const auto* shard = read.object("shard");
    if (shard == nullptr || !read_shard(*shard, r.shard, error)) return false;
    if (!(read.optional_time("started_at", r.started_at) && read.optional_time("finished_at", r.finished_at))) {
        return false;
    }
    // Fields newer than the schema's first readers: absent in older reports.
    if (!((read.absent("last_run_started_at") || read.optional_time("last_run_started_at", r.last_run_started_at)) &&
          (read.absent("account") || read.text("account", r.account)) &&
          (read.absent("plan_digest") || read.text("plan_digest", r.plan_digest)) &&
          (read.absent("calls_digest") || read.text("calls_digest", r.calls_digest)) &&
          (read.absent("clock_offset_ms") || read.optional_integer("clock_offset_ms", r.clock_offset_ms)) &&
          (read.absent("pace") || read_pace(top, r.pace, error)) &&
          (read.absent("hotlive_version") || read.text("hotlive_version", r.hotlive_version)) &&
          (read.absent("hotlive_commit") || read.text("hotlive_commit", r.hotlive_commit)))) {
        return false;
    }
    const auto* calls = read.find("calls");
    if (calls == nullptr) return false;
    if (!calls->is_array()) return read.wrong("calls", "an array", *calls);
    return true;
}

bool check_report_totals(const boost::json::object& top, const report_totals& actual, std::string& error) {
    json_fields read{top, error};
    const auto* object = read.object("totals");
    if (object == nullptr) return false;
    json_fields totals{*object, error, "totals."};
    const struct {
        std::string_view name;
        std::size_t actual;
        std::string_view before, after;  // around `actual` in the message
    } expected[] = {
        {"calls", actual.calls, "the report holds ", " calls"},
        {"succeeded", actual.succeeded, "the calls hold ", " succeeded"},
        {"failed", actual.failed, "the calls hold ", " failed"},
        {"not_started", actual.not_started, "the calls hold ", " not_started"},
        {"cancelled", actual.cancelled, "the calls hold ", " cancelled"},
        {"skipped", actual.skipped, "the calls hold ", " skipped"},
        {"attempts", actual.attempts, "the calls' attempts add up to ", ""},
        {"run_attempts", actual.run_attempts, "the calls' run_attempts add up to ", ""},
        {"throttled_attempts", actual.throttled_attempts, "the calls' throttled_attempts add up to ", ""},
    };
    for (const auto& e : expected) {
        // Reports older than the fields.
        if ((e.name == "run_attempts" || e.name == "throttled_attempts") && totals.absent(e.name)) continue;
        // A report older than "skipped" has no skipped calls: its absence reads as 0.
        const bool zero_if_absent = e.name == "skipped" && totals.absent(e.name);
        std::uint64_t stated = 0;
        if (!zero_if_absent && !totals.whole(e.name, std::numeric_limits<std::uint64_t>::max(), stated)) return false;
        if (stated != e.actual) {
            error = "totals.";
            error.append(e.name);
            if (zero_if_absent) {
                error.append(" is missing");
            } else {
                error.append(" is ");
                append_unsigned(error, stated);
            }
            error.append(", but ");
            error.append(e.before);
            append_unsigned(error, e.actual);
            error.append(e.after);
            return false;
        }
    }
    return true;
}

}  // namespace hotlive::detail
