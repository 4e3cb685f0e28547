#include "live/server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/system/system_error.hpp>

#include <stdexcept>

namespace hotlive::live {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

// A request that could not be read: the status to refuse it with, or 0 to just close.
int refusal_status(const boost::system::error_code& ec) {
    if (ec == http::error::header_limit) return 431;
    if (ec == http::error::body_limit || ec == http::error::unexpected_body) return 413;
    if (ec == http::error::end_of_stream || ec == http::error::partial_message) return 0;
    if (ec.category() == http::make_error_code(http::error::bad_method).category()) return 400;
    return 0;  // timeouts, resets, closes
}

std::string url_of(const tcp::endpoint& endpoint) {
    const auto address = endpoint.address();
    std::string host = address.to_string();
    if (address.is_v6()) host = "[" + host + "]";
    return "http://" + host + ":" + std::to_string(endpoint.port()) + "/";
}

template <class Body>
void set_headers(http::response<Body>& response, const http_answer& answer) {
    response.set(http::field::server, "hotlive");
    for (const auto& [name, value] : answer.headers) response.set(name, value);
}

}  // namespace

struct server::connection {
    explicit connection(tcp::socket socket, std::size_t buffer_limit)
        : stream(std::move(socket)), buffer(buffer_limit) {}
    beast::tcp_stream stream;
    beast::flat_buffer buffer;
};

server::server(asio::io_context& context, live_view& view, std::function<wall_time()> now, server_limits limits)
    : context_(context), view_(view), now_(std::move(now)), limits_(limits), acceptor_(context) {}

server::~server() = default;

std::string server::open(const std::string& host, std::uint16_t port) {
    boost::system::error_code ec;
    const auto address = asio::ip::make_address(host == "localhost" ? std::string{"127.0.0.1"} : host, ec);
    if (ec) throw std::runtime_error("cannot listen on '" + host + "': not an IP address; give one, such as 127.0.0.1");
    const tcp::endpoint wanted{address, port};
    // The error_code overloads: the thrown error names the address instead of Asio's call.
    acceptor_.open(wanted.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(wanted, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) throw boost::system::system_error(ec, "cannot listen on " + url_of(wanted));
    return url_of(acceptor_.local_endpoint());
}

void server::start() { asio::co_spawn(context_, accept_loop(), asio::detached); }

void server::stop() {
    stopping_ = true;
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    for (const auto& weak : open_) {
        if (const auto c = weak.lock()) c->stream.close();
    }
}

asio::awaitable<void> server::accept_loop() {
    while (!stopping_) {
        tcp::socket socket{context_};
        const auto [ec] = co_await acceptor_.async_accept(socket, use_tuple);
        if (stopping_ || !acceptor_.is_open()) co_return;
        if (ec) continue;  // out of descriptors, say: this connection is lost, the next may not be
        std::erase_if(open_, [](const std::weak_ptr<connection>& c) { return c.expired(); });
        if (open_.size() >= limits_.max_connections) continue;  // the socket closes here
        boost::system::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
        auto c = std::make_shared<connection>(std::move(socket), std::size_t{limits_.max_header_bytes} + 1024);
        open_.push_back(c);
        asio::co_spawn(context_, serve(std::move(c)), asio::detached);
    }
}

asio::awaitable<void> server::serve(std::shared_ptr<connection> c) {
    for (;;) {
        http::request_parser<http::empty_body> parser;
        parser.header_limit(limits_.max_header_bytes);
        c->stream.expires_after(limits_.request_timeout);
        const auto [read_error, n] = co_await http::async_read(c->stream, c->buffer, parser, use_tuple);
        if (read_error) {
            if (const int status = refusal_status(read_error); status != 0 && !stopping_) {
                const http_answer refused = live_view::refusal(status);
                http::response<http::string_body> response{static_cast<http::status>(status), 11};
                set_headers(response, refused);
                response.body() = refused.body;
                response.keep_alive(false);
                response.prepare_payload();
                c->stream.expires_after(limits_.write_timeout);
                co_await http::async_write(c->stream, response, use_tuple);
            }
            break;
        }
        const auto& request = parser.get();
        const bool head = request.method() == http::verb::head;
        http_answer answer = view_.answer(request.method_string(), request.target(), now_());
        c->stream.expires_after(limits_.write_timeout);
        boost::system::error_code write_error;
        if (head) {
            http::response<http::empty_body> response{static_cast<http::status>(answer.status), request.version()};
            set_headers(response, answer);
            response.content_length(answer.body.size());
            response.keep_alive(request.keep_alive());
            std::tie(write_error, std::ignore) = co_await http::async_write(c->stream, response, use_tuple);
        } else {
            http::response<http::string_body> response{static_cast<http::status>(answer.status), request.version()};
            set_headers(response, answer);
            response.body() = std::move(answer.body);
            response.keep_alive(request.keep_alive());
            response.prepare_payload();
            std::tie(write_error, std::ignore) = co_await http::async_write(c->stream, response, use_tuple);
        }
        if (write_error || !request.keep_alive() || stopping_) break;
    }
    boost::system::error_code ignored;
    c->stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    c->stream.close();
}

}  // namespace hotlive::live
