// hotlive plan PLAN [--json]: the dry run. Every call the plan would make, their count and the
// time the run needs at the plan's rate; nothing is sent.
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/plan_loading.hpp"
#include "cli/schedule_warnings.hpp"
#include "time/event_offset.hpp"
#include "time/rfc3339.hpp"

#include <hotlive/exit_codes.hpp>
#include <hotlive/expansion.hpp>
#include <hotlive/schedule_forecast.hpp>

#include <fmt/format.h>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cstdio>

namespace hotlive::cli {
namespace {

std::string json_text(std::string_view s) { return boost::json::serialize(boost::json::string_view{s}); }

std::string json_optional(const std::optional<std::uint64_t>& v) { return v ? std::to_string(*v) : "null"; }

// Large plans print millions of lines: format into a buffer and write it in big pieces.
class buffered_stdout {
public:
    ~buffered_stdout() { flush(); }
    buffered_stdout() = default;
    buffered_stdout(const buffered_stdout&) = delete;
    buffered_stdout& operator=(const buffered_stdout&) = delete;

    template <typename... Args>
    void print(fmt::format_string<Args...> format, Args&&... args) {
        fmt::format_to(std::back_inserter(buffer_), format, std::forward<Args>(args)...);
        if (buffer_.size() > (1u << 20)) flush();
    }
    void flush() {
        (void)std::fwrite(buffer_.data(), 1, buffer_.size(), stdout);
        buffer_.clear();
    }

private:
    fmt::memory_buffer buffer_;
};

// A wave's place in the timeline: when it starts, how many calls, how long they take at the rate
// (forecast with the waves before it: one that overruns leaves this one no burst).
struct wave_line {
    const wave* w;
    std::chrono::sys_seconds starts_at;
    std::size_t calls = 0;
    std::chrono::milliseconds takes{0};
};

std::vector<wave_line> timeline(const plan& p, const std::vector<call_ref>& calls) {
    std::vector<wave_line> lines;
    for (std::size_t i = 0; i < p.schedule.waves.size(); ++i) lines.push_back({&p.schedule.waves[i], wave_start(p, i)});
    for (const auto c : calls) {
        if (const auto w = wave_of(p, c)) ++lines[*w].calls;
    }
    // As the engine starts them: at the wave's time, not before not_before.
    std::vector<schedule_part> parts;
    parts.reserve(lines.size());
    for (const auto& line : lines) {
        parts.push_back(
            {line.calls, forecast_time{std::max(line.starts_at, p.schedule.not_before.value_or(line.starts_at))}});
    }
    const auto forecast = forecast_schedule(parts, p.limits, std::nullopt);
    for (std::size_t i = 0; i < lines.size(); ++i) lines[i].takes = forecast[i].duration();
    return lines;
}

void print_json(const plan& p, const std::vector<call_ref>& calls, const std::vector<wave_line>& lines) {
    buffered_stdout out;
    const auto estimate = forecast_duration(calls.size(), p.limits);
    out.print(
        "{{\"plan\":{},\"source\":{},\"endpoint\":{},\"count\":{},\"rate\":{},\"burst\":{},\"adaptive\":{},"
        "\"estimated_seconds\":{:.3f},",
        json_text(p.name), json_text(p.source), json_text(p.endpoint), calls.size(), p.limits.rate, p.limits.burst,
        p.limits.adaptive, static_cast<double>(estimate.count()) / 1000.0);
    if (p.schedule.event_start) {
        // Before "calls": a reader of a million-call listing finds the timeline at the top.
        out.print("\n\"event_start\":\"{}\",\"waves\":[", detail::format_rfc3339_utc(*p.schedule.event_start));
        for (std::size_t i = 0; i < lines.size(); ++i) {
            out.print("{}{{\"name\":{},\"at\":\"{}\",\"starts_at\":\"{}\",\"count\":{},\"estimated_seconds\":{:.3f}}}",
                      i == 0 ? "" : ",", json_text(lines[i].w->name), detail::format_event_offset(lines[i].w->offset),
                      detail::format_rfc3339_utc(lines[i].starts_at), lines[i].calls,
                      static_cast<double>(lines[i].takes.count()) / 1000.0);
        }
        out.print("],");
    }
    out.print("\"calls\":[");
    for (std::size_t i = 0; i < calls.size(); ++i) {
        const auto& t = p.streams[calls[i].target];
        const auto& r = region_at(calls[i].region);
        out.print(
            "{}\n{{\"key\":{},\"domain\":{},\"app\":{},\"stream\":{},\"region\":\"{}\",\"region_name\":{},"
            "\"audio_msid\":{},\"video_msid\":{},\"connection_timeout_ms\":{},\"media_timeout_ms\":{}{}}}",
            i == 0 ? "" : ",", json_text(call_key(p, calls[i])), json_text(t.domain), json_text(t.app),
            json_text(t.stream), r.code, json_text(r.name), json_text(t.audio_msid), json_text(t.video_msid),
            json_optional(t.connection_timeout_ms), json_optional(t.media_timeout_ms),
            p.schedule.waves.empty() ? std::string() : fmt::format(",\"wave\":{}", *wave_of(p, calls[i]) + 1));
    }
    out.print("]}}\n");
}

void print_table(const plan& p, const std::vector<call_ref>& calls, const std::vector<wave_line>& lines) {
    std::size_t key_width = 3;
    for (const auto& t : p.streams) {
        key_width = std::max(key_width, t.domain.size() + t.app.size() + t.stream.size() + 7);
    }
    buffered_stdout out;
    out.print("{:>7}  {:<{}}  {}\n", "#", "KEY", key_width, "REGION");
    for (std::size_t i = 0; i < calls.size(); ++i) {
        out.print("{:>7}  {:<{}}  {}\n", i + 1, call_key(p, calls[i]), key_width, region_at(calls[i].region).name);
    }
    const auto estimate = forecast_duration(calls.size(), p.limits);
    out.print("\nplan '{}': {} call{} to {}, {} stream{}; at {}: about {}\n", p.name, calls.size(),
              calls.size() == 1 ? "" : "s", p.endpoint, p.streams.size(), p.streams.size() == 1 ? "" : "s",
              p.limits.rate == 0 ? std::string("an unlimited rate")
                                 : fmt::format("{} calls/s, burst {}", p.limits.rate, p.limits.burst),
              human_duration(estimate));
    if (p.limits.rate > 0 && p.limits.adaptive) {
        // The forecast cannot know who else draws on the account's quota on the night.
        out.print(
            "  (booked at the ceiling: when other callers share the account's quota, the pace gives way to "
            "them and the run takes longer)\n");
    }
    if (!p.schedule.event_start) return;

    out.print("\nevent starts {}\n", detail::format_rfc3339_utc(*p.schedule.event_start));
    if (lines.empty()) return;
    std::size_t name_width = 4;
    for (const auto& line : lines) name_width = std::max(name_width, line.w->name.size());
    out.print("  {:<{}}  {:<8}  {:<20}  {:>7}  {}\n", "WAVE", name_width, "AT", "STARTS (UTC)", "CALLS", "TAKES ABOUT");
    for (const auto& line : lines) {
        out.print("  {:<{}}  {:<8}  {:<20}  {:>7}  {}\n", line.w->name, name_width,
                  detail::format_event_offset(line.w->offset), detail::format_rfc3339_utc(line.starts_at), line.calls,
                  human_duration(line.takes));
    }
}

}  // namespace

int run_plan(const plan_options& options) {
    const auto p = load_plan_reporting(options.plan);
    if (!p) return exit_code::invalid_input;
    const auto calls = expand(*p);
    const auto lines = timeline(*p, calls);
    if (options.json) {
        print_json(*p, calls, lines);
    } else {
        print_table(*p, calls, lines);
    }
    std::vector<std::size_t> calls_per_wave(lines.size());
    std::transform(lines.begin(), lines.end(), calls_per_wave.begin(), [](const wave_line& l) { return l.calls; });
    const auto now = std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
    for (const auto& warning : schedule_warnings(*p, calls.size(), calls_per_wave, p->limits, now)) {
        print_warning(warning);
    }
    return exit_code::success;
}

}  // namespace hotlive::cli
