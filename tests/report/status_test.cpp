// Call status names, report formats by name, and the totals of a report.
#include "hotlive/call_result.hpp"
#include "hotlive/report_contents.hpp"
#include "hotlive/report_format.hpp"
#include "report/sample_report.hpp"

#include <boost/test/unit_test.hpp>

using namespace hotlive;

BOOST_AUTO_TEST_SUITE(report_status)

BOOST_AUTO_TEST_CASE(status_names_are_the_schema_strings_and_parse_back) {
    BOOST_TEST(to_string(call_status::succeeded) == "succeeded");
    BOOST_TEST(to_string(call_status::failed) == "failed");
    BOOST_TEST(to_string(call_status::not_started) == "not_started");
    BOOST_TEST(to_string(call_status::cancelled) == "cancelled");
    BOOST_TEST(to_string(call_status::skipped) == "skipped");
    for (const auto s : {call_status::succeeded, call_status::failed, call_status::not_started, call_status::cancelled,
                         call_status::skipped}) {
        BOOST_TEST((parse_call_status(to_string(s)) == s));
    }
}

BOOST_AUTO_TEST_CASE(unknown_or_differently_spelt_statuses_are_refused) {
    BOOST_TEST(!parse_call_status("warm"));
    BOOST_TEST(!parse_call_status("Succeeded"));
    BOOST_TEST(!parse_call_status("not started"));
    BOOST_TEST(!parse_call_status("Skipped"));
    BOOST_TEST(!parse_call_status(""));
}

BOOST_AUTO_TEST_CASE(report_formats_are_json_csv_junit_and_md) {
    BOOST_TEST((parse_report_format("json") == report_format::json));
    BOOST_TEST((parse_report_format("csv") == report_format::csv));
    BOOST_TEST((parse_report_format("junit") == report_format::junit));
    BOOST_TEST((parse_report_format("md") == report_format::md));
    BOOST_TEST(!parse_report_format("markdown"));
    BOOST_TEST(!parse_report_format("JSON"));
    BOOST_TEST(!parse_report_format("xml"));
}

BOOST_AUTO_TEST_CASE(totals_count_each_status_and_sum_the_attempts) {
    auto r = test::sample_report();
    r.calls.push_back(test::succeeded_call("gala-main", "GUD"));
    r.calls.back().attempts = 2;
    const auto t = r.totals();
    BOOST_TEST(t.calls == 5u);
    BOOST_TEST(t.succeeded == 2u);
    BOOST_TEST(t.failed == 1u);
    BOOST_TEST(t.not_started == 1u);
    BOOST_TEST(t.cancelled == 1u);
    BOOST_TEST(t.attempts == 1u + 3u + 0u + 0u + 2u);
    BOOST_TEST(t.skipped == 0u);
    BOOST_TEST(t.succeeded + t.failed + t.not_started + t.cancelled + t.skipped == t.calls);
}

BOOST_AUTO_TEST_CASE(totals_count_skipped_calls_apart_and_still_add_up) {
    auto r = test::sample_report();
    r.calls.push_back(test::skipped_call("gala-hd", "SHH", "NoPermission", "You are not authorized.",
                                         "rts.example.com/live/gala-main@SHH", "5C2E1F2A-0001"));
    r.calls.push_back(test::skipped_call("gala-hd", "ZHJ", "NoPermission", "You are not authorized.",
                                         "rts.example.com/live/gala-main@SHH", "5C2E1F2A-0001"));
    const auto t = r.totals();
    BOOST_TEST(t.calls == 6u);
    BOOST_TEST(t.skipped == 2u);
    BOOST_TEST(t.failed == 1u);
    BOOST_TEST(t.attempts == 4u);
    BOOST_TEST(t.succeeded + t.failed + t.not_started + t.cancelled + t.skipped == t.calls);
}

BOOST_AUTO_TEST_CASE(an_empty_report_totals_zero) {
    const report r;
    const auto t = r.totals();
    BOOST_TEST(t.calls == 0u);
    BOOST_TEST(t.attempts == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
