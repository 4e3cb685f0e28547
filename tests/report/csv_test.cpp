// The CSV report: RFC 4180 as Python's csv module reads it, and no formulas for spreadsheets.
#include "hotlive/report_contents.hpp"
#include "hotlive/report_format.hpp"
#include "hotlive/report_writer.hpp"
#include "report/sample_report.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>

using namespace hotlive;
using hotlive::test::temp_dir;

namespace {

const std::string header =
    "key,domain,app,stream,region,status,attempts,run_attempts,ambiguous_attempts,throttled_attempts,http_status,code,"
    "message,"
    "request_id,first_attempt_at,finished_at,latency_ms,parameters_digest,skipped_because_key,"
    "skipped_because_request_id";

// The rows as Python's csv module (an independent RFC 4180 reader) sees them.
std::vector<std::vector<std::string>> rows_read_by_python(const std::string& csv) {
    temp_dir dir;
    const auto path = dir.write("report.csv", csv);
    const auto result = hotlive::test::run_process({"/usr/bin/python3", "-c",
                                                    "import csv, json, sys\n"
                                                    "with open(sys.argv[1], newline='', encoding='utf-8') as f:\n"
                                                    "    print(json.dumps(list(csv.reader(f, strict=True))))\n",
                                                    path.string()});
    BOOST_TEST_REQUIRE(result.exit_code == 0, result.err);
    std::vector<std::vector<std::string>> rows;
    const auto parsed = boost::json::parse(result.out);
    for (const auto& row : parsed.as_array()) {
        auto& out = rows.emplace_back();
        for (const auto& field : row.as_array()) out.emplace_back(field.as_string());
    }
    return rows;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(csv_report)

BOOST_AUTO_TEST_CASE(a_header_then_one_crlf_row_per_call) {
    const auto csv = render_report(test::sample_report(), report_format::csv);
    BOOST_TEST(csv.starts_with(header + "\r\n"));
    BOOST_TEST(std::count(csv.begin(), csv.end(), '\n') == 5);
    BOOST_TEST(std::count(csv.begin(), csv.end(), '\r') == 5);
    BOOST_TEST(
        csv.find("rts.example.com/live/gala-main@SHH,rts.example.com,live,gala-main,SHH,succeeded,1,1,0,0,200,,,"
                 "5C2E1F2A-0001,2026-12-31T11:30:00.123Z,2026-12-31T11:30:00.210Z,87,,,\r\n") != std::string::npos,
        csv);
}

// Issue 17: throttled_attempts is the column after ambiguous_attempts.
BOOST_AUTO_TEST_CASE(a_calls_throttled_attempts_follow_its_ambiguous_ones) {
    const auto csv = render_report(test::paced_report(), report_format::csv);
    BOOST_TEST(csv.find("\r\nrts.example.com/live/gala-main@ZHJ,rts.example.com,live,gala-main,ZHJ,failed,5,5,1,2,500,"
                        "InternalError,") != std::string::npos,
               csv);
    const auto rows = rows_read_by_python(csv);
    BOOST_TEST_REQUIRE(rows.size() == 5u);
    BOOST_TEST(rows[0][9] == "throttled_attempts");
    BOOST_TEST(rows[1][9] == "17");
    BOOST_TEST(rows[4][9] == "2");
}

BOOST_AUTO_TEST_CASE(absent_optionals_are_empty_fields) {
    const auto csv = render_report(test::sample_report(), report_format::csv);
    BOOST_TEST(
        csv.find("\r\nrts.example.com/live/gala-4k@SHH,rts.example.com,live,gala-4k,SHH,not_started,0,0,0,0,0,,,,,,,,,"
                 "\r\n") != std::string::npos,
        csv);
}

BOOST_AUTO_TEST_CASE(commas_quotes_and_line_breaks_are_quoted_and_read_back_whole) {
    auto r = test::sample_report();
    r.calls[1].message = "a, \"quoted\"\r\nmulti-line message é";
    r.calls[1].request_id = "id,with,commas";
    const auto csv = render_report(r, report_format::csv);
    BOOST_TEST(csv.find(",\"a, \"\"quoted\"\"\r\nmulti-line message é\",\"id,with,commas\",") != std::string::npos,
               csv);
    const auto rows = rows_read_by_python(csv);
    BOOST_TEST_REQUIRE(rows.size() == 5u);
    BOOST_TEST_REQUIRE(rows[2].size() == 20u);
    BOOST_TEST(rows[2][12] == *r.calls[1].message);
    BOOST_TEST(rows[2][13] == *r.calls[1].request_id);
    BOOST_TEST(rows[2][11] == "InternalError");
}

BOOST_AUTO_TEST_CASE(text_that_a_spreadsheet_would_run_as_a_formula_gets_a_leading_quote) {
    auto r = test::sample_report();
    r.calls[1].code = "=HYPERLINK(\"http://evil\",\"x\")";
    r.calls[1].message = "+1+1";
    r.calls[1].request_id = "-2";
    r.calls[3].code = "@SUM(A1)";
    r.calls[3].message = "\tcmd";
    r.calls[0].request_id = "\rx";
    r.calls[0].code = "ok-=+@";  // only the first character matters
    const auto rows = rows_read_by_python(render_report(r, report_format::csv));
    BOOST_TEST_REQUIRE(rows.size() == 5u);
    BOOST_TEST(rows[2][11] == "'=HYPERLINK(\"http://evil\",\"x\")");
    BOOST_TEST(rows[2][12] == "'+1+1");
    BOOST_TEST(rows[2][13] == "'-2");
    BOOST_TEST(rows[4][11] == "'@SUM(A1)");
    BOOST_TEST(rows[4][12] == "'\tcmd");
    BOOST_TEST(rows[1][13] == "'\rx");
    BOOST_TEST(rows[1][11] == "ok-=+@");
}

BOOST_AUTO_TEST_CASE(every_row_has_the_header_s_twenty_fields) {
    const auto rows = rows_read_by_python(render_report(test::sample_report(), report_format::csv));
    BOOST_TEST_REQUIRE(rows.size() == 5u);
    for (const auto& row : rows) BOOST_TEST(row.size() == 20u);
    BOOST_TEST(rows[1][15] == "2026-12-31T11:30:00.210Z");
    BOOST_TEST(rows[3][5] == "not_started");
}

BOOST_AUTO_TEST_CASE(a_skipped_call_names_the_call_that_condemned_it_in_the_last_two_columns) {
    report r;
    r.calls.push_back(test::skipped_call("gala-4k", "SHH", "NoSpecialConfiguration",
                                         "no special configuration for domain name.",
                                         "rts.example.com/live/gala-main@SHH", "5C2E1F2A-0003"));
    r.calls.push_back(test::skipped_call("gala-4k", "ZHJ", "InvalidAccessKeyId.Inactive",
                                         "Specified access key is disabled.", "rts.example.com/live/gala-main@ZHJ",
                                         std::nullopt));
    BOOST_TEST(render_report(r, report_format::csv) ==
               header +
                   "\r\n"
                   "rts.example.com/live/gala-4k@SHH,rts.example.com,live,gala-4k,SHH,skipped,0,0,0,0,0,"
                   "NoSpecialConfiguration,no special configuration for domain name.,,,2026-12-31T11:30:03.000Z,,,"
                   "rts.example.com/live/gala-main@SHH,5C2E1F2A-0003\r\n"
                   "rts.example.com/live/gala-4k@ZHJ,rts.example.com,live,gala-4k,ZHJ,skipped,0,0,0,0,0,"
                   "InvalidAccessKeyId.Inactive,Specified access key is disabled.,,,2026-12-31T11:30:03.000Z,,,"
                   "rts.example.com/live/gala-main@ZHJ,\r\n");
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_replaced_so_the_file_decodes) {
    auto r = test::sample_report();
    r.calls[1].message = std::string("bad \xFF byte");
    const auto rows = rows_read_by_python(render_report(r, report_format::csv));
    BOOST_TEST(rows[2][12] == "bad \xEF\xBF\xBD byte");
}

BOOST_AUTO_TEST_CASE(an_empty_report_is_the_header_alone) {
    BOOST_TEST(render_report(report{}, report_format::csv) == header + "\r\n");
}

BOOST_AUTO_TEST_SUITE_END()
