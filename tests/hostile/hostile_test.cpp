// hotlive's own engine and client, in this process, against servers that misbehave on purpose
// (RELIABILITY.md 10 to 15): every call must end, failed with the verdict the misbehaviour
// deserves, within a bound derived from the plan's own timeouts; afterwards the process must hold
// no descriptor it did not hold before, and its peak memory must stay within a fixed headroom.
#include "hostile/engine_run.hpp"
#include "hostile/hostile_server.hpp"
#include "hostile/process_resources.hpp"

#include <hotlive/plan.hpp>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>

using namespace hotlive;
using namespace hotlive::test;
using std::chrono::milliseconds;

namespace {

constexpr std::size_t plan_calls = 8;
constexpr std::uint64_t memory_headroom = 64ull * 1024 * 1024;

struct deadlines {
    int connect_ms;
    int request_ms;
};

// For the behaviours only a deadline can end.
constexpr deadlines short_deadlines{300, 400};
// For the behaviours a size limit must end long before the deadline: a timeout there fails.
constexpr deadlines long_deadlines{300, 5000};

// One stream in 8 regions, 4 calls at a time, 2 attempts each, no pacing, a short backoff.
plan hostile_plan(deadlines d) {
    const std::string text =
        "version: 1\nname: hostile\nendpoint: http://127.0.0.1:8080\n"
        "defaults: { domain: rts.example.com, app: live, audio_msid: rts audio, video_msid: rts video }\n"
        "streams:\n  - { stream: s, regions: [SHH, JSU, ZHJ, ANH, FUJ, JXI, SHD, GUD] }\n"
        "limits: { rate: 0, burst: 1, concurrency: 4 }\n"
        "retry: { max_attempts: 2, base_delay_ms: 20, throttle_base_delay_ms: 20, max_delay_ms: 50 }\n"
        "timeouts: { connect_ms: " +
        std::to_string(d.connect_ms) + ", request_ms: " + std::to_string(d.request_ms) + " }\n";
    auto loaded = load_plan_text(text, "hostile.yaml");
    if (!loaded.value) throw std::logic_error("the suite's plan does not load");
    return *loaded.value;
}

// The longest a run may take: each wave of `concurrency` calls spends every attempt to the full
// (the connect timeout, then the whole request timeout) and the longest backoff between them;
// doubled, plus 2 s, for a loaded machine. An upper bound only.
milliseconds time_bound(const plan& p) {
    const auto waves = (plan_calls + p.limits.concurrency - 1) / p.limits.concurrency;
    const auto attempts = p.retry.max_attempts;
    const auto per_call = attempts * (p.timeouts.connect + p.timeouts.request) + (attempts - 1) * p.retry.max_delay;
    return 2 * static_cast<int>(waves) * per_call + milliseconds{2000};
}

struct measured {
    engine_run run;
    std::vector<std::string> descriptors_before;
    std::vector<std::string> descriptors_after;
    memory_usage memory_before;
    memory_usage memory_after;
};

// Runs `body` (which starts its server, runs the engine and stops the server again) between two
// looks at the process's descriptors and memory.
template <typename Body>
measured measure(Body body) {
    measured m;
    reset_peak_memory();
    m.memory_before = memory();
    m.descriptors_before = open_descriptors();
    m.run = body();
    m.descriptors_after = open_descriptors();
    m.memory_after = memory();
    return m;
}

measured against(hostile_behaviour behaviour, const plan& p) {
    return measure([&] {
        const hostile_server server(behaviour);
        auto run = run_engine(p, "127.0.0.1", std::to_string(server.port()), time_bound(p));
        if (behaviour != hostile_behaviour::unaccepted) BOOST_TEST(server.accepted() > 0);
        return run;
    });
}

std::string joined(const std::vector<std::string>& lines) {
    std::string text;
    for (const auto& line : lines) text += "\n  " + line;
    return text;
}

struct expected_failure {
    std::string_view code;
    int http_status = 0;
    std::optional<bool> ambiguous;  // every attempt ambiguous, none, or either (a race)
};

// Every call ended failed with the expected code after its every attempt, within the bound;
// every descriptor came back; the peak memory stayed within the headroom.
void check_contained(const measured& m, const plan& p, const expected_failure& expected) {
    const auto bound = time_bound(p);
    const std::uint64_t memory_floor = std::max(m.memory_before.peak_bytes, m.memory_before.resident_bytes);
    const auto growth = m.memory_after.peak_bytes > memory_floor ? m.memory_after.peak_bytes - memory_floor : 0;
    BOOST_TEST_MESSAGE(expected.code << ": " << plan_calls << " calls in " << m.run.elapsed.count() << " ms (bound "
                                     << bound.count() << " ms), " << m.run.connections_opened
                                     << " connections, peak memory +" << growth / 1024 << " KiB");

    BOOST_TEST(m.run.finished, "the run was still going after " << bound.count() << " ms");
    BOOST_TEST(m.run.elapsed.count() <= bound.count());
    BOOST_TEST_REQUIRE(m.run.results.size() == plan_calls);
    BOOST_TEST(m.run.reported == plan_calls);
    for (const auto& r : m.run.results) {
        BOOST_TEST_CONTEXT(r.key) {
            BOOST_TEST(to_string(r.status) == "failed");
            BOOST_TEST(r.code.value_or("(none)") == expected.code);
            BOOST_TEST(r.attempts == p.retry.max_attempts);
            BOOST_TEST(r.http_status == expected.http_status);
            if (expected.ambiguous) BOOST_TEST(r.ambiguous_attempts == (*expected.ambiguous ? r.attempts : 0u));
        }
    }

    BOOST_TEST(m.descriptors_after.size() == m.descriptors_before.size(),
               "descriptors left open:" << joined(descriptors_added(m.descriptors_before, m.descriptors_after)));
    BOOST_TEST(growth <= memory_headroom, "peak memory grew by " << growth / 1024 << " KiB");
}

void check_behaviour(hostile_behaviour behaviour, deadlines d, const expected_failure& expected) {
    BOOST_TEST_CONTEXT(to_string(behaviour)) {
        const plan p = hostile_plan(d);
        check_contained(against(behaviour, p), p, expected);
    }
}

constexpr expected_failure timed_out{"timeout", 0, true};
constexpr expected_failure bad_answer{"bad_response", 0, true};
constexpr expected_failure bad_success{"bad_response", 200, true};

}  // namespace

BOOST_AUTO_TEST_SUITE(hostile_servers)

BOOST_AUTO_TEST_CASE(a_trickled_answer_is_cut_at_the_request_deadline) {
    // One byte every 100 ms of a valid success answer: no idle gap ever reaches the timeout, and
    // the answer would count as warm if the client waited for it.
    check_behaviour(hostile_behaviour::trickle, short_deadlines, timed_out);
}

BOOST_AUTO_TEST_CASE(a_server_that_never_answers_is_cut_at_the_request_deadline) {
    check_behaviour(hostile_behaviour::silent, short_deadlines, timed_out);
}

BOOST_AUTO_TEST_CASE(an_endless_body_is_cut_at_the_body_cap) {
    check_behaviour(hostile_behaviour::endless_body_length, long_deadlines, bad_answer);
    check_behaviour(hostile_behaviour::endless_body_chunked, long_deadlines, bad_answer);
}

BOOST_AUTO_TEST_CASE(a_header_flood_is_cut_at_the_header_cap) {
    check_behaviour(hostile_behaviour::header_flood, long_deadlines, bad_answer);
    check_behaviour(hostile_behaviour::header_line_flood, long_deadlines, bad_answer);
}

BOOST_AUTO_TEST_CASE(a_200_with_a_body_that_is_not_the_success_answer_is_a_bad_response) {
    check_behaviour(hostile_behaviour::garbage_bytes, short_deadlines, bad_success);
    check_behaviour(hostile_behaviour::garbage_text, short_deadlines, bad_success);
    check_behaviour(hostile_behaviour::json_without_request_id, short_deadlines, bad_success);
}

BOOST_AUTO_TEST_CASE(an_answer_that_is_not_http_is_a_bad_response) {
    check_behaviour(hostile_behaviour::not_http, short_deadlines, bad_answer);
    check_behaviour(hostile_behaviour::half_status_line, short_deadlines, bad_answer);
}

BOOST_AUTO_TEST_CASE(a_connection_closed_at_once_is_a_lost_connection) {
    // Whether the request got out before the close is a race, so ambiguity is not checked.
    check_behaviour(hostile_behaviour::close_on_accept, short_deadlines, {"connection_reset", 0, std::nullopt});
}

BOOST_AUTO_TEST_CASE(a_connect_that_gets_no_answer_is_cut_at_the_connect_timeout) {
    check_behaviour(hostile_behaviour::unaccepted, short_deadlines, {"connect_timeout", 0, false});
}

BOOST_AUTO_TEST_CASE(a_closed_port_is_refused) {
    const plan p = hostile_plan(short_deadlines);
    const auto port = std::to_string(closed_port());
    check_contained(measure([&] { return run_engine(p, "127.0.0.1", port, time_bound(p)); }), p,
                    {"connect_refused", 0, false});
}

BOOST_AUTO_TEST_CASE(an_unresolvable_host_fails_within_the_bound) {
    // .invalid never resolves (RFC 6761). The client sets no resolve timeout of its own: this
    // bound holds only as long as the system resolver answers quickly.
    const plan p = hostile_plan(short_deadlines);
    check_contained(measure([&] { return run_engine(p, "hotlive-test.invalid", "80", time_bound(p)); }), p,
                    {"resolve_failed", 0, false});
}

BOOST_AUTO_TEST_SUITE_END()
