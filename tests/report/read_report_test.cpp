// read_report refuses what is not a whole, consistent hotlive.report/1 file, and says why.
#include "hotlive/report_contents.hpp"
#include "hotlive/report_format.hpp"
#include "hotlive/report_reader.hpp"
#include "hotlive/report_writer.hpp"
#include "report/sample_report.hpp"
#include "support/temp_dir.hpp"

#include <boost/test/unit_test.hpp>

using namespace hotlive;
using hotlive::test::temp_dir;

namespace {

std::string valid_json() { return render_report(test::sample_report(), report_format::json); }

// The sample report and one skipped call, last.
std::string json_with_skipped() {
    auto r = test::sample_report();
    r.calls.push_back(test::skipped_call("gala-hd", "SHH", "CodeRegionHasNoNode",
                                         "this region has no corresponding node.", "rts.example.com/live/gala-main@SHH",
                                         "5C2E1F2A-0001"));
    return render_report(r, report_format::json);
}

// Replaces the first `from` in `text`; the test fails if there is none.
std::string replaced(std::string text, std::string_view from, std::string_view to) {
    const auto at = text.find(from);
    BOOST_TEST_REQUIRE(at != std::string::npos, from);
    text.replace(at, from.size(), to);
    return text;
}

// The error read_report gives for a file holding `content`, with the file's path.
struct read_error {
    std::string path;
    std::string message;
};
read_error error_for(const std::string& content) {
    temp_dir dir;
    const auto path = dir.write("report.json", content);
    const auto read = read_report(path);
    BOOST_TEST(!read.value.has_value());
    return {path.string(), read.error};
}

void check_error(const std::string& content, const std::string& expected_tail) {
    const auto e = error_for(content);
    BOOST_TEST(e.message.starts_with(e.path), e.message);
    BOOST_TEST(e.message.ends_with(expected_tail), e.message);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(read_report_errors)

BOOST_AUTO_TEST_CASE(a_missing_file_is_an_error_naming_it) {
    temp_dir dir;
    const auto read = read_report(dir.path() / "nope.json");
    BOOST_TEST(!read.value.has_value());
    BOOST_TEST(read.error == "cannot open " + (dir.path() / "nope.json").string() + ": No such file or directory");
}

BOOST_AUTO_TEST_CASE(a_directory_is_an_error_naming_it) {
    temp_dir dir;
    const auto read = read_report(dir.path());
    BOOST_TEST(!read.value.has_value());
    BOOST_TEST(read.error.find(dir.path().string()) != std::string::npos, read.error);
    BOOST_TEST(read.error.find("Is a directory") != std::string::npos, read.error);
}

BOOST_AUTO_TEST_CASE(an_empty_file_is_not_a_report) { check_error("", ": empty file, not a JSON report"); }

BOOST_AUTO_TEST_CASE(text_that_is_not_json_is_refused_with_its_line_and_column) {
    const auto e = error_for("{\"schema\":\"hotlive.report/1\",\n  oops}");
    BOOST_TEST(e.message.starts_with(e.path + ":2:3: not valid JSON: "), e.message);
}

BOOST_AUTO_TEST_CASE(a_truncated_report_is_refused_as_incomplete) {
    const auto text = valid_json();
    const auto e = error_for(text.substr(0, text.size() / 2));
    BOOST_TEST(e.message.find(": not valid JSON: ") != std::string::npos, e.message);
    BOOST_TEST(e.message.find("incomplete") != std::string::npos, e.message);
}

BOOST_AUTO_TEST_CASE(text_after_the_report_is_refused) {
    check_error(valid_json() + "\n{}", "unexpected text after the report");
}

BOOST_AUTO_TEST_CASE(a_json_document_that_is_not_an_object_is_not_a_report) {
    check_error("[1, 2]", ": not a hotlive report: the document is an array, not an object");
}

BOOST_AUTO_TEST_CASE(a_report_without_a_schema_is_refused) {
    check_error(replaced(valid_json(), "\"schema\":\"hotlive.report/1\",", ""),
                ": not a hotlive report: it has no \"schema\" field");
}

BOOST_AUTO_TEST_CASE(another_schema_is_refused_naming_it) {
    const auto e = error_for(replaced(valid_json(), "hotlive.report/1", "hotlive.report/2"));
    BOOST_TEST(e.message.starts_with(e.path + ":1:"), e.message);
    BOOST_TEST(e.message.ends_with(": not a hotlive.report/1 file: its \"schema\" is \"hotlive.report/2\""), e.message);
    check_error("{\"schema\":1}", ": not a hotlive.report/1 file: its \"schema\" is a whole number");
}

BOOST_AUTO_TEST_CASE(a_missing_top_level_field_is_named) {
    check_error(replaced(valid_json(), "\"endpoint\":\"https://live.aliyuncs.com\",", ""), ": endpoint: missing");
    check_error(replaced(valid_json(), "\"shard\":{\"index\":1,\"count\":1},", ""), ": shard: missing");
    check_error(replaced(valid_json(), ",\"finished_at\":\"2026-12-31T11:32:03.456Z\"", ""), ": finished_at: missing");
    check_error(
        "{\"schema\":\"hotlive.report/1\",\"plan\":\"p\",\"source\":\"s\",\"endpoint\":\"e\","
        "\"shard\":{\"index\":1,\"count\":1},\"started_at\":null,\"finished_at\":null}",
        ": calls: missing");
}

BOOST_AUTO_TEST_CASE(a_missing_call_field_is_named_with_the_call_index_and_key) {
    check_error(replaced(valid_json(), "\"region\":\"ZHJ\",", ""),
                ": calls[1] (rts.example.com/live/gala-main@ZHJ): region: missing");
    check_error(replaced(valid_json(), "\"latency_ms\":null", "\"other\":null"),
                ": calls[2] (rts.example.com/live/gala-4k@SHH): latency_ms: missing");
}

BOOST_AUTO_TEST_CASE(wrong_types_are_named_with_what_was_expected_and_found) {
    check_error(replaced(valid_json(), "\"attempts\":3", "\"attempts\":\"3\""),
                "calls[1] (rts.example.com/live/gala-main@ZHJ): attempts: expected a whole number from 0 to "
                "4294967295, got \"3\"");
    check_error(replaced(valid_json(), "\"attempts\":3", "\"attempts\":-1"),
                "attempts: expected a whole number from 0 to 4294967295, got -1");
    check_error(replaced(valid_json(), "\"attempts\":3", "\"attempts\":4294967296"),
                "attempts: expected a whole number from 0 to 4294967295, got 4294967296");
    check_error(replaced(valid_json(), "\"attempts\":3", "\"attempts\":3.0"),
                "attempts: expected a whole number from 0 to 4294967295, got 3E0");
    check_error(replaced(valid_json(), "\"http_status\":500", "\"http_status\":1000"),
                "http_status: expected a whole number from 0 to 999, got 1000");
    check_error(replaced(valid_json(), "\"status\":\"failed\"", "\"status\":\"warm\""),
                "status: expected succeeded, failed, not_started, cancelled or skipped, got \"warm\"");
    check_error(replaced(valid_json(), "\"code\":\"InternalError\"", "\"code\":42"),
                "code: expected a string or null, got 42");
    check_error(replaced(valid_json(), "\"domain\":\"rts.example.com\"", "\"domain\":null"),
                "calls[0] (rts.example.com/live/gala-main@SHH): domain: expected a string, got null");
    check_error(replaced(valid_json(), "\"finished_at\":\"2026-12-31T11:30:00.210Z\"", "\"finished_at\":\"yesterday\""),
                "finished_at: expected an RFC 3339 time or null, got \"yesterday\"");
    check_error(replaced(valid_json(), "\"latency_ms\":87", "\"latency_ms\":[87]"),
                "latency_ms: expected a whole number or null, got an array");
    check_error(replaced(valid_json(), "\"plan\":\"new-year-gala-2027\"", "\"plan\":{}"),
                ": plan: expected a string, got an object");
    check_error(replaced(valid_json(), "\"started_at\":\"2026-12-31T11:30:00.000Z\"", "\"started_at\":\"noon\""),
                ": started_at: expected an RFC 3339 time or null, got \"noon\"");
}

BOOST_AUTO_TEST_CASE(calls_must_be_an_array_of_objects) {
    const auto text = valid_json();
    const auto calls_at = text.find("\"calls\":[");
    check_error(text.substr(0, calls_at) + "\"calls\":{}}", ": calls: expected an array, got an object");
    check_error(text.substr(0, calls_at) + "\"calls\":[7]}", ": calls[0]: expected an object, got a whole number");
    check_error(text.substr(0, calls_at) + "\"calls\":[[]]}", ": calls[0]: expected an object, got an array");
}

BOOST_AUTO_TEST_CASE(calls_given_twice_are_refused) {
    check_error(replaced(valid_json(), "\"calls\":[", "\"calls\":[],\"calls\":["), "\"calls\" appears twice");
}

BOOST_AUTO_TEST_CASE(a_shard_outside_its_count_is_refused) {
    check_error(replaced(valid_json(), "\"shard\":{\"index\":1,\"count\":1}", "\"shard\":{\"index\":3,\"count\":2}"),
                ": shard.index: expected a whole number from 1 to 2, got 3");
    check_error(replaced(valid_json(), "\"shard\":{\"index\":1,\"count\":1}", "\"shard\":{\"index\":0,\"count\":0}"),
                ": shard.count: expected a whole number from 1 to 4294967295, got 0");
}

BOOST_AUTO_TEST_CASE(totals_that_do_not_add_up_to_the_calls_are_refused) {
    check_error(replaced(valid_json(), "\"failed\":1", "\"failed\":2"),
                ": totals.failed is 2, but the calls hold 1 failed");
    check_error(replaced(valid_json(), "\"calls\":4", "\"calls\":5"),
                ": totals.calls is 5, but the report holds 4 calls");
    check_error(replaced(valid_json(), "\"attempts\":4,", "\"attempts\":40,"),
                ": totals.attempts is 40, but the calls' attempts add up to 4");
    check_error(replaced(valid_json(), "\"run_attempts\":4,\"throttled", "\"run_attempts\":3,\"throttled"),
                ": totals.run_attempts is 3, but the calls' run_attempts add up to 4");
    check_error(replaced(valid_json(), ",\"cancelled\":1", ""), ": totals.cancelled: missing");
}

// Issue 16: skipped_because is on every skipped call, and on no other.
BOOST_AUTO_TEST_CASE(skipped_because_is_checked_like_any_field) {
    check_error(replaced(json_with_skipped(),
                         ",\"skipped_because\":{\"key\":\"rts.example.com/live/gala-main@SHH\","
                         "\"request_id\":\"5C2E1F2A-0001\"}",
                         ""),
                ": calls[4] (rts.example.com/live/gala-hd@SHH): skipped_because: missing");
    check_error(replaced(json_with_skipped(), "\"skipped_because\":{\"key\":\"rts.example.com/live/gala-main@SHH\",",
                         "\"skipped_because\":{\"key\":7,"),
                ": calls[4] (rts.example.com/live/gala-hd@SHH): skipped_because.key: expected a string or null, got 7");
    check_error(replaced(json_with_skipped(), ",\"request_id\":\"5C2E1F2A-0001\"}", "}"),
                ": calls[4] (rts.example.com/live/gala-hd@SHH): skipped_because.request_id: missing");
    check_error(replaced(json_with_skipped(),
                         "\"skipped_because\":{\"key\":\"rts.example.com/live/gala-main@SHH\","
                         "\"request_id\":\"5C2E1F2A-0001\"}",
                         "\"skipped_because\":\"rts.example.com/live/gala-main@SHH\""),
                ": skipped_because: expected an object, got \"rts.example.com/live/gala-main@SHH\"");
    check_error(replaced(valid_json(), "\"parameters_digest\":null}",
                         "\"parameters_digest\":null,\"skipped_because\":{\"key\":\"k\",\"request_id\":null}}"),
                ": calls[0] (rts.example.com/live/gala-main@SHH): skipped_because: only a skipped call has one");
}

BOOST_AUTO_TEST_CASE(totals_must_count_the_skipped_calls) {
    check_error(replaced(json_with_skipped(), "\"skipped\":1,", "\"skipped\":0,"),
                ": totals.skipped is 0, but the calls hold 1 skipped");
    check_error(replaced(json_with_skipped(), "\"skipped\":1,", ""),
                ": totals.skipped is missing, but the calls hold 1 skipped");
    check_error(replaced(valid_json(), "\"skipped\":0,", "\"skipped\":null,"),
                ": totals.skipped: expected a whole number from 0 to 18446744073709551615, got null");
}

// Reports written before issue 16 have no "skipped" total: it reads as 0.
BOOST_AUTO_TEST_CASE(a_report_older_than_skipped_reads_as_none_skipped) {
    temp_dir dir;
    const auto path = dir.write("report.json", replaced(valid_json(), "\"skipped\":0,", ""));
    const auto read = read_report(path);
    BOOST_TEST_REQUIRE(read.value.has_value(), read.error);
    BOOST_TEST(read.value->totals().skipped == 0u);
    BOOST_TEST(read.value->calls.size() == 4u);
}

BOOST_AUTO_TEST_CASE(unknown_fields_are_ignored_so_a_later_hotlive_may_add_some) {
    temp_dir dir;
    const auto path =
        dir.write("report.json", replaced(replaced(valid_json(), "\"plan\":", "\"extra\":[1,{\"a\":2}],\"plan\":"),
                                          "\"latency_ms\":null", "\"latency_ms\":null,\"possibly_duplicated\":true"));
    const auto read = read_report(path);
    BOOST_TEST_REQUIRE(read.value.has_value(), read.error);
    BOOST_TEST(read.value->calls.size() == 4u);
}

// Issue 17: a call's throttled_attempts is checked like its other attempts.
BOOST_AUTO_TEST_CASE(throttled_attempts_are_checked_like_the_other_attempts) {
    const auto paced = render_report(test::paced_report(), report_format::json);
    check_error(replaced(paced, "\"throttled_attempts\":2,", "\"throttled_attempts\":-2,"),
                ": calls[1] (rts.example.com/live/gala-main@ZHJ): throttled_attempts: expected a whole number from 0 "
                "to 4294967295, got -2");
    check_error(replaced(paced, "\"throttled_attempts\":2,", "\"throttled_attempts\":null,"),
                ": calls[1] (rts.example.com/live/gala-main@ZHJ): throttled_attempts: expected a whole number from 0 "
                "to 4294967295, got null");
}

// The total of throttled attempts is the calls' sum, as the other totals are (a resume carries a
// warm call's throttled attempts over with it).
BOOST_AUTO_TEST_CASE(a_throttled_total_that_disagrees_with_the_calls_is_refused) {
    check_error(replaced(render_report(test::paced_report(), report_format::json), "\"throttled_attempts\":21}",
                         "\"throttled_attempts\":4}"),
                ": totals.throttled_attempts is 4, but the calls' throttled_attempts add up to 21");
}

BOOST_AUTO_TEST_CASE(a_malformed_pace_is_refused_naming_its_field) {
    const auto paced = render_report(test::paced_report(), report_format::json);
    const std::string pace =
        "\"pace\":{\"ceiling\":9,\"adaptive\":true,\"reductions\":12,\"lowest\":4.1,\"settled\":5.9}";
    check_error(replaced(paced, pace, "\"pace\":null"), ": pace: expected an object, got null");
    check_error(replaced(paced, pace, "\"pace\":[9]"), ": pace: expected an object, got an array");
    check_error(replaced(paced, "\"ceiling\":9", "\"ceiling\":-9"), ": pace.ceiling: expected a number from 0, got -9");
    check_error(replaced(paced, "\"ceiling\":9,", ""), ": pace.ceiling: missing");
    check_error(replaced(paced, "\"adaptive\":true", "\"adaptive\":\"yes\""),
                ": pace.adaptive: expected true or false, got \"yes\"");
    check_error(replaced(paced, "\"reductions\":12", "\"reductions\":1.5"),
                ": pace.reductions: expected a whole number from 0 to 18446744073709551615, got 1.5E0");
    check_error(replaced(paced, "\"lowest\":4.1", "\"lowest\":\"4.1\""),
                ": pace.lowest: expected a number from 0 or null, got \"4.1\"");
    check_error(replaced(paced, ",\"settled\":5.9", ""), ": pace.settled: missing");
    check_error(replaced(paced, "\"reductions\":12", "\"reductions\":0"),
                ": pace.lowest: a pace never cut (reductions 0) has none");
    check_error(replaced(paced, pace,
                         "\"pace\":{\"ceiling\":9,\"adaptive\":true,\"reductions\":0,\"lowest\":null,\"settled\":5.9}"),
                ": pace.settled: a pace never cut (reductions 0) has none");
}

BOOST_AUTO_TEST_SUITE_END()
