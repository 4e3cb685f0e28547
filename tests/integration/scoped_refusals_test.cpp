// Scoped refusals (issue 16) against the emulator, its request log the witness of what went over
// the wire: one refusal condemns its domain, region or account, the calls of it not yet sent are
// skipped, and transient errors condemn nothing.
#include "integration/emulator_log.hpp"
#include "support/demo_credentials.hpp"
#include "support/temp_dir.hpp"

#include <hotlive/credentials.hpp>
#include <hotlive/emulator.hpp>
#include <hotlive/exit_codes.hpp>
#include <hotlive/report_reader.hpp>
#include <hotlive/run_session.hpp>

#include <boost/test/unit_test.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

using namespace hotlive;

namespace {

constexpr std::uint32_t concurrency = 16;

// A plan of `streams_per_domain` streams for each domain, each stream in every region given.
plan plan_of(const std::vector<std::string>& domains, int streams_per_domain, const std::vector<std::string>& regions,
             std::uint32_t workers = concurrency) {
    std::string text =
        "version: 1\nname: scoped\ndefaults: { app: live, audio_msid: a, video_msid: v }\n"
        "limits: { rate: 0, concurrency: " +
        std::to_string(workers) + " }\nretry: { max_attempts: 3, base_delay_ms: 1 }\nstreams:\n";
    std::string region_list;
    for (const auto& r : regions) region_list += (region_list.empty() ? "" : ", ") + r;
    for (const auto& d : domains) {
        for (int i = 0; i < streams_per_domain; ++i) {
            text += "  - { domain: " + d + ", stream: s" + std::to_string(i) + ", regions: [" + region_list + "] }\n";
        }
    }
    auto loaded = load_plan_text(text, "scoped.yaml");
    BOOST_TEST_REQUIRE(loaded.value.has_value());
    return std::move(*loaded.value);
}

const std::vector<std::string> twenty_regions{"BEJ", "TAJ", "HEB", "SHX", "NMG", "LIA", "JIL", "HLJ", "SHH", "JSU",
                                              "ZHJ", "ANH", "FUJ", "JXI", "SHD", "HEN", "HUB", "HUN", "GUD", "GXI"};

struct run_result {
    std::uint16_t port = 0;  // the emulator's
    session_outcome outcome;
    std::vector<test::logged_request> wire;
    std::optional<report> written;
};

// Runs `p` against an emulator configured by `config` (on config.listen_port when set), in `dir`.
run_result run_against(emulator_config config, const plan& p, const std::filesystem::path& dir,
                       const std::string& secret = std::string(demo_access_key_secret), bool keep_going = false,
                       const std::string& resume = {}) {
    run_result result;
    const auto log = dir / ("wire-" + std::to_string(std::hash<std::string>{}(resume + secret)) +
                            (keep_going ? "-k" : "") + ".jsonl");
    std::filesystem::remove(log);
    config.qps = 0;
    config.log_file = log;
    {
        emulator server(std::move(config));
        const auto where = server.start();
        result.port = where.port;
        session_options options;
        options.endpoint = "http://127.0.0.1:" + std::to_string(where.port);
        options.report = dir / "report.json";
        options.resume = resume;
        options.keep_going = keep_going;
        options.random_seed = 3;
        options.credentials = [secret] { return test::demo_credentials(secret); };
        run_session session(p, options);
        const auto refused = session.prepare([](const std::string&) {});
        BOOST_TEST_REQUIRE(!refused, (refused ? refused->message : std::string()));
        class nothing final : public run_observer {
        public:
            void on_finished(std::size_t, const call_result&) override {}
        } quiet;
        result.outcome = session.run(quiet, [] {});
    }
    result.wire = test::read_emulator_log(log);
    result.written = read_report(dir / "report.json").value;
    BOOST_TEST_REQUIRE(result.written.has_value());
    return result;
}

std::size_t sent_for(const std::vector<test::logged_request>& wire, std::string_view part) {
    std::size_t n = 0;
    for (const auto& request : wire) n += request.key.find(part) != std::string::npos ? 1U : 0U;
    return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(scoped_refusals)

BOOST_AUTO_TEST_CASE(a_domain_without_the_prefetch_switch_costs_at_most_one_call_per_worker) {
    const test::temp_dir dir;
    emulator_config config;
    config.prefetch_off = {"rts.bad.example.com"};
    const auto p = plan_of({"rts.good.example.com", "rts.bad.example.com"}, 250, twenty_regions);  // 10,000 calls
    const auto run = run_against(std::move(config), p, dir.path());
    BOOST_TEST(run.outcome.exit_code == exit_code::some_failed);
    const auto totals = run.written->totals();
    BOOST_TEST(totals.calls == 10'000U);
    BOOST_TEST(totals.succeeded == 5'000U);  // the good domain, all warm
    const std::size_t bad_on_wire = sent_for(run.wire, "rts.bad.example.com/");
    BOOST_TEST(bad_on_wire >= 1U);
    BOOST_TEST(bad_on_wire <= 1U + concurrency);
    BOOST_TEST(totals.failed == bad_on_wire);  // each refused call failed, once
    BOOST_TEST(totals.skipped == 5'000U - bad_on_wire);
    BOOST_TEST(totals.succeeded + totals.failed + totals.skipped == totals.calls);
    BOOST_TEST_REQUIRE(run.outcome.condemned.size() == 1U);
    const auto& condemned = run.outcome.condemned.front();
    BOOST_TEST(condemned.domain == "rts.bad.example.com");
    BOOST_TEST(condemned.code == "NoSpecialConfiguration");
    BOOST_TEST(condemned.skipped == totals.skipped);
    std::map<std::string, const call_result*> by_key;
    for (const auto& c : run.written->calls) by_key[c.key] = &c;
    for (const auto& c : run.written->calls) {
        if (c.status != call_status::skipped) continue;
        BOOST_TEST(c.domain == "rts.bad.example.com");
        BOOST_TEST(*c.code == "NoSpecialConfiguration");
        BOOST_TEST_REQUIRE(c.skipped_because_key.has_value());
        const auto* condemning = by_key.at(*c.skipped_because_key);  // a call of the report, refused
        BOOST_TEST((condemning->status == call_status::failed));
        BOOST_TEST(*condemning->code == "NoSpecialConfiguration");
        BOOST_TEST((c.skipped_because_request_id == condemning->request_id));
        BOOST_TEST(c.attempts == 0U);
    }
}

BOOST_AUTO_TEST_CASE(a_wrong_secret_costs_at_most_one_call_per_worker_and_exits_3) {
    const test::temp_dir dir;
    const auto p = plan_of({"rts.a.example.com", "rts.b.example.com"}, 250, twenty_regions);
    const auto run = run_against({}, p, dir.path(), "not-the-secret");
    BOOST_TEST(run.outcome.exit_code == exit_code::cannot_start);
    BOOST_TEST(run.wire.size() >= 1U);
    BOOST_TEST(run.wire.size() <= 1U + concurrency);
    const auto totals = run.written->totals();
    BOOST_TEST(totals.calls == 10'000U);  // every call accounted for
    BOOST_TEST(totals.failed + totals.skipped + totals.cancelled == 10'000U);
    BOOST_TEST(totals.skipped >= 10'000U - 1U - concurrency);
    BOOST_TEST(totals.attempts == run.wire.size());
    BOOST_TEST_REQUIRE(!run.outcome.condemned.empty());
    BOOST_TEST((run.outcome.condemned.front().scope == refusal_scope::account));
    BOOST_TEST(run.outcome.condemned.front().code == "SignatureDoesNotMatch");
}

BOOST_AUTO_TEST_CASE(a_region_without_nodes_is_condemned_per_domain) {
    const test::temp_dir dir;
    emulator_config config;
    config.regions_without_nodes = {"TIB"};
    const auto p = plan_of({"rts.a.example.com", "rts.b.example.com"}, 100, {"BEJ", "TIB", "SHH", "GUD", "ZHJ"});
    const auto run = run_against(std::move(config), p, dir.path());
    BOOST_TEST(run.outcome.exit_code == exit_code::some_failed);
    for (const std::string domain : {"rts.a.example.com", "rts.b.example.com"}) {
        std::size_t tib = 0;
        for (const auto& request : run.wire) {
            tib += request.key.starts_with(domain + "/") && request.key.ends_with("@TIB") ? 1U : 0U;
        }
        BOOST_TEST_CONTEXT(domain) {
            BOOST_TEST(tib >= 1U);
            BOOST_TEST(tib <= 1U + concurrency);
        }
    }
    const auto totals = run.written->totals();
    BOOST_TEST(totals.succeeded == 800U);  // every other region warm
    BOOST_TEST(totals.failed + totals.skipped == 200U);
    BOOST_TEST(run.outcome.condemned.size() == 2U);
}

BOOST_AUTO_TEST_CASE(keep_going_sends_every_call) {
    const test::temp_dir dir;
    emulator_config config;
    config.prefetch_off = {"rts.bad.example.com"};
    const auto p = plan_of({"rts.good.example.com", "rts.bad.example.com"}, 25, twenty_regions);  // 1,000 calls
    const auto run = run_against(std::move(config), p, dir.path(), std::string(demo_access_key_secret), true);
    BOOST_TEST(run.wire.size() == 1'000U);
    BOOST_TEST(run.written->totals().skipped == 0U);
    BOOST_TEST(run.written->totals().failed == 500U);
    BOOST_TEST(run.outcome.condemned.empty());
}

BOOST_AUTO_TEST_CASE(a_resume_after_the_switch_is_on_sends_only_what_was_not_warm) {
    const test::temp_dir dir;
    const auto p = plan_of({"rts.good.example.com", "rts.bad.example.com"}, 25, twenty_regions);
    emulator_config off;
    off.prefetch_off = {"rts.bad.example.com"};
    const auto first = run_against(std::move(off), p, dir.path());
    BOOST_TEST(first.written->totals().succeeded == 500U);
    const std::string report = (dir.path() / "report.json").string();
    emulator_config on;  // the same endpoint, the switch turned on
    on.listen_port = first.port;
    const auto again = run_against(std::move(on), p, dir.path(), std::string(demo_access_key_secret), false, report);
    BOOST_TEST(again.outcome.exit_code == exit_code::success);
    BOOST_TEST(again.wire.size() == 500U);  // the bad domain's calls, skipped or failed before
    BOOST_TEST(sent_for(again.wire, "rts.good.example.com/") == 0U);
    BOOST_TEST(again.written->totals().succeeded == 1'000U);
}

BOOST_AUTO_TEST_CASE(a_transient_error_on_the_first_call_condemns_nothing) {
    const test::temp_dir dir;
    emulator_config config;
    fault_rule first_attempt_fails;
    first_attempt_fails.kind = fault_kind::internal_error;
    first_attempt_fails.match_stream = "s0";
    first_attempt_fails.match_region = "BEJ";
    first_attempt_fails.attempts = {1};
    config.faults.push_back(first_attempt_fails);
    const auto p = plan_of({"rts.good.example.com"}, 25, twenty_regions);
    const auto run = run_against(std::move(config), p, dir.path());
    BOOST_TEST(run.outcome.exit_code == exit_code::success);
    BOOST_TEST(run.written->totals().succeeded == 500U);
    BOOST_TEST(run.written->totals().skipped == 0U);
    BOOST_TEST(run.wire.size() == 501U);
    BOOST_TEST(run.outcome.condemned.empty());
}

BOOST_AUTO_TEST_CASE(each_domains_first_call_goes_first_then_each_domain_and_regions) {
    const test::temp_dir dir;
    const auto p = plan_of({"a.example.com", "b.example.com"}, 2, {"BEJ", "SHH", "GUD"}, 1);
    const auto run = run_against({}, p, dir.path());
    std::vector<std::string> wire;
    for (const auto& request : run.wire) wire.push_back(request.key);
    const std::vector<std::string> expected{
        "a.example.com/live/s0@BEJ", "b.example.com/live/s0@BEJ",                               // each domain
        "a.example.com/live/s0@SHH", "a.example.com/live/s0@GUD", "b.example.com/live/s0@SHH",  // each pair
        "b.example.com/live/s0@GUD", "a.example.com/live/s1@BEJ", "a.example.com/live/s1@SHH",  // then plan order
        "a.example.com/live/s1@GUD", "b.example.com/live/s1@BEJ", "b.example.com/live/s1@SHH",
        "b.example.com/live/s1@GUD"};
    BOOST_TEST(wire == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
