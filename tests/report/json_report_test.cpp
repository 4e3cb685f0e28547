// The JSON report: the schema's shape, escaping, and render → read giving the same report.
#include "hotlive/build_info.hpp"
#include "hotlive/report_contents.hpp"
#include "hotlive/report_format.hpp"
#include "hotlive/report_reader.hpp"
#include "hotlive/report_writer.hpp"
#include "report/sample_report.hpp"
#include "support/temp_dir.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <limits>

using namespace hotlive;
using hotlive::test::temp_dir;

namespace {

void check_same_call(const call_result& a, const call_result& b) {
    BOOST_TEST_CONTEXT(a.key) {
        BOOST_TEST(a.key == b.key);
        BOOST_TEST(a.domain == b.domain);
        BOOST_TEST(a.app == b.app);
        BOOST_TEST(a.stream == b.stream);
        BOOST_TEST(a.region == b.region);
        BOOST_TEST(a.run_attempts == b.run_attempts);
        BOOST_TEST((a.parameters_digest == b.parameters_digest));
        BOOST_TEST((a.status == b.status));
        BOOST_TEST(a.attempts == b.attempts);
        BOOST_TEST(a.ambiguous_attempts == b.ambiguous_attempts);
        BOOST_TEST(a.throttled_attempts == b.throttled_attempts);
        BOOST_TEST(a.http_status == b.http_status);
        BOOST_TEST((a.code == b.code));
        BOOST_TEST((a.message == b.message));
        BOOST_TEST((a.request_id == b.request_id));
        BOOST_TEST((a.first_attempt_at == b.first_attempt_at));
        BOOST_TEST((a.finished_at == b.finished_at));
        BOOST_TEST((a.latency_ms == b.latency_ms));
        BOOST_TEST((a.skipped_because_key == b.skipped_because_key));
        BOOST_TEST((a.skipped_because_request_id == b.skipped_because_request_id));
    }
}

void check_same_pace(const std::optional<pace_figures>& a, const std::optional<pace_figures>& b) {
    BOOST_TEST_REQUIRE(a.has_value() == b.has_value());
    if (!a) return;
    BOOST_TEST(a->ceiling == b->ceiling);
    BOOST_TEST(a->adaptive == b->adaptive);
    BOOST_TEST(a->reductions == b->reductions);
    BOOST_TEST((a->lowest == b->lowest));
    BOOST_TEST((a->settled == b->settled));
}

void check_same_report(const report& a, const report& b) {
    BOOST_TEST(a.plan == b.plan);
    BOOST_TEST(a.source == b.source);
    BOOST_TEST(a.endpoint == b.endpoint);
    BOOST_TEST((a.started_at == b.started_at));
    BOOST_TEST((a.finished_at == b.finished_at));
    BOOST_TEST(a.shard.index == b.shard.index);
    BOOST_TEST(a.shard.count == b.shard.count);
    BOOST_TEST(a.account == b.account);
    BOOST_TEST(a.plan_digest == b.plan_digest);
    BOOST_TEST(a.calls_digest == b.calls_digest);
    BOOST_TEST((a.last_run_started_at == b.last_run_started_at));
    BOOST_TEST((a.clock_offset_ms == b.clock_offset_ms));
    check_same_pace(a.pace, b.pace);
    BOOST_TEST_REQUIRE(a.calls.size() == b.calls.size());
    for (std::size_t i = 0; i < a.calls.size(); ++i) check_same_call(a.calls[i], b.calls[i]);
}

report round_trip(const report& r) {
    temp_dir dir;
    const auto path = dir.write("report.json", render_report(r, report_format::json));
    auto read = read_report(path);
    BOOST_TEST_REQUIRE(read.value.has_value(), read.error);
    BOOST_TEST(read.error.empty());
    return std::move(*read.value);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(json_report)

BOOST_AUTO_TEST_CASE(a_small_report_renders_exactly_the_schema) {
    report r;
    r.plan = "gala";
    r.source = "plans/gala.yaml";
    r.endpoint = "https://live.aliyuncs.com";
    r.shard = {2, 3};
    r.started_at = test::utc_ms(2026, 12, 31, 11, 30, 0, 0);
    r.account = "sha256:0123456789abcdef";
    r.plan_digest = "sha256:p";
    r.calls_digest = "sha256:c";
    r.calls.push_back(test::succeeded_call("s", "SHH"));
    r.calls.back().parameters_digest = "00112233aabbccdd";
    r.calls.push_back(test::make_call("s", "ZHJ", call_status::not_started));
    BOOST_TEST(
        render_report(r, report_format::json) ==
        "{\"schema\":\"hotlive.report/1\",\"hotlive_version\":\"" + std::string(this_build().version) +
            "\",\"hotlive_commit\":\"" + std::string(this_build().commit) +
            "\",\"plan\":\"gala\",\"source\":\"plans/gala.yaml\","
            "\"endpoint\":\"https://live.aliyuncs.com\",\"shard\":{\"index\":2,\"count\":3},"
            "\"account\":\"sha256:0123456789abcdef\",\"plan_digest\":\"sha256:p\",\"calls_digest\":\"sha256:c\",\n"
            "\"started_at\":\"2026-12-31T11:30:00.000Z\",\"finished_at\":null,\"last_run_started_at\":null,"
            "\"clock_offset_ms\":null,\n"
            "\"totals\":{\"calls\":2,\"succeeded\":1,\"failed\":0,\"not_started\":1,\"cancelled\":0,\"skipped\":0,"
            "\"attempts\":1,\"run_attempts\":1,\"throttled_attempts\":0},\n"
            "\"calls\":[\n"
            "{\"key\":\"rts.example.com/live/s@SHH\",\"domain\":\"rts.example.com\",\"app\":\"live\",\"stream\":\"s\","
            "\"region\":\"SHH\",\"status\":\"succeeded\",\"attempts\":1,\"run_attempts\":1,\"ambiguous_attempts\":0,"
            "\"throttled_attempts\":0,\"http_"
            "status\":200,"
            "\"code\":null,\"message\":null,\"request_id\":\"5C2E1F2A-0001\","
            "\"first_attempt_at\":\"2026-12-31T11:30:00.123Z\",\"finished_at\":\"2026-12-31T11:30:00.210Z\","
            "\"latency_ms\":87,\"parameters_digest\":\"00112233aabbccdd\"},\n"
            "{\"key\":\"rts.example.com/live/s@ZHJ\",\"domain\":\"rts.example.com\",\"app\":\"live\",\"stream\":\"s\","
            "\"region\":\"ZHJ\",\"status\":\"not_started\",\"attempts\":0,\"run_attempts\":0,\"ambiguous_attempts\":0,"
            "\"throttled_attempts\":0,"
            "\"http_status\":0,"
            "\"code\":null,\"message\":null,\"request_id\":null,\"first_attempt_at\":null,\"finished_at\":null,"
            "\"latency_ms\":null,\"parameters_digest\":null}\n"
            "]}\n");
}

// Issue 16: a skipped call says which call's answer condemned its scope; no other call has the field.
BOOST_AUTO_TEST_CASE(a_skipped_call_has_skipped_because_and_the_totals_count_it) {
    report r;
    r.plan = "gala";
    r.source = "plans/gala.yaml";
    r.endpoint = "https://live.aliyuncs.com";
    auto condemning =
        test::failed_call("s", "SHH", "NoSpecialConfiguration", "no special configuration for domain name.");
    condemning.attempts = condemning.run_attempts = 1;
    condemning.ambiguous_attempts = 0;
    condemning.http_status = 400;
    r.calls.push_back(condemning);
    r.calls.push_back(test::skipped_call("s", "ZHJ", "NoSpecialConfiguration",
                                         "no special configuration for domain name.", "rts.example.com/live/s@SHH",
                                         "5C2E1F2A-0002"));
    r.calls.push_back(test::skipped_call("s", "GUD", "SignatureDoesNotMatch", "Specified signature is not matched.",
                                         "rts.example.com/live/s@BEJ", std::nullopt));
    const auto text = render_report(r, report_format::json);
    BOOST_TEST(
        text.find("\"totals\":{\"calls\":3,\"succeeded\":0,\"failed\":1,\"not_started\":0,\"cancelled\":0,"
                  "\"skipped\":2,\"attempts\":1,\"run_attempts\":1,\"throttled_attempts\":0},\n") != std::string::npos,
        text);
    BOOST_TEST(
        text.find(
            "{\"key\":\"rts.example.com/live/s@SHH\",\"domain\":\"rts.example.com\",\"app\":\"live\",\"stream\":\"s\","
            "\"region\":\"SHH\",\"status\":\"failed\",\"attempts\":1,\"run_attempts\":1,\"ambiguous_attempts\":0,"
            "\"throttled_attempts\":0,"
            "\"http_status\":400,\"code\":\"NoSpecialConfiguration\","
            "\"message\":\"no special configuration for domain name.\",\"request_id\":\"5C2E1F2A-0002\","
            "\"first_attempt_at\":\"2026-12-31T11:30:01.000Z\",\"finished_at\":\"2026-12-31T11:30:02.500Z\","
            "\"latency_ms\":1200,\"parameters_digest\":null},\n") != std::string::npos,
        text);
    BOOST_TEST(
        text.find(
            "{\"key\":\"rts.example.com/live/s@ZHJ\",\"domain\":\"rts.example.com\",\"app\":\"live\",\"stream\":\"s\","
            "\"region\":\"ZHJ\",\"status\":\"skipped\",\"attempts\":0,\"run_attempts\":0,\"ambiguous_attempts\":0,"
            "\"throttled_attempts\":0,"
            "\"http_status\":0,\"code\":\"NoSpecialConfiguration\","
            "\"message\":\"no special configuration for domain name.\",\"request_id\":null,"
            "\"first_attempt_at\":null,\"finished_at\":\"2026-12-31T11:30:03.000Z\",\"latency_ms\":null,"
            "\"parameters_digest\":null,"
            "\"skipped_because\":{\"key\":\"rts.example.com/live/s@SHH\",\"request_id\":\"5C2E1F2A-0002\"}},\n") !=
            std::string::npos,
        text);
    BOOST_TEST(text.find("\"parameters_digest\":null,"
                         "\"skipped_because\":{\"key\":\"rts.example.com/live/s@BEJ\",\"request_id\":null}}\n]}\n") !=
                   std::string::npos,
               text);
    const auto doc = boost::json::parse(text).as_object();
    BOOST_TEST(!doc.at("calls").as_array().at(0).as_object().contains("skipped_because"));
    check_same_report(round_trip(r), r);
}

// A call that is not skipped has no skipped_because in the JSON, whatever the call holds.
BOOST_AUTO_TEST_CASE(only_a_skipped_call_writes_skipped_because) {
    report r;
    r.calls.push_back(test::make_call("s", "SHH", call_status::not_started));
    r.calls.back().skipped_because_key = "rts.example.com/live/s@ZHJ";
    const auto text = render_report(r, report_format::json);
    BOOST_TEST(text.find("skipped_because") == std::string::npos, text);
}

BOOST_AUTO_TEST_CASE(the_report_is_one_json_document_whose_totals_add_up) {
    const auto doc = boost::json::parse(render_report(test::sample_report(), report_format::json)).as_object();
    BOOST_TEST(doc.at("schema").as_string() == "hotlive.report/1");
    const auto& totals = doc.at("totals").as_object();
    BOOST_TEST(totals.at("calls").as_int64() == 4);
    BOOST_TEST(totals.at("succeeded").as_int64() + totals.at("failed").as_int64() +
                   totals.at("not_started").as_int64() + totals.at("cancelled").as_int64() +
                   totals.at("skipped").as_int64() ==
               4);
    BOOST_TEST(totals.at("attempts").as_int64() == 4);
    BOOST_TEST(doc.at("calls").as_array().size() == 4u);
}

BOOST_AUTO_TEST_CASE(render_then_read_gives_the_same_report) {
    auto r = test::sample_report();
    r.shard = {3, 8};
    r.calls[1].message = "服务内部错误 — «backend» said \"no\"\\ \t\n\r\x01 😀";
    r.calls[2].request_id = "";  // empty is not null
    r.calls[3].latency_ms = 0;   // zero is not null
    r.calls[3].http_status = 0;
    r.calls[0].latency_ms = std::numeric_limits<std::uint64_t>::max();
    r.calls[0].attempts = std::numeric_limits<std::uint32_t>::max();
    r.calls.push_back(test::skipped_call("gala-hd", "SHH", "Forbidden.RAM", "User not authorized \"x\"\n",
                                         "rts.example.com/live/«gala»@SHH", ""));  // empty is not null
    check_same_report(round_trip(r), r);
}

BOOST_AUTO_TEST_CASE(a_report_without_times_or_calls_round_trips) {
    report r;
    r.plan = "";
    check_same_report(round_trip(r), r);
}

BOOST_AUTO_TEST_CASE(invalid_utf8_from_a_server_becomes_u_fffd_so_the_report_still_parses) {
    auto r = test::sample_report();
    r.calls[1].message = std::string("bad \xC3 byte, overlong \xC0\xAF, surrogate \xED\xA0\x80 end");
    const auto read = round_trip(r);
    BOOST_TEST(*read.calls[1].message ==
               "bad \xEF\xBF\xBD byte, overlong \xEF\xBF\xBD\xEF\xBF\xBD, surrogate "
               "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD end");
}

BOOST_AUTO_TEST_CASE(control_characters_are_escaped_and_each_call_stays_on_one_line) {
    auto r = test::sample_report();
    r.calls[1].message = "line one\nline two\x1f";
    const auto text = render_report(r, report_format::json);
    BOOST_TEST(text.find("\"line one\\nline two\\u001f\"") != std::string::npos, text);
    // Header (two lines), totals, "calls":[ , one line per call, closing line.
    BOOST_TEST(std::count(text.begin(), text.end(), '\n') == 4 + 4 + 1);
}

BOOST_AUTO_TEST_CASE(a_report_larger_than_a_read_chunk_round_trips) {
    // Long strings across the reader's 1 MiB chunks: keys and values arrive in parts.
    report r;
    r.plan = "big";
    for (int i = 0; i < 6000; ++i) {
        auto c = test::failed_call("stream-" + std::to_string(i), "R" + std::to_string(i % 7), "InternalError",
                                   std::string(static_cast<std::size_t>(150 + i % 97), 'x') + "é");
        r.calls.push_back(std::move(c));
    }
    const auto text = render_report(r, report_format::json);
    BOOST_TEST(text.size() > 2u * 1024u * 1024u);
    check_same_report(round_trip(r), r);
}

// Issue 17: each call's throttled attempts, their total, and the pace the run came down to.
BOOST_AUTO_TEST_CASE(throttled_attempts_and_the_pace_are_written_beside_the_other_figures) {
    const auto text = render_report(test::paced_report(), report_format::json);
    BOOST_TEST(
        text.find("\"clock_offset_ms\":-1500,"
                  "\"pace\":{\"ceiling\":9,\"adaptive\":true,\"reductions\":12,\"lowest\":4.1,\"settled\":5.9},\n"
                  "\"totals\":{\"calls\":4,\"succeeded\":1,\"failed\":1,\"not_started\":1,\"cancelled\":1,"
                  "\"skipped\":0,\"attempts\":25,\"run_attempts\":25,\"throttled_attempts\":21},\n") !=
            std::string::npos,
        text);
    BOOST_TEST(text.find("\"status\":\"failed\",\"attempts\":5,\"run_attempts\":5,\"ambiguous_attempts\":1,"
                         "\"throttled_attempts\":2,\"http_status\":500,") != std::string::npos,
               text);
    check_same_report(round_trip(test::paced_report()), test::paced_report());
}

BOOST_AUTO_TEST_CASE(a_report_without_pace_figures_has_no_pace_field) {
    const auto text = render_report(test::sample_report(), report_format::json);
    BOOST_TEST(text.find("\"pace\"") == std::string::npos, text);
    BOOST_TEST(!round_trip(test::sample_report()).pace.has_value());
}

// Reported to the hundredth: more would be noise, and what is written reads back as written.
BOOST_AUTO_TEST_CASE(pace_figures_are_written_to_the_hundredth_and_a_pace_never_cut_has_no_lowest) {
    auto r = test::sample_report();
    r.pace = pace_figures{4, true, 3, 0.456789, 3.999};
    BOOST_TEST(render_report(r, report_format::json)
                   .find("\"pace\":{\"ceiling\":4,\"adaptive\":true,"
                         "\"reductions\":3,\"lowest\":0.46,\"settled\":4},") != std::string::npos);
    r.pace = pace_figures{12.5, false, 0, 2, 3};  // figures of a cut that did not happen
    BOOST_TEST(render_report(r, report_format::json)
                   .find("\"pace\":{\"ceiling\":12.5,\"adaptive\":false,"
                         "\"reductions\":0,\"lowest\":null,\"settled\":null},") != std::string::npos);
    auto read = round_trip(r);
    BOOST_TEST_REQUIRE(read.pace.has_value());
    BOOST_TEST(read.pace->ceiling == 12.5);
    BOOST_TEST(!read.pace->adaptive);
    BOOST_TEST(!read.pace->lowest.has_value());
    BOOST_TEST(!read.pace->settled.has_value());
}

// Reports and journals written before issue 17 have neither: none throttled, no pace.
BOOST_AUTO_TEST_CASE(a_report_older_than_throttled_attempts_and_pace_reads_as_none_throttled) {
    auto text = render_report(test::paced_report(), report_format::json);
    // Each from `from` up to `to`: the pace and the totals' field (in the header), then the calls'.
    const auto remove_all = [&](std::string_view from, std::string_view to) {
        for (auto at = text.find(from); at != std::string::npos; at = text.find(from)) {
            text.erase(at, text.find(to, at) - at);
        }
    };
    remove_all(",\"pace\":", ",\n");
    remove_all(",\"throttled_attempts\":21", "}");
    remove_all(",\"throttled_attempts\":", ",\"http_status\"");
    BOOST_TEST(text.find("throttled") == std::string::npos, text);
    BOOST_TEST(text.find("pace") == std::string::npos, text);
    temp_dir dir;
    const auto read = read_report(dir.write("old.json", text));
    BOOST_TEST_REQUIRE(read.value.has_value(), read.error);
    auto expected = test::paced_report();
    expected.pace.reset();
    for (auto& c : expected.calls) c.throttled_attempts = 0;
    check_same_report(*read.value, expected);
}

// Issue 21: a report names the hotlive that wrote it, whatever the report it was made from says.
BOOST_AUTO_TEST_CASE(a_report_records_the_version_and_commit_of_the_hotlive_that_wrote_it) {
    auto r = test::sample_report();
    r.hotlive_version = "0.0.1";  // as read from an older hotlive's report: not what this one writes
    r.hotlive_commit = "0123456789abcdef0123456789abcdef01234567";
    const auto text = render_report(r, report_format::json);
    const auto doc = boost::json::parse(text).as_object();
    BOOST_TEST(doc.at("hotlive_version").as_string() == this_build().version);
    BOOST_TEST(doc.at("hotlive_commit").as_string() == this_build().commit);
    BOOST_TEST(!this_build().version.empty());
    BOOST_TEST(!this_build().commit.empty());
    const auto read = round_trip(r);
    BOOST_TEST(read.hotlive_version == this_build().version);
    BOOST_TEST(read.hotlive_commit == this_build().commit);
    check_same_report(read, r);
}

// Reports written before issue 21 name no hotlive: they still load, with neither field.
BOOST_AUTO_TEST_CASE(a_report_older_than_hotlive_version_and_commit_still_loads) {
    auto text = render_report(test::sample_report(), report_format::json);
    const auto from = text.find(",\"hotlive_version\":");
    const auto to = text.find(",\"plan\":");
    BOOST_TEST_REQUIRE((from != std::string::npos && to != std::string::npos));
    text.erase(from, to - from);
    BOOST_TEST(text.starts_with("{\"schema\":\"hotlive.report/1\",\"plan\":"), text);
    temp_dir dir;
    const auto read = read_report(dir.write("old.json", text));
    BOOST_TEST_REQUIRE(read.value.has_value(), read.error);
    BOOST_TEST(read.value->hotlive_version.empty());
    BOOST_TEST(read.value->hotlive_commit.empty());
    check_same_report(*read.value, test::sample_report());
}

// The fields are text, like the others a reader checks: a wrong type is an error naming the field.
BOOST_AUTO_TEST_CASE(a_hotlive_version_that_is_not_text_is_refused_naming_the_field) {
    auto text = render_report(test::sample_report(), report_format::json);
    const auto at = text.find("\"hotlive_version\":\"");
    BOOST_TEST_REQUIRE(at != std::string::npos);
    const auto value_start = at + std::string_view("\"hotlive_version\":").size();
    text.replace(value_start, text.find(',', value_start) - value_start, "7");
    temp_dir dir;
    const auto read = read_report(dir.write("bad.json", text));
    BOOST_TEST(!read.value.has_value());
    BOOST_TEST(read.error.find("hotlive_version") != std::string::npos, read.error);
}

BOOST_AUTO_TEST_SUITE_END()
