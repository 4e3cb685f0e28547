#include "emulator/test_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>

#include <sys/socket.h>
#include <sys/time.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace hotlive::test {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

}  // namespace

std::optional<std::string> http_response::header(std::string_view name) const {
    for (const auto& [n, v] : headers) {
        if (iequals(n, name)) return v;
    }
    return std::nullopt;
}

struct http_connection::impl {
    asio::io_context context;
    std::optional<asio::ssl::context> tls_context;
    tcp::socket socket{context};
    std::optional<asio::ssl::stream<tcp::socket&>> tls;
    beast::flat_buffer buffer;

    template <class F>
    auto with_stream(F&& f) {
        if (tls) return f(*tls);
        return f(socket);
    }
};

http_connection::http_connection(std::uint16_t port, std::optional<tls_client_options> tls)
    : impl_(std::make_unique<impl>()) {
    impl_->socket.connect(tcp::endpoint{asio::ip::make_address("127.0.0.1"), port});
    // A bound on every read, so that a test fails rather than hangs.
    const timeval timeout{30, 0};
    ::setsockopt(impl_->socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    if (tls) {
        impl_->tls_context.emplace(asio::ssl::context::tls_client);
        impl_->tls_context->load_verify_file(tls->ca_file);
        impl_->tls_context->set_verify_mode(asio::ssl::verify_peer);
        impl_->tls.emplace(impl_->socket, *impl_->tls_context);
        // SSL_set_tlsext_host_name, without the macro's C cast.
        SSL_ctrl(impl_->tls->native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                 const_cast<char*>(tls->server_name.c_str()));
        impl_->tls->set_verify_callback(asio::ssl::host_name_verification(tls->server_name));
        impl_->tls->handshake(asio::ssl::stream_base::client);
    }
}

http_connection::~http_connection() = default;

void http_connection::write(std::string_view raw) {
    impl_->with_stream([&](auto& stream) { asio::write(stream, asio::buffer(raw.data(), raw.size())); });
}

exchange http_connection::send(std::string_view raw) {
    exchange result;
    try {
        write(raw);
    } catch (const std::exception& e) {
        result.error = e.what();
        return result;
    }
    http::response_parser<http::string_body> parser;
    parser.body_limit(16 * 1024 * 1024);
    beast::error_code ec;
    impl_->with_stream([&](auto& stream) { http::read(stream, impl_->buffer, parser, ec); });
    if (parser.is_header_done()) {
        const auto& message = parser.get();
        result.response.status = static_cast<int>(message.result_int());
        for (const auto& field : message) {
            result.response.headers.emplace_back(std::string{field.name_string()}, std::string{field.value()});
        }
        result.response.body = message.body();
    }
    if (!ec) {
        result.outcome = read_outcome::complete;
    } else if (ec == asio::error::connection_reset) {
        result.outcome = read_outcome::reset;
    } else if (ec == http::error::partial_message) {
        result.outcome = read_outcome::truncated;
    } else if (ec == http::error::end_of_stream || ec == asio::error::eof) {
        result.outcome = parser.is_header_done() ? read_outcome::truncated : read_outcome::closed;
    } else {
        result.outcome = read_outcome::failed;
    }
    if (ec) result.error = ec.message();
    return result;
}

std::string http_connection::read_some() {
    std::array<char, 4096> bytes{};
    beast::error_code ec;
    std::size_t n = 0;
    impl_->with_stream([&](auto& stream) { n = stream.read_some(asio::buffer(bytes), ec); });
    return {bytes.data(), n};
}

std::string http_connection::read_to_end() {
    std::string all;
    for (;;) {
        std::string part = read_some();
        if (part.empty()) return all;
        all += part;
    }
}

std::string to_wire(const signed_request& request, bool keep_alive) {
    std::string out;
    out.append(request.method).append(" ").append(request.target).append(" HTTP/1.1\r\n");
    for (const auto& h : request.headers) out.append(h.name).append(": ").append(h.value).append("\r\n");
    out.append("Content-Length: ").append(std::to_string(request.body.size())).append("\r\n");
    if (!keep_alive) out.append("Connection: close\r\n");
    out.append("\r\n").append(request.body);
    return out;
}

}  // namespace hotlive::test
