// Nothing lost, nothing false: the journal, the report and --resume under full disks, shared
// report paths, paths that are not reports, foreign reports and interrupts. `hotlive run` against
// the emulator; what went over the wire comes from the emulator's own log.
#include "integration/emulator_log.hpp"
#include "support/background_process.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

#include <hotlive/report_reader.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

using namespace hotlive::test;
namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

constexpr const char* demo_id = "hotlive-demo-id";
constexpr const char* demo_secret = "hotlive-demo-secret";
constexpr const char* other_id = "hotlive-other-id";
constexpr const char* other_secret = "hotlive-other-secret";

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::size_t lines_in(const fs::path& path) {
    const auto text = read_file(path);
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

// A tmpfs of `kib` KiB mounted at `at` for the test's length: a disk that fills up, or (read_only) one
// that refuses every write. Mounting needs root, as CI and this project's machines run.
struct small_tmpfs {
    fs::path at;

    small_tmpfs(fs::path where, int kib, bool read_only = false) : at(std::move(where)) {
        fs::create_directories(at);
        std::string options = "size=" + std::to_string(kib) + "k";
        if (read_only) options += ",ro";
        const auto mounted = run_process({"/bin/mount", "-t", "tmpfs", "-o", options, "tmpfs", at.string()});
        BOOST_TEST_REQUIRE(mounted.exit_code == 0, "mount a tmpfs at " << at << ": " << mounted.err);
    }
    ~small_tmpfs() { (void)run_process({"/bin/umount", "-l", at.string()}); }
    small_tmpfs(const small_tmpfs&) = delete;
    small_tmpfs& operator=(const small_tmpfs&) = delete;
};

boost::test_tools::assertion_result running_as_root(boost::unit_test::test_unit_id) {
    auto root = boost::test_tools::assertion_result(::geteuid() == 0);
    root.message() << "mounting a tmpfs needs root";
    return root;
}

struct safety_fixture {
    temp_dir dir;

    [[nodiscard]] fs::path path(const std::string& name) const { return dir.path() / name; }

    // `streams` streams over `regions`, with `extra` top-level YAML (limits, name, …) and the
    // video MSID of each stream from `video_msid`.
    fs::path write_plan(const std::string& endpoint, int streams, const std::string& regions,
                        const std::string& extra = "limits: { rate: 0, concurrency: 8 }\n",
                        const std::string& name = "it", const std::string& file = "plan.yaml",
                        const std::function<std::string(int)>& video_msid = {}) const {
        std::ostringstream plan;
        plan << "version: 1\nname: " << name << "\nendpoint: " << endpoint << "\n"
             << "defaults: { domain: rts.example.com, app: live, audio_msid: rts audio, video_msid: rts video }\n"
             << extra << "streams:\n";
        for (int i = 0; i < streams; ++i) {
            plan << "  - { stream: s" << i << ", regions: [" << regions << "]";
            if (video_msid) plan << ", video_msid: " << video_msid(i);
            plan << " }\n";
        }
        return dir.write(file, plan.str());
    }

    running_emulator emulator(const std::string& log_name = "emulator.log",
                              const std::string& body = "qps: 0\n") const {
        const auto config = dir.write("emulator-" + log_name + ".yaml",
                                      std::string("accounts:\n  - { id: ") + demo_id + ", secret: " + demo_secret +
                                          " }\n  - { id: " + other_id + ", secret: " + other_secret + " }\n" + body);
        return start_emulator({"--config", config.string(), "--log", path(log_name).string()}, dir.path());
    }

    process_options credentials(const char* id = demo_id, const char* secret = demo_secret) const {
        process_options o;
        o.env_set = {{"ALIBABA_CLOUD_ACCESS_KEY_ID", id},
                     {"ALIBABA_CLOUD_ACCESS_KEY_SECRET", secret},
                     {"HOME", dir.path().string()}};
        o.env_unset = {"ALIBABA_CLOUD_PROFILE", "ALIBABA_CLOUD_SECURITY_TOKEN"};
        return o;
    }

    [[nodiscard]] std::vector<std::string> run_args(const fs::path& plan, const fs::path& report,
                                                    std::vector<std::string> more = {}) const {
        std::vector<std::string> args{"run", plan.string(), "--report", report.string(), "--quiet"};
        args.insert(args.end(), more.begin(), more.end());
        return args;
    }

    // The emulator flushes its log on exit: stop it, then read.
    std::vector<logged_request> log(running_emulator& e, const std::string& log_name = "emulator.log") const {
        e.process->signal(SIGTERM);
        e.process->wait();
        return read_emulator_log(path(log_name));
    }

    static json::object report_at(const fs::path& path) { return json::parse(read_file(path)).as_object(); }
};

std::int64_t total(const json::object& report, const char* field) {
    return report.at("totals").as_object().at(field).to_number<std::int64_t>();
}

// The nonces of the attempts a journal holds whole.
std::set<std::string> journalled_nonces(const fs::path& journal) {
    std::set<std::string> nonces;
    std::istringstream lines(read_file(journal));
    for (std::string line; std::getline(lines, line);) {
        json::error_code ec;
        const auto value = json::parse(line, ec);
        if (ec || !value.is_object() || !value.as_object().contains("attempt")) continue;
        nonces.emplace(value.at("attempt").at("nonce").as_string());
    }
    return nonces;
}

// Waits (bounded) until the file has `lines` lines.
void wait_for_lines(const fs::path& file, std::size_t lines) {
    for (int i = 0; i < 3000 && lines_in(file) < lines; ++i) std::this_thread::sleep_for(std::chrono::milliseconds{10});
    BOOST_TEST_REQUIRE(lines_in(file) >= lines, file << " never reached " << lines << " lines");
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(data_safety, safety_fixture)

// Issue 13.1: an attempt that cannot be journalled is not sent; the run says what the journal
// holds, exits 74, and a resume warms every call exactly once.
BOOST_AUTO_TEST_CASE(a_full_disk_stops_the_sending_and_a_resume_warms_each_call_once,
                     *boost::unit_test::precondition(running_as_root)) {
    for (const int kib : {4, 64}) {
        BOOST_TEST_CONTEXT(kib << " KiB") {
            const std::string log_name = "emulator-" + std::to_string(kib) + ".log";
            auto e = emulator(log_name);
            const auto plan = write_plan(e.url, 10, "china-provinces");  // 340 calls
            const small_tmpfs disk(path("disk-" + std::to_string(kib)), kib);
            const auto report = disk.at / "r.json";
            const auto first = run_hotlive(run_args(plan, report), credentials());
            BOOST_TEST(first.exit_code == 74, first.err);
            BOOST_TEST(first.err.find("the journal " + report.string() +
                                      ".journal could not be written (cannot append to the journal: No space left on "
                                      "device), so no attempt was sent after that; it holds the results of") !=
                           std::string::npos,
                       first.err);
            const auto resumed_report = path("resumed-" + std::to_string(kib) + ".json");
            const auto resumed =
                run_hotlive(run_args(plan, resumed_report, {"--resume", report.string()}), credentials());
            BOOST_TEST(resumed.exit_code == 0, resumed.err);
            BOOST_TEST(total(report_at(resumed_report), "succeeded") == 340);

            // Every attempt on the wire was journalled before it left (the resume's replays of calls
            // in doubt carry the first run's nonces), and every call was warmed exactly once.
            const auto wire = log(e, log_name);
            auto nonces = journalled_nonces(report.string() + ".journal");
            BOOST_TEST(nonces.size() < 340u);
            nonces.merge(journalled_nonces(resumed_report.string() + ".journal"));
            for (const auto& request : wire) BOOST_TEST(nonces.contains(request.nonce), request.key);
            const auto warmed = successes_by_key(wire);
            BOOST_TEST(warmed.size() == 340u);
            for (const auto& [key, count] : warmed) BOOST_TEST(count == 1, key);
        }
    }
}

// Issue 13.2: a second run on a report path in use is refused at once, before it sends
// anything, and the first run's journal and report stay whole.
BOOST_AUTO_TEST_CASE(a_second_run_on_the_same_report_is_refused_before_it_sends) {
    auto e = emulator();
    const auto plan = write_plan(e.url, 10, "china-provinces", "limits: { rate: 100, burst: 1, concurrency: 4 }\n");
    const auto report = path("r.json");
    background_process first({HOTLIVE_EXE, "run", plan.string(), "--report", report.string(), "--quiet"}, dir.path(),
                             credentials().env_set);
    wait_for_lines(report.string() + ".journal", 20);
    const auto second = run_hotlive(run_args(plan, report), credentials());
    BOOST_TEST(second.exit_code == 2);
    BOOST_TEST(second.err.find("another hotlive run is writing the report " + report.string()) != std::string::npos,
               second.err);
    // Nor is a report still being written a report to resume from.
    const auto early = run_hotlive(run_args(plan, path("early.json"), {"--resume", report.string()}), credentials());
    BOOST_TEST(early.exit_code == 2);
    BOOST_TEST(
        early.err.find("--resume " + report.string() + ": a hotlive run is still writing it") != std::string::npos,
        early.err);
    BOOST_TEST(first.wait() == 0, first.err());
    const auto read = hotlive::read_report(report);
    BOOST_TEST_REQUIRE(read.value.has_value(), read.error);
    BOOST_TEST(read.value->calls.size() == 340u);
    const auto wire = log(e);
    BOOST_TEST(wire.size() == 340u);
    for (const auto& [key, count] : successes_by_key(wire)) BOOST_TEST(count == 1, key);
}

// Issue 13.3 (and 14.5, 14.4's read-only folder): what --report may not replace is refused
// with exit 2 before anything is sent; a report in another format gets a JSON copy to resume from.
BOOST_AUTO_TEST_CASE(a_report_path_that_would_destroy_something_is_refused_before_anything_is_sent) {
    auto e = emulator();
    const auto plan = write_plan(e.url, 2, "SHH, ZHJ");
    const auto plan_text = read_file(plan);
    const struct {
        std::vector<std::string> args;
        std::string message;
    } refused[] = {
        {run_args(plan, "/dev/full"), "--report /dev/full is a device"},
        {run_args(plan, plan), "--report " + plan.string() + " is " + plan.string() + ", which this command reads"},
        {run_args(plan, dir.path()), "--report " + dir.path().string() + " is a folder"},
        {run_args(plan, path("missing/r.json")),
         "--report " + path("missing/r.json").string() + ": the folder " + path("missing").string() +
             " does not exist; create it (mkdir -p " + path("missing").string() + ")"},
    };
    for (const auto& r : refused) {
        const auto result = run_hotlive(r.args, credentials());
        BOOST_TEST(result.exit_code == 2, result.err);
        BOOST_TEST(result.err.find(r.message) != std::string::npos, result.err);
    }
    BOOST_TEST((fs::status("/dev/full").type() == fs::file_type::character));
    BOOST_TEST(read_file(plan) == plan_text);

    // The only JSON report of a resume is not replaced by HTML...
    const auto b = path("b.json");
    BOOST_TEST_REQUIRE(run_hotlive(run_args(plan, b), credentials()).exit_code == 0);
    const auto before = read_file(b);
    const auto html = run_hotlive(run_args(plan, b, {"--resume", b.string(), "--format", "html"}), credentials());
    BOOST_TEST(html.exit_code == 2);
    BOOST_TEST(
        html.err.find("is the report --resume reads, and --format html would replace the only JSON copy of it") !=
            std::string::npos,
        html.err);
    BOOST_TEST(read_file(b) == before);
    // ...and a report in another format has its JSON copy beside it, which a resume reads.
    const auto c = path("c.html");
    BOOST_TEST_REQUIRE(run_hotlive(run_args(plan, c), credentials()).exit_code == 0);
    BOOST_TEST(report_at(path("c.html.json")).at("schema").as_string() == "hotlive.report/1");
    // In place, through the report or its JSON copy: the journal is the one being resumed, kept.
    const auto journal_size = fs::file_size(path("c.html.journal"));
    const auto in_place = run_hotlive(run_args(plan, c, {"--resume", c.string()}), credentials());
    BOOST_TEST(in_place.exit_code == 0, in_place.err);
    const auto by_copy = run_hotlive(run_args(plan, c, {"--resume", path("c.html.json").string()}), credentials());
    BOOST_TEST(by_copy.exit_code == 0, by_copy.err);
    BOOST_TEST(fs::file_size(path("c.html.journal")) > journal_size);
    fs::remove(path("c.html.journal"));
    const auto resumed = run_hotlive(run_args(plan, path("d.json"), {"--resume", c.string()}), credentials());
    BOOST_TEST(resumed.exit_code == 0, resumed.err);
    // A resume in place of a report that is not there: nothing to resume from, nothing sent.
    const auto missing =
        run_hotlive(run_args(plan, path("new.json"), {"--resume", path("new.json").string()}), credentials());
    BOOST_TEST(missing.exit_code == 2);
    BOOST_TEST(missing.err.find("nothing to resume from: neither") != std::string::npos, missing.err);
    // ...or whose run was killed before its journal's first line: said so, not "neither exists".
    { std::ofstream{path("killed.json.journal")}; }
    const auto killed =
        run_hotlive(run_args(plan, path("killed.json"), {"--resume", path("killed.json").string()}), credentials());
    BOOST_TEST(killed.exit_code == 2);
    BOOST_TEST(
        killed.err.find("killed.json.journal is empty (that run stopped before its first call)") != std::string::npos,
        killed.err);
    BOOST_TEST(log(e).size() == 8u);  // b, c: 4 calls each; the resumes from c sent nothing
}

BOOST_AUTO_TEST_CASE(a_read_only_report_folder_is_named_in_a_sentence,
                     *boost::unit_test::precondition(running_as_root)) {
    auto e = emulator();
    const auto plan = write_plan(e.url, 1, "SHH");
    const small_tmpfs read_only(path("ro"), 64, true);
    const auto r = run_hotlive(run_args(plan, read_only.at / "r.json"), credentials());
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err.find("the folder " + read_only.at.string() + " is not writable") != std::string::npos, r.err);
    BOOST_TEST(r.err.find("filesystem error") == std::string::npos, r.err);
    BOOST_TEST(log(e).empty());
}

// Issue 13.4: a report counts for a resume only when it warmed at the same endpoint, for the
// same account and shard, with the same parameters, with an attempt and a RequestId.
BOOST_AUTO_TEST_CASE(a_resume_trusts_only_results_of_the_same_endpoint_account_shard_and_parameters) {
    auto e = emulator();
    const auto plan = write_plan(e.url, 10, "SHH, ZHJ, JSU, ANH, FUJ, JXI, SHD");  // 70 calls
    const auto report = path("rehearsal.json");
    BOOST_TEST_REQUIRE(run_hotlive(run_args(plan, report), credentials()).exit_code == 0);

    // Another endpoint, another account, another shard, another plan: refused, naming both sides.
    auto other = emulator("other.log");
    const auto endpoint = run_hotlive(
        run_args(plan, path("x.json"), {"--resume", report.string(), "--endpoint", other.url}), credentials());
    BOOST_TEST(endpoint.exit_code == 2);
    BOOST_TEST(endpoint.err.find(report.string() + " went to " + e.url + ", this run goes to " + other.url) !=
                   std::string::npos,
               endpoint.err);
    BOOST_TEST(log(other, "other.log").empty());

    const auto account =
        run_hotlive(run_args(plan, path("x.json"), {"--resume", report.string()}), credentials(other_id, other_secret));
    BOOST_TEST(account.exit_code == 2);
    BOOST_TEST(account.err.find("was sent for account sha256:") != std::string::npos, account.err);
    BOOST_TEST(account.err.find(other_id) == std::string::npos, account.err);
    BOOST_TEST(account.err.find(demo_id) == std::string::npos, account.err);

    const auto shard =
        run_hotlive(run_args(plan, path("x.json"), {"--resume", report.string(), "--shard", "1/3"}), credentials());
    BOOST_TEST(shard.exit_code == 2);
    BOOST_TEST(shard.err.find("is shard 1/1, this run is shard 1/3") != std::string::npos, shard.err);

    const auto renamed = write_plan(e.url, 10, "SHH, ZHJ, JSU, ANH, FUJ, JXI, SHD",
                                    "limits: { rate: 0, concurrency: 8 }\n", "renamed", "renamed.yaml");
    const auto other_plan =
        run_hotlive(run_args(renamed, path("x.json"), {"--resume", report.string()}), credentials());
    BOOST_TEST(other_plan.exit_code == 2);
    BOOST_TEST(other_plan.err.find("is a report of plan 'it', this is plan 'renamed'") != std::string::npos,
               other_plan.err);
    const auto allowed = run_hotlive(
        run_args(renamed, path("renamed.json"), {"--resume", report.string(), "--resume-other-plan"}), credentials());
    BOOST_TEST(allowed.exit_code == 0, allowed.err);

    // Five calls hand-edited from not warm to "succeeded" without an attempt or a RequestId, two
    // streams' video MSID changed, one stream gone from the plan: those are sent, the rest not.
    auto edited = report_at(report);
    auto& calls = edited.at("calls").as_array();
    for (std::size_t i = 0; i < 5; ++i) {
        auto& call = calls[i].as_object();
        call["attempts"] = 0;
        call["run_attempts"] = 0;
        call["request_id"] = nullptr;
    }
    auto& totals = edited.at("totals").as_object();
    totals["attempts"] = 65;
    totals["run_attempts"] = 65;
    const auto forged = dir.write("forged.json", json::serialize(edited));
    const auto changed =
        write_plan(e.url, 9, "SHH, ZHJ, JSU, ANH, FUJ, JXI, SHD", "limits: { rate: 0, concurrency: 8 }\n", "it",
                   "changed.yaml", [](int i) { return i >= 7 ? "rts video 4k" : "rts video"; });
    const auto resumed =
        run_hotlive({"run", changed.string(), "--report", path("resumed.json").string(), "--resume", forged.string()},
                    credentials());
    BOOST_TEST(resumed.exit_code == 0, resumed.err);
    BOOST_TEST(resumed.err.find("7 calls of " + forged.string() + " are not in this run's plan (or shard) any more") !=
                   std::string::npos,
               resumed.err);
    BOOST_TEST(
        resumed.err.find("14 calls of " + forged.string() + " were sent with other parameters") != std::string::npos,
        resumed.err);
    const auto wire = log(e);
    // 70 rehearsal + 70 for the renamed plan's resume... no: that resume carried all 70.
    BOOST_TEST(wire.size() == 70u + 5u + 14u);
}

// Issue 14.6: a journal with garbage appended, or cut mid-line, is read with a warning that names
// what was skipped; the calls it says nothing of are sent again.
BOOST_AUTO_TEST_CASE(a_damaged_journal_is_resumed_with_a_warning) {
    auto e = emulator();
    const auto plan = write_plan(e.url, 2, "SHH, ZHJ");
    const auto report = path("r.json");
    BOOST_TEST_REQUIRE(run_hotlive(run_args(plan, report), credentials()).exit_code == 0);
    fs::remove(report);  // the journal alone, as a crash leaves it
    {
        std::ofstream journal(report.string() + ".journal", std::ios::app);
        journal << "garbage that is no record\n{\"key\":\"rts.example.com/live/s0@SH";  // and a torn last line
    }
    const auto resumed = run_hotlive(
        {"run", plan.string(), "--report", path("again.json").string(), "--resume", report.string()}, credentials());
    BOOST_TEST(resumed.exit_code == 0, resumed.err);
    BOOST_TEST(resumed.err.find(report.string() + ".journal has 2 lines that are not records") != std::string::npos,
               resumed.err);
    BOOST_TEST(log(e).size() == 4u);  // every call was in the journal whole: nothing sent again
}

// Issue 13.5: reports of different versions of a plan do not merge, and with --plan every call
// of the plan must be in some report.
BOOST_AUTO_TEST_CASE(reports_of_different_plan_versions_do_not_merge_and_plan_names_what_is_missing) {
    auto e = emulator();
    const auto plan = write_plan(e.url, 12, "SHH, ZHJ, JSU");
    std::vector<std::string> shards;
    for (int k = 1; k <= 3; ++k) {
        const auto report = path("shard-" + std::to_string(k) + ".json");
        const auto r = run_hotlive(run_args(plan, report, {"--shard", std::to_string(k) + "/3"}), credentials());
        BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
        shards.push_back(report.string());
    }
    // Shard 3 of an edited plan: same name, same file, same endpoint.
    const auto plan_text = read_file(plan);
    write_plan(e.url, 12, "SHH, ZHJ, JSU", "limits: { rate: 0, concurrency: 8 }\n", "it", "plan.yaml",
               [](int i) { return i == 0 ? "rts video 4k" : "rts video"; });
    const auto edited = path("edited-3.json");
    BOOST_TEST_REQUIRE(run_hotlive(run_args(plan, edited, {"--shard", "3/3"}), credentials()).exit_code == 0);
    const auto mixed =
        run_hotlive({"report", shards[0], shards[1], edited.string(), "--output", path("m.json").string()});
    BOOST_TEST(mixed.exit_code == 2);
    BOOST_TEST(mixed.err.find("are reports of different versions of plan 'it'") != std::string::npos, mixed.err);
    BOOST_TEST(!fs::exists(path("m.json")));

    // The original version's three shards merge; against a plan that has grown since, the merge
    // names the calls no report accounts for and exits 1 (the report is still written).
    dir.write("plan.yaml", plan_text);
    const auto whole = run_hotlive(
        {"report", shards[0], shards[1], shards[2], "--plan", plan.string(), "--output", path("all.json").string()});
    BOOST_TEST(whole.exit_code == 0, whole.err);
    const auto grown =
        write_plan(e.url, 13, "SHH, ZHJ, JSU", "limits: { rate: 0, concurrency: 8 }\n", "it", "grown.yaml");
    const auto partial = run_hotlive({"report", shards[0], shards[1], shards[2], "--plan", grown.string(), "--output",
                                      path("grown.json").string(), "--quiet"});
    BOOST_TEST(partial.exit_code == 1);
    BOOST_TEST(partial.err.find("3 calls of the plan " + grown.string() +
                                " are in no report (or were sent with other parameters than it has now): "
                                "rts.example.com/live/s12@SHH, rts.example.com/live/s12@ZHJ, "
                                "rts.example.com/live/s12@JSU") != std::string::npos,
               partial.err);
    BOOST_TEST(total(report_at(path("grown.json")), "calls") == 36);
    // Shards run with different accounts merge into a report that names none, and say so.
    const auto other_shard = path("other-3.json");
    BOOST_TEST_REQUIRE(
        run_hotlive(run_args(plan, other_shard, {"--shard", "3/3"}), credentials(other_id, other_secret)).exit_code ==
        0);
    const auto two_accounts =
        run_hotlive({"report", shards[0], shards[1], other_shard.string(), "--output", path("accounts.json").string()});
    BOOST_TEST(two_accounts.exit_code == 0, two_accounts.err);
    BOOST_TEST(two_accounts.err.find("the shards were run with different accounts") != std::string::npos,
               two_accounts.err);
    BOOST_TEST(report_at(path("accounts.json")).at("account").as_string().empty());
    const auto from_merged = run_hotlive({"run", plan.string(), "--report", path("from-merged.json").string(),
                                          "--resume", path("accounts.json").string()},
                                         credentials());
    BOOST_TEST(from_merged.err.find("merges shards run with different accounts") != std::string::npos, from_merged.err);
    // One report and --plan: checked too, not ignored.
    const auto one = run_hotlive({"report", shards[0], "--plan", plan.string(), "--output", path("one.json").string()});
    BOOST_TEST(one.exit_code == 1);
}

// Issue 13.6: a resume keeps each call's attempts (cumulative and this run's) and the first run's start.
BOOST_AUTO_TEST_CASE(a_resume_keeps_attempts_across_runs_and_the_first_start) {
    auto e = emulator("emulator.log",
                      "qps: 0\nfaults:\n  - { kind: internal_error, attempts: [1, 2, 3], match: { stream: s0 } }\n");
    const auto plan =
        write_plan(e.url, 4, "SHH, ZHJ", "limits: { rate: 0, concurrency: 8 }\nretry: { base_delay_ms: 1 }\n");
    const auto report = path("r.json");
    BOOST_TEST(run_hotlive(run_args(plan, report), credentials()).exit_code == 1);
    const auto first = report_at(report);
    BOOST_TEST(total(first, "attempts") == 12);  // s0: 3 each in two regions, the others 1
    const auto resumed = run_hotlive(run_args(plan, report, {"--resume", report.string()}), credentials());
    BOOST_TEST(resumed.exit_code == 0, resumed.err);
    const auto second = report_at(report);
    BOOST_TEST(total(second, "attempts") == 14);
    // Each call's last run: 2 sent by the resume, 6 warm from the first run.
    BOOST_TEST(total(second, "run_attempts") == 8);
    // The resumed report reads back whole (its totals add up), and resumes again with nothing to send.
    BOOST_TEST(hotlive::read_report(report).value.has_value());
    BOOST_TEST(run_hotlive(run_args(plan, report, {"--resume", report.string()}), credentials()).exit_code == 0);
    BOOST_TEST(log(e).size() == 14u);
    BOOST_TEST(second.at("started_at") == first.at("started_at"));
    BOOST_TEST(second.at("last_run_started_at") != first.at("last_run_started_at"));
    for (std::size_t i = 0; i < 2; ++i) {
        const auto& before = first.at("calls").as_array()[i].as_object();
        const auto& after = second.at("calls").as_array()[i].as_object();
        BOOST_TEST(after.at("key") == before.at("key"));
        BOOST_TEST(after.at("status").as_string() == "succeeded");
        BOOST_TEST(after.at("attempts").to_number<int>() == 4);
        BOOST_TEST(after.at("run_attempts").to_number<int>() == 1);
        BOOST_TEST(after.at("first_attempt_at") == before.at("first_attempt_at"));
    }
}

// Issue 13.7: an interrupt while a resume reads its report ends the run with nothing sent (the
// report is a FIFO the test writes only once the interrupt is in: no race).
BOOST_AUTO_TEST_CASE(an_interrupt_while_the_resume_is_read_sends_nothing_and_says_so) {
    auto e = emulator();
    const auto plan = write_plan(e.url, 2, "SHH");
    const auto report = path("r.json");
    BOOST_TEST_REQUIRE(run_hotlive(run_args(plan, report), credentials()).exit_code == 0);
    const auto text = read_file(report);
    const auto fifo = path("fifo.json");
    BOOST_TEST_REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    background_process resume(
        {HOTLIVE_EXE, "run", plan.string(), "--report", path("again.json").string(), "--resume", fifo.string()},
        dir.path(), credentials().env_set);
    // The writer's end opens once the run has opened the FIFO to read it: its handlers are in.
    int writer = -1;
    for (int i = 0; i < 3000 && writer < 0; ++i) {
        writer = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
        if (writer < 0) std::this_thread::sleep_for(std::chrono::milliseconds{10});
    }
    BOOST_TEST_REQUIRE(writer >= 0);
    resume.signal(SIGTERM);
    (void)::fcntl(writer, F_SETFL, 0);
    BOOST_TEST(::write(writer, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
    ::close(writer);
    BOOST_TEST(resume.wait() == 130);
    BOOST_TEST(
        resume.err().find("interrupted while reading " + fifo.string() + ": nothing was sent") != std::string::npos,
        resume.err());
    BOOST_TEST(log(e).size() == 2u);
}

// Issue 13.7: a SIGINT inherited as ignored stays ignored (the shell's `cmd &`), SIGTERM still
// stops the run with its partial report, and a second interrupt quits saying how to finish.
BOOST_AUTO_TEST_CASE(an_ignored_sigint_stays_ignored_sigterm_still_stops_and_a_second_interrupt_says_how_to_finish) {
    auto e = emulator();
    const auto plan =
        write_plan(e.url, 4, "SHH, ZHJ, JSU, ANH, FUJ", "limits: { rate: 50, burst: 1, concurrency: 4 }\n");
    const auto report = path("r.json");
    const auto shell_run = [&](const fs::path& to) {
        // `trap '' INT` is how a shell starts a background job: SIGINT ignored, inherited by exec.
        return std::make_unique<background_process>(
            std::vector<std::string>{"/bin/bash", "-c", "trap '' INT; exec \"$0\" \"$@\"", HOTLIVE_EXE, "run",
                                     plan.string(), "--report", to.string(), "--quiet"},
            dir.path(), credentials().env_set);
    };
    auto ignoring = shell_run(report);
    wait_for_lines(report.string() + ".journal", 10);
    ignoring->signal(SIGINT);
    BOOST_TEST(ignoring->wait() == 0, ignoring->err());
    BOOST_TEST(total(report_at(report), "succeeded") == 20);

    auto terminated = shell_run(path("t.json"));
    wait_for_lines(path("t.json.journal"), 10);
    terminated->signal(SIGTERM);
    BOOST_TEST(terminated->wait() == 130, terminated->err());
    BOOST_TEST(total(report_at(path("t.json")), "succeeded") < 20);

    // Issue 14.2: the progress stops where the interrupt found it; the calls it kept from being
    // sent are not counted as done.
    background_process logged({HOTLIVE_EXE, "run", plan.string(), "--report", path("l.json").string()}, dir.path(),
                              credentials().env_set);
    wait_for_lines(path("l.json.journal"), 10);
    logged.signal(SIGINT);
    BOOST_TEST(logged.wait() == 130);
    const auto log_text = logged.err();
    const auto warned = log_text.find("interrupted: no new attempts");
    BOOST_TEST_REQUIRE(warned != std::string::npos, log_text);
    BOOST_TEST(log_text.find(" done, ", warned) == std::string::npos, log_text);
    BOOST_TEST(log_text.find("20/20 done") == std::string::npos, log_text);

    background_process twice({HOTLIVE_EXE, "run", plan.string(), "--report", path("q.json").string()}, dir.path(),
                             credentials().env_set);
    wait_for_lines(path("q.json.journal"), 10);
    twice.signal(SIGINT);
    // Two signals sent at once would arrive as one: the second goes once the first is seen.
    for (int i = 0; i < 3000 && twice.err().find("interrupted: no new attempts") == std::string::npos; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds{10});
    }
    twice.signal(SIGINT);
    BOOST_TEST(twice.wait() == 130);
    const std::string finish = "hotlive run " + plan.string() + " --report " + path("q.json").string() + " --resume " +
                               path("q.json").string();
    BOOST_TEST(twice.err().find("hotlive: interrupted again: quitting now") != std::string::npos, twice.err());
    BOOST_TEST(twice.err().find("`" + finish + "` writes the report and warms the rest") != std::string::npos,
               twice.err());
    const auto finished = run_hotlive(
        {"run", plan.string(), "--report", path("q.json").string(), "--resume", path("q.json").string(), "--quiet"},
        credentials());
    BOOST_TEST(finished.exit_code == 0, finished.err);
    BOOST_TEST(total(report_at(path("q.json")), "succeeded") == 20);
    const auto wire = log(e);
    std::map<std::string, int> warmed;
    for (const auto& request : wire) {
        if (request.verdict == "success") ++warmed[request.key];
    }
    BOOST_TEST(warmed.size() == 20u);
}

BOOST_AUTO_TEST_SUITE_END()
