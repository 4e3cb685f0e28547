#include "cli/run_summary.hpp"

#include "cli/output.hpp"
#include "report/totals_json.hpp"
#include "text/json_text.hpp"
#include "text/quote.hpp"

#include <fmt/format.h>

namespace hotlive::cli {

void run_summary::add(const call_result& result) {
    if (result.status == call_status::succeeded) return;
    cause& c = not_warm_[result.code.value_or(std::string(to_string(result.status)))];
    ++c.count;
    if (c.examples.size() < examples_per_cause) {
        c.examples.push_back(fmt::format("{}  {}", result.key, result.message.value_or("")));
    }
}

void run_summary::print(const report_info& info, const report_totals& totals, const std::string& report_path) const {
    if (output_configuration().format == log_format::json) return print_json(info, totals, report_path);
    fmt::print("\nplan '{}' ({}{})\n", info.plan, info.endpoint,
               info.shard.count > 1 ? fmt::format(", shard {}/{}", info.shard.index, info.shard.count) : std::string());
    fmt::print("  {:<12} {:>8}\n", "calls", totals.calls);
    fmt::print("  {:<12} {:>8}\n", "warm", totals.succeeded);
    fmt::print("  {:<12} {:>8}\n", "failed", totals.failed);
    fmt::print("  {:<12} {:>8}\n", "not started", totals.not_started);
    fmt::print("  {:<12} {:>8}\n", "cancelled", totals.cancelled);
    fmt::print("  {:<12} {:>8}\n", "attempts", totals.attempts);
    if (info.clock_offset_ms) {
        fmt::print("  {:<12} {:>+8.1f} s (the service's clock against this machine's)\n", "clock offset",
                   static_cast<double>(*info.clock_offset_ms) / 1000.0);
    }

    // Codes and messages are the server's text: escaped, so that their bytes cannot drive the
    // terminal or forge a line.
    for (const auto& [name, c] : not_warm_) {
        fmt::print("\n  {} ({} call{})\n", detail::printable(name), c.count, c.count == 1 ? "" : "s");
        for (const auto& example : c.examples) fmt::print("    {}\n", detail::printable(example, example_text_limit));
        if (c.count > c.examples.size())
            fmt::print("    … and {} more (see the report)\n", c.count - c.examples.size());
    }
    fmt::print("\nreport: {}\n", report_path);
}

void run_summary::print_json(const report_info& info, const report_totals& totals,
                             const std::string& report_path) const {
    std::string totals_json;
    detail::append_totals_json(totals_json, totals);

    std::string causes = "{";
    for (const auto& [name, c] : not_warm_) {
        if (causes.size() > 1) causes.push_back(',');
        detail::append_json_string(causes, name);
        causes.push_back(':');
        detail::append_unsigned(causes, c.count);
    }
    causes.push_back('}');

    json_log_line line(totals.succeeded == totals.calls ? "info" : "warn", "run_finished");
    line.add("plan", info.plan).add("endpoint", info.endpoint);
    line.add("shard", fmt::format("{}/{}", info.shard.index, info.shard.count));
    line.add_json("totals", totals_json).add_json("not_warm", causes).add("report", report_path);
    if (info.clock_offset_ms) line.add("clock_offset_ms", *info.clock_offset_ms);
    line.print(stdout);
}

}  // namespace hotlive::cli
