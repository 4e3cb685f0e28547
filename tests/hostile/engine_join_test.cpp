// The engine's workers are joined: run() returns only once every call has ended, whether it ran
// out of calls, was cancelled (`co_await (run(…) || timer)`), or a call threw. Against a server
// on 127.0.0.1 that reads each request and never answers, so that attempts stay in flight.
#include "hostile/hostile_server.hpp"

#include <hotlive/api_client.hpp>
#include <hotlive/engine.hpp>
#include <hotlive/expansion.hpp>
#include <hotlive/random_source.hpp>
#include <hotlive/signer.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/test/unit_test.hpp>

#include <map>
#include <stdexcept>

using namespace hotlive;
using namespace hotlive::test;
namespace net = boost::asio;
using namespace net::experimental::awaitable_operators;

namespace {

// 20 calls, 4 in flight at once, no pacing, one attempt each, answered never: each attempt ends
// by its 500 ms request timeout.
plan silent_plan(std::uint16_t port) {
    auto loaded =
        load_plan_text("version: 1\nname: join\nendpoint: http://127.0.0.1:" + std::to_string(port) +
                           "\ndefaults: { domain: rts.example.com, app: live, audio_msid: a, video_msid: v }\n"
                           "limits: { rate: 0, concurrency: 4 }\nretry: { max_attempts: 1 }\n"
                           "timeouts: { connect_ms: 500, request_ms: 500 }\n"
                           "streams:\n  - { stream: s, regions: [BEJ, TAJ, HEB, SHX, NMG, LIA, JIL, HLJ, SHH, "
                           "JSU, ZHJ, ANH, FUJ, JXI, SHD, HEN, HUB, HUN, GUD, GXI] }\n",
                       "join.yaml");
    BOOST_TEST_REQUIRE(loaded.value.has_value());
    return std::move(*loaded.value);
}

struct wired_engine final : run_observer {
    net::io_context io;
    plan p;
    api_client client;
    request_signer signer;
    seeded_random random{7};
    std::vector<call_ref> calls;
    std::vector<call_result> results;
    std::size_t reported = 0;

    wired_engine(std::uint16_t port, const attempt_handler& on_attempt)
        : p(silent_plan(port)),
          client(io.get_executor(), config_for(port, p)),
          signer(test_credentials(), "127.0.0.1:" + std::to_string(port), signature_version::v3),
          calls(expand(p)),
          results(calls.size()),
          engine_(p, signer, client, settings_for(p, on_attempt), random) {}

    engine& run() { return engine_; }
    void on_finished(std::size_t index, const call_result& result) override {
        results[index] = result;
        ++reported;
    }
    [[nodiscard]] std::map<std::string, int> by_code() const {
        std::map<std::string, int> counts;
        for (const auto& r : results) ++counts[std::string(to_string(r.status)) + ":" + r.code.value_or("")];
        return counts;
    }

private:
    static client_config config_for(std::uint16_t port, const plan& p) {
        client_config config;
        config.tls = false;
        config.host = "127.0.0.1";
        config.port = std::to_string(port);
        config.connect_timeout = p.timeouts.connect;
        config.request_timeout = p.timeouts.request;
        config.max_idle_connections = p.limits.concurrency;
        return config;
    }
    static credentials test_credentials() {
        credentials creds;
        creds.access_key_id = "join-test-id";
        creds.access_key_secret = secret_string{"join-test-secret"};
        return creds;
    }
    static engine_settings settings_for(const plan& p, const attempt_handler& on_attempt) {
        engine_settings settings;
        settings.limits = p.limits;
        settings.retry = p.retry;
        settings.on_attempt = on_attempt;
        // Every worker sends at once (no waiting for the first answer): four attempts are in
        // flight when run() is cancelled or a handler throws.
        settings.scoped_refusals = false;
        return settings;
    }

    engine engine_;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(engine_join)

BOOST_AUTO_TEST_CASE(cancelling_run_stops_it_and_returns_only_when_every_call_has_ended) {
    const hostile_server server(hostile_behaviour::silent);
    wired_engine w(server.port(), {});
    bool returned = false;
    std::size_t reported_when_it_returned = 0;
    net::co_spawn(
        w.io,
        [&]() -> net::awaitable<void> {
            net::steady_timer soon(w.io, std::chrono::milliseconds{200});
            co_await (w.run().run(w.calls, w) || soon.async_wait(net::use_awaitable));
            returned = true;
            reported_when_it_returned = w.reported;
            w.client.shutdown();
        },
        [](const std::exception_ptr& error) {
            if (error) std::rethrow_exception(error);
        });
    w.io.run_for(std::chrono::seconds{20});
    BOOST_TEST_REQUIRE(returned);
    // The 4 attempts in flight ended by their timeout; the 16 calls not yet taken, not started.
    BOOST_TEST(reported_when_it_returned == 20u);
    const auto codes = w.by_code();
    BOOST_TEST(codes.at("failed:timeout") == 4);
    BOOST_TEST(codes.at("not_started:stopped") == 16);
}

BOOST_AUTO_TEST_CASE(a_call_that_throws_ends_failed_stops_the_run_and_every_call_is_reported) {
    const hostile_server server(hostile_behaviour::silent);
    std::size_t attempts = 0;
    wired_engine w(server.port(), [&](std::size_t, const attempt_record&) -> bool {
        if (++attempts == 3) throw std::runtime_error("journal handler broke");
        return true;
    });
    bool returned = false;
    net::co_spawn(
        w.io,
        [&]() -> net::awaitable<void> {
            co_await w.run().run(w.calls, w);
            returned = true;
            w.client.shutdown();
        },
        [](const std::exception_ptr& error) {
            if (error) std::rethrow_exception(error);
        });
    w.io.run_for(std::chrono::seconds{20});
    BOOST_TEST_REQUIRE(returned);
    BOOST_TEST(w.reported == 20u);
    BOOST_TEST(w.run().failure().value_or("") == "journal handler broke");
    BOOST_TEST(w.results[2].code.value_or("") == "internal_error");
    BOOST_TEST(w.results[2].message.value_or("").find("journal handler broke") != std::string::npos);
    const auto codes = w.by_code();
    BOOST_TEST(codes.at("failed:timeout") == 2);  // calls 0 and 1, in flight when call 2 threw
    BOOST_TEST(codes.at("failed:internal_error") == 1);
    BOOST_TEST(codes.at("not_started:stopped") == 17);
}

BOOST_AUTO_TEST_SUITE_END()
