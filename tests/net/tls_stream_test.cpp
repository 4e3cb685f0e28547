// tls_stream, both ends of a connection over 127.0.0.1 with the test certificates: messages of
// many records read through small buffers, the two ways a peer can end a connection, a handshake
// with something that is not TLS, and the rule that an operation never completes inside the call
// that starts it.
#include "net/tls_stream.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/test/unit_test.hpp>

#include <openssl/x509_vfy.h>

#include <array>
#include <filesystem>
#include <memory>
#include <string>

namespace net = boost::asio;
using tcp = net::ip::tcp;
using boost::system::error_code;
using hotlive::detail::tls_stream;

namespace {

const std::filesystem::path certs{HOTLIVE_TEST_CERTS};
constexpr auto as_values = net::as_tuple(net::use_awaitable);

net::ssl::context server_context() {
    net::ssl::context context{net::ssl::context::tls_server};
    context.use_certificate_chain_file((certs / "server.pem").string());
    context.use_private_key_file((certs / "server.key").string(), net::ssl::context::pem);
    return context;
}

net::ssl::context client_context() {
    net::ssl::context context{net::ssl::context::tls_client};
    context.set_verify_mode(net::ssl::verify_peer);
    context.load_verify_file((certs / "ca.pem").string());
    return context;
}

// A connected pair of TCP streams on loopback, and the TLS contexts of each end.
struct loopback {
    net::io_context io;
    net::ssl::context server_tls = server_context();
    net::ssl::context client_tls = client_context();
    boost::beast::tcp_stream client_side{io};
    boost::beast::tcp_stream server_side{io};

    loopback() {
        tcp::acceptor acceptor{io, {net::ip::address_v4::loopback(), 0}};
        client_side.socket().connect(acceptor.local_endpoint());
        server_side.socket() = acceptor.accept();
    }

    std::unique_ptr<tls_stream> client() {
        auto s = std::make_unique<tls_stream>(std::move(client_side), client_tls.native_handle());
        SSL_set1_host(s->native_handle(), "localhost");
        return s;
    }
    std::unique_ptr<tls_stream> server() {
        return std::make_unique<tls_stream>(std::move(server_side), server_tls.native_handle());
    }

    // Both handshakes, run to their end.
    void shake_hands(tls_stream& c, tls_stream& s) {
        error_code client_ec = net::error::would_block;
        error_code server_ec = net::error::would_block;
        net::co_spawn(
            io, [&]() -> net::awaitable<void> { client_ec = co_await c.handshake(tls_stream::role::client); },
            net::detached);
        net::co_spawn(
            io, [&]() -> net::awaitable<void> { server_ec = co_await s.handshake(tls_stream::role::server); },
            net::detached);
        io.run();
        io.restart();
        BOOST_TEST_REQUIRE(!client_ec, client_ec.message());
        BOOST_TEST_REQUIRE(!server_ec, server_ec.message());
    }
};

std::string pattern(std::size_t size) {
    std::string text(size, '\0');
    for (std::size_t i = 0; i < size; ++i) text[i] = static_cast<char>('a' + (i * 7) % 26);
    return text;
}

// Reads with read_some into a buffer of `chunk` bytes until `size` bytes came or an error did.
net::awaitable<std::string> read_in_chunks(tls_stream& s, std::size_t size, std::size_t chunk, error_code& ec) {
    std::string got;
    std::string buffer(chunk, '\0');
    while (got.size() < size) {
        const auto [e, n] = co_await s.async_read_some(net::buffer(buffer), as_values);
        got.append(buffer, 0, n);
        if (e) {
            ec = e;
            break;
        }
    }
    co_return got;
}

}  // namespace

BOOST_AUTO_TEST_CASE(messages_of_many_records_cross_both_ways_through_small_buffers) {
    loopback l;
    auto client = l.client();
    auto server = l.server();
    l.shake_hands(*client, *server);
    BOOST_TEST(SSL_get_verify_result(client->native_handle()) == X509_V_OK);

    // 100 KiB: seven records of 16 KiB; read 1,000 bytes at a time, and 7 (a record's plaintext
    // stays in OpenSSL between reads).
    const std::string request = pattern(100 * 1024);
    const std::string answer = pattern(3 * 1024 + 5);
    std::string server_got;
    std::string client_got;
    error_code server_read_ec;
    error_code client_read_ec;
    net::co_spawn(
        l.io,
        [&]() -> net::awaitable<void> {
            const auto [ec, n] = co_await net::async_write(*client, net::buffer(request), as_values);
            BOOST_TEST(!ec);
            BOOST_TEST(n == request.size());
            client_got = co_await read_in_chunks(*client, answer.size(), 7, client_read_ec);
        },
        net::detached);
    net::co_spawn(
        l.io,
        [&]() -> net::awaitable<void> {
            server_got = co_await read_in_chunks(*server, request.size(), 1000, server_read_ec);
            const auto [ec, n] = co_await net::async_write(*server, net::buffer(answer), as_values);
            BOOST_TEST(!ec);
        },
        net::detached);
    l.io.run();
    BOOST_TEST(!server_read_ec);
    BOOST_TEST(!client_read_ec);
    BOOST_TEST((server_got == request));
    BOOST_TEST((client_got == answer));
}

BOOST_AUTO_TEST_CASE(a_peer_that_closes_without_close_notify_truncates_the_stream) {
    loopback l;
    auto client = l.client();
    auto server = l.server();
    l.shake_hands(*client, *server);
    server->next_layer().close();
    error_code ec;
    net::co_spawn(
        l.io, [&]() -> net::awaitable<void> { co_await read_in_chunks(*client, 1, 16, ec); }, net::detached);
    l.io.run();
    BOOST_TEST((ec == net::ssl::error::stream_truncated), ec.message());
}

BOOST_AUTO_TEST_CASE(a_peer_that_shuts_down_ends_the_stream_at_eof) {
    loopback l;
    auto client = l.client();
    auto server = l.server();
    l.shake_hands(*client, *server);
    error_code shutdown_ec = net::error::would_block;
    error_code ec;
    net::co_spawn(
        l.io, [&]() -> net::awaitable<void> { shutdown_ec = co_await server->shutdown(); }, net::detached);
    net::co_spawn(
        l.io, [&]() -> net::awaitable<void> { co_await read_in_chunks(*client, 1, 16, ec); }, net::detached);
    l.io.run();
    BOOST_TEST(!shutdown_ec);
    BOOST_TEST((ec == net::error::eof), ec.message());
}

BOOST_AUTO_TEST_CASE(a_handshake_with_a_peer_that_does_not_speak_tls_fails_in_the_ssl_category) {
    loopback l;
    auto client = l.client();
    const std::string not_tls = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n";
    error_code ec;
    net::co_spawn(
        l.io, [&]() -> net::awaitable<void> { ec = co_await client->handshake(tls_stream::role::client); },
        net::detached);
    net::co_spawn(
        l.io,
        [&]() -> net::awaitable<void> { co_await net::async_write(l.server_side, net::buffer(not_tls), as_values); },
        net::detached);
    l.io.run();
    BOOST_TEST((ec.category() == net::error::get_ssl_category()), ec.message());
}

BOOST_AUTO_TEST_CASE(a_handshake_the_peer_cuts_short_is_truncated) {
    loopback l;
    auto client = l.client();
    l.server_side.close();
    error_code ec;
    net::co_spawn(
        l.io, [&]() -> net::awaitable<void> { ec = co_await client->handshake(tls_stream::role::client); },
        net::detached);
    l.io.run();
    BOOST_TEST(ec.failed());
    BOOST_TEST((ec == net::ssl::error::stream_truncated || ec == net::error::connection_reset ||
                ec == net::error::broken_pipe),
               ec.message());
}

BOOST_AUTO_TEST_CASE(a_server_certificate_for_another_name_fails_the_handshake_verification) {
    loopback l;
    auto client = std::make_unique<tls_stream>(std::move(l.client_side), l.client_tls.native_handle());
    SSL_set1_host(client->native_handle(), "elsewhere.example.com");
    auto server = l.server();
    error_code client_ec;
    net::co_spawn(
        l.io, [&]() -> net::awaitable<void> { client_ec = co_await client->handshake(tls_stream::role::client); },
        net::detached);
    net::co_spawn(
        l.io, [&]() -> net::awaitable<void> { co_await server->handshake(tls_stream::role::server); }, net::detached);
    l.io.run();
    BOOST_TEST(client_ec.failed());
    BOOST_TEST(SSL_get_verify_result(client->native_handle()) == X509_V_ERR_HOSTNAME_MISMATCH);
}

// Data already decrypted and buffered: the read could finish at once, but its handler runs only
// after async_read_some has returned (Asio's rule for every asynchronous operation), and so does
// a write's, whose record the socket takes at once.
BOOST_AUTO_TEST_CASE(no_operation_completes_inside_the_call_that_starts_it) {
    loopback l;
    auto client = l.client();
    auto server = l.server();
    l.shake_hands(*client, *server);
    const std::string message = pattern(64);
    net::co_spawn(
        l.io, [&]() -> net::awaitable<void> { co_await net::async_write(*server, net::buffer(message), as_values); },
        net::detached);
    std::array<char, 8> first{};
    net::co_spawn(
        l.io, [&]() -> net::awaitable<void> { co_await client->async_read_some(net::buffer(first), as_values); },
        net::detached);
    l.io.run();
    l.io.restart();

    bool started = false;
    bool read_inside = false;
    std::array<char, 8> second{};
    client->async_read_some(net::buffer(second), [&](error_code ec, std::size_t n) {
        read_inside = !started;
        BOOST_TEST(!ec);
        BOOST_TEST(std::string(second.data(), n) == message.substr(8, n));
    });
    started = true;
    l.io.run();
    l.io.restart();
    BOOST_TEST(!read_inside);

    started = false;
    bool write_inside = false;
    client->async_write_some(net::buffer(message), [&](error_code ec, std::size_t n) {
        write_inside = !started;
        BOOST_TEST(!ec);
        BOOST_TEST(n == message.size());
    });
    started = true;
    l.io.run();
    BOOST_TEST(!write_inside);
}
