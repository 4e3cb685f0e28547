// HTTPS: the emulator serves the test CA's certificate to a verifying client, and the test
// certificates the engine's TLS tests rely on are what their names say (each served by the
// emulator and met by a verifying client). The certificates come from the CTest fixture
// scripts/gen-test-certs, into HOTLIVE_TEST_CERTS.
#include "emulator/harness.hpp"
#include "support/background_process.hpp"
#include "support/temp_dir.hpp"

#include <hotlive/api_client.hpp>
#include <hotlive/credentials.hpp>
#include <hotlive/signer.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <array>
#include <csignal>
#include <filesystem>

using namespace hotlive::test;
using hotlive::emulator_config;

namespace {

const std::filesystem::path certs{HOTLIVE_TEST_CERTS};

emulator_config serving(const std::string& name) {
    emulator_config config;
    config.qps = 0;
    config.tls_certificate = certs / (name + ".pem");
    config.tls_private_key = certs / (name + ".key");
    return config;
}

tls_client_options verifying(const std::string& server_name = "localhost") {
    return {(certs / "ca.pem").string(), server_name};
}

bool handshake_fails(const in_process_emulator& e, const std::string& server_name = "localhost") {
    try {
        http_connection connection{e.port(), verifying(server_name)};
        return false;
    } catch (const std::exception&) {
        return true;
    }
}

}  // namespace

BOOST_AUTO_TEST_CASE(https_serves_signed_calls_to_a_verifying_client) {
    in_process_emulator e{serving("server")};
    BOOST_TEST(e.endpoint().url == "https://127.0.0.1:" + std::to_string(e.port()));
    BOOST_TEST(e.endpoint().tls);
    for (const std::string name : {"localhost", "127.0.0.1"}) {
        http_connection connection{e.port(), verifying(name)};
        for (int i = 0; i < 3; ++i) {
            live_call call;
            call.stream = name + std::to_string(i);
            const auto x = connection.send(signed_wire(call, e.host()));
            BOOST_TEST_REQUIRE((x.outcome == read_outcome::complete), x.error);
            BOOST_TEST(x.response.status == 200);
        }
    }
}

BOOST_AUTO_TEST_CASE(the_test_certificates_fail_verification_as_named) {
    in_process_emulator self_signed{serving("self-signed")};
    BOOST_TEST(handshake_fails(self_signed));
    in_process_emulator wrong_host{serving("wrong-host")};
    BOOST_TEST(handshake_fails(wrong_host));
    BOOST_TEST(!handshake_fails(wrong_host, "wrong.example.com"));  // only the name is wrong
    in_process_emulator expired{serving("expired")};
    BOOST_TEST(handshake_fails(expired));
    // No request reached the API: a failed handshake is not a request.
    BOOST_TEST(self_signed.server().stats().requests == 0u);
    BOOST_TEST(expired.server().stats().requests == 0u);
}

BOOST_AUTO_TEST_CASE(plain_http_to_the_https_port_reaches_nothing) {
    in_process_emulator e{serving("server")};
    {
        http_connection plain{e.port()};
        const auto x = plain.send(signed_wire({}, e.host()));
        BOOST_TEST((x.outcome != read_outcome::complete));
    }
    BOOST_TEST(e.server().stats().requests == 0u);
}

BOOST_AUTO_TEST_CASE(hotlive_emulate_with_a_certificate_listens_on_https) {
    temp_dir dir;
    background_process p{{HOTLIVE_EXE, "emulate", "--listen", "127.0.0.1:0", "--tls-cert",
                          (certs / "server.pem").string(), "--tls-key", (certs / "server.key").string()},
                         dir.path()};
    const std::string line = p.first_line();
    const std::string prefix = "hotlive emulator listening on https://127.0.0.1:";
    BOOST_TEST_REQUIRE(line.starts_with(prefix), line << p.err());
    const auto port = static_cast<std::uint16_t>(std::stoi(line.substr(prefix.size())));
    http_connection connection{port, verifying()};
    const auto x = connection.send(signed_wire({}, "127.0.0.1:" + std::to_string(port)));
    BOOST_TEST(x.response.status == 200);
    p.signal(SIGTERM);
    BOOST_TEST(p.wait() == 0);
}

// hotlive's own client resumes the TLS session of its first connection on later ones: the
// abbreviated handshake saves a round trip and the certificate checks.
BOOST_AUTO_TEST_CASE(the_client_resumes_tls_sessions_on_new_connections) {
    in_process_emulator e{serving("server")};
    boost::asio::io_context io;
    hotlive::client_config config;
    config.host = "localhost";
    config.port = std::to_string(e.port());
    config.ca_file = (certs / "ca.pem").string();
    hotlive::api_client client(io.get_executor(), config);
    const hotlive::request_signer signer({std::string(hotlive::demo_access_key_id),
                                          hotlive::secret_string(std::string(hotlive::demo_access_key_secret)),
                                          {}},
                                         "localhost:" + std::to_string(e.port()), hotlive::signature_version::v3);
    const std::array<hotlive::query_parameter, 6> parameters{{{"DomainName", "rts.example.com"},
                                                              {"AppName", "live"},
                                                              {"StreamName", "resume"},
                                                              {"RegionCode", "ZHJ"},
                                                              {"AudioMsid", "rts audio"},
                                                              {"VideoMsid", "rts video"}}};
    std::vector<int> statuses;
    boost::asio::co_spawn(
        io,
        [&]() -> boost::asio::awaitable<void> {
            for (int i = 0; i < 3; ++i) {
                const auto request = signer.sign_attempt({"HotLiveRtcStream", "2016-11-01", parameters},
                                                         hotlive::request_shape::post_query);
                const auto sent = co_await client.send(request);
                statuses.push_back(sent.outcome.http_status);
                client.shutdown();  // the next call needs a new connection
            }
        },
        boost::asio::detached);
    io.run();
    BOOST_TEST((statuses == std::vector<int>{200, 200, 200}));
    BOOST_TEST(client.connections_opened() == 3u);
    BOOST_TEST(client.connections_resumed() == 2u);
}
