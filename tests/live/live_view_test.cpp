// The live view's plain parts: the run's state as Prometheus text and as /status.json, and what
// each request is answered — fed the events a run tells, with no socket and a fixed clock.
#include "live/live_view.hpp"
#include "live/metrics_text.hpp"
#include "live/status_json.hpp"

#include <hotlive/run_state.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

#include <string>

using namespace hotlive;
using namespace std::chrono_literals;
namespace json = boost::json;

namespace {

const wall_time t0 = wall_time{std::chrono::sys_days{std::chrono::year{2026} / 12 / 31}} + 11h + 30min;

// Two streams in three regions (the second stream in two), a ceiling of 10 calls/s and a wave.
run_state two_streams() {
    run_state state(5);
    run_outline o;
    o.plan = "gala \"2027\"\nnight";
    o.shard = {2, 4};
    o.version = "0.1.0";
    o.rows = {"main", "backup"};
    o.columns = {"SHH", "JSU", "ZHJ"};
    o.places = {{0, 0}, {0, 1}, {0, 2}, {1, 0}, {1, 2}};
    state.set_outline(o);
    state.set_schedule(10, {{"key provinces", t0 + 60s, 5}});
    state.set_started(t0);
    return state;
}

call_result ended(std::string key, call_status status, std::optional<std::string> code, wall_time at) {
    call_result r;
    r.key = std::move(key);
    r.status = status;
    r.code = std::move(code);
    r.attempts = r.run_attempts = 1;
    r.finished_at = at;
    return r;
}

classification answer(verdict what, std::string code = {}) {
    classification c;
    c.what = what;
    c.code = std::move(code);
    return c;
}

// The value of the sample `name` (with its labels as written), or -1.
double sample(const std::string& text, const std::string& name) {
    const auto at = text.find("\n" + name + " ");
    if (at == std::string::npos) return -1;
    return std::stod(text.substr(at + name.size() + 2));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(live_view_parts)

BOOST_AUTO_TEST_CASE(metrics_count_calls_by_status_attempts_by_outcome_and_code_and_latencies) {
    run_state state = two_streams();
    state.on_attempt_sent(0, {});
    state.on_answer(0, answer(verdict::success), 40ms);
    state.on_finished(0, ended("a", call_status::succeeded, std::nullopt, t0 + 1s));
    state.on_attempt_sent(1, {});
    state.on_answer(1, answer(verdict::retry_throttled, "Throttling.User"), 300ms);
    state.on_attempt_sent(1, {});
    state.on_answer(1, answer(verdict::fail, "CodeRegionHasNoNode"), 2s);
    state.on_finished(1, ended("b", call_status::failed, "CodeRegionHasNoNode", t0 + 2s));
    state.on_attempt_sent(2, {});
    const std::string text = live::metrics_text(state);

    BOOST_TEST(text.find("hotlive_run_info{plan=\"gala \\\"2027\\\"\\nnight\",shard=\"2/4\",version=\"0.1.0\"} 1\n") !=
               std::string::npos);
    BOOST_TEST(sample(text, "hotlive_calls_planned") == 5);
    BOOST_TEST(sample(text, "hotlive_calls_finished_total{status=\"succeeded\"}") == 1);
    BOOST_TEST(sample(text, "hotlive_calls_finished_total{status=\"failed\"}") == 1);
    BOOST_TEST(sample(text, "hotlive_calls_finished_total{status=\"skipped\"}") == 0);
    BOOST_TEST(sample(text, "hotlive_attempts_total{outcome=\"success\",code=\"\"}") == 1);
    BOOST_TEST(sample(text, "hotlive_attempts_total{outcome=\"throttled\",code=\"Throttling.User\"}") == 1);
    BOOST_TEST(sample(text, "hotlive_attempts_total{outcome=\"fail\",code=\"CodeRegionHasNoNode\"}") == 1);
    BOOST_TEST(sample(text, "hotlive_throttled_attempts_total") == 1);
    BOOST_TEST(sample(text, "hotlive_calls_in_flight") == 1);
    BOOST_TEST(sample(text, "hotlive_rate_ceiling_calls_per_second") == 10);
    BOOST_TEST(sample(text, "hotlive_rate_allowed_calls_per_second") == 10);
    // Cumulative buckets: 40 ms, 300 ms and 2 s.
    BOOST_TEST(sample(text, "hotlive_answer_latency_seconds_bucket{le=\"0.05\"}") == 1);
    BOOST_TEST(sample(text, "hotlive_answer_latency_seconds_bucket{le=\"0.5\"}") == 2);
    BOOST_TEST(sample(text, "hotlive_answer_latency_seconds_bucket{le=\"2.5\"}") == 3);
    BOOST_TEST(sample(text, "hotlive_answer_latency_seconds_bucket{le=\"+Inf\"}") == 3);
    BOOST_TEST(sample(text, "hotlive_answer_latency_seconds_count") == 3);
    BOOST_TEST(sample(text, "hotlive_answer_latency_seconds_sum") == 2.34, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(
        sample(text, "hotlive_wave_start_timestamp_seconds{wave=\"key provinces\"}") ==
        static_cast<double>(std::chrono::duration_cast<std::chrono::seconds>((t0 + 60s).time_since_epoch()).count()));
    BOOST_TEST(text.find("hotlive_run_end_timestamp_seconds") == std::string::npos);
    // Every family has its HELP and TYPE, every line ends.
    BOOST_TEST(text.back() == '\n');
}

BOOST_AUTO_TEST_CASE(a_server_inventing_codes_does_not_grow_the_labels_without_bound) {
    run_state state = two_streams();
    for (int i = 0; i < 500; ++i) {
        state.on_answer(0, answer(verdict::retry, "Made.Up." + std::to_string(i)), 1ms);
        state.on_finished(0, ended("a", call_status::failed, "Made.Up." + std::to_string(i), t0));
    }
    BOOST_TEST(state.answers_by_code().size() == run_state::max_codes + 1);
    BOOST_TEST(state.failures().size() == run_state::max_codes + 1);
    BOOST_TEST(state.failures().at("other").calls == 500 - run_state::max_codes);
}

BOOST_AUTO_TEST_CASE(the_adaptive_pace_shows_as_the_allowed_rate) {
    run_state state = two_streams();
    state.on_pace(4.5);
    BOOST_TEST(sample(live::metrics_text(state), "hotlive_rate_allowed_calls_per_second") == 4.5);
}

BOOST_AUTO_TEST_CASE(status_json_sends_every_cell_first_then_only_the_changes) {
    run_state state = two_streams();
    state.on_attempt_sent(3, {});
    auto first = json::parse(live::status_json(state, t0 + 1s, 0)).as_object();
    BOOST_TEST(first.at("schema").as_string() == "hotlive.status/1");
    const auto& cells = first.at("cells").as_object();
    BOOST_TEST(cells.at("all").as_string() == "00010");
    const auto seen = static_cast<std::size_t>(cells.at("seen").to_number<std::int64_t>());
    BOOST_TEST(seen == 1u);

    state.on_answer(3, answer(verdict::success), 10ms);
    state.on_finished(3, ended("d", call_status::succeeded, std::nullopt, t0 + 2s));
    state.on_finished(4, ended("e", call_status::skipped, "NoSpecialConfiguration", t0 + 2s));
    auto next = json::parse(live::status_json(state, t0 + 2s, seen)).as_object();
    const auto& changed = next.at("cells").as_object().at("changed").as_array();
    BOOST_REQUIRE(changed.size() == 2u);
    BOOST_TEST(changed[0].as_array()[0].to_number<int>() == 3);
    BOOST_TEST(changed[0].as_array()[1].as_string() == "2");  // succeeded
    BOOST_TEST(changed[1].as_array()[1].as_string() == "6");  // skipped
    const auto& calls = next.at("calls").as_object();
    BOOST_TEST(calls.at("succeeded").to_number<int>() == 1);
    BOOST_TEST(calls.at("skipped").to_number<int>() == 1);
    BOOST_TEST(calls.at("pending").to_number<int>() == 3);
    const auto& failures = next.at("failures").as_array();
    BOOST_REQUIRE(failures.size() == 1u);
    BOOST_TEST(failures[0].as_object().at("cause").as_string() == "NoSpecialConfiguration");
    // The wave starts a minute after t0: 58 s to go at t0 + 2 s.
    BOOST_TEST(next.at("next_wave").as_object().at("in_seconds").to_number<int>() == 58);
    BOOST_TEST(next.at("eta_seconds").is_number());
}

// A million-call run changes cells millions of times: the state keeps only the changes a reader
// could be sent (an eighth of the grid plus 16; further behind, it gets the whole grid), and counts
// the calls' ends per tenth of a second over the last minute, not each end.
BOOST_AUTO_TEST_CASE(memory_for_changes_and_the_recent_rate_is_bounded) {
    run_state state = two_streams();  // 5 cells: 16 changes kept
    for (int i = 0; i < 40; ++i) state.on_attempt_sent(static_cast<std::size_t>(i % 2), {});
    for (int i = 0; i < 40; ++i) {
        state.on_finished(static_cast<std::size_t>(i % 2), ended("k", call_status::failed, "E", t0 + 1s));
        state.on_attempt_sent(static_cast<std::size_t>(i % 2), {});
    }
    const std::size_t seen = state.cell_changes_seen();
    BOOST_TEST(seen == 82U);  // 2 sends, then 40 ends and 40 sends
    BOOST_TEST(!state.cells_changed_since(0).has_value());
    BOOST_TEST(!state.cells_changed_since(seen - 17).has_value());  // too far behind: the whole grid
    BOOST_TEST(state.cells_changed_since(seen - 16).value().size() == 16U);
    BOOST_TEST(state.cells_changed_since(seen).value().empty());
    BOOST_TEST(!state.cells_changed_since(seen + 1).has_value());  // a reader from another run

    // 40 ends at t0 + 1 s, over the 2 s the run has run by t0 + 2 s (younger than the window).
    BOOST_TEST(state.recent_rate(t0 + 2s, 10s).value() == 20.0);
    // A minute and more later the ring has moved on: 3 ends in its newest slot only.
    for (int i = 0; i < 3; ++i) state.on_finished(0, ended("k", call_status::failed, "E", t0 + 100s));
    BOOST_TEST(state.recent_rate(t0 + 100s, 10s).value() == 0.3);
    BOOST_TEST(state.recent_rate(t0 + 200s, 10s).value() == 0.0);
}

BOOST_AUTO_TEST_CASE(the_grid_lists_each_streams_columns_in_report_order) {
    const run_state state = two_streams();
    const auto grid = json::parse(live::grid_json(state.outline())).as_object();
    BOOST_TEST(json::serialize(grid.at("runs")) == "[[0,[0,1,2]],[1,[0,2]]]");
}

BOOST_AUTO_TEST_CASE(only_get_and_head_of_known_paths_are_answered) {
    run_state state = two_streams();
    live::live_view view(state);
    BOOST_TEST(view.answer("POST", "/metrics", t0).status == 405);
    BOOST_TEST(view.answer("DELETE", "/", t0).status == 405);
    BOOST_TEST(view.answer("GET", "/etc/passwd", t0).status == 404);
    BOOST_TEST(view.answer("GET", "/status.json?since=abc", t0).status == 200);
    const auto page = view.answer("GET", "/", t0);
    BOOST_TEST(page.status == 200);
    bool strict = false;
    for (const auto& [name, value] : page.headers) {
        if (name == "Content-Security-Policy") strict = value.starts_with("default-src 'none'");
    }
    BOOST_TEST(strict);
    // The page takes its script and style from the same origin only: nothing inline to allow.
    BOOST_TEST(page.body.find("<script>") == std::string::npos);
    BOOST_TEST(page.body.find("style=") == std::string::npos);
    BOOST_TEST(page.body.find("http") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
