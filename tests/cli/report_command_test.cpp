// hotlive report: one report re-rendered, the shard reports of a `--shard K/N` run merged into
// the report of the whole plan, and every set of reports that is not such a run refused.
#include "support/background_process.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

#include <hotlive/report_contents.hpp>
#include <hotlive/report_format.hpp>
#include <hotlive/report_reader.hpp>
#include <hotlive/report_writer.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <sstream>

using namespace hotlive::test;
namespace json = boost::json;
using hotlive::call_status;
using hotlive::shard_share;

namespace {

using namespace std::chrono_literals;

const hotlive::wall_time t0 = std::chrono::sys_days{std::chrono::year{2026} / 12 / 31} + 11h + 30min;

std::string key_of(const std::string& call) { return "rts.example.com/live/" + call; }

struct report_fixture {
    temp_dir dir;
    // Six calls; in plan order: s0@ZHJ s0@GUD s0@SG s1@ZHJ s1@GUD s1@SG.
    std::filesystem::path plan = dir.write("plan.yaml",
                                           "version: 1\nname: gala\nendpoint: http://127.0.0.1:1\n"
                                           "defaults: { domain: rts.example.com, app: live, audio_msid: rts audio, "
                                           "video_msid: rts video }\n"
                                           "streams:\n  - { stream: s0, regions: [ZHJ, GUD, SG] }\n"
                                           "  - { stream: s1, regions: [ZHJ, GUD, SG] }\n");

    // A report of `calls` ("s0@GUD"…), the first of them failed, written as `name`. A call marked
    // "~" ("s0@SG~") was skipped because of the answer to the first.
    std::string write(const std::string& name, shard_share shard, const std::vector<std::string>& calls,
                      std::chrono::minutes start = 0min, const std::string& plan_name = "gala",
                      const std::string& source = "", const std::string& endpoint = "http://127.0.0.1:1") const {
        hotlive::report r;
        r.plan = plan_name;
        r.source = source.empty() ? plan.string() : source;
        r.endpoint = endpoint;
        r.shard = shard;
        r.started_at = t0 + start;
        r.finished_at = t0 + start + 1min;
        for (const auto& marked : calls) {
            const bool skipped = marked.ends_with('~');
            const std::string call = skipped ? marked.substr(0, marked.size() - 1) : marked;
            hotlive::call_result c;
            c.key = key_of(call);
            c.domain = "rts.example.com";
            c.app = "live";
            c.stream = call.substr(0, call.find('@'));
            c.region = call.substr(call.find('@') + 1);
            c.attempts = 1;
            c.status = r.calls.empty() ? call_status::failed : call_status::succeeded;
            c.http_status = r.calls.empty() ? 500 : 200;
            if (r.calls.empty()) c.code = "InternalError";
            if (skipped) {
                c.status = call_status::skipped;
                c.attempts = 0;
                c.http_status = 0;
                c.code = "InternalError";
                c.skipped_because_key = r.calls.front().key;
                c.skipped_because_request_id = "R-" + r.calls.front().region;
            }
            r.calls.push_back(std::move(c));
        }
        return dir.write(name, hotlive::render_report(r, hotlive::report_format::json)).string();
    }

    [[nodiscard]] std::string text(const std::string& name) const {
        std::ifstream in(dir.path() / name);
        std::ostringstream out;
        out << in.rdbuf();
        return out.str();
    }

    [[nodiscard]] std::string path(const std::string& name) const { return (dir.path() / name).string(); }
};

std::vector<std::string> keys(const json::object& report) {
    std::vector<std::string> out;
    for (const auto& c : report.at("calls").as_array()) out.emplace_back(c.as_object().at("key").as_string());
    return out;
}

std::vector<std::string> keys(std::initializer_list<const char*> calls) {
    std::vector<std::string> out;
    for (const char* c : calls) out.push_back(key_of(c));
    return out;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(report_command, report_fixture)

BOOST_AUTO_TEST_CASE(one_report_is_rerendered_in_the_format_asked_on_stdout) {
    const auto a = write("a.json", {}, {"s0@ZHJ", "s0@GUD"});
    const auto r = run_hotlive({"report", a, "--format", "csv"});
    BOOST_TEST(r.exit_code == 0, r.err);
    BOOST_TEST(r.err.empty());
    BOOST_TEST(r.out.starts_with("key,domain,app,stream,region,status,"), r.out);
    BOOST_TEST(r.out.find(key_of("s0@ZHJ") + ",rts.example.com,live,s0,ZHJ,failed,") != std::string::npos, r.out);
    BOOST_TEST(std::count(r.out.begin(), r.out.end(), '\n') == 3);
}

BOOST_AUTO_TEST_CASE(to_a_pipe_without_a_format_it_is_the_json_report_again) {
    const auto a = write("a.json", {2, 4}, {"s0@ZHJ", "s1@SG"});
    const auto r = run_hotlive({"report", a});
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
    BOOST_TEST(r.out == text("a.json"));
}

BOOST_AUTO_TEST_CASE(the_output_file_takes_its_format_from_its_extension_and_is_announced) {
    const auto a = write("a.json", {}, {"s0@ZHJ", "s0@GUD"});
    const auto html = run_hotlive({"report", a, "--output", path("a.html")});
    BOOST_TEST(html.exit_code == 0, html.err);
    BOOST_TEST(html.out == "report: " + path("a.html") + " (plan 'gala', 2 calls: 1 warm, 1 not)\n");
    BOOST_TEST(text("a.html").find("<html") != std::string::npos);

    const auto junit = run_hotlive({"report", a, "-o", path("a.xml"), "--quiet"});
    BOOST_TEST(junit.exit_code == 0, junit.err);
    BOOST_TEST(junit.out.empty());
    BOOST_TEST(text("a.xml").find("<testsuite") != std::string::npos);

    // --format beats the extension.
    BOOST_TEST(run_hotlive({"report", a, "-o", path("b.xml"), "--format", "md", "--quiet"}).exit_code == 0);
    BOOST_TEST(text("b.xml").starts_with("# hotlive report"), text("b.xml"));
}

BOOST_AUTO_TEST_CASE(shards_merge_into_the_whole_plan_in_plan_order) {
    const auto one = write("one.json", {1, 2}, {"s0@GUD", "s1@ZHJ", "s1@SG"}, 2min);
    const auto two = write("two.json", {2, 2}, {"s0@ZHJ", "s0@SG", "s1@GUD"}, 0min);
    const auto r = run_hotlive({"report", two, one, "--output", path("all.json")});
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
    BOOST_TEST(r.err.empty(), r.err);
    BOOST_TEST(r.out == "report: " + path("all.json") + " (plan 'gala', 2 shards merged, 6 calls: 4 warm, 2 not)\n");

    const auto merged = json::parse(text("all.json")).as_object();
    BOOST_TEST(merged.at("plan").as_string() == "gala");
    BOOST_TEST(merged.at("source").as_string() == plan.string());
    BOOST_TEST(merged.at("shard").as_object().at("index").as_int64() == 1);
    BOOST_TEST(merged.at("shard").as_object().at("count").as_int64() == 1);
    BOOST_TEST(merged.at("started_at").as_string() == "2026-12-31T11:30:00.000Z");   // two's
    BOOST_TEST(merged.at("finished_at").as_string() == "2026-12-31T11:33:00.000Z");  // one's
    const auto& totals = merged.at("totals").as_object();
    BOOST_TEST(totals.at("calls").as_int64() == 6);
    BOOST_TEST(totals.at("succeeded").as_int64() == 4);
    BOOST_TEST(totals.at("failed").as_int64() == 2);
    BOOST_TEST(keys(merged) == keys({"s0@ZHJ", "s0@GUD", "s0@SG", "s1@ZHJ", "s1@GUD", "s1@SG"}),
               boost::test_tools::per_element());

    // The merged report is a report like any other: it reads back.
    const auto again = hotlive::read_report(path("all.json"));
    BOOST_TEST_REQUIRE(again.value.has_value(), again.error);
    BOOST_TEST(again.value->calls.size() == 6u);
}

// Issue 16: a skipped call is merged as its shard has it, and the totals count it.
BOOST_AUTO_TEST_CASE(skipped_calls_merge_as_they_are_and_the_totals_count_them) {
    const auto one = write("one.json", {1, 2}, {"s0@GUD", "s1@ZHJ~", "s1@SG~"});
    const auto two = write("two.json", {2, 2}, {"s0@ZHJ", "s0@SG~", "s1@GUD"});
    const auto r = run_hotlive({"report", two, one, "--output", path("all.json")});
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
    BOOST_TEST(r.out == "report: " + path("all.json") +
                            " (plan 'gala', 2 shards merged, 6 calls: 1 warm, 5 not, 3 of them skipped)\n");
    const auto merged = json::parse(text("all.json")).as_object();
    const auto& totals = merged.at("totals").as_object();
    BOOST_TEST(totals.at("calls").as_int64() == 6);
    BOOST_TEST(totals.at("succeeded").as_int64() == 1);
    BOOST_TEST(totals.at("failed").as_int64() == 2);
    BOOST_TEST(totals.at("skipped").as_int64() == 3);
    BOOST_TEST(keys(merged) == keys({"s0@ZHJ", "s0@GUD", "s0@SG", "s1@ZHJ", "s1@GUD", "s1@SG"}),
               boost::test_tools::per_element());
    const auto& calls = merged.at("calls").as_array();
    BOOST_TEST(calls.at(2).as_object().at("status").as_string() == "skipped");
    BOOST_TEST(json::serialize(calls.at(2).as_object().at("skipped_because")) ==
               "{\"key\":\"" + key_of("s0@ZHJ") + "\",\"request_id\":\"R-ZHJ\"}");
    BOOST_TEST(json::serialize(calls.at(3).as_object().at("skipped_because")) ==
               "{\"key\":\"" + key_of("s0@GUD") + "\",\"request_id\":\"R-GUD\"}");
    BOOST_TEST(!calls.at(4).as_object().contains("skipped_because"));

    // Re-rendered, a merged report keeps them too.
    const auto md = run_hotlive({"report", path("all.json"), "--format", "md"});
    BOOST_TEST_REQUIRE(md.exit_code == 0, md.err);
    BOOST_TEST(md.out.find("| 1 | 2 | 0 | 0 | 3 | 6 | 3 |") != std::string::npos, md.out);
}

// Issue 17: re-rendered or merged, a report keeps each call's throttled attempts and counts them
// again; re-rendered, it keeps the pace of the run that wrote it.
BOOST_AUTO_TEST_CASE(throttled_attempts_and_the_pace_survive_a_rerender_and_a_merge) {
    const auto throttle = [&](const std::string& name, std::uint32_t throttled) {
        auto r = hotlive::read_report(path(name));
        BOOST_TEST_REQUIRE(r.value.has_value(), r.error);
        for (auto& c : r.value->calls) c.throttled_attempts = throttled;
        r.value->pace = hotlive::pace_figures{4, true, 3, 1.5, 2.25};
        dir.write(name, hotlive::render_report(*r.value, hotlive::report_format::json));
    };
    write("one.json", {1, 2}, {"s0@GUD", "s1@ZHJ", "s1@SG"});
    write("two.json", {2, 2}, {"s0@ZHJ", "s0@SG", "s1@GUD"});
    throttle("one.json", 2);
    throttle("two.json", 5);

    const auto md = run_hotlive({"report", path("one.json"), "--format", "md"});
    BOOST_TEST_REQUIRE(md.exit_code == 0, md.err);
    BOOST_TEST(md.out.find("\nThe account's quota was shared: the service throttled 6 attempts, so hotlive cut its "
                           "pace 3 times and settled at 2.25 calls/s of the 4 allowed (lowest 1.5 calls/s).\n") !=
                   std::string::npos,
               md.out);

    const auto merged = run_hotlive({"report", path("two.json"), path("one.json"), "--output", path("all.json")});
    BOOST_TEST_REQUIRE(merged.exit_code == 0, merged.err);
    const auto all = json::parse(text("all.json")).as_object();
    BOOST_TEST(all.at("totals").as_object().at("throttled_attempts").as_int64() == 21);
    std::vector<std::int64_t> throttled;
    for (const auto& c : all.at("calls").as_array()) throttled.push_back(c.at("throttled_attempts").as_int64());
    BOOST_TEST(throttled == (std::vector<std::int64_t>{5, 2, 5, 2, 5, 2}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(without_the_plan_file_the_calls_stay_in_shard_order_and_it_says_so) {
    const auto one = write("one.json", {1, 2}, {"s0@GUD", "s1@ZHJ", "s1@SG"}, 0min, "gala", "gone/plan.yaml");
    const auto two = write("two.json", {2, 2}, {"s0@ZHJ", "s0@SG", "s1@GUD"}, 0min, "gala", "gone/plan.yaml");
    const auto r = run_hotlive({"report", two, one});
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
    BOOST_TEST(r.err.find("warning: the calls are in shard order, shard 1 first: the plan file gone/plan.yaml is not "
                          "here (name it with --plan)") != std::string::npos,
               r.err);
    BOOST_TEST(keys(json::parse(r.out).as_object()) == keys({"s0@GUD", "s1@ZHJ", "s1@SG", "s0@ZHJ", "s0@SG", "s1@GUD"}),
               boost::test_tools::per_element());

    // --plan names it; --quiet drops the warning.
    const auto named = run_hotlive({"report", one, two, "--plan", plan.string()});
    BOOST_TEST_REQUIRE(named.exit_code == 0, named.err);
    BOOST_TEST(named.err.empty(), named.err);
    BOOST_TEST(
        keys(json::parse(named.out).as_object()) == keys({"s0@ZHJ", "s0@GUD", "s0@SG", "s1@ZHJ", "s1@GUD", "s1@SG"}),
        boost::test_tools::per_element());
    const auto quiet = run_hotlive({"report", one, two, "--quiet"});
    BOOST_TEST(quiet.exit_code == 0);
    BOOST_TEST(quiet.err.empty(), quiet.err);

    // A plan that has since changed cannot order calls it no longer has.
    const auto changed = write("changed.json", {2, 2}, {"s0@ZHJ", "s0@SG", "s9@GUD"}, 0min, "gala");
    const auto r2 = run_hotlive({"report", write("one2.json", {1, 2}, {"s0@GUD"}), changed});
    BOOST_TEST(r2.exit_code == 0, r2.err);
    BOOST_TEST(r2.err.find("shard order, shard 1 first: call " + key_of("s9@GUD") + " is not in the plan " +
                           plan.string() + " (has it changed?)") != std::string::npos,
               r2.err);
}

BOOST_AUTO_TEST_CASE(a_plan_named_with_plan_must_be_the_reports_plan) {
    const auto one = write("one.json", {1, 2}, {"s0@GUD"}, 0min, "other");
    const auto two = write("two.json", {2, 2}, {"s0@ZHJ"}, 0min, "other");
    const auto r = run_hotlive({"report", one, two, "--plan", plan.string()});
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.out.empty());
    BOOST_TEST(r.err.find("--plan: " + plan.string() + " is plan 'gala', the reports are of plan 'other'") !=
                   std::string::npos,
               r.err);
}

BOOST_AUTO_TEST_CASE(reports_that_are_not_the_shards_of_one_run_are_refused_with_their_names) {
    struct refusal {
        std::vector<std::string> reports;
        std::string message;
    };
    const auto a12 = write("a12.json", {1, 2}, {"s0@ZHJ"});
    const auto b12 = write("b12.json", {1, 2}, {"s0@GUD"});
    const auto b22 = write("b22.json", {2, 2}, {"s0@GUD"});
    const auto c22 = write("c22.json", {2, 2}, {"s0@ZHJ", "s1@SG"});
    const auto a13 = write("a13.json", {1, 3}, {"s0@ZHJ"});
    const auto b23 = write("b23.json", {2, 3}, {"s0@GUD"});
    const auto whole1 = write("whole1.json", {}, {"s0@ZHJ"});
    const auto whole2 = write("whole2.json", {}, {"s0@GUD"});
    const auto other = write("other.json", {2, 2}, {"s0@GUD"}, 0min, "another-plan");
    const auto elsewhere = write("elsewhere.json", {2, 2}, {"s0@GUD"}, 0min, "gala", "", "http://127.0.0.1:2");
    const std::vector<refusal> refusals{
        {{a12, b12}, a12 + " and " + b12 + " are both shard 1/2: each shard once"},
        {{a13, b23},
         "the reports of 1 of 3 shards are missing: 3/3; run `hotlive run " + plan.string() + " --shard K/3` for each"},
        {{a12, b23}, b23 + " is shard 2/3, " + a12 + " is shard 1/2: shares of different splits do not merge"},
        {{a12, c22}, "call " + key_of("s0@ZHJ") + " is in both " + a12 + " and " + c22 + ": the shares overlap"},
        {{whole1, whole2},
         whole1 + " and " + whole2 + " are both reports of the whole plan (shard 1/1): only shard reports merge"},
        {{a12, other},
         other + " is a report of plan 'another-plan' (" + plan.string() + "), " + a12 + " of plan 'gala' (" +
             plan.string() + "): only the shards of one plan merge"},
        {{a12, elsewhere},
         elsewhere + " went to http://127.0.0.1:2, " + a12 +
             " to http://127.0.0.1:1: the shards of one run go to one endpoint"},
    };
    for (const auto& [reports, message] : refusals) {
        std::vector<std::string> args{"report"};
        args.insert(args.end(), reports.begin(), reports.end());
        args.insert(args.end(), {"--output", path("merged.json")});
        const auto r = run_hotlive(args);
        BOOST_TEST_CONTEXT(message) {
            BOOST_TEST(r.exit_code == 2);
            BOOST_TEST(r.out.empty(), r.out);
            BOOST_TEST(r.err == "hotlive: error: cannot merge: " + message + "\n");
            BOOST_TEST(!std::filesystem::exists(path("merged.json")));
        }
    }
    // The refused pair merges once it is right.
    BOOST_TEST(run_hotlive({"report", a12, b22, "--quiet"}).exit_code == 0);
}

BOOST_AUTO_TEST_CASE(a_report_that_cannot_be_read_is_invalid_input) {
    const auto a = write("a.json", {}, {"s0@ZHJ"});
    BOOST_TEST(run_hotlive({"report", a, "-o", path("a.md"), "--quiet"}).exit_code == 0);

    const auto md = run_hotlive({"report", path("a.md")});
    BOOST_TEST(md.exit_code == 2);
    BOOST_TEST(md.err.find("only JSON reports can be read back: give the .json one") != std::string::npos, md.err);

    const auto missing = run_hotlive({"report", a, path("missing.json")});
    BOOST_TEST(missing.exit_code == 2);
    BOOST_TEST(missing.err.find(path("missing.json")) != std::string::npos, missing.err);

    const auto format = run_hotlive({"report", a, "--format", "pdf"});
    BOOST_TEST(format.exit_code == 2);
    BOOST_TEST(format.err.find("--format takes json, csv, junit, md or html, got 'pdf'") != std::string::npos,
               format.err);

    BOOST_TEST(run_hotlive({"report"}).exit_code == 2);
}

BOOST_AUTO_TEST_CASE(an_output_that_cannot_be_a_report_is_refused_before_anything_is_written) {
    const auto a = write("a.json", {}, {"s0@ZHJ"});
    const auto missing = run_hotlive({"report", a, "--output", path("no/such/dir/a.json")});
    BOOST_TEST(missing.exit_code == 2);
    BOOST_TEST(missing.err.find("the folder " + path("no/such/dir") + " does not exist") != std::string::npos,
               missing.err);
    // A device stays a device: the report would have replaced /dev/full with a regular file.
    const auto device = run_hotlive({"report", a, "--output", "/dev/full", "--format", "json"});
    BOOST_TEST(device.exit_code == 2);
    BOOST_TEST(device.err.find("--output /dev/full is a device") != std::string::npos, device.err);
    BOOST_TEST((std::filesystem::status("/dev/full").type() == std::filesystem::file_type::character));
    // The only JSON copy is not turned into HTML; re-rendering JSON in place is fine.
    const auto html = run_hotlive({"report", a, "--output", a, "--format", "html"});
    BOOST_TEST(html.exit_code == 2);
    BOOST_TEST(html.err.find("which this command reads") != std::string::npos, html.err);
    BOOST_TEST(hotlive::read_report(a).value.has_value());
    BOOST_TEST(run_hotlive({"report", a, "--output", a}).exit_code == 0);
}

// The operator's path: three shards run against the emulator, merged, equal the plan.
BOOST_AUTO_TEST_CASE(the_shards_of_a_real_run_merge_into_every_call_of_the_plan_once) {
    auto e = start_emulator({"--qps", "0"}, dir.path());
    const auto real_plan = dir.write("real.yaml", "version: 1\nname: real\nendpoint: " + e.url +
                                                      "\ndefaults: { domain: rts.example.com, app: live, audio_msid: "
                                                      "rts audio, video_msid: rts video }\n"
                                                      "limits: { rate: 0, concurrency: 8 }\nstreams:\n"
                                                      "  - { stream: s0, regions: [ZHJ, GUD, SG, US, HKG] }\n"
                                                      "  - { stream: s1, regions: [ZHJ, GUD, SG, US, HKG] }\n"
                                                      "  - { stream: s2, regions: [ZHJ, GUD, SG, US, HKG] }\n");
    process_options credentials;
    credentials.env_set = {{"ALIBABA_CLOUD_ACCESS_KEY_ID", "hotlive-demo-id"},
                           {"ALIBABA_CLOUD_ACCESS_KEY_SECRET", "hotlive-demo-secret"},
                           {"HOME", dir.path().string()}};
    credentials.env_unset = {"ALIBABA_CLOUD_PROFILE", "ALIBABA_CLOUD_SECURITY_TOKEN"};
    std::vector<std::string> shards;
    for (const char* k : {"3", "1", "2"}) {
        shards.push_back(path(std::string("shard-") + k + ".json"));
        const auto run = run_hotlive(
            {"run", real_plan.string(), "--shard", std::string(k) + "/3", "--report", shards.back(), "--quiet"},
            credentials);
        BOOST_TEST_REQUIRE(run.exit_code == 0, run.err);
    }
    std::vector<std::string> args{"report"};
    args.insert(args.end(), shards.begin(), shards.end());
    const auto merged = run_hotlive(args);
    BOOST_TEST_REQUIRE(merged.exit_code == 0, merged.err);
    BOOST_TEST(merged.err.empty(), merged.err);
    const auto report = json::parse(merged.out).as_object();

    std::vector<std::string> planned;
    const auto dry = json::parse(run_hotlive({"plan", real_plan.string(), "--json"}).out);
    for (const auto& c : dry.as_object().at("calls").as_array()) {
        planned.emplace_back(c.as_object().at("key").as_string());
    }
    BOOST_TEST_REQUIRE(planned.size() == 15u);
    BOOST_TEST(keys(report) == planned, boost::test_tools::per_element());
    BOOST_TEST(report.at("totals").as_object().at("succeeded").as_int64() == 15);
}

BOOST_AUTO_TEST_SUITE_END()
