// The end-of-run table of `hotlive run`: the totals, then the calls that are not warm grouped
// by cause with a few examples each. Tallied as calls end, so nothing needs the whole report.
// With --log-format json it is one JSON object on stdout: the totals and the count per cause.
#pragma once

#include <hotlive/call_result.hpp>
#include <hotlive/refusal_scope.hpp>
#include <hotlive/report_contents.hpp>

#include <map>
#include <span>
#include <string>
#include <vector>

namespace hotlive::cli {

// One line for a condemned scope: what refused it, how many calls it skipped, what to do
// ("rts.bad.example.com: NoSpecialConfiguration (prefetch switch off): 4,998 calls skipped; …").
[[nodiscard]] std::string refused_scope_line(const condemned_scope& scope, const std::string& plan_path,
                                             const std::string& report_path);

class run_summary {
public:
    // A call that ended in this run (the totals are the run state's: run_state.hpp). Skipped
    // calls are told by the scope that condemned them, not one by one.
    void add(const call_result& result);

    void print(const report_info& info, const report_totals& totals, std::span<const condemned_scope> condemned,
               const std::string& report_path) const;

private:
    void print_json(const report_info& info, const report_totals& totals, std::span<const condemned_scope> condemned,
                    const std::string& report_path) const;

    static constexpr std::size_t examples_per_cause = 5;
    // Room for several sentences of the service's text, not for a hostile megabyte per call; the
    // report keeps the whole text.
    static constexpr std::size_t example_text_limit = 1024;

    struct cause {
        std::size_t count = 0;
        std::vector<std::string> examples;  // "key  message"
    };

    std::map<std::string, cause> not_warm_;  // by code, or by status when there is no code
};

}  // namespace hotlive::cli
