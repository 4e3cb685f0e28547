// The hotlive executable as a user runs it: exit codes, what goes to stdout and stderr.
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

#include <hotlive/build_info.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

using namespace hotlive::test;

namespace {

const std::string gala_plan = HOTLIVE_SOURCE_DIR "/plans/new-year-gala.yaml";

std::size_t count_lines(const std::string& text) {
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

// The names of "CODE NAME" lines, from `from` up to the next blank line.
std::vector<std::string> names_listed(const std::string& text, std::size_t from) {
    std::vector<std::string> names;
    std::istringstream lines{text.substr(from)};
    for (std::string line; std::getline(lines, line) && !line.empty();) names.push_back(line.substr(5));
    return names;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cli)

BOOST_AUTO_TEST_CASE(validate_accepts_every_example_plan_with_exit_0) {
    for (const char* name : {"new-year-gala", "sports-final", "global-launch"}) {
        const auto r = run_hotlive({"validate", HOTLIVE_SOURCE_DIR "/plans/" + std::string(name) + ".yaml"});
        BOOST_TEST_CONTEXT(name) {
            BOOST_TEST(r.exit_code == 0, r.err);
            BOOST_TEST(r.out.find(": ok: plan '") != std::string::npos, r.out);
        }
    }
}

BOOST_AUTO_TEST_CASE(validate_reports_file_line_column_and_exits_2) {
    temp_dir dir;
    const auto path = dir.write("bad.yaml", "version: 1\nstreams:\n  - stream: s\n    regions: [HK]\n");
    const auto r = run_hotlive({"validate", path.string()});
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.out.empty());
    BOOST_TEST(r.err.find(path.string() + ":4:15: error: unknown region 'HK'; did you mean HKG (Hong Kong)?") !=
                   std::string::npos,
               r.err);
    BOOST_TEST(r.err.find("nothing was sent") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(plan_prints_every_call_the_count_and_the_time_at_the_rate) {
    const auto r = run_hotlive({"plan", gala_plan});
    BOOST_TEST(r.exit_code == 0, r.err);
    BOOST_TEST(r.out.find("rts.gala.example.com/live/gala-main@BEJ") != std::string::npos);
    BOOST_TEST(r.out.find("plan 'new-year-gala-2027': 61 calls to https://live.aliyuncs.com, 3 streams; at 9 calls/s, "
                          "burst 1: about 6.7 s\n  (booked at the ceiling: when other callers share the account's "
                          "quota, the pace gives way to them and the run takes longer)\n") != std::string::npos,
               r.out);
    BOOST_TEST(count_lines(r.out) == 1u + 61u + 3u);  // header, calls, blank, summary, the ceiling's note
}

BOOST_AUTO_TEST_CASE(plan_json_is_one_document_with_every_call) {
    const auto r = run_hotlive({"plan", gala_plan, "--json"});
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
    const auto doc = boost::json::parse(r.out).as_object();
    BOOST_TEST(doc.at("count").as_int64() == 61);
    BOOST_TEST(doc.at("plan").as_string() == "new-year-gala-2027");
    BOOST_TEST(doc.at("rate").as_int64() == 9);
    const auto& calls = doc.at("calls").as_array();
    BOOST_TEST_REQUIRE(calls.size() == 61u);
    const auto& first = calls[0].as_object();
    BOOST_TEST(first.at("key").as_string() == "rts.gala.example.com/live/gala-main@BEJ");
    BOOST_TEST(first.at("region_name").as_string() == "Beijing");
    BOOST_TEST(first.at("audio_msid").as_string() == "rts audio");
    BOOST_TEST(first.at("connection_timeout_ms").as_int64() == 0);
    BOOST_TEST(first.at("media_timeout_ms").as_int64() == 100000);
}

BOOST_AUTO_TEST_CASE(plan_refuses_an_invalid_plan_and_prints_no_calls) {
    temp_dir dir;
    const auto path = dir.write("bad.yaml", "version: 2\n");
    const auto r = run_hotlive({"plan", path.string()});
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.out.empty());
    BOOST_TEST(r.err.find("plan format version 2 is not supported") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_CASE(regions_lists_codes_and_names_and_filters_by_kind) {
    const auto all = run_hotlive({"regions"});
    BOOST_TEST(all.exit_code == 0);
    BOOST_TEST(all.out.find("HKG  Hong Kong\n") != std::string::npos);
    BOOST_TEST(all.out.find("SG   Singapore\n") != std::string::npos);
    BOOST_TEST(count_lines(run_hotlive({"regions", "--provinces"}).out) == 34u);
    BOOST_TEST(count_lines(run_hotlive({"regions", "--countries"}).out) == 170u);
    const auto json = run_hotlive({"regions", "--json"});
    BOOST_TEST(boost::json::parse(json.out).as_array().size() == 204u);
}

BOOST_AUTO_TEST_CASE(regions_are_grouped_provinces_then_countries_each_sorted_by_name) {
    const auto all = run_hotlive({"regions"}).out;
    BOOST_TEST_REQUIRE(all.starts_with("Provinces (34)\nANH  Anhui\nBEJ  Beijing\n"), all);
    const auto countries_at = all.find("\n\nCountries (170)\nAF   Afghanistan\nAL   Albania\n");
    BOOST_TEST_REQUIRE(countries_at != std::string::npos, all);
    const auto provinces = names_listed(all, all.find('\n') + 1);
    auto countries = names_listed(all, all.find('\n', countries_at + 2) + 1);
    BOOST_TEST(provinces.size() == 34u);
    BOOST_TEST(countries.size() == 170u);
    BOOST_TEST(std::is_sorted(provinces.begin(), provinces.end()));
    // Sorted as read: an accented letter as its base letter.
    BOOST_TEST(all.find("CR   Costa Rica\nCI   C\u00f4te d'Ivoire\nHR   Croatia\n") != std::string::npos, all);
    BOOST_TEST(all.find("TN   Tunisia\nTR   T\u00fcrkiye\nTM   Turkmenistan\n") != std::string::npos, all);
    std::erase_if(countries, [](const std::string& n) { return n == "C\u00f4te d'Ivoire" || n == "T\u00fcrkiye"; });
    BOOST_TEST(std::is_sorted(countries.begin(), countries.end()));
    BOOST_TEST(run_hotlive({"regions", "--provinces"}).out.starts_with("ANH  Anhui\nBEJ  Beijing\n"));
    BOOST_TEST(run_hotlive({"regions", "--countries"}).out.starts_with("AF   Afghanistan\nAL   Albania\n"));
}

BOOST_AUTO_TEST_CASE(regions_json_keeps_the_catalogue_order) {
    // tests/data/regions.json is the output from before the text listing was sorted.
    std::ifstream golden_file{HOTLIVE_TEST_DATA "/regions.json", std::ios::binary};
    const std::string golden{std::istreambuf_iterator<char>(golden_file), {}};
    BOOST_TEST_REQUIRE(!golden.empty());
    BOOST_TEST(run_hotlive({"regions", "--json"}).out == golden);
}

BOOST_AUTO_TEST_CASE(usage_errors_exit_2) {
    BOOST_TEST(run_hotlive({}).exit_code == 2);
    BOOST_TEST(run_hotlive({"frobnicate"}).exit_code == 2);
    BOOST_TEST(run_hotlive({"validate"}).exit_code == 2);
    BOOST_TEST(run_hotlive({"regions", "--provinces", "--countries"}).exit_code == 2);
}

BOOST_AUTO_TEST_CASE(help_and_version_exit_0) {
    const auto help = run_hotlive({"--help"});
    BOOST_TEST(help.exit_code == 0);
    BOOST_TEST(help.out.find("validate") != std::string::npos);
    const auto plan_help = run_hotlive({"plan", "--help"});
    BOOST_TEST(plan_help.exit_code == 0);
    BOOST_TEST(plan_help.out.find("Examples:") != std::string::npos);
    BOOST_TEST(run_hotlive({"--version"}).out.find("hotlive 0.1.0") != std::string::npos);
}

// Issue 21: enough to name the exact build of a run that went wrong.
BOOST_AUTO_TEST_CASE(version_names_the_commit_the_build_and_the_libraries) {
    const auto version = run_hotlive({"--version"});
    BOOST_TEST(version.exit_code == 0);
    const auto& build = hotlive::this_build();
    BOOST_TEST(version.out.starts_with("hotlive " + std::string(build.version) + "\ncommit " +
                                       std::string(build.commit) + "\nbuild " + std::string(build.build_type) + ", "),
               version.out);
    // A build from git names a full commit hash, "-dirty" when built with uncommitted changes.
    const std::string commit(build.commit);
    const auto hash = commit.substr(0, commit.find('-'));
    BOOST_TEST(
        (commit == "unknown" || (hash.size() == 40 && hash.find_first_not_of("0123456789abcdef") == std::string::npos &&
                                 (commit == hash || commit == hash + "-dirty"))),
        commit);
    BOOST_TEST(version.out.find("\nOpenSSL 3.") != std::string::npos, version.out);
    BOOST_TEST(version.out.find("\nBoost 1.81.0") != std::string::npos, version.out);
}

BOOST_AUTO_TEST_CASE(every_subcommand_has_help_with_examples_and_the_top_level_lists_them) {
    const auto top = run_hotlive({"--help"});
    BOOST_TEST(top.exit_code == 0);
    for (const char* command :
         {"validate", "plan", "run", "report", "regions", "credentials", "emulate", "completion"}) {
        BOOST_TEST_CONTEXT(command) {
            BOOST_TEST(top.out.find("\n  " + std::string(command) + " ") != std::string::npos, top.out);
            const auto help = run_hotlive({command, "--help"});
            BOOST_TEST(help.exit_code == 0);
            BOOST_TEST(help.out.find("Examples:\n") != std::string::npos, help.out);
            // Examples are command lines that name the subcommand.
            BOOST_TEST(help.out.find(std::string(command) + " ") != help.out.rfind(std::string(command) + " "));
        }
    }
    BOOST_TEST(top.out.find("Examples:\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(help_says_ranges_in_words) {
    // CLI11's own form would be "--rate UINT:INT in [0 - 100000]".
    const auto run = run_hotlive({"run", "--help"});
    BOOST_TEST(run.out.find("INT in [") == std::string::npos, run.out);
    BOOST_TEST(run.out.find("--rate N ") != std::string::npos, run.out);
    BOOST_TEST(run.out.find("; a whole number from 0 to 100000") != std::string::npos, run.out);
    BOOST_TEST(run.out.find("; a whole number from 1 to 4096") != std::string::npos, run.out);
    BOOST_TEST(run.out.find("; a whole number from 1 to 100000") != std::string::npos, run.out);
    const auto emulate = run_hotlive({"emulate", "--help"});
    BOOST_TEST(emulate.out.find("INT in [") == std::string::npos, emulate.out);
    BOOST_TEST(emulate.out.find("; a whole number from 1 to 64") != std::string::npos, emulate.out);
    const auto refused = run_hotlive({"run", "plan.yaml", "--concurrency", "0"});
    BOOST_TEST(refused.exit_code == 2);
    BOOST_TEST(refused.err.find("not in range 1 to 4096") != std::string::npos, refused.err);
}

BOOST_AUTO_TEST_CASE(validate_quiet_says_nothing_about_valid_plans_and_still_reports_errors) {
    const auto ok = run_hotlive({"validate", "--quiet", gala_plan});
    BOOST_TEST(ok.exit_code == 0, ok.err);
    BOOST_TEST(ok.out.empty(), ok.out);
    BOOST_TEST(ok.err.empty(), ok.err);

    temp_dir dir;
    const auto bad = dir.write("bad.yaml", "version: 1\nstreams:\n  - stream: s\n    regions: [HK]\n");
    const auto r = run_hotlive({"validate", "--quiet", gala_plan, bad.string()});
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.out.empty(), r.out);
    BOOST_TEST(r.err.find(bad.string() + ":4:15: error: unknown region 'HK'") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_CASE(quiet_drops_warnings_but_not_errors) {
    temp_dir dir;
    // A duplicate call collapses with a warning; the plan is valid.
    const auto plan = dir.write("dup.yaml",
                                "version: 1\nname: dup\ndefaults: { domain: d.example.com, app: live, audio_msid: a, "
                                "video_msid: v }\nstreams:\n  - { stream: s, regions: [HKG, HKG] }\n");
    const auto loud = run_hotlive({"plan", plan.string()});
    BOOST_TEST_REQUIRE(loud.exit_code == 0, loud.err);
    BOOST_TEST(loud.err.find("warning") != std::string::npos, loud.err);
    const auto quiet = run_hotlive({"plan", plan.string(), "--quiet"});
    BOOST_TEST(quiet.exit_code == 0);
    BOOST_TEST(quiet.err.empty(), quiet.err);
    BOOST_TEST(quiet.out == loud.out);
    BOOST_TEST(run_hotlive({"validate", plan.string(), "--quiet"}).err.empty());
}

// Refused before anything else is looked at (credentials, the network): nothing is sent.
BOOST_AUTO_TEST_CASE(run_refuses_a_malformed_shard_whole) {
    for (const char* shard : {"4294967297/2", " 1/2", "1/2 ", "+1/2", "-1/2", "0/2", "3/2", "1/0", "1", "1/2/3"}) {
        const auto r = run_hotlive({"run", gala_plan, "--shard", shard, "--endpoint", "http://127.0.0.1:9"});
        BOOST_TEST_CONTEXT("--shard '" << shard << "'") {
            BOOST_TEST(r.exit_code == 2);
            BOOST_TEST(r.err.find("--shard takes K/N with 1 <= K <= N") != std::string::npos, r.err);
        }
    }
    for (const char* index : {"", "x", "2", "-1", " 0", "4294967296"}) {
        process_options env;
        env.env_set["JOB_COMPLETION_INDEX"] = index;
        const auto r = run_hotlive({"run", gala_plan, "--shards", "2", "--endpoint", "http://127.0.0.1:9"}, env);
        BOOST_TEST_CONTEXT("JOB_COMPLETION_INDEX='" << index << "'") {
            BOOST_TEST(r.exit_code == 2);
            BOOST_TEST(r.err.find("--shards needs JOB_COMPLETION_INDEX set to 0..1") != std::string::npos, r.err);
        }
    }
}

// An unset variable in `--resume "$LAST"` must not turn into a fresh run, nor `--shard "$K/4"`...
// into anything: every value option refuses an empty value.
BOOST_AUTO_TEST_CASE(run_refuses_an_empty_value_for_any_option) {
    for (const char* option : {"--report", "--format", "--resume", "--endpoint", "--profile", "--ca-file",
                               "--signature", "--shard", "--event-start", "--log-format"}) {
        const auto r = run_hotlive({"run", gala_plan, option, ""});
        BOOST_TEST_CONTEXT(option) {
            BOOST_TEST(r.exit_code == 2);
            BOOST_TEST(r.err.find(std::string(option) + ": ") != std::string::npos, r.err);
            BOOST_TEST(r.out.empty(), r.out);
        }
    }
    BOOST_TEST(run_hotlive({"run", gala_plan, "--resume", ""})
                   .err.find("an empty value; give one or leave the "
                             "option out") != std::string::npos);
}

// Before the show, not after: a wave still going when the event starts, calls the deadline cuts.
BOOST_AUTO_TEST_CASE(plan_warns_when_the_pace_cannot_keep_the_schedule) {
    temp_dir dir;
    // At 1 call/s: 'early' (3 calls) fits in its 30 s; 'late' (40 calls from T-30s) does not fit
    // before the event, and the deadline at T-10s leaves it 20 s: 20 calls are due in time.
    std::string plan =
        "version: 1\nname: tight\ndefaults: { domain: d.example.com, app: live, audio_msid: a, video_msid: v }\n"
        "limits: { rate: 1, burst: 1 }\n"
        "schedule:\n  event_start: 2099-01-01T20:00:00Z\n  deadline: 2099-01-01T19:59:50Z\n"
        "  waves:\n    - { name: early, at: T-1m, streams: [first] }\n    - { name: late, at: T-30s }\n"
        "streams:\n  - { stream: first, regions: [BEJ, SHH, GUD] }\n";
    for (int i = 0; i < 40; ++i) plan += "  - { stream: s" + std::to_string(i) + ", regions: [SG] }\n";
    const auto path = dir.write("tight.yaml", plan);

    const auto r = run_hotlive({"plan", path.string()});
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
    BOOST_TEST(r.err.find("early") == std::string::npos, r.err);
    BOOST_TEST(r.err.find("warning: the last of the 40 calls of wave 'late' is due about 9.0 s after the event starts: "
                          "they need about 39.0 s at 1 calls/s from 2099-01-01T19:59:30Z") != std::string::npos,
               r.err);
    BOOST_TEST(r.err.find("warning: 20 of the 40 calls of wave 'late' would be due after the deadline "
                          "(2099-01-01T19:59:50Z) and not be sent") != std::string::npos,
               r.err);
    BOOST_TEST(run_hotlive({"plan", path.string(), "--quiet"}).err.empty());
}

// The timeline is the schedule forecast's: a wave that overruns the next leaves it no burst, so
// the next one's calls take their pace instead of going out at once.
BOOST_AUTO_TEST_CASE(plan_times_a_wave_after_an_overrun_without_the_burst_it_used) {
    temp_dir dir;
    // At 1 call/s, burst 5: 'first' sends 5 at once, then one a second until T-55s, so the 5
    // calls of 'second' (T-58s) go one a second from T-54s: 4 s, not the 0 s of a full burst.
    const auto path = dir.write(
        "overrun.yaml",
        "version: 1\nname: overrun\ndefaults: { domain: d.example.com, app: live, audio_msid: a, video_msid: v }\n"
        "limits: { rate: 1, burst: 5 }\nschedule:\n  event_start: 2099-01-01T20:00:00Z\n  waves:\n"
        "    - { name: first, at: T-60s, streams: [a] }\n    - { name: second, at: T-58s }\n"
        "streams:\n  - { stream: a, regions: [SG, US, JP, KR, GB, BEJ, SHH, GUD, HKG, FR] }\n"
        "  - { stream: b, regions: [SG, US, JP, KR, GB] }\n");
    const auto r = run_hotlive({"plan", path.string()});
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
    BOOST_TEST(r.out.find("  first   T-1m      2099-01-01T19:59:00Z       10  5.0 s\n"
                          "  second  T-58s     2099-01-01T19:59:02Z        5  4.0 s\n") != std::string::npos,
               r.out);
    const auto json = run_hotlive({"plan", path.string(), "--json"});
    BOOST_TEST(json.out.find(R"("name":"second","at":"T-58s","starts_at":"2099-01-01T19:59:02Z","count":5,)"
                             R"("estimated_seconds":4.000})") != std::string::npos,
               json.out);
}

// Said once, not as every wave overrunning the next (each would "start" now), and a wave left
// without calls is no wave to be late for.
BOOST_AUTO_TEST_CASE(plan_warns_once_for_a_past_event_and_never_about_an_empty_wave) {
    temp_dir dir;
    const std::string head =
        "version: 1\nname: w\ndefaults: { domain: d.example.com, app: live, audio_msid: a, video_msid: v }\n"
        "limits: { rate: 1, burst: 1 }\nstreams:\n  - { stream: a, regions: [SG, US, JP, KR, GB] }\n"
        "  - { stream: b, regions: [SG, US] }\nschedule:\n";
    const auto past = dir.write("past.yaml", head +
                                                 "  event_start: 2020-01-01T20:00:00Z\n  waves:\n"
                                                 "    - { name: w1, at: T-60s, streams: [a] }\n"
                                                 "    - { name: w2, at: T-58s }\n");
    const auto r = run_hotlive({"plan", past.string()});
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
    BOOST_TEST(r.err ==
               "hotlive: warning: the event started at 2020-01-01T20:00:00Z: every wave's time has passed, "
               "so the 7 calls would start now, wave after wave\n");

    // w1 (5 calls at 1/s) runs past w2's start, but w2 has no calls (a took them all): w3 is next.
    const auto empty = dir.write("empty.yaml", head +
                                                   "  event_start: 2099-01-01T20:00:00Z\n  waves:\n"
                                                   "    - { name: w1, at: T-60s, streams: [a] }\n"
                                                   "    - { name: w2, at: T-58s, streams: [a] }\n"
                                                   "    - { name: w3, at: T-30s }\n");
    const auto e = run_hotlive({"plan", empty.string()});
    BOOST_TEST_REQUIRE(e.exit_code == 0, e.err);
    BOOST_TEST(e.err == empty.string() +
                            ":12:7: warning: wave 'w2' has no call: every call it selects is in an earlier "
                            "wave (a call belongs to the first wave that selects it); narrow the earlier "
                            "wave, or remove this one\n");
}

BOOST_AUTO_TEST_CASE(plan_and_run_say_so_when_the_deadline_has_passed) {
    temp_dir dir;
    const auto path = dir.write("past.yaml",
                                "version: 1\nname: past\ndefaults: { domain: d.example.com, app: live, audio_msid: a, "
                                "video_msid: v }\nschedule: { deadline: 2020-01-01T00:00:00Z }\n"
                                "streams:\n  - { stream: s, regions: [SG, US] }\n");
    const std::string passed =
        "warning: the deadline (2020-01-01T00:00:00Z) has passed: none of the 2 calls would be "
        "sent; move schedule.deadline, or run with --ignore-schedule";
    const auto plan = run_hotlive({"plan", path.string()});
    BOOST_TEST(plan.exit_code == 0, plan.err);
    BOOST_TEST(plan.err.find(passed) != std::string::npos, plan.err);

    process_options env;
    env.env_set = {{"ALIBABA_CLOUD_ACCESS_KEY_ID", "id"}, {"ALIBABA_CLOUD_ACCESS_KEY_SECRET", "secret"}};
    // Nothing is sent, so nothing listens on the endpoint.
    const auto run = run_hotlive(
        {"run", path.string(), "--endpoint", "http://127.0.0.1:9", "--report", (dir.path() / "past.json").string()},
        env);
    BOOST_TEST(run.exit_code == 1, run.err);
    BOOST_TEST(run.err.find(passed) != std::string::npos, run.err);
    BOOST_TEST(run.err.find("0.0 calls/s") != std::string::npos, run.err);  // calls never sent are not counted
}

BOOST_AUTO_TEST_SUITE_END()
