// The client against a small keep-alive server on 127.0.0.1 that can close, on demand, every
// connection it holds: what the pool does with connections the server closed while they sat idle.
// No step waits for time to pass: each phase runs the client's io_context until its sends end.
#include <hotlive/api_client.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <cstdint>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using namespace hotlive;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

constexpr auto as_values = net::as_tuple(net::use_awaitable);

// Answers every request with 200 and a small JSON body, keeping the connection alive, on a thread
// of its own. close_all() closes every connection it holds, as a server's idle timeout would.
class keep_alive_server {
public:
    keep_alive_server() {
        acceptor_.open(tcp::v4());
        acceptor_.bind({net::ip::address_v4::loopback(), 0});
        acceptor_.listen();
        port_ = acceptor_.local_endpoint().port();
        net::co_spawn(io_, accept_loop(), net::detached);
        thread_ = std::thread([this] { io_.run(); });
    }
    ~keep_alive_server() {
        io_.stop();
        thread_.join();
    }
    keep_alive_server(const keep_alive_server&) = delete;
    keep_alive_server& operator=(const keep_alive_server&) = delete;

    [[nodiscard]] std::uint16_t port() const { return port_; }
    [[nodiscard]] std::size_t accepted() const { return accepted_; }
    // The requests' heads, as they came (request line and headers, without the blank line).
    [[nodiscard]] std::vector<std::string> heads() const {
        const std::lock_guard lock(heads_mutex_);
        return heads_;
    }

    // Returns once the server's side of every connection is closed (its FIN sent).
    void close_all() {
        std::promise<void> done;
        net::post(io_, [this, &done] {
            for (const auto& socket : open_) {
                boost::system::error_code ignored;
                socket->close(ignored);
            }
            open_.clear();
            done.set_value();
        });
        done.get_future().wait();
    }

private:
    net::awaitable<void> accept_loop() {
        for (;;) {
            auto [ec, socket] = co_await acceptor_.async_accept(as_values);
            if (ec) co_return;
            ++accepted_;
            auto held = std::make_shared<tcp::socket>(std::move(socket));
            open_.push_back(held);
            net::co_spawn(io_, serve(held, *this), net::detached);
        }
    }

    // Reads each request's head (the client's requests here have no body) and answers it.
    static net::awaitable<void> serve(std::shared_ptr<tcp::socket> socket, keep_alive_server& server) {
        static const std::string body = R"({"RequestId":"5B3F1A52-6E8B-4E0B-9C43-0B1E2C3D4E5F"})";
        static const std::string answer =
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
            "\r\n\r\n" + body;
        std::string buffer;
        for (;;) {
            const auto end = buffer.find("\r\n\r\n");
            if (end == std::string::npos) {
                char chunk[4096];
                auto [ec, n] = co_await socket->async_read_some(net::buffer(chunk), as_values);
                if (ec) co_return;
                buffer.append(chunk, n);
                continue;
            }
            {
                const std::lock_guard lock(server.heads_mutex_);
                server.heads_.push_back(buffer.substr(0, end));
            }
            buffer.erase(0, end + 4);
            auto [ec, n] = co_await net::async_write(*socket, net::buffer(answer), as_values);
            if (ec) co_return;
        }
    }

    net::io_context io_{1};
    tcp::acceptor acceptor_{io_};
    std::vector<std::shared_ptr<tcp::socket>> open_;  // touched on io_'s thread only
    std::uint16_t port_ = 0;
    std::atomic<std::size_t> accepted_{0};
    mutable std::mutex heads_mutex_;
    std::vector<std::string> heads_;
    std::thread thread_;
};

client_config plain_config(std::uint16_t port) {
    client_config config;
    config.tls = false;
    config.host = "127.0.0.1";
    config.port = std::to_string(port);
    return config;
}

signed_request get_request() {
    signed_request request;
    request.method = "GET";
    request.target = "/";
    request.headers.push_back({"host", "127.0.0.1"});
    return request;
}

// Starts `count` sends at once on `io` and runs it until all have ended.
std::vector<attempt_result> send_at_once(net::io_context& io, api_client& client, int count) {
    std::vector<attempt_result> results(static_cast<std::size_t>(count));
    for (auto& slot : results) {
        net::co_spawn(
            io, [&client, &slot]() -> net::awaitable<void> { slot = co_await client.send(get_request()); },
            net::detached);
    }
    io.restart();
    io.run();
    return results;
}

}  // namespace

// Two connections pooled, then both closed by the server: the next send finds one of them dead
// before any answer, and goes again on a new connection rather than on the other pooled one
// (as dead): its caller sees a success, on the first attempt.
BOOST_AUTO_TEST_CASE(a_send_on_a_pooled_connection_the_server_closed_goes_again_on_a_new_one) {
    keep_alive_server server;
    net::io_context io;
    api_client client(io.get_executor(), plain_config(server.port()));

    for (const auto& first : send_at_once(io, client, 2)) {
        BOOST_TEST((first.outcome.error == transport_error::none));
        BOOST_TEST(first.outcome.http_status == 200);
        BOOST_TEST(!first.timing.reused_connection);
    }
    BOOST_TEST_REQUIRE(client.connections_opened() == 2u);  // both now idle in the pool
    BOOST_TEST(server.accepted() == 2u);

    server.close_all();
    const auto after = send_at_once(io, client, 1);
    BOOST_TEST_REQUIRE(after.size() == 1u);
    BOOST_TEST(to_string(after[0].outcome.error) == "none");
    BOOST_TEST(after[0].outcome.http_status == 200);
    BOOST_TEST(!after[0].timing.reused_connection);  // the exchange that answered was on a new one
    // One pooled connection tried (dead), then one new: not the second pooled one.
    BOOST_TEST(client.connections_opened() == 3u);
    BOOST_TEST(server.accepted() == 3u);

    // The new connection went back to the pool and serves the next send.
    const auto next = send_at_once(io, client, 1);
    BOOST_TEST(next[0].outcome.http_status == 200);
    BOOST_TEST(next[0].timing.reused_connection);
    BOOST_TEST(client.connections_opened() == 3u);
}

// The request as written on the wire: the signed headers as they are, User-Agent, the length; a
// line break in a value never starts a header of its own.
BOOST_AUTO_TEST_CASE(the_request_goes_out_as_signed_and_a_line_break_cannot_add_a_header) {
    keep_alive_server server;
    net::io_context io;
    api_client client(io.get_executor(), plain_config(server.port()));
    signed_request request = get_request();
    request.headers.push_back({"x-acs-security-token", "token\r\nX-Injected: 1\nX-Other: 2"});
    net::co_spawn(
        io, [&]() -> net::awaitable<void> { (void)co_await client.send(std::move(request)); }, net::detached);
    io.run();
    const auto heads = server.heads();
    BOOST_TEST_REQUIRE(heads.size() == 1U);
    BOOST_TEST(heads[0] ==
               "GET / HTTP/1.1\r\n"
               "host: 127.0.0.1\r\n"
               "x-acs-security-token: token  X-Injected: 1 X-Other: 2\r\n"
               "User-Agent: hotlive/0.1");
}

// A pooled connection that answers is used as it is: no new connection.
BOOST_AUTO_TEST_CASE(a_live_pooled_connection_is_reused) {
    keep_alive_server server;
    net::io_context io;
    api_client client(io.get_executor(), plain_config(server.port()));
    const auto first = send_at_once(io, client, 1);
    const auto second = send_at_once(io, client, 1);
    BOOST_TEST(first[0].outcome.http_status == 200);
    BOOST_TEST(second[0].outcome.http_status == 200);
    BOOST_TEST(!first[0].timing.reused_connection);
    BOOST_TEST(second[0].timing.reused_connection);
    BOOST_TEST(client.connections_opened() == 1u);
    BOOST_TEST(server.accepted() == 1u);
}
