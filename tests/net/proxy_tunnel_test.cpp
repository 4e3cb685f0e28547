// The client through a real forward proxy (tinyproxy on 127.0.0.1, support/forward_proxy.hpp) to
// the emulator: CONNECT tunnels that stay alive in the pool and resume TLS sessions, the
// endpoint's certificate checked against the endpoint's name, plain HTTP in absolute form, and
// every refusal of the proxy named as the proxy's. The proxy's log is the witness.
#include "emulator/harness.hpp"
#include "net/connector.hpp"
#include "support/forward_proxy.hpp"
#include "support/temp_dir.hpp"

#include <hotlive/api_client.hpp>
#include <hotlive/retry.hpp>
#include <hotlive/signer.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/test/unit_test.hpp>

#include <array>
#include <optional>
#include <string>
#include <vector>

using namespace hotlive;
using namespace hotlive::test;

namespace {

const std::filesystem::path certs{HOTLIVE_TEST_CERTS};
constexpr std::string_view canary_password = "canary-Pr0xy-pass";

emulator_config serving(const std::string& name) {
    emulator_config config;
    config.qps = 0;
    if (!name.empty()) {
        config.tls_certificate = certs / (name + ".pem");
        config.tls_private_key = certs / (name + ".key");
    }
    return config;
}

proxy_server proxy_at(const forward_proxy& proxy, std::string user = {}, std::string password = {}) {
    return {"127.0.0.1", std::to_string(proxy.port()), std::move(user), std::move(password)};
}

client_config through(const in_process_emulator& e, const proxy_server& proxy, bool tls = true) {
    client_config config;
    config.tls = tls;
    config.host = tls ? "localhost" : "127.0.0.1";
    config.port = std::to_string(e.port());
    config.ca_file = (certs / "ca.pem").string();
    config.proxy = proxy;
    return config;
}

// `count` signed calls, one after the other; with `fresh`, each on a new connection, which must
// resume the first one's TLS session; without, all over HTTPS on one connection at most.
std::vector<attempt_outcome> send(const client_config& config, int count, bool fresh = false) {
    boost::asio::io_context io;
    api_client client(io.get_executor(), config);
    const request_signer signer(
        {std::string(demo_access_key_id), secret_string(std::string(demo_access_key_secret)), {}},
        config.host + ":" + config.port, signature_version::v3);
    const std::array<query_parameter, 6> parameters{{{"DomainName", "rts.example.com"},
                                                     {"AppName", "live"},
                                                     {"StreamName", "tunnel"},
                                                     {"RegionCode", "ZHJ"},
                                                     {"AudioMsid", "rts audio"},
                                                     {"VideoMsid", "rts video"}}};
    std::vector<attempt_outcome> outcomes;
    boost::asio::co_spawn(
        io,
        [&]() -> boost::asio::awaitable<void> {
            for (int i = 0; i < count; ++i) {
                const auto request =
                    signer.sign_attempt({"HotLiveRtcStream", "2016-11-01", parameters}, request_shape::post_query);
                outcomes.push_back((co_await client.send(request)).outcome);
                if (fresh) client.shutdown();
            }
        },
        boost::asio::detached);
    io.run();
    if (fresh) {
        BOOST_TEST(client.connections_opened() == static_cast<std::size_t>(count));
        BOOST_TEST(client.connections_resumed() == static_cast<std::size_t>(count - 1));
    } else if (config.tls) {
        BOOST_TEST(client.connections_opened() <= 1U);  // tinyproxy closes plain HTTP connections after each answer
    }
    return outcomes;
}

// The service's verdict on an outcome, as the engine would take it.
classification judged(const attempt_outcome& outcome) { return classify(outcome, std::chrono::system_clock::now()); }

}  // namespace

BOOST_AUTO_TEST_SUITE(proxy_tunnel)

BOOST_AUTO_TEST_CASE(https_goes_through_one_connect_tunnel_kept_alive) {
    const temp_dir dir;
    const forward_proxy proxy(dir.path());
    in_process_emulator e{serving("server")};
    for (const auto& outcome : send(through(e, proxy_at(proxy)), 10)) {
        BOOST_TEST(to_string(outcome.error) == "none", outcome.detail);
        BOOST_TEST(outcome.http_status == 200);
    }
    // One tunnel for the ten calls, to the endpoint's name: the proxy resolves it, not hotlive.
    BOOST_TEST(proxy.count("CONNECT localhost:" + std::to_string(e.port())) == 1U, proxy.log());
}

BOOST_AUTO_TEST_CASE(new_tunnels_resume_the_tls_session_with_the_endpoint) {
    const temp_dir dir;
    const forward_proxy proxy(dir.path());
    in_process_emulator e{serving("server")};
    for (const auto& outcome : send(through(e, proxy_at(proxy)), 3, true)) BOOST_TEST(outcome.http_status == 200);
    BOOST_TEST(proxy.count("CONNECT localhost:") == 3U);
}

// The client replaces its newest session (freeing the old one) whenever a new connection's first
// answer brings a newer one, possibly while another connection waits for its tunnel: the open in
// progress holds its own reference. A regression: it once held a bare pointer, freed under it
// (AddressSanitizer: a double free in the handshake).
BOOST_AUTO_TEST_CASE(an_open_holds_the_session_it_was_given_while_the_client_replaces_it) {
    const temp_dir dir;
    const forward_proxy proxy(dir.path());
    in_process_emulator e{serving("server")};
    auto tls = detail::client_tls((certs / "ca.pem").string());
    BOOST_TEST_REQUIRE(tls.context.has_value(), tls.problem);
    boost::asio::io_context io;
    const proxy_server via = proxy_at(proxy);
    detail::connector route(io.get_executor(), {true, "localhost", std::to_string(e.port())}, &via, &*tls.context,
                            std::chrono::seconds(5));
    detail::tls_session newest{SSL_SESSION_new()};
    std::optional<detail::opened> result;
    boost::asio::co_spawn(io, route.open(detail::share(newest.get())),
                          [&](const std::exception_ptr&, detail::opened o) { result = std::move(o); });
    newest.reset();  // a newer session came while this connection waits for its tunnel
    io.run();
    BOOST_TEST_REQUIRE(result.has_value());
    BOOST_TEST(to_string(result->error) == "none", result->detail);
    BOOST_TEST(result->c != nullptr);
}

BOOST_AUTO_TEST_CASE(the_certificate_is_checked_against_the_endpoint_never_the_proxy) {
    const temp_dir dir;
    const forward_proxy proxy(dir.path());
    in_process_emulator e{serving("wrong-host")};
    const auto outcomes = send(through(e, proxy_at(proxy)), 1);
    BOOST_TEST(to_string(outcomes.at(0).error) == "tls_verify_failed");
    BOOST_TEST(outcomes.at(0).detail == "through proxy " + proxy.url());
    BOOST_TEST((judged(outcomes.at(0)).what == verdict::fail));
}

BOOST_AUTO_TEST_CASE(plain_http_goes_to_the_proxy_in_absolute_form) {
    const temp_dir dir;
    const forward_proxy proxy(dir.path());
    in_process_emulator e{serving("")};
    for (const auto& outcome : send(through(e, proxy_at(proxy), false), 3)) BOOST_TEST(outcome.http_status == 200);
    BOOST_TEST(proxy.count("): POST http://127.0.0.1:" + std::to_string(e.port()) + "/?") == 3U, proxy.log());
    BOOST_TEST(proxy.count("): CONNECT ") == 0U);
}

BOOST_AUTO_TEST_CASE(basic_authentication_is_accepted_and_its_refusal_is_final) {
    const temp_dir dir;
    const forward_proxy proxy(dir.path(), {"ops", std::string(canary_password), {}});
    in_process_emulator e{serving("server")};
    BOOST_TEST(send(through(e, proxy_at(proxy, "ops", std::string(canary_password))), 2).at(1).http_status == 200);

    for (const bool tls : {true, false}) {
        for (const std::string password : {"wrong", ""}) {
            const auto refused = send(through(e, proxy_at(proxy, password.empty() ? "" : "ops", password), tls), 1);
            BOOST_TEST(to_string(refused.at(0).error) == "proxy_auth_failed");
            BOOST_TEST(!refused.at(0).request_sent);
            BOOST_TEST(refused.at(0).detail.find("proxy " + proxy.url()) != std::string::npos, refused.at(0).detail);
            const auto verdict = judged(refused.at(0));
            BOOST_TEST((verdict.what == verdict::fail));  // never retried: the same credentials fail again
            BOOST_TEST((verdict.scope == refusal_scope::account));
            BOOST_TEST(verdict.code == "proxy_auth_failed");
        }
    }
}

BOOST_AUTO_TEST_CASE(a_proxy_that_forbids_the_endpoint_or_cannot_reach_it_says_so) {
    const temp_dir dir;
    const forward_proxy proxy(dir.path(), {{}, {}, 443});
    in_process_emulator e{serving("server")};
    const auto forbidden = send(through(e, proxy_at(proxy)), 1).at(0);
    BOOST_TEST(to_string(forbidden.error) == "proxy_forbidden");
    BOOST_TEST(forbidden.detail.find("answered CONNECT localhost:" + std::to_string(e.port()) + " with 403") !=
                   std::string::npos,
               forbidden.detail);
    BOOST_TEST((judged(forbidden).what == verdict::fail));

    const temp_dir other;
    const forward_proxy open_proxy(other.path());
    auto config = through(e, proxy_at(open_proxy));
    config.port = "1";  // nothing listens there
    const auto unreachable = send(config, 1).at(0);
    BOOST_TEST(to_string(unreachable.error) == "proxy_refused");
    BOOST_TEST(unreachable.detail.find("with 500") != std::string::npos, unreachable.detail);
    BOOST_TEST((judged(unreachable).what == verdict::retry));
}

BOOST_AUTO_TEST_CASE(a_stopped_proxy_is_a_retryable_failure_that_names_it) {
    const temp_dir dir;
    forward_proxy proxy(dir.path());
    in_process_emulator e{serving("server")};
    const auto config = through(e, proxy_at(proxy));
    proxy.stop();
    const auto outcome = send(config, 1).at(0);
    BOOST_TEST(to_string(outcome.error) == "proxy_connect_failed");
    BOOST_TEST(outcome.detail == "proxy " + proxy.url() + ": the connection was refused");
    const auto verdict = judged(outcome);
    BOOST_TEST((verdict.what == verdict::retry));
    BOOST_TEST(!verdict.ambiguous);
    BOOST_TEST(verdict.message.find(proxy.url()) != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
