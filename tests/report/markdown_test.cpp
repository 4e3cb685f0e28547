// The Markdown report: a runbook's summary of what is warm, what is not and what to do.
#include "hotlive/report_contents.hpp"
#include "hotlive/report_format.hpp"
#include "hotlive/report_writer.hpp"
#include "report/sample_report.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <sstream>

using namespace hotlive;

namespace {

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

// Cell separators of a table row: '|' not escaped by a backslash.
std::size_t separators(std::string_view row) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < row.size(); ++i) {
        if (row[i] == '\\') {
            ++i;
        } else if (row[i] == '|') {
            ++n;
        }
    }
    return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(markdown_report)

BOOST_AUTO_TEST_CASE(the_summary_names_plan_endpoint_times_and_duration) {
    const auto md = render_report(test::sample_report(), report_format::md);
    BOOST_TEST(md.starts_with("# hotlive report: new-year-gala-2027\n\n"), md);
    BOOST_TEST(contains(md, "- Plan file: plans/new-year-gala.yaml\n"), md);
    BOOST_TEST(contains(md, "- Endpoint: https://live.aliyuncs.com\n"), md);
    BOOST_TEST(contains(md, "- Started: 2026-12-31T11:30:00.000Z\n"), md);
    BOOST_TEST(contains(md, "- Finished: 2026-12-31T11:32:03.456Z (took 2 min 3 s)\n"), md);
    BOOST_TEST(!contains(md, "Shard"));
}

BOOST_AUTO_TEST_CASE(a_shard_report_says_which_shard) {
    auto r = test::sample_report();
    r.shard = {2, 5};
    BOOST_TEST(contains(render_report(r, report_format::md), "- Shard: 2 of 5\n"));
}

BOOST_AUTO_TEST_CASE(the_totals_table_counts_warm_failed_not_started_cancelled_skipped_and_attempts) {
    const auto md = render_report(test::sample_report(), report_format::md);
    BOOST_TEST(contains(md,
                        "| warm | failed | not started | cancelled | skipped | calls | attempts |\n"
                        "|---:|---:|---:|---:|---:|---:|---:|\n"
                        "| 1 | 1 | 1 | 1 | 0 | 4 | 4 |\n"),
               md);
}

// Issue 16: a skipped call is not warm, names the call that condemned it, and counts under its code.
BOOST_AUTO_TEST_CASE(skipped_calls_are_listed_with_the_call_that_condemned_them_and_counted_under_its_code) {
    report r;
    r.plan = "p";
    auto condemning =
        test::failed_call("a", "SHH", "NoSpecialConfiguration", "no special configuration for domain name.");
    condemning.attempts = 1;
    r.calls.push_back(condemning);
    r.calls.push_back(test::skipped_call("a", "ZHJ", "NoSpecialConfiguration",
                                         "no special configuration for domain name.", "rts.example.com/live/a@SHH",
                                         "5C2E1F2A-0002"));
    r.calls.push_back(test::skipped_call("b", "SHH", "NoSpecialConfiguration",
                                         "no special configuration for domain name.", "rts.example.com/live/a@SHH",
                                         "5C2E1F2A-0002"));
    r.calls.push_back(
        test::skipped_call("b", "ZHJ", "InvalidSecurityToken.Expired", "", "rts.example.com/live/c@GUD", std::nullopt));
    r.calls.back().message.reset();
    const auto md = render_report(r, report_format::md);
    BOOST_TEST(contains(md, "| 0 | 1 | 0 | 0 | 3 | 4 | 1 |\n"), md);
    BOOST_TEST(contains(md, "## Calls that are not warm (4)\n"), md);
    BOOST_TEST(
        contains(md,
                 "| rts.example.com/live/a@ZHJ | skipped | 0 | NoSpecialConfiguration | no special configuration "
                 "for domain name. (skipped because of rts.example.com/live/a@SHH, request id 5C2E1F2A-0002) |  |\n"),
        md);
    BOOST_TEST(contains(md,
                        "| rts.example.com/live/b@ZHJ | skipped | 0 | InvalidSecurityToken.Expired | (skipped because "
                        "of rts.example.com/live/c@GUD) |  |\n"),
               md);
    BOOST_TEST(
        contains(md,
                 "| NoSpecialConfiguration | 3 | enable the prefetch switch for the domain (contact Alibaba Cloud "
                 "or the console); until then, no call for it can succeed; once it is on, run `hotlive run "
                 "--resume REPORT` |\n"),
        md);
    BOOST_TEST(contains(md, "| InvalidSecurityToken.Expired | 1 | the STS security token was refused"), md);
    BOOST_TEST(
        contains(md,
                 "\n3 calls were skipped, not sent: an answer to another call showed that its account, domain or "
                 "region cannot warm (each names that call; they are counted under its code above). Once the "
                 "cause is fixed, `hotlive run --resume REPORT` sends them.\n"),
        md);
    BOOST_TEST(!contains(md, "not started or cancelled"), md);
}

BOOST_AUTO_TEST_CASE(one_skipped_call_beside_unsent_ones_is_a_paragraph_of_its_own) {
    auto r = test::sample_report();
    r.calls.push_back(test::skipped_call("a", "ZHJ", "CodeRegionHasNoNode", "this region has no corresponding node.",
                                         "rts.example.com/live/a@ZHJ", "5C2E1F2A-0009"));
    const auto md = render_report(r, report_format::md);
    BOOST_TEST(contains(md,
                        "to send only those that are not warm.\n\n1 call was skipped, not sent: an answer to another "
                        "call showed"),
               md);
    BOOST_TEST(md.ends_with("`hotlive run --resume REPORT` sends them.\n"), md);
}

BOOST_AUTO_TEST_CASE(only_calls_that_are_not_warm_are_listed) {
    const auto md = render_report(test::sample_report(), report_format::md);
    BOOST_TEST(contains(md, "## Calls that are not warm (3)\n"), md);
    BOOST_TEST(contains(md,
                        "| rts.example.com/live/gala-main@ZHJ | failed | 3 | InternalError | The request processing "
                        "has failed due to backend service exception. | 5C2E1F2A-0002 |\n"),
               md);
    BOOST_TEST(contains(md, "| rts.example.com/live/gala-4k@SHH | not_started | 0 |  |  |  |\n"), md);
    BOOST_TEST(
        contains(md, "| rts.example.com/live/gala-4k@ZHJ | cancelled | 0 | deadline | schedule.deadline passed |  |"),
        md);
    BOOST_TEST(!contains(md, "gala-main@SHH"), md);
}

// Issue 17: when the pace came down under a shared quota, the totals say so in one sentence, and
// each call that is not warm how many of its attempts were throttled.
BOOST_AUTO_TEST_CASE(a_pace_cut_by_throttling_is_one_sentence_under_the_totals) {
    const auto md = render_report(test::paced_report(), report_format::md);
    BOOST_TEST(contains(md,
                        "| 1 | 1 | 1 | 1 | 0 | 4 | 25 |\n\n"
                        "The account's quota was shared: the service throttled 21 attempts, so hotlive cut its pace "
                        "12 times and settled at 5.9 calls/s of the 9 allowed (lowest 4.1 calls/s).\n\n"
                        "## Calls that are not warm (3)\n"),
               md);
    BOOST_TEST(contains(md, "| rts.example.com/live/gala-main@ZHJ | failed | 5 (2 throttled) | InternalError |"), md);
    BOOST_TEST(contains(md, "| rts.example.com/live/gala-4k@SHH | not_started | 0 |  |"), md);
    BOOST_TEST(contains(md, "| rts.example.com/live/gala-4k@ZHJ | cancelled | 2 (2 throttled) | deadline |"), md);
}

BOOST_AUTO_TEST_CASE(a_pace_never_cut_or_unknown_says_nothing) {
    auto r = test::paced_report();
    r.pace->reductions = 0;
    BOOST_TEST(!contains(render_report(r, report_format::md), "quota"));
    r.pace.reset();
    BOOST_TEST(!contains(render_report(r, report_format::md), "quota"));
}

BOOST_AUTO_TEST_CASE(when_every_call_is_warm_it_says_so) {
    report r;
    r.plan = "p";
    r.calls.push_back(test::succeeded_call("a", "SHH"));
    r.calls.push_back(test::succeeded_call("b", "SHH"));
    const auto md = render_report(r, report_format::md);
    BOOST_TEST(contains(md, "\nAll 2 calls are warm.\n"), md);
    BOOST_TEST(!contains(md, "not warm ("));
    BOOST_TEST(!contains(md, "## What to do"));
}

BOOST_AUTO_TEST_CASE(pipes_line_breaks_and_markup_cannot_break_a_row) {
    auto r = test::sample_report();
    r.calls[1].message = "a | b\r\nc\nd <img src=x> [link](http://x) `code` *em*";
    const auto md = render_report(r, report_format::md);
    const auto lines = lines_of(md);
    const auto row = std::find_if(lines.begin(), lines.end(), [](const std::string& l) {
        return l.starts_with("| rts.example.com/live/gala-main@ZHJ");
    });
    BOOST_TEST_REQUIRE((row != lines.end()));
    BOOST_TEST(separators(*row) == 7u, *row);
    BOOST_TEST(contains(*row, "a \\| b<br>c<br>d &lt;img src=x&gt; \\[link\\](http://x) \\`code\\` \\*em\\*"), *row);
}

BOOST_AUTO_TEST_CASE(underscores_inside_words_are_not_escaped_so_a_terminal_shows_them_plainly) {
    auto r = test::sample_report();
    r.calls.push_back(test::failed_call("s", "GUD", "connect_refused", "retry_budget__x _em_ _ a_ x_1"));
    const auto md = render_report(r, report_format::md);
    // An underscore between letters or digits cannot be emphasis (CommonMark): it stays as written.
    BOOST_TEST(contains(md, "| connect_refused | retry_budget__x \\_em\\_ \\_ a\\_ x_1 |"), md);
    BOOST_TEST(contains(md, "\n| connect_refused | 1 | "), md);  // "What to do"
    BOOST_TEST(!contains(md, "connect\\_refused"), md);
}

BOOST_AUTO_TEST_CASE(what_to_do_gives_advice_per_code_most_frequent_first) {
    auto r = test::sample_report();
    r.calls.push_back(test::failed_call("s", "GUD", "CodeRegionHasNoNode", "this region has no corresponding node."));
    r.calls.push_back(test::failed_call("s", "HKG", "CodeRegionHasNoNode", "this region has no corresponding node."));
    r.calls.push_back(test::failed_call("s", "XX", "Odd.Code", "?"));
    const auto md = render_report(r, report_format::md);
    const auto section = md.find("## What to do\n\n| code | calls | what to do |\n|---|---:|---|\n");
    BOOST_TEST_REQUIRE(section != std::string::npos, md);
    const auto region = md.find(
        "| CodeRegionHasNoNode | 2 | the region has no edge node; remove it from the plan or "
        "pick a neighbouring region |\n",
        section);
    const auto internal = md.find(
        "| InternalError | 1 | service-side failure after all retries; run `hotlive run "
        "--resume REPORT`",
        section);
    const auto odd = md.find("| Odd.Code | 1 | no advice for this code", section);
    BOOST_TEST(region != std::string::npos, md);
    BOOST_TEST(internal != std::string::npos, md);
    BOOST_TEST(odd != std::string::npos, md);
    BOOST_TEST(region < internal);
    BOOST_TEST(contains(md, "| deadline | 1 | "), md);
    BOOST_TEST(contains(md, "\n2 calls were not started or cancelled"), md);
}

BOOST_AUTO_TEST_CASE(a_report_of_a_run_that_never_started_says_so) {
    report r;
    r.plan = "p";
    r.calls.push_back(test::make_call("a", "SHH", call_status::not_started));
    const auto md = render_report(r, report_format::md);
    BOOST_TEST(contains(md, "- Started: not started\n- Finished: not finished\n"), md);
    BOOST_TEST(contains(md, "\n1 call was not started or cancelled"), md);
}

BOOST_AUTO_TEST_SUITE_END()
