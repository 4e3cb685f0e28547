// The end-of-run table of `hotlive run`: the totals, then the calls that are not warm grouped
// by cause with a few examples each. Tallied as calls end, so nothing needs the whole report.
// With --log-format json it is one JSON object on stdout: the totals and the count per cause.
#pragma once

#include <hotlive/call_result.hpp>
#include <hotlive/report_contents.hpp>

#include <map>
#include <string>
#include <vector>

namespace hotlive::cli {

class run_summary {
public:
    // A call that ended in this run (the totals are the run state's: run_state.hpp).
    void add(const call_result& result);

    void print(const report_info& info, const report_totals& totals, const std::string& report_path) const;

private:
    void print_json(const report_info& info, const report_totals& totals, const std::string& report_path) const;

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
