// The HTML report: one self-contained page with the totals, the streams × regions grid and what to
// do, that no text from a plan or a server can turn into markup.
#include "hotlive/report_contents.hpp"
#include "hotlive/report_format.hpp"
#include "hotlive/report_writer.hpp"
#include "report/sample_report.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <boost/test/unit_test.hpp>

#include <functional>
#include <string>
#include <vector>

using namespace hotlive;
namespace json = boost::json;

namespace {

// Parses the page with Python's HTML tokenizer into a tree as JSON (tag, attrs, children, text
// with character references resolved), as a browser would see its elements.
constexpr const char* html_to_json = R"(
import json, sys
from html.parser import HTMLParser
VOID = {"meta", "br", "img", "link", "input", "hr", "wbr", "source", "base"}
class Tree(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = {"tag": "#document", "attrs": {}, "children": [], "text": ""}
        self.stack = [self.root]
    def handle_starttag(self, tag, attrs):
        node = {"tag": tag, "attrs": {k: v or "" for k, v in attrs}, "children": [], "text": ""}
        self.stack[-1]["children"].append(node)
        if tag not in VOID:
            self.stack.append(node)
    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i]["tag"] == tag:
                del self.stack[i:]
                return
        raise SystemExit("unmatched </%s>" % tag)
    def handle_data(self, data):
        self.stack[-1]["text"] += data
        self.stack[-1]["children"].append({"tag": "#text", "attrs": {}, "children": [], "text": data})
tree = Tree()
tree.feed(open(sys.argv[1], encoding="utf-8").read())
tree.close()
if len(tree.stack) != 1:
    raise SystemExit("unclosed <%s>" % tree.stack[-1]["tag"])
print(json.dumps(tree.root))
)";

json::object parsed(const std::string& html) {
    test::temp_dir dir;
    const auto path = dir.write("report.html", html);
    const auto result = test::run_process({"/usr/bin/python3", "-c", html_to_json, path.string()});
    BOOST_TEST_REQUIRE(result.exit_code == 0, result.err + "\n" + html);
    return json::parse(result.out).as_object();
}

std::string_view tag(const json::object& node) { return node.at("tag").as_string(); }

std::string attr(const json::object& node, std::string_view name) {
    const auto* value = node.at("attrs").as_object().if_contains(name);
    return value == nullptr ? std::string("<absent>") : std::string(value->as_string());
}

bool has_attr(const json::object& node, std::string_view name) { return node.at("attrs").as_object().contains(name); }

bool has_class(const json::object& node, std::string_view name) {
    const std::string classes = " " + attr(node, "class") + " ";
    return classes.find(" " + std::string(name) + " ") != std::string::npos;
}

// Every element under `node` (itself included) that `match` accepts, in document order.
std::vector<const json::object*> find_all(const json::object& node,
                                          const std::function<bool(const json::object&)>& match) {
    std::vector<const json::object*> found;
    const std::function<void(const json::object&)> walk = [&](const json::object& n) {
        if (match(n)) found.push_back(&n);
        for (const auto& child : n.at("children").as_array()) walk(child.as_object());
    };
    walk(node);
    return found;
}

std::vector<const json::object*> with_class(const json::object& root, std::string_view name) {
    return find_all(root, [&](const json::object& n) { return has_class(n, name); });
}

std::vector<const json::object*> with_tag(const json::object& root, std::string_view name) {
    return find_all(root, [&](const json::object& n) { return tag(n) == name; });
}

// The text of an element and its descendants.
std::string text_of(const json::object& node) {
    std::string text;
    for (const auto* n : find_all(node, [](const json::object& e) { return tag(e) == "#text"; })) {
        text.append(n->at("text").as_string());
    }
    return text;
}

std::vector<const json::object*> cells(const json::object& root) {
    return find_all(root, [](const json::object& n) { return has_attr(n, "data-status"); });
}

const json::object* cell_at(const json::object& root, std::string_view grid_area) {
    for (const auto* c : cells(root)) {
        if (attr(*c, "style") == "grid-area:" + std::string(grid_area)) return c;
    }
    return nullptr;
}

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_SUITE(html_report)

BOOST_AUTO_TEST_CASE(a_self_contained_page_that_fetches_nothing_and_runs_no_script) {
    const auto html = render_report(test::sample_report(), report_format::html);
    BOOST_TEST(html.starts_with("<!DOCTYPE html>\n"), html);
    const auto root = parsed(html);
    const auto csp = find_all(root, [](const json::object& n) {
        return tag(n) == "meta" && attr(n, "http-equiv") == "Content-Security-Policy";
    });
    BOOST_TEST_REQUIRE(csp.size() == 1u);
    BOOST_TEST(attr(*csp[0], "content") == "default-src 'none'; style-src 'unsafe-inline'");
    for (const std::string_view name : {"script", "link", "img", "iframe", "object", "embed"}) {
        BOOST_TEST(with_tag(root, name).empty(), name);
    }
    BOOST_TEST(find_all(root, [](const json::object& n) { return has_attr(n, "src") || has_attr(n, "href"); }).empty());
    BOOST_TEST(!contains(html, "url("));
    BOOST_TEST(!contains(html, "@import"));
    BOOST_TEST(with_tag(root, "style").size() == 1u);
    BOOST_TEST(text_of(*with_tag(root, "title").at(0)) == "hotlive: new-year-gala-2027");
}

BOOST_AUTO_TEST_CASE(the_header_names_plan_endpoint_times_and_shard) {
    auto r = test::sample_report();
    const auto root = parsed(render_report(r, report_format::html));
    const auto meta = with_class(root, "meta");
    BOOST_TEST_REQUIRE(meta.size() == 1u);
    BOOST_TEST(text_of(*with_tag(root, "h1").at(0)) == "hotlive report: new-year-gala-2027");
    BOOST_TEST(text_of(*meta[0]) ==
               "Plan fileplans/new-year-gala.yamlEndpointhttps://live.aliyuncs.com"
               "Started2026-12-31T11:30:00.000ZFinished2026-12-31T11:32:03.456Z");

    r.shard = {2, 5};
    r.started_at.reset();
    r.finished_at.reset();
    const auto shard = parsed(render_report(r, report_format::html));
    BOOST_TEST(text_of(*with_class(shard, "meta").at(0)) ==
               "Plan fileplans/new-year-gala.yamlEndpointhttps://live.aliyuncs.com"
               "Startednot startedFinishednot finishedShard2 of 5");
}

BOOST_AUTO_TEST_CASE(the_totals_are_big_numbers_under_a_verdict) {
    const auto root = parsed(render_report(test::sample_report(), report_format::html));
    std::vector<std::string> totals;
    for (const auto* t : with_class(root, "total")) totals.push_back(text_of(*t));
    const std::vector<std::string> expected{"1warm",    "1failed", "1not started", "1cancelled",
                                            "0skipped", "4calls",  "4attempts"};
    BOOST_TEST(totals == expected, boost::test_tools::per_element());
    const auto verdict = with_class(root, "verdict");
    BOOST_TEST_REQUIRE(verdict.size() == 1u);
    BOOST_TEST(has_class(*verdict[0], "bad"));
    BOOST_TEST(text_of(*verdict[0]) == "3 of 4 calls are not warm");
}

// Issue 17: the same sentence as the Markdown report's, under the totals.
BOOST_AUTO_TEST_CASE(a_pace_cut_by_throttling_is_one_sentence_under_the_totals) {
    const auto root = parsed(render_report(test::paced_report(), report_format::html));
    const auto pace = with_class(root, "pace");
    BOOST_TEST_REQUIRE(pace.size() == 1u);
    BOOST_TEST(text_of(*pace[0]) ==
               "The account's quota was shared: the service throttled 21 attempts, so hotlive cut its pace 12 times "
               "and settled at 5.9 calls/s of the 9 allowed (lowest 4.1 calls/s).");
    const auto header = with_tag(root, "header");
    BOOST_TEST_REQUIRE(header.size() == 1u);
    BOOST_TEST(with_class(*header[0], "pace").size() == 1u);
    BOOST_TEST(with_class(parsed(render_report(test::sample_report(), report_format::html)), "pace").empty());
}

BOOST_AUTO_TEST_CASE(a_cells_details_count_its_throttled_attempts) {
    const auto root = parsed(render_report(test::paced_report(), report_format::html));
    BOOST_TEST(attr(*cell_at(root, "2/3"), "title")
                   .starts_with(
                       "rts.example.com/live/gala-main@ZHJ\nfailed, 5 attempts (1 ambiguous, 2 throttled)\nHTTP 500\n"),
               attr(*cell_at(root, "2/3"), "title"));
    BOOST_TEST(attr(*cell_at(root, "2/2"), "title")
                   .starts_with("rts.example.com/live/gala-main@SHH\nwarm, 18 attempts (17 throttled)\nHTTP 200\n"),
               attr(*cell_at(root, "2/2"), "title"));
}

BOOST_AUTO_TEST_CASE(one_cell_per_call_in_its_streams_row_and_its_regions_column) {
    auto r = test::sample_report();
    r.calls.push_back(test::succeeded_call("gala-main", "HKG"));  // gala-4k has no call there
    const auto root = parsed(render_report(r, report_format::html));

    std::vector<std::string> columns;
    for (const auto* c : with_class(root, "col")) columns.push_back(text_of(*c) + "=" + attr(*c, "title"));
    const std::vector<std::string> expected_columns{"SHH=Shanghai", "ZHJ=Zhejiang", "HKG=Hong Kong"};
    BOOST_TEST(columns == expected_columns, boost::test_tools::per_element());
    std::vector<std::string> rows;
    for (const auto* c : with_class(root, "row")) rows.push_back(text_of(*c) + "@" + attr(*c, "style"));
    const std::vector<std::string> expected_rows{"gala-main@grid-row:2", "gala-4k@grid-row:3"};
    BOOST_TEST(rows == expected_rows, boost::test_tools::per_element());
    // One domain and app: said once, in the corner, not on every row.
    BOOST_TEST(text_of(*with_class(root, "corner").at(0)) == "rts.example.com/live/");

    BOOST_TEST(cells(root).size() == 5u);
    const auto expect_cell = [&](std::string_view area, std::string_view status, std::string_view symbol) {
        const auto* cell = cell_at(root, area);
        BOOST_TEST_REQUIRE(cell != nullptr, area);
        BOOST_TEST(attr(*cell, "data-status") == status, area);
        BOOST_TEST(attr(*cell, "class") == "status-" + std::string(status), area);
        BOOST_TEST(text_of(*cell) == symbol, area);
    };
    expect_cell("2/2", "succeeded", "\xE2\x9C\x93");
    expect_cell("2/3", "failed", "\xE2\x9C\x97");
    expect_cell("3/2", "not_started", "\xE2\x97\x8B");
    expect_cell("3/3", "cancelled", "\xE2\x8A\x98");
    expect_cell("2/4", "succeeded", "\xE2\x9C\x93");
    BOOST_TEST(cell_at(root, "3/4") == nullptr);
}

BOOST_AUTO_TEST_CASE(a_cells_details_show_attempts_code_request_id_and_latency_on_hover) {
    const auto root = parsed(render_report(test::sample_report(), report_format::html));
    BOOST_TEST(attr(*cell_at(root, "2/3"), "title") ==
               "rts.example.com/live/gala-main@ZHJ\nfailed, 3 attempts (1 ambiguous)\nHTTP 500\ncode: InternalError\n"
               "message: The request processing has failed due to backend service exception.\n"
               "request id: 5C2E1F2A-0002\nlatency: 1200 ms");
    BOOST_TEST(attr(*cell_at(root, "2/2"), "title") ==
               "rts.example.com/live/gala-main@SHH\nwarm, 1 attempt\nHTTP 200\nrequest id: 5C2E1F2A-0001\n"
               "latency: 87 ms");
    BOOST_TEST(attr(*cell_at(root, "3/2"), "title") == "rts.example.com/live/gala-4k@SHH\nnot started");
}

BOOST_AUTO_TEST_CASE(columns_follow_the_api_reference_and_unknown_codes_come_last) {
    report r;
    r.plan = "p";
    for (const char* region : {"SG", "XX", "US", "ZHJ", "SHH"}) r.calls.push_back(test::succeeded_call("s", region));
    const auto root = parsed(render_report(r, report_format::html));
    std::vector<std::string> columns;
    for (const auto* c : with_class(root, "col")) columns.push_back(text_of(*c) + "=" + attr(*c, "title"));
    const std::vector<std::string> expected{"SHH=Shanghai", "ZHJ=Zhejiang", "US=United States", "SG=Singapore",
                                            "XX=XX"};
    BOOST_TEST(columns == expected, boost::test_tools::per_element());
    BOOST_TEST(attr(*cells(root).at(1), "style") == "grid-area:2/6");  // XX
}

BOOST_AUTO_TEST_CASE(the_calls_of_a_stream_need_not_be_adjacent) {
    report r;
    r.plan = "p";
    r.calls.push_back(test::succeeded_call("a", "SHH"));
    r.calls.push_back(test::succeeded_call("b", "SHH"));
    r.calls.push_back(test::failed_call("a", "ZHJ", "InternalError", "m"));
    const auto root = parsed(render_report(r, report_format::html));
    BOOST_TEST(with_class(root, "row").size() == 2u);
    BOOST_TEST(attr(*cell_at(root, "2/3"), "data-status") == "failed");
}

BOOST_AUTO_TEST_CASE(rows_name_domain_and_app_when_streams_differ_in_them) {
    report r;
    r.plan = "p";
    r.calls.push_back(test::succeeded_call("s", "SHH"));
    auto other = test::succeeded_call("s", "SHH");
    other.domain = "rts2.example.com";
    r.calls.push_back(other);
    const auto root = parsed(render_report(r, report_format::html));
    std::vector<std::string> rows;
    for (const auto* c : with_class(root, "row")) rows.push_back(text_of(*c));
    const std::vector<std::string> expected{"rts.example.com/live/s", "rts2.example.com/live/s"};
    BOOST_TEST(rows == expected, boost::test_tools::per_element());
    BOOST_TEST(text_of(*with_class(root, "corner").at(0)).empty());
}

BOOST_AUTO_TEST_CASE(hostile_text_stays_text) {
    auto r = test::sample_report();
    r.plan = "<script>alert('plan')</script>";
    r.endpoint = "https://x\"><img src=x onerror=alert(1)>";
    r.calls[1].stream = "</div><script>alert(1)</script>";
    r.calls[1].region = "<u>R</u>";
    r.calls[1].key = "k\"><script>alert(2)</script>";
    r.calls[1].code = "<em>Code</em>&amp;";
    r.calls[1].message = "\"'><svg onload=alert(3)>\x01\xFF end";
    r.calls[1].request_id = "'onmouseover='alert(4)";
    const auto html = render_report(r, report_format::html);
    const auto root = parsed(html);
    for (const std::string_view name : {"script", "img", "svg", "u", "em"}) {
        BOOST_TEST(with_tag(root, name).empty(), name);
    }
    BOOST_TEST(find_all(root, [](const json::object& n) {
                   return has_attr(n, "onerror") || has_attr(n, "onload") || has_attr(n, "onmouseover");
               }).empty());
    BOOST_TEST(text_of(*with_tag(root, "h1").at(0)) == "hotlive report: <script>alert('plan')</script>");
    BOOST_TEST(text_of(*with_class(root, "row").at(1)) == "</div><script>alert(1)</script>");
    BOOST_TEST(text_of(*with_class(root, "col").at(2)) == "<u>R</u>");
    const auto* cell = cell_at(root, "3/4");  // the hostile stream is a row of its own, its region a column
    BOOST_TEST_REQUIRE(cell != nullptr);
    BOOST_TEST(attr(*cell, "title") ==
               "k\"><script>alert(2)</script>\nfailed, 3 attempts (1 ambiguous)\nHTTP 500\ncode: <em>Code</em>&amp;\n"
               "message: \"'><svg onload=alert(3)>\xEF\xBF\xBD\xEF\xBF\xBD end\nrequest id: 'onmouseover='alert(4)\n"
               "latency: 1200 ms");
    const auto causes = with_class(root, "cause");
    BOOST_TEST_REQUIRE(!causes.empty());
    BOOST_TEST(text_of(*with_tag(*causes[0], "h3").at(0)) == "<em>Code</em>&amp;1 call");
}

BOOST_AUTO_TEST_CASE(a_long_message_is_cut_in_the_details) {
    auto r = test::sample_report();
    r.calls[1].message = std::string(299, 'x') + "\xC3\xA9" + std::string(1000, 'y');
    const auto title = attr(*cell_at(parsed(render_report(r, report_format::html)), "2/3"), "title");
    BOOST_TEST(contains(title, "message: " + std::string(299, 'x') + "\xC3\xA9\xE2\x80\xA6\n"), title);
}

BOOST_AUTO_TEST_CASE(failures_are_grouped_by_code_most_frequent_first_with_what_to_do) {
    auto r = test::sample_report();
    for (int i = 0; i < 15; ++i) {
        r.calls.push_back(test::failed_call("s" + std::to_string(i), "GUD", "CodeRegionHasNoNode",
                                            "this region has no corresponding node."));
    }
    r.calls.push_back(test::failed_call("s", "HKG", "Odd.Code", "?"));
    auto no_code = test::make_call("t", "HKG", call_status::failed);
    no_code.attempts = 1;
    r.calls.push_back(no_code);
    r.calls.push_back(test::make_call("u", "HKG", call_status::cancelled));
    const auto root = parsed(render_report(r, report_format::html));
    const auto causes = with_class(root, "cause");
    std::vector<std::string> heads;
    for (const auto* c : causes) heads.push_back(text_of(*with_tag(*c, "h3").at(0)));
    const std::vector<std::string> expected{"CodeRegionHasNoNode15 calls", "InternalError1 call", "deadline1 call",
                                            "Odd.Code1 call", "Failed without a code1 call"};
    BOOST_TEST(heads == expected, boost::test_tools::per_element());

    const auto& region = *causes.at(0);
    BOOST_TEST(text_of(*with_tag(region, "p").at(0)) ==
               "the region has no edge node; remove it from the plan or pick a neighbouring region");
    BOOST_TEST(text_of(*with_class(region, "said").at(0)) ==
               "First answer: HTTP 500, \xE2\x80\x9Cthis region has no corresponding node.\xE2\x80\x9D");
    const auto keys = with_tag(region, "li");
    BOOST_TEST_REQUIRE(keys.size() == 13u);
    BOOST_TEST(text_of(*keys[0]) == "rts.example.com/live/s0@GUD");
    BOOST_TEST(text_of(*keys[11]) == "rts.example.com/live/s11@GUD");
    BOOST_TEST(text_of(*keys[12]) == "and 3 more");

    // The advice's command becomes code.
    const auto& internal = *causes.at(1);
    const auto code = with_tag(*with_tag(internal, "p").at(0), "code");
    BOOST_TEST_REQUIRE(code.size() == 1u);
    BOOST_TEST(text_of(*code[0]) == "hotlive run --resume REPORT");
    BOOST_TEST(contains(text_of(*causes.at(3)), "No advice for this code"));

    // The failures come first, above the grid, whose columns may run past the window.
    const auto sections = with_tag(root, "section");
    BOOST_TEST_REQUIRE(sections.size() == 2u);
    BOOST_TEST(text_of(*with_tag(*sections[0], "h2").at(0)) == "What to do");
    BOOST_TEST(text_of(*with_tag(*sections[1], "h2").at(0)) == "Streams \xC3\x97 regions");

    // The not started call and the cancelled one without a code: resume.
    const auto paragraphs = with_tag(*sections[0], "p");
    BOOST_TEST(text_of(*paragraphs.back()) ==
               "2 calls were not started or cancelled (the run was interrupted or hit its deadline): run hotlive "
               "run --resume REPORT to send only those that are not warm.");
}

// Issue 16: a skipped call has a colour of its own (not failed's), a legend entry, a total, the
// call that condemned it in its details, and counts under the code that condemned it.
BOOST_AUTO_TEST_CASE(skipped_calls_are_coloured_apart_counted_and_grouped_under_the_condemning_code) {
    report r;
    r.plan = "p";
    const std::string message = "no special configuration for domain name.";
    // In plan order a skipped call may come before the call whose answer condemned it.
    r.calls.push_back(test::skipped_call("a", "SHH", "NoSpecialConfiguration", message, "rts.example.com/live/a@ZHJ",
                                         "5C2E1F2A-0002"));
    auto condemning = test::failed_call("a", "ZHJ", "NoSpecialConfiguration", message);
    condemning.http_status = 400;
    r.calls.push_back(condemning);
    r.calls.push_back(test::skipped_call("b", "SHH", "NoSpecialConfiguration", message, "rts.example.com/live/a@ZHJ",
                                         "5C2E1F2A-0002"));
    r.calls.push_back(test::skipped_call("b", "ZHJ", "InvalidAccessKeyId.Inactive", "Specified access key is disabled.",
                                         "rts.example.com/live/x@GUD", std::nullopt));
    const auto html = render_report(r, report_format::html);
    const auto root = parsed(html);

    BOOST_TEST(contains(html, "--skipped:#8250df}"), html);  // purple: failed is red, cancelled amber
    BOOST_TEST(contains(html, "\n.status-skipped{background:var(--skipped);color:#fff}\n"), html);
    std::vector<std::string> legend;
    for (const auto* i : with_tag(*with_class(root, "legend").at(0), "i")) {
        legend.push_back(attr(*i, "class") + "=" + text_of(*i));
    }
    const std::vector<std::string> expected_legend{"status-succeeded=\xE2\x9C\x93", "status-failed=\xE2\x9C\x97",
                                                   "status-not_started=\xE2\x97\x8B", "status-cancelled=\xE2\x8A\x98",
                                                   "status-skipped=\xE2\x86\xB7"};
    BOOST_TEST(legend == expected_legend, boost::test_tools::per_element());
    BOOST_TEST(text_of(*with_class(root, "legend").at(0)).find("\xE2\x86\xB7skipped") != std::string::npos);

    std::vector<std::string> totals;
    for (const auto* t : with_class(root, "total")) totals.push_back(attr(*t, "class") + "=" + text_of(*t));
    BOOST_TEST(totals.at(4) == "total status-skipped=3skipped");
    BOOST_TEST(text_of(*with_class(root, "verdict").at(0)) == "4 of 4 calls are not warm");

    const auto* cell = cell_at(root, "2/2");
    BOOST_TEST_REQUIRE(cell != nullptr);
    BOOST_TEST(attr(*cell, "class") == "status-skipped");
    BOOST_TEST(attr(*cell, "data-status") == "skipped");
    BOOST_TEST(text_of(*cell) == "\xE2\x86\xB7");
    BOOST_TEST(attr(*cell, "title") ==
               "rts.example.com/live/a@SHH\nskipped\ncode: NoSpecialConfiguration\nmessage: " + message +
                   "\nskipped because of: rts.example.com/live/a@ZHJ (request id 5C2E1F2A-0002)");
    BOOST_TEST(attr(*cell_at(root, "3/3"), "title") ==
               "rts.example.com/live/b@ZHJ\nskipped\ncode: InvalidAccessKeyId.Inactive\nmessage: Specified access key "
               "is disabled.\nskipped because of: rts.example.com/live/x@GUD");

    const auto causes = with_class(root, "cause");
    BOOST_TEST_REQUIRE(causes.size() == 2u);
    BOOST_TEST(text_of(*with_tag(*causes[0], "h3").at(0)) == "NoSpecialConfiguration3 calls, 2 skipped");
    // The failed call's answer, though a skipped call came first.
    BOOST_TEST(text_of(*with_class(*causes[0], "said").at(0)) ==
               "First answer: HTTP 400, \xE2\x80\x9C" + message + "\xE2\x80\x9D");
    BOOST_TEST(text_of(*with_tag(*causes[1], "h3").at(0)) == "InvalidAccessKeyId.Inactive1 call, 1 skipped");
    BOOST_TEST(text_of(*with_tag(*causes[1], "p").at(0)).starts_with("the AccessKey is disabled"));
    // A skipped call was sent no request, so no HTTP status; its message is the condemning answer's.
    BOOST_TEST(text_of(*with_class(*causes[1], "said").at(0)) ==
               "First answer: \xE2\x80\x9CSpecified access key is disabled.\xE2\x80\x9D");
    const auto paragraphs = with_tag(*with_tag(root, "section").at(0), "p");
    BOOST_TEST(text_of(*paragraphs.back()) ==
               "3 calls were skipped, not sent: an answer to another call showed that its account, domain or region "
               "cannot warm (each names that call on hover; they are counted under its code above). Once the cause "
               "is fixed, hotlive run --resume REPORT sends them.");
}

BOOST_AUTO_TEST_CASE(past_fifty_codes_the_rest_share_one_group) {
    report r;
    r.plan = "p";
    for (int i = 0; i < 60; ++i) {
        r.calls.push_back(test::failed_call("s", "R" + std::to_string(i), "Code" + std::to_string(i), "m"));
    }
    const auto root = parsed(render_report(r, report_format::html));
    const auto causes = with_class(root, "cause");
    BOOST_TEST_REQUIRE(causes.size() == 51u);
    BOOST_TEST(text_of(*with_tag(*causes[0], "h3").at(0)) == "Other codes10 calls");
    BOOST_TEST(text_of(*with_tag(*causes[1], "h3").at(0)) == "Code01 call");
}

BOOST_AUTO_TEST_CASE(when_every_call_is_warm_it_says_so_and_lists_no_cause) {
    report r;
    r.plan = "p";
    r.calls.push_back(test::succeeded_call("a", "SHH"));
    r.calls.push_back(test::succeeded_call("b", "SHH"));
    const auto root = parsed(render_report(r, report_format::html));
    const auto verdict = with_class(root, "verdict");
    BOOST_TEST_REQUIRE(verdict.size() == 1u);
    BOOST_TEST(has_class(*verdict[0], "ok"));
    BOOST_TEST(text_of(*verdict[0]) == "All 2 calls are warm");
    BOOST_TEST(with_class(root, "cause").empty());
    BOOST_TEST(with_tag(root, "h2").size() == 1u);  // the grid's, no "What to do"
}

BOOST_AUTO_TEST_CASE(the_format_is_named_html) { BOOST_TEST((parse_report_format("html") == report_format::html)); }

BOOST_AUTO_TEST_SUITE_END()
