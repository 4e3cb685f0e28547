#include "live/metrics_text.hpp"

#include <fmt/format.h>

#include <chrono>

namespace hotlive::live {
namespace {

// A label value: backslash, double quote and line feed escaped as the format says; other control
// characters (a server's code could hold any) become a space.
void append_label_value(std::string& out, std::string_view value) {
    for (const char c : value) {
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '"') {
            out += "\\\"";
        } else if (c == '\n') {
            out += "\\n";
        } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
            out += ' ';
        } else {
            out += c;
        }
    }
}

struct label {
    std::string_view name;
    std::string_view value;
};

class exposition {
public:
    void family(std::string_view name, std::string_view type, std::string_view help) {
        fmt::format_to(std::back_inserter(out_), "# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
    }
    void sample(std::string_view name, std::initializer_list<label> labels, double value) {
        out_ += name;
        if (labels.size() > 0) {
            out_ += '{';
            bool first = true;
            for (const auto& l : labels) {
                if (!first) out_ += ',';
                first = false;
                out_ += l.name;
                out_ += "=\"";
                append_label_value(out_, l.value);
                out_ += '"';
            }
            out_ += '}';
        }
        fmt::format_to(std::back_inserter(out_), " {}\n", value);
    }
    void sample(std::string_view name, double value) { sample(name, {}, value); }
    std::string take() { return std::move(out_); }

private:
    std::string out_;
};

double unix_seconds(wall_time t) {
    return static_cast<double>(std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count()) /
           1000.0;
}

}  // namespace

std::string_view outcome_name(verdict what) {
    switch (what) {
        case verdict::success:
            return "success";
        case verdict::retry:
            return "retry";
        case verdict::retry_throttled:
            return "throttled";
        case verdict::retry_now:
            return "retry_now";
        case verdict::fail:
            return "fail";
    }
    return "fail";
}

std::string metrics_text(const run_state& state) {
    exposition e;
    const run_outline& o = state.outline();
    const std::string shard = fmt::format("{}/{}", o.shard.index, o.shard.count);
    e.family("hotlive_run_info", "gauge", "The run: its plan's name, its shard (K/N) and hotlive's version.");
    e.sample("hotlive_run_info", {{"plan", o.plan}, {"shard", shard}, {"version", o.version}}, 1);

    e.family("hotlive_calls_planned", "gauge", "Calls of this run's report: its shard of the plan.");
    e.sample("hotlive_calls_planned", static_cast<double>(state.calls_to_send() + state.carried_over()));
    e.family("hotlive_calls_carried_over", "gauge",
             "Calls an earlier run warmed (--resume): counted as succeeded, not sent again.");
    e.sample("hotlive_calls_carried_over", static_cast<double>(state.carried_over()));

    const report_totals& t = state.totals();
    e.family("hotlive_calls_finished_total", "counter", "Calls ended, by status (carried-over calls as succeeded).");
    e.sample("hotlive_calls_finished_total", {{"status", "succeeded"}}, static_cast<double>(t.succeeded));
    e.sample("hotlive_calls_finished_total", {{"status", "failed"}}, static_cast<double>(t.failed));
    e.sample("hotlive_calls_finished_total", {{"status", "skipped"}}, static_cast<double>(t.skipped));
    e.sample("hotlive_calls_finished_total", {{"status", "not_started"}}, static_cast<double>(t.not_started));
    e.sample("hotlive_calls_finished_total", {{"status", "cancelled"}}, static_cast<double>(t.cancelled));

    e.family("hotlive_attempts_total", "counter",
             "Attempts answered, by outcome (success, retry, throttled, retry_now, fail) and the service's code "
             "or the transport's verdict (empty for a success).");
    for (const auto& [what, count] : state.answers_by_code()) {
        e.sample("hotlive_attempts_total", {{"outcome", outcome_name(what.first)}, {"code", what.second}},
                 static_cast<double>(count));
    }
    e.family("hotlive_throttled_attempts_total", "counter", "Attempts the service answered \"too fast\".");
    e.sample("hotlive_throttled_attempts_total", static_cast<double>(state.throttled_answers()));
    e.family("hotlive_calls_in_flight", "gauge", "Attempts sent and not answered yet.");
    e.sample("hotlive_calls_in_flight", static_cast<double>(state.in_flight()));

    if (o.ceiling > 0) {
        e.family("hotlive_rate_allowed_calls_per_second", "gauge",
                 "The pace allowed now: the ceiling, or below it while the service answers Throttling.");
        e.sample("hotlive_rate_allowed_calls_per_second", state.pace().value_or(o.ceiling));
        e.family("hotlive_rate_ceiling_calls_per_second", "gauge", "The pace the run never exceeds (limits.rate).");
        e.sample("hotlive_rate_ceiling_calls_per_second", o.ceiling);
    }

    const latency_histogram& h = state.latencies();
    e.family("hotlive_answer_latency_seconds", "histogram", "Time from an attempt's send to its answer.");
    for (std::size_t i = 0; i < latency_histogram::bounds.size(); ++i) {
        e.sample("hotlive_answer_latency_seconds_bucket", {{"le", fmt::format("{}", latency_histogram::bounds[i])}},
                 static_cast<double>(h.at_most[i]));
    }
    e.sample("hotlive_answer_latency_seconds_bucket", {{"le", "+Inf"}}, static_cast<double>(h.count));
    e.sample("hotlive_answer_latency_seconds_sum", h.sum_seconds);
    e.sample("hotlive_answer_latency_seconds_count", static_cast<double>(h.count));

    if (!o.waves.empty()) {
        e.family("hotlive_wave_start_timestamp_seconds", "gauge", "When each wave of the plan starts (Unix time).");
        for (const auto& w : o.waves)
            e.sample("hotlive_wave_start_timestamp_seconds", {{"wave", w.name}}, unix_seconds(w.starts_at));
    }
    if (const auto started = state.started_at()) {
        e.family("hotlive_run_start_timestamp_seconds", "gauge", "When the run started (Unix time).");
        e.sample("hotlive_run_start_timestamp_seconds", unix_seconds(*started));
    }
    if (const auto ended = state.ended_at()) {
        e.family("hotlive_run_end_timestamp_seconds", "gauge", "When the run's last call ended (Unix time).");
        e.sample("hotlive_run_end_timestamp_seconds", unix_seconds(*ended));
    }
    return e.take();
}

}  // namespace hotlive::live
