#include "credentials/fake_server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <cctype>
#include <thread>

namespace hotlive::test {

namespace net = boost::asio;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;

struct fake_server::impl {
    handler answer;
    net::io_context io;
    tcp::acceptor acceptor{io};
    mutable std::mutex mutex;
    std::vector<recorded_request> seen;
    std::thread thread;

    net::awaitable<void> serve(tcp::socket socket) {
        constexpr auto as_values = net::as_tuple(net::use_awaitable);
        boost::beast::flat_buffer buffer;
        http::request<http::string_body> request;
        auto [read_ec, n] = co_await http::async_read(socket, buffer, request, as_values);
        if (read_ec) co_return;
        recorded_request r{std::string(request.method_string()), std::string(request.target()), {}, request.body()};
        for (const auto& field : request) {
            std::string name(field.name_string());
            for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            r.headers[name] = std::string(field.value());
        }
        {
            const std::lock_guard lock(mutex);
            seen.push_back(r);
        }
        const auto canned = answer(r);
        http::response<http::string_body> response{static_cast<http::status>(canned.status), 11};
        response.set(http::field::content_type, "application/json");
        response.body() = canned.body;
        response.keep_alive(false);
        response.prepare_payload();
        co_await http::async_write(socket, response, as_values);
        boost::system::error_code ignored;
        socket.shutdown(tcp::socket::shutdown_both, ignored);
    }

    net::awaitable<void> accept_loop() {
        for (;;) {
            auto [ec, socket] = co_await acceptor.async_accept(net::as_tuple(net::use_awaitable));
            if (ec) co_return;
            net::co_spawn(io, serve(std::move(socket)), net::detached);
        }
    }
};

fake_server::fake_server(handler answer) : impl_(std::make_unique<impl>()) {
    impl_->answer = std::move(answer);
    impl_->acceptor.open(tcp::v4());
    impl_->acceptor.bind({net::ip::address_v4::loopback(), 0});
    impl_->acceptor.listen();
    net::co_spawn(impl_->io, impl_->accept_loop(), net::detached);
    impl_->thread = std::thread([this] { impl_->io.run(); });
}

fake_server::~fake_server() {
    impl_->io.stop();
    impl_->thread.join();
}

std::uint16_t fake_server::port() const { return impl_->acceptor.local_endpoint().port(); }

std::string fake_server::url() const { return "http://127.0.0.1:" + std::to_string(port()); }

std::vector<recorded_request> fake_server::requests() const {
    const std::lock_guard lock(impl_->mutex);
    return impl_->seen;
}

namespace {

std::string percent_decoded(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size()) {
            out.push_back(static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16)));
            i += 2;
        } else {
            out.push_back(text[i] == '+' ? ' ' : text[i]);
        }
    }
    return out;
}

}  // namespace

std::map<std::string, std::string> parse_form(const std::string& body) {
    std::map<std::string, std::string> out;
    std::size_t start = 0;
    for (;;) {
        const auto amp = body.find('&', start);
        const std::string item = body.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
        const auto eq = item.find('=');
        if (eq != std::string::npos) out[percent_decoded(item.substr(0, eq))] = percent_decoded(item.substr(eq + 1));
        if (amp == std::string::npos) break;
        start = amp + 1;
    }
    return out;
}

}  // namespace hotlive::test
