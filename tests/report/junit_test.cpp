// The JUnit XML report: well-formed whatever the server said, with the counts CI systems read.
#include "hotlive/report_contents.hpp"
#include "hotlive/report_format.hpp"
#include "hotlive/report_writer.hpp"
#include "report/sample_report.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <boost/test/unit_test.hpp>

using namespace hotlive;
using hotlive::test::temp_dir;

namespace {

// Parses the XML with Python: minidom proves it well-formed, ElementTree gives its structure as
// JSON (what a CI system would read).
constexpr const char* xml_to_json = R"(
import json, sys, xml.dom.minidom, xml.etree.ElementTree as ET
xml.dom.minidom.parse(sys.argv[1])
root = ET.parse(sys.argv[1]).getroot()
def element(e):
    return {"tag": e.tag, "attrs": dict(e.attrib), "text": e.text or "", "children": [element(c) for c in e]}
print(json.dumps(element(root)))
)";

boost::json::object parsed(const std::string& xml) {
    temp_dir dir;
    const auto path = dir.write("report.xml", xml);
    const auto result = hotlive::test::run_process({"/usr/bin/python3", "-c", xml_to_json, path.string()});
    BOOST_TEST_REQUIRE(result.exit_code == 0, result.err + "\n" + xml);
    return boost::json::parse(result.out).as_object();
}

std::string attr(const boost::json::object& element, std::string_view name) {
    const auto* value = element.at("attrs").as_object().if_contains(name);
    return value == nullptr ? std::string("<absent>") : std::string(value->as_string());
}

const boost::json::array& children(const boost::json::object& element) { return element.at("children").as_array(); }

const boost::json::object& child(const boost::json::object& element, std::size_t i) {
    return children(element).at(i).as_object();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(junit_report)

BOOST_AUTO_TEST_CASE(one_suite_named_after_the_plan_with_the_counts) {
    const auto root = parsed(render_report(test::sample_report(), report_format::junit));
    BOOST_TEST(std::string(root.at("tag").as_string()) == "testsuites");
    BOOST_TEST(attr(root, "tests") == "4");
    BOOST_TEST(attr(root, "failures") == "1");
    BOOST_TEST(attr(root, "errors") == "0");
    BOOST_TEST(attr(root, "skipped") == "2");
    BOOST_TEST_REQUIRE(children(root).size() == 1u);
    const auto& suite = child(root, 0);
    BOOST_TEST(attr(suite, "name") == "new-year-gala-2027");
    BOOST_TEST(attr(suite, "tests") == "4");
    BOOST_TEST(attr(suite, "failures") == "1");
    BOOST_TEST(attr(suite, "skipped") == "2");
    BOOST_TEST(attr(suite, "time") == "123.456");
    BOOST_TEST(children(suite).size() == 4u);
}

BOOST_AUTO_TEST_CASE(each_call_is_a_testcase_named_by_stream_and_region) {
    const auto suite = child(parsed(render_report(test::sample_report(), report_format::junit)), 0);
    const auto& warm = child(suite, 0);
    BOOST_TEST(std::string(warm.at("tag").as_string()) == "testcase");
    BOOST_TEST(attr(warm, "classname") == "rts.example.com/live/gala-main");
    BOOST_TEST(attr(warm, "name") == "SHH");
    BOOST_TEST(attr(warm, "time") == "0.087");  // first attempt to finish
    BOOST_TEST(children(warm).empty());
}

BOOST_AUTO_TEST_CASE(a_failed_call_carries_code_message_attempts_status_and_request_id) {
    const auto suite = child(parsed(render_report(test::sample_report(), report_format::junit)), 0);
    const auto& failed = child(suite, 1);
    BOOST_TEST(attr(failed, "time") == "1.500");
    BOOST_TEST_REQUIRE(children(failed).size() == 1u);
    const auto& failure = child(failed, 0);
    BOOST_TEST(std::string(failure.at("tag").as_string()) == "failure");
    BOOST_TEST(attr(failure, "type") == "InternalError");
    BOOST_TEST(attr(failure, "message") ==
               "InternalError: The request processing has failed due to backend service exception.");
    BOOST_TEST(std::string(failure.at("text").as_string()) ==
               "key: rts.example.com/live/gala-main@ZHJ\nattempts: 3 (1 ambiguous: sent, outcome unknown)\n"
               "http status: 500\nrequest id: 5C2E1F2A-0002\n");
}

// Issue 17: a call's throttled attempts, beside its ambiguous ones.
BOOST_AUTO_TEST_CASE(a_failed_or_cancelled_call_counts_its_throttled_attempts) {
    auto r = test::paced_report();
    const auto suite = child(parsed(render_report(r, report_format::junit)), 0);
    BOOST_TEST(std::string(child(child(suite, 1), 0).at("text").as_string()) ==
               "key: rts.example.com/live/gala-main@ZHJ\n"
               "attempts: 5 (1 ambiguous: sent, outcome unknown; 2 throttled: answered too fast)\n"
               "http status: 500\nrequest id: 5C2E1F2A-0002\n");
    BOOST_TEST(attr(child(child(suite, 3), 0), "message") ==
               "cancelled: deadline: schedule.deadline passed (2 attempts throttled)");
    r.calls[1].ambiguous_attempts = 0;
    r.calls[3].throttled_attempts = 1;
    r.calls[3].attempts = r.calls[3].run_attempts = 1;
    const auto again = child(parsed(render_report(r, report_format::junit)), 0);
    BOOST_TEST(std::string(child(child(again, 1), 0).at("text").as_string())
                   .starts_with("key: rts.example.com/live/gala-main@ZHJ\nattempts: 5 (2 throttled: answered too "
                                "fast)\nhttp status: 500\n"));
    BOOST_TEST(attr(child(child(again, 3), 0), "message") ==
               "cancelled: deadline: schedule.deadline passed (1 attempt throttled)");
}

BOOST_AUTO_TEST_CASE(calls_not_started_or_cancelled_are_skipped_with_the_reason) {
    const auto suite = child(parsed(render_report(test::sample_report(), report_format::junit)), 0);
    const auto& not_started = child(child(suite, 2), 0);
    BOOST_TEST(std::string(not_started.at("tag").as_string()) == "skipped");
    BOOST_TEST(attr(not_started, "message") == "not started");
    const auto& cancelled = child(child(suite, 3), 0);
    BOOST_TEST(std::string(cancelled.at("tag").as_string()) == "skipped");
    BOOST_TEST(attr(cancelled, "message") == "cancelled: deadline: schedule.deadline passed");
}

// Issue 16: a call skipped because another call's answer condemned its scope is a JUnit skip that
// names that call.
BOOST_AUTO_TEST_CASE(a_skipped_call_is_a_skipped_testcase_naming_the_call_that_condemned_it) {
    report r;
    r.plan = "p";
    r.calls.push_back(test::skipped_call("s", "SHH", "CodeRegionHasNoNode", "this region has no corresponding node.",
                                         "rts.example.com/live/t@SHH", "5C2E1F2A-0003"));
    r.calls.push_back(test::skipped_call("s", "ZHJ", "SignatureDoesNotMatch", "Specified signature is not matched.",
                                         "rts.example.com/live/t@GUD", std::nullopt));
    BOOST_TEST(render_report(r, report_format::junit) ==
               "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
               "<testsuites name=\"hotlive\" tests=\"2\" failures=\"0\" errors=\"0\" skipped=\"2\">\n"
               "  <testsuite name=\"p\" tests=\"2\" failures=\"0\" errors=\"0\" skipped=\"2\">\n"
               "    <testcase classname=\"rts.example.com/live/s\" name=\"SHH\" time=\"0.000\">\n"
               "      <skipped message=\"skipped: CodeRegionHasNoNode: this region has no corresponding node. (because "
               "of rts.example.com/live/t@SHH, request id 5C2E1F2A-0003)\"/>\n"
               "    </testcase>\n"
               "    <testcase classname=\"rts.example.com/live/s\" name=\"ZHJ\" time=\"0.000\">\n"
               "      <skipped message=\"skipped: SignatureDoesNotMatch: Specified signature is not matched. (because "
               "of rts.example.com/live/t@GUD)\"/>\n"
               "    </testcase>\n"
               "  </testsuite>\n</testsuites>\n");
    auto with_others = test::sample_report();
    with_others.calls.push_back(r.calls.front());
    const auto root = parsed(render_report(with_others, report_format::junit));
    BOOST_TEST(attr(root, "skipped") == "3");
    BOOST_TEST(attr(child(root, 0), "skipped") == "3");
}

BOOST_AUTO_TEST_CASE(a_failure_without_code_or_response_still_says_something) {
    report r;
    r.plan = "p";
    auto c = test::make_call("s", "SHH", call_status::failed);
    c.attempts = 1;
    r.calls.push_back(c);
    const auto root = parsed(render_report(r, report_format::junit));
    const auto& failure = child(child(child(root, 0), 0), 0);
    BOOST_TEST(attr(failure, "type") == "failed");
    BOOST_TEST(attr(failure, "message") == "failed");
    BOOST_TEST(std::string(failure.at("text").as_string()).find("http status: none (no response)\nrequest id: none") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(hostile_text_is_escaped_and_the_document_stays_well_formed) {
    auto r = test::sample_report();
    r.plan = "plan <&> \"'";
    r.calls[1].code = "Bad&Code<x>";
    r.calls[1].message = "quote \" apos ' lt < gt > amp & cdata ]]> tab\tnl\ncr\r nul";
    r.calls[1].message->push_back('\0');
    r.calls[1].message->append(" bell\a ffff\xEF\xBF\xBF bad\xFF utf8 é 😀");
    r.calls[1].request_id = "</failure><x>";
    r.calls[0].region = "R\x01";
    const auto root = parsed(render_report(r, report_format::junit));
    const auto& suite = child(root, 0);
    BOOST_TEST(attr(suite, "name") == "plan <&> \"'");
    BOOST_TEST(attr(child(suite, 0), "name") == "R\xEF\xBF\xBD");
    const auto& failure = child(child(suite, 1), 0);
    BOOST_TEST(attr(failure, "type") == "Bad&Code<x>");
    // Tab, LF and CR survive in the attribute; characters XML forbids become U+FFFD.
    BOOST_TEST(attr(failure, "message") ==
               "Bad&Code<x>: quote \" apos ' lt < gt > amp & cdata ]]> tab\tnl\ncr\r nul\xEF\xBF\xBD bell\xEF\xBF\xBD "
               "ffff\xEF\xBF\xBD bad\xEF\xBF\xBD utf8 é 😀");
    BOOST_TEST(std::string(failure.at("text").as_string()).find("request id: </failure><x>\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_empty_report_is_a_well_formed_empty_suite) {
    report r;
    r.plan = "empty";
    const auto root = parsed(render_report(r, report_format::junit));
    BOOST_TEST(attr(root, "tests") == "0");
    BOOST_TEST(children(child(root, 0)).empty());
    BOOST_TEST(attr(child(root, 0), "time") == "<absent>");
}

BOOST_AUTO_TEST_SUITE_END()
