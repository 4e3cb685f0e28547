#include "cli/run_summary.hpp"

#include "cli/output.hpp"
#include "report/pace_json.hpp"
#include "report/pace_sentence.hpp"
#include "report/totals_json.hpp"
#include "text/json_text.hpp"
#include "text/quote.hpp"

#include <fmt/format.h>

namespace hotlive::cli {

namespace {

std::string with_thousands(std::size_t n) {
    std::string digits = std::to_string(n);
    for (auto at = digits.size(); at > 3; at -= 3) digits.insert(at - 3, ",");
    return digits;
}

// What a refusal means and what to do about it, by code.
struct scope_advice {
    std::string_view meaning;
    std::string_view remedy;
};

scope_advice advice_for(const condemned_scope& scope) {
    if (scope.code == "NoSpecialConfiguration") return {"prefetch switch off", "enable it"};
    if (scope.code == "CodeRegionHasNoNode") return {"no edge node in the region", "remove the region from the plan"};
    if (scope.code == "Forbidden.RAM" || scope.code == "NoPermission") {
        return {"the RAM policy denies it", "allow live:HotLiveRtcStream on the domain for this AccessKey"};
    }
    if (scope.code == "proxy_auth_failed") {
        return {"the proxy refused hotlive's proxy credentials",
                "check the user and password in HTTPS_PROXY (or --proxy); `hotlive run --verbose` names the proxy"};
    }
    if (scope.code == "proxy_forbidden") {
        return {"the proxy forbids the endpoint", "ask the proxy's administrators to allow CONNECT to it"};
    }
    if (scope.scope == refusal_scope::account) {
        return {"the credentials were refused",
                "see which AccessKey was used with `hotlive credentials --verbose` and fix it"};
    }
    return {"refused", "see the report"};
}

}  // namespace

std::string refused_scope_line(const condemned_scope& scope, const std::string& plan_path,
                               const std::string& report_path) {
    const auto advice = advice_for(scope);
    std::string where;
    switch (scope.scope) {
        case refusal_scope::account:
            where = "account";
            break;
        case refusal_scope::domain:
            where = scope.domain;
            break;
        case refusal_scope::region:
            where = scope.domain + " in " + scope.region;
            break;
        case refusal_scope::call:
            where = scope.by_key;
            break;
    }
    // The domain and the code may be the service's or the plan's text: escaped like any other.
    return fmt::format(
        "{}: {} ({}, answered to {}): {} call{} skipped; {}, then hotlive run {} --report {} --resume {}",
        detail::printable(where), detail::printable(scope.code), advice.meaning, detail::printable(scope.by_key),
        with_thousands(scope.skipped), scope.skipped == 1 ? "" : "s", advice.remedy, plan_path, report_path,
        report_path);
}

void run_summary::add(const call_result& result) {
    if (result.status == call_status::succeeded || result.status == call_status::skipped) return;
    cause& c = not_warm_[result.code.value_or(std::string(to_string(result.status)))];
    ++c.count;
    if (c.examples.size() < examples_per_cause) {
        c.examples.push_back(fmt::format("{}  {}", result.key, result.message.value_or("")));
    }
}

void run_summary::print(const report_info& info, const report_totals& totals,
                        std::span<const condemned_scope> condemned, const std::string& report_path) const {
    if (output_configuration().format == log_format::json) return print_json(info, totals, condemned, report_path);
    fmt::print("\nplan '{}' ({}{})\n", info.plan, info.endpoint,
               info.shard.count > 1 ? fmt::format(", shard {}/{}", info.shard.index, info.shard.count) : std::string());
    fmt::print("  {:<12} {:>8}\n", "calls", totals.calls);
    fmt::print("  {:<12} {:>8}\n", "warm", totals.succeeded);
    fmt::print("  {:<12} {:>8}\n", "failed", totals.failed);
    fmt::print("  {:<12} {:>8}\n", "not started", totals.not_started);
    fmt::print("  {:<12} {:>8}\n", "cancelled", totals.cancelled);
    if (totals.skipped > 0) fmt::print("  {:<12} {:>8}\n", "skipped", totals.skipped);
    fmt::print("  {:<12} {:>8}\n", "attempts", totals.attempts);
    if (totals.throttled_attempts > 0) fmt::print("  {:<12} {:>8}\n", "throttled", totals.throttled_attempts);
    if (info.clock_offset_ms) {
        fmt::print("  {:<12} {:>+8.1f} s (the service's clock against this machine's)\n", "clock offset",
                   static_cast<double>(*info.clock_offset_ms) / 1000.0);
    }

    // How the quota was shared, in the words of the Markdown and HTML reports.
    if (const auto shared = detail::pace_sentence(info.pace, totals.throttled_attempts); !shared.empty()) {
        fmt::print("\n  {}\n", shared);
    }

    if (!condemned.empty()) fmt::print("\n");
    for (const auto& scope : condemned) fmt::print("  {}\n", refused_scope_line(scope, info.source, report_path));

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
                             std::span<const condemned_scope> condemned, const std::string& report_path) const {
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

    std::string refused = "[";
    for (const auto& scope : condemned) {
        if (refused.size() > 1) refused.push_back(',');
        refused += "{\"scope\":";
        detail::append_json_string(refused, to_string(scope.scope));
        refused += ",\"domain\":";
        detail::append_json_string(refused, scope.domain);
        refused += ",\"region\":";
        detail::append_json_string(refused, scope.region);
        refused += ",\"code\":";
        detail::append_json_string(refused, scope.code);
        refused += ",\"by_key\":";
        detail::append_json_string(refused, scope.by_key);
        refused += ",\"skipped\":";
        detail::append_unsigned(refused, scope.skipped);
        refused.push_back('}');
    }
    refused.push_back(']');

    json_log_line line(totals.succeeded == totals.calls ? "info" : "warn", "run_finished");
    line.add("plan", info.plan).add("endpoint", info.endpoint);
    line.add("shard", fmt::format("{}/{}", info.shard.index, info.shard.count));
    line.add_json("totals", totals_json)
        .add_json("not_warm", causes)
        .add_json("condemned", refused)
        .add("report", report_path);
    if (info.clock_offset_ms) line.add("clock_offset_ms", *info.clock_offset_ms);
    if (info.pace) {
        std::string pace;
        detail::append_pace_json(pace, *info.pace);
        line.add_json("pace", pace);
    }
    line.print(stdout);
}

}  // namespace hotlive::cli
