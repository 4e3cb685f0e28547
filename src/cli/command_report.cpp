// hotlive report REPORT...: re-render a report in another format, or merge the reports of the N
// shards of a `--shard K/N` run into the report of the whole plan. Only JSON reports can be read
// back; the merge refuses anything that is not exactly the N shares of one plan. A merge takes
// each call as its shard has it (a skipped call keeps its skipped_because, which may name a call
// of another shard) and counts the totals again.
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "report/report_destination.hpp"

#include <hotlive/exit_codes.hpp>
#include <hotlive/expansion.hpp>
#include <hotlive/report_contents.hpp>
#include <hotlive/report_format.hpp>
#include <hotlive/report_reader.hpp>
#include <hotlive/report_writer.hpp>
#include <hotlive/run_identity.hpp>

#include <fmt/format.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <iterator>
#include <map>
#include <unordered_map>
#include <variant>

namespace hotlive::cli {
namespace {

struct read_back {
    std::string path;
    report content;
};

std::string shard_text(const shard_share& s) { return fmt::format("{}/{}", s.index, s.count); }

// --format, else --output's extension (as `hotlive run` chooses), else what suits stdout: Markdown
// for a person at a terminal, JSON (readable back) for a pipe or a file.
std::optional<report_format> chosen_format(const report_options& options) {
    if (!options.format.empty()) return parse_report_format(options.format);
    if (options.output.empty()) return ::isatty(STDOUT_FILENO) == 1 ? report_format::md : report_format::json;
    return report_format_for(options.output);
}

std::string digest_text(const std::string& digest) { return digest.empty() ? "none (an older report)" : digest; }

// Why a report's calls are not the call set its run recorded (a hand-edited report); empty when they are.
std::string calls_problem(const read_back& r) {
    if (r.content.calls_digest.empty()) return {};
    call_set_digest digest;
    for (const auto& c : r.content.calls) digest.add(c.key, c.parameters_digest.value_or(""));
    if (digest.value() == r.content.calls_digest) return {};
    return fmt::format("the calls of {} are not the calls its run made (calls_digest {}): was it edited?", r.path,
                       r.content.calls_digest);
}

// Why `reports` are not the N shares of one run of one plan; empty when they are.
std::string merge_problem(const std::vector<read_back>& reports) {
    const read_back& first = reports.front();
    for (const auto& r : reports) {
        if (auto problem = calls_problem(r); !problem.empty()) return problem;
        if (r.content.plan != first.content.plan || r.content.source != first.content.source) {
            return fmt::format(
                "{} is a report of plan '{}' ({}), {} of plan '{}' ({}): only the shards of one plan merge", r.path,
                r.content.plan, r.content.source, first.path, first.content.plan, first.content.source);
        }
        if (r.content.endpoint != first.content.endpoint) {
            return fmt::format("{} went to {}, {} to {}: the shards of one run go to one endpoint", r.path,
                               r.content.endpoint, first.path, first.content.endpoint);
        }
        if (r.content.plan_digest != first.content.plan_digest) {
            return fmt::format(
                "{} and {} are reports of different versions of plan '{}' (plan digests {} and {}): the plan changed "
                "between their runs, so together they do not say what the plan has warmed; merge reports of one "
                "version, or run the missing shards again",
                first.path, r.path, first.content.plan, digest_text(first.content.plan_digest),
                digest_text(r.content.plan_digest));
        }
        if (r.content.shard.count != first.content.shard.count) {
            return fmt::format("{} is shard {}, {} is shard {}: shares of different splits do not merge", r.path,
                               shard_text(r.content.shard), first.path, shard_text(first.content.shard));
        }
    }
    const std::uint32_t count = first.content.shard.count;
    std::map<std::uint32_t, const std::string*> by_index;
    for (const auto& r : reports) {
        const auto [at, fresh] = by_index.emplace(r.content.shard.index, &r.path);
        if (fresh) continue;
        if (count == 1) {
            return fmt::format("{} and {} are both reports of the whole plan (shard 1/1): only shard reports merge",
                               *at->second, r.path);
        }
        return fmt::format("{} and {} are both shard {}: each shard once", *at->second, r.path,
                           shard_text(r.content.shard));
    }
    if (by_index.size() < count) {
        std::string missing;
        for (std::uint32_t k = 1; k <= count; ++k) {
            if (by_index.contains(k)) continue;
            if (!missing.empty()) missing.append(", ");
            missing.append(shard_text({k, count}));
        }
        return fmt::format("the reports of {} of {} shards are missing: {}; run `hotlive run {} --shard K/{}` for each",
                           count - by_index.size(), count, missing, first.content.source, count);
    }
    std::unordered_map<std::string_view, const std::string*> owner;
    for (const auto& r : reports) {
        for (const auto& c : r.content.calls) {
            const auto [at, fresh] = owner.emplace(c.key, &r.path);
            if (!fresh) {
                return fmt::format("call {} is in both {} and {}: the shares overlap", c.key, *at->second, r.path);
            }
        }
    }
    return {};
}

// The position of every call in the plan the reports are of. Returns why the plan cannot say,
// or "" when it can; `fatal` when the operator named a plan (--plan) that is not that plan.
struct plan_positions {
    std::unordered_map<std::string, std::size_t> position;
    std::string why_not;
    bool fatal = false;
};

plan_positions positions_in_plan(const std::string& named, const report_info& reports) {
    plan_positions out;
    const std::string path = named.empty() ? reports.source : named;
    if (named.empty() && !std::filesystem::exists(path)) {
        out.why_not = "the plan file " + path + " is not here (name it with --plan)";
        return out;
    }
    auto loaded = load_plan_file(path);
    if (!loaded.value) {
        out.fatal = !named.empty();
        if (out.fatal) print_diagnostics(loaded.diagnostics);
        out.why_not = "the plan " + path + " does not load";
        return out;
    }
    if (loaded.value->name != reports.plan) {
        out.fatal = !named.empty();
        out.why_not =
            fmt::format("{} is plan '{}', the reports are of plan '{}'", path, loaded.value->name, reports.plan);
        return out;
    }
    const plan& p = *loaded.value;
    std::size_t i = 0;
    for (const auto c : expand(p)) out.position.emplace(call_key(p, c), i++);
    return out;
}

// The reports, each checked, merged into one report of the whole plan; exits with a code on error.
std::variant<report, int> merge(std::vector<read_back> reports, const report_options& options) {
    if (const auto problem = merge_problem(reports); !problem.empty()) {
        print_error("cannot merge: " + problem);
        return exit_code::invalid_input;
    }
    std::sort(reports.begin(), reports.end(),
              [](const read_back& a, const read_back& b) { return a.content.shard.index < b.content.shard.index; });

    report merged;
    static_cast<report_info&>(merged) = static_cast<const report_info&>(reports.front().content);
    merged.shard = {};
    merged.last_run_started_at.reset();
    bool accounts_differ = false;
    for (auto& r : reports) {
        const auto& from = r.content;
        accounts_differ = accounts_differ || from.account != merged.account;
        if (from.started_at && (!merged.started_at || *from.started_at < *merged.started_at)) {
            merged.started_at = from.started_at;
        }
        if (from.finished_at && (!merged.finished_at || *from.finished_at > *merged.finished_at)) {
            merged.finished_at = from.finished_at;
        }
        std::move(r.content.calls.begin(), r.content.calls.end(), std::back_inserter(merged.calls));
        r.content.calls.clear();
    }
    call_set_digest digest;
    for (const auto& c : merged.calls) digest.add(c.key, c.parameters_digest.value_or(""));
    merged.calls_digest = digest.value();
    if (accounts_differ) {
        // Shards may run with different keys; a report of several accounts names none.
        merged.account.clear();
        print_warning(
            "the shards were run with different accounts: the merged report names none, so a resume from it sends "
            "every call again (resume each shard from its own report instead)");
    }

    auto order = positions_in_plan(options.plan, merged);
    if (order.fatal) {
        print_error("--plan: " + order.why_not);
        return exit_code::invalid_input;
    }
    if (order.why_not.empty()) {
        for (const auto& c : merged.calls) {
            if (!order.position.contains(c.key)) {
                order.why_not = "call " + c.key + " is not in the plan " +
                                (options.plan.empty() ? merged.source : options.plan) + " (has it changed?)";
                break;
            }
        }
    }
    if (!order.why_not.empty()) {
        print_warning("the calls are in shard order, shard 1 first: " + order.why_not);
        return merged;
    }
    std::sort(merged.calls.begin(), merged.calls.end(), [&](const call_result& a, const call_result& b) {
        return order.position.at(a.key) < order.position.at(b.key);
    });
    if (order.position.size() != merged.calls.size()) {
        print_warning(fmt::format("the plan now has {} calls, the merged reports {}: it has changed since the run",
                                  order.position.size(), merged.calls.size()));
    }
    return merged;
}

// The calls of the plan at `path` that `r` does not account for: absent, or sent with other
// parameters than the plan has now. Nullopt (with the error printed) when the plan cannot say.
std::optional<std::vector<std::string>> unaccounted_calls(const report& r, const std::string& path) {
    auto loaded = load_plan_file(path);
    if (!loaded.value) {
        print_diagnostics(loaded.diagnostics);
        print_error("--plan: the plan " + path + " does not load");
        return std::nullopt;
    }
    const plan& p = *loaded.value;
    if (p.name != r.plan) {
        print_error(fmt::format("--plan: {} is plan '{}', the reports are of plan '{}'", path, p.name, r.plan));
        return std::nullopt;
    }
    std::unordered_map<std::string_view, const call_result*> by_key;
    for (const auto& c : r.calls) by_key.emplace(c.key, &c);
    std::vector<std::string> missing;
    for (const auto c : expand(p)) {
        std::string key = call_key(p, c);
        const auto found = by_key.find(key);
        const bool accounted = found != by_key.end() && (!found->second->parameters_digest ||
                                                         *found->second->parameters_digest == parameters_digest(p, c));
        if (!accounted) missing.push_back(std::move(key));
    }
    return missing;
}

int write_out(const report& r, report_format format, const report_options& options, std::size_t inputs) {
    if (options.output.empty()) {
        const std::string text = render_report(r, format);
        if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0) {
            print_error("cannot write the report to stdout");
            return exit_code::io_error;
        }
        return exit_code::success;
    }
    const calls_in_memory calls(r.calls);
    const report_totals totals = r.totals();
    if (const auto error =
            write_report(options.output, report_view{static_cast<const report_info&>(r), totals, calls}, format)) {
        print_error("cannot write the report: " + *error);
        return exit_code::io_error;
    }
    if (!options.quiet) {
        fmt::print("report: {} (plan '{}'{}, {} calls: {} warm, {} not{})\n", options.output, r.plan,
                   inputs > 1 ? fmt::format(", {} shards merged", inputs) : std::string(), totals.calls,
                   totals.succeeded, totals.calls - totals.succeeded,
                   totals.skipped > 0 ? fmt::format(", {} of them skipped", totals.skipped) : std::string());
    }
    return exit_code::success;
}

}  // namespace

int run_report(const report_options& options) {
    const auto format = chosen_format(options);
    if (!format) {
        print_error("--format takes json, csv, junit, md or html, got '" + options.format + "'");
        return exit_code::invalid_input;
    }
    if (!options.output.empty()) {
        // Re-rendering a JSON report in place is fine (it is read whole first); turning the only
        // JSON copy into another format is not: nothing could read it back.
        std::vector<std::filesystem::path> kept;
        if (*format != report_format::json) kept.assign(options.reports.begin(), options.reports.end());
        if (const auto problem = detail::destination_problem(options.output, "--output", kept); !problem.empty()) {
            print_error(problem);
            return exit_code::invalid_input;
        }
    }
    std::vector<read_back> reports;
    for (const auto& path : options.reports) {
        auto read = read_report(path);
        if (!read.value) {
            const bool json_name = std::filesystem::path(path).extension() == ".json";
            print_error(read.error + (json_name ? "" : " (only JSON reports can be read back: give the .json one)"));
            return exit_code::invalid_input;
        }
        reports.push_back({path, std::move(*read.value)});
    }
    if (reports.size() == 1) {
        if (auto problem = calls_problem(reports.front()); !problem.empty()) {
            print_error(problem);
            return exit_code::invalid_input;
        }
    }
    auto merged = reports.size() == 1 ? std::variant<report, int>(std::move(reports.front().content))
                                      : merge(std::move(reports), options);
    if (const int* status = std::get_if<int>(&merged)) return *status;
    const report& whole = std::get<report>(merged);
    // With --plan the reports must account for every call of it: a merge is no proof of what
    // the plan has warmed otherwise.
    std::vector<std::string> missing;
    if (!options.plan.empty()) {
        auto unaccounted = unaccounted_calls(whole, options.plan);
        if (!unaccounted) return exit_code::invalid_input;
        missing = std::move(*unaccounted);
    }
    if (const int status = write_out(whole, *format, options, options.reports.size()); status != exit_code::success) {
        return status;
    }
    if (missing.empty()) return exit_code::success;
    constexpr std::size_t shown = 10;
    std::string list;
    for (std::size_t i = 0; i < std::min(shown, missing.size()); ++i)
        list.append(i == 0 ? "" : ", ").append(missing[i]);
    if (missing.size() > shown) list.append(fmt::format(", and {} more", missing.size() - shown));
    print_error(fmt::format(
        "{} calls of the plan {} are in no report (or were sent with other parameters than it has now): {}; warm "
        "them with hotlive run {} (--resume a report to send only these)",
        missing.size(), options.plan, list, options.plan));
    return exit_code::some_failed;
}

}  // namespace hotlive::cli
