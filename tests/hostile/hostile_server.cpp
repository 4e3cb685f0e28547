#include "hostile/hostile_server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <atomic>
#include <chrono>
#include <optional>
#include <random>
#include <string>
#include <thread>

namespace hotlive::test {
namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;

constexpr auto as_values = net::as_tuple(net::use_awaitable);
constexpr std::size_t block_size = 64 * 1024;

std::string head(std::string_view framing, std::string_view status = "200 OK") {
    return "HTTP/1.1 " + std::string(status) + "\r\nContent-Type: application/json\r\n" + std::string(framing) + "\r\n";
}

std::string complete_answer(std::string_view body, std::string_view status = "200 OK") {
    return head("Content-Length: " + std::to_string(body.size()) + "\r\n", status) + std::string(body);
}

std::string random_bytes(std::size_t count) {
    std::mt19937 generator(20270101);  // fixed: the same garbage every run
    std::uniform_int_distribution<int> byte(0, 255);
    std::string out(count, '\0');
    for (auto& c : out) c = static_cast<char>(byte(generator));
    return out;
}

// What the answers say, built once.
struct answers {
    // A success answer, complete: a client that ignored its deadline would count it as warm.
    std::string success = complete_answer(R"({"RequestId":"5B3F1A52-6E8B-4E0B-9C43-0B1E2C3D4E5F"})");
    std::string endless_length_head = head("Content-Length: 10000000000\r\n");
    std::string endless_chunked_head = head("Transfer-Encoding: chunked\r\n");
    std::string chunk = "10000\r\n" + std::string(block_size, 'x') + "\r\n";
    std::string body_block = std::string(block_size, 'x');
    std::string status_line = "HTTP/1.1 200 OK\r\n";
    std::string header_lines = [] {
        std::string lines;
        const std::string line = "X-Flood: " + std::string(53, 'x') + "\r\n";  // 64 bytes
        while (lines.size() + line.size() <= block_size) lines += line;
        return lines;
    }();
    std::string open_header_line = "HTTP/1.1 200 OK\r\nX-Flood: ";
    std::string garbage_bytes = complete_answer(random_bytes(512));
    std::string garbage_text = complete_answer("<html><body>502 Bad Gateway</body></html>");
    std::string without_request_id = complete_answer(R"({"Message":"OK","Data":{}})");
    std::string not_http = random_bytes(512);
    // An error the client does not retry, so each call shows it once.
    std::string terminal_escapes = complete_answer(R"({"Code":"C)" + std::string(terminal_attack) +
                                                       R"(","Message":"M)" + std::string(terminal_attack) +
                                                       R"(","RequestId":"R)" + std::string(terminal_attack) + R"("})",
                                                   "400 Bad Request");
};

const answers& canned() {
    static const answers a;
    return a;
}

// Reads up to the end of one request's head; bytes after it stay in `buffer`. False when the
// peer has gone (or sends a head no client would).
net::awaitable<bool> read_request(tcp::socket& socket, std::string& buffer) {
    for (;;) {
        if (const auto end = buffer.find("\r\n\r\n"); end != std::string::npos) {
            buffer.erase(0, end + 4);
            co_return true;
        }
        if (buffer.size() > block_size) co_return false;
        char chunk[4096];
        auto [ec, n] = co_await socket.async_read_some(net::buffer(chunk), as_values);
        if (ec) co_return false;
        buffer.append(chunk, n);
    }
}

net::awaitable<bool> send(tcp::socket& socket, std::string_view bytes) {
    auto [ec, n] = co_await net::async_write(socket, net::buffer(bytes), as_values);
    co_return !ec;
}

// Sends `block` again and again, as fast as the peer takes it, until the peer goes away.
net::awaitable<void> send_forever(tcp::socket& socket, std::string_view block) {
    for (;;) {
        const bool sent = co_await send(socket, block);
        if (!sent) co_return;
    }
}

// Holds the connection open, reading and dropping whatever comes, until the peer closes it.
net::awaitable<void> wait_for_close(tcp::socket& socket) {
    char chunk[4096];
    for (;;) {
        auto [ec, n] = co_await socket.async_read_some(net::buffer(chunk), as_values);
        if (ec) co_return;
    }
}

// Every co_await below stands alone in its statement: GCC 12 miscompiles a coroutine with a
// co_await in an if condition (`if (!co_await f()) co_return;` crashes at its first resume).

net::awaitable<void> trickle(tcp::socket& socket, std::string& buffer) {
    net::steady_timer timer(socket.get_executor());
    for (;;) {
        const bool asked = co_await read_request(socket, buffer);
        if (!asked) co_return;
        for (const char c : canned().success) {
            const bool sent = co_await send(socket, std::string_view(&c, 1));
            if (!sent) co_return;
            timer.expires_after(std::chrono::milliseconds{trickle_interval_ms});
            co_await timer.async_wait(as_values);
        }
    }
}

// One answer per request on a kept-alive connection.
net::awaitable<void> answer_each(tcp::socket& socket, std::string& buffer, std::string_view answer) {
    for (;;) {
        const bool asked = co_await read_request(socket, buffer);
        if (!asked) co_return;
        const bool sent = co_await send(socket, answer);
        if (!sent) co_return;
    }
}

// Reads one request, sends `head`, then `block` for ever: the connection is spent after it.
net::awaitable<void> answer_without_end(tcp::socket& socket, std::string& buffer, std::string_view head,
                                        std::string_view block) {
    const bool asked = co_await read_request(socket, buffer);
    if (!asked) co_return;
    const bool sent = co_await send(socket, head);
    if (sent) co_await send_forever(socket, block);
}

// Reads one request and never answers it.
net::awaitable<void> never_answer(tcp::socket& socket, std::string& buffer) {
    const bool asked = co_await read_request(socket, buffer);
    if (asked) co_await wait_for_close(socket);
}

// Reads one request and answers it, then holds the connection open.
net::awaitable<void> answer_once(tcp::socket& socket, std::string& buffer, std::string_view answer) {
    const bool asked = co_await read_request(socket, buffer);
    if (!asked) co_return;
    const bool sent = co_await send(socket, answer);
    if (sent) co_await wait_for_close(socket);
}

// Reads one request, sends `answer`, and closes the connection.
net::awaitable<void> close_after(tcp::socket& socket, std::string& buffer, std::string_view answer) {
    const bool asked = co_await read_request(socket, buffer);
    if (asked) co_await send(socket, answer);
}

net::awaitable<void> close_at_once() { co_return; }

// The coroutine for a behaviour.
net::awaitable<void> behave(tcp::socket& socket, std::string& buffer, hostile_behaviour behaviour) {
    const answers& a = canned();
    switch (behaviour) {
        case hostile_behaviour::trickle:
            return trickle(socket, buffer);
        case hostile_behaviour::silent:
            return never_answer(socket, buffer);
        case hostile_behaviour::endless_body_length:
            return answer_without_end(socket, buffer, a.endless_length_head, a.body_block);
        case hostile_behaviour::endless_body_chunked:
            return answer_without_end(socket, buffer, a.endless_chunked_head, a.chunk);
        case hostile_behaviour::header_flood:
            return answer_without_end(socket, buffer, a.status_line, a.header_lines);
        case hostile_behaviour::header_line_flood:
            return answer_without_end(socket, buffer, a.open_header_line, a.body_block);
        case hostile_behaviour::garbage_bytes:
            return answer_each(socket, buffer, a.garbage_bytes);
        case hostile_behaviour::garbage_text:
            return answer_each(socket, buffer, a.garbage_text);
        case hostile_behaviour::json_without_request_id:
            return answer_each(socket, buffer, a.without_request_id);
        case hostile_behaviour::terminal_escapes:
            return answer_each(socket, buffer, a.terminal_escapes);
        case hostile_behaviour::not_http:
            return answer_once(socket, buffer, a.not_http);
        case hostile_behaviour::half_status_line:
            return close_after(socket, buffer, "HTTP/1.1 2");
        case hostile_behaviour::close_on_accept:
        case hostile_behaviour::unaccepted:
            break;
    }
    return close_at_once();
}

// Owns the connection: the socket closes when this ends (or when the server's io_context is
// destroyed with it still suspended).
net::awaitable<void> serve(tcp::socket socket, hostile_behaviour behaviour) {
    std::string buffer;
    co_await behave(socket, buffer, behaviour);
}

}  // namespace

std::string_view to_string(hostile_behaviour behaviour) {
    switch (behaviour) {
        case hostile_behaviour::trickle:
            return "trickle";
        case hostile_behaviour::silent:
            return "silent";
        case hostile_behaviour::endless_body_length:
            return "endless_body_length";
        case hostile_behaviour::endless_body_chunked:
            return "endless_body_chunked";
        case hostile_behaviour::header_flood:
            return "header_flood";
        case hostile_behaviour::header_line_flood:
            return "header_line_flood";
        case hostile_behaviour::garbage_bytes:
            return "garbage_bytes";
        case hostile_behaviour::garbage_text:
            return "garbage_text";
        case hostile_behaviour::json_without_request_id:
            return "json_without_request_id";
        case hostile_behaviour::terminal_escapes:
            return "terminal_escapes";
        case hostile_behaviour::not_http:
            return "not_http";
        case hostile_behaviour::half_status_line:
            return "half_status_line";
        case hostile_behaviour::close_on_accept:
            return "close_on_accept";
        case hostile_behaviour::unaccepted:
            return "unaccepted";
    }
    return "unknown";
}

struct hostile_server::impl {
    hostile_behaviour behaviour;
    // Declared first, destroyed last: its destructor frees the connections' coroutines, and with
    // them their sockets.
    net::io_context io{1};
    tcp::acceptor acceptor{io};
    std::optional<tcp::socket> filler;  // `unaccepted`: the one connection its accept queue holds
    std::uint16_t port = 0;
    std::atomic<std::size_t> accepted{0};
    std::thread thread;

    explicit impl(hostile_behaviour b) : behaviour(b) {
        acceptor.open(tcp::v4());
        acceptor.bind({net::ip::address_v4::loopback(), 0});
        port = acceptor.local_endpoint().port();
        if (behaviour == hostile_behaviour::unaccepted) {
            // Backlog 0 queues one connection; with it taken, Linux drops further SYNs, so a
            // client's connect neither succeeds nor is refused.
            acceptor.listen(0);
            filler.emplace(io);
            filler->connect(acceptor.local_endpoint());
        } else {
            acceptor.listen();
            net::co_spawn(io, accept_loop(), net::detached);
        }
        thread = std::thread([this] { io.run(); });
    }

    ~impl() {
        io.stop();
        thread.join();
    }

    net::awaitable<void> accept_loop() {
        for (;;) {
            auto [ec, socket] = co_await acceptor.async_accept(as_values);
            if (ec) co_return;
            ++accepted;
            net::co_spawn(io, serve(std::move(socket), behaviour), net::detached);
        }
    }
};

hostile_server::hostile_server(hostile_behaviour behaviour) : impl_(std::make_unique<impl>(behaviour)) {}

hostile_server::~hostile_server() = default;

std::uint16_t hostile_server::port() const { return impl_->port; }

std::size_t hostile_server::accepted() const { return impl_->accepted; }

std::uint16_t closed_port() {
    net::io_context io;
    tcp::acceptor acceptor(io, {net::ip::address_v4::loopback(), 0});
    return acceptor.local_endpoint().port();
}

}  // namespace hotlive::test
