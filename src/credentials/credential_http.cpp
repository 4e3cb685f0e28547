#include "credentials/credential_http.hpp"

#include "net/exchange_error.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <optional>

namespace hotlive::detail {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using boost::system::error_code;
using namespace net::experimental::awaitable_operators;

constexpr auto as_values = net::as_tuple(net::use_awaitable);
constexpr std::uint32_t header_limit = 16U * 1024U;
constexpr std::uint64_t body_limit = std::uint64_t{64} * 1024;

bool is_ip_address(const std::string& host) {
    error_code ec;
    net::ip::make_address(host, ec);
    return !ec;
}

template <typename Stream>
net::awaitable<http_answer> write_and_read(Stream& stream, http::request<http::string_body>& request) {
    http_answer answer;
    auto [write_ec, written] = co_await http::async_write(stream, request, as_values);
    if (write_ec) {
        answer.error = exchange_error(write_ec);
        co_return answer;
    }
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.header_limit(header_limit);
    parser.body_limit(body_limit);
    auto [read_ec, read] = co_await http::async_read(stream, buffer, parser, as_values);
    if (read_ec) {
        answer.error = exchange_error(read_ec);
        co_return answer;
    }
    answer.status = static_cast<int>(parser.get().result_int());
    answer.body = std::move(parser.get().body());
    co_return answer;
}

}  // namespace

net::awaitable<http_answer> exchange_once(net::any_io_executor executor, const credential_endpoint& endpoint,
                                          const std::string& ca_file, http_call call, http_timeouts timeouts) {
    http_answer answer;
    std::optional<net::ssl::context> tls;
    if (endpoint.tls) {
        tls.emplace(net::ssl::context::tls_client);
        tls->set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 |
                         net::ssl::context::no_sslv3 | net::ssl::context::no_tlsv1 | net::ssl::context::no_tlsv1_1);
        tls->set_verify_mode(net::ssl::verify_peer);
        error_code ec;
        if (ca_file.empty()) {
            tls->set_default_verify_paths(ec);
        } else {
            tls->load_verify_file(ca_file, ec);
        }
        if (ec) {
            answer.setup_problem = "cannot load the CA certificates" +
                                   (ca_file.empty() ? std::string{} : " from " + ca_file) + ": " + ec.message();
            co_return answer;
        }
    }

    // Bounded by the connect timeout: a DNS server that does not answer would otherwise hold the
    // fetch for the resolver library's own retries.
    tcp::resolver resolver(executor);
    net::steady_timer deadline(executor, timeouts.connect);
    auto resolved =
        co_await (resolver.async_resolve(endpoint.host, endpoint.port, as_values) || deadline.async_wait(as_values));
    if (resolved.index() != 0 || std::get<0>(std::get<0>(resolved))) {
        answer.error = resolved.index() != 0 ? transport_error::connect_timeout : transport_error::resolve_failed;
        co_return answer;
    }

    beast::tcp_stream plain(executor);
    std::optional<beast::ssl_stream<beast::tcp_stream>> secure;
    plain.expires_after(timeouts.connect);
    auto [connect_ec, connected] = co_await plain.async_connect(std::get<1>(std::get<0>(resolved)), as_values);
    if (connect_ec) {
        answer.error =
            connect_ec == beast::error::timeout ? transport_error::connect_timeout : transport_error::connect_refused;
        co_return answer;
    }
    if (tls) {
        secure.emplace(std::move(plain), *tls);
        // SNI carries host names only (RFC 6066); the certificate is checked for the name or the
        // address either way. SSL_set_tlsext_host_name() is a macro around this call, with a C cast.
        if (!is_ip_address(endpoint.host) &&
            SSL_ctrl(secure->native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                     // NOLINTNEXTLINE(cppcoreguidelines-pro-type-const-cast): SSL_ctrl only reads the name
                     const_cast<char*>(endpoint.host.c_str())) != 1) {
            answer.error = transport_error::tls_failed;
            co_return answer;
        }
        secure->set_verify_callback(net::ssl::host_name_verification(endpoint.host));
        auto [handshake_ec] = co_await secure->async_handshake(net::ssl::stream_base::client, as_values);
        if (handshake_ec) {
            answer.error = SSL_get_verify_result(secure->native_handle()) != X509_V_OK
                               ? transport_error::tls_verify_failed
                               : transport_error::tls_failed;
            co_return answer;
        }
    }

    http::request<http::string_body> request{call.method, call.target, 11};
    const bool default_port = endpoint.port == (endpoint.tls ? "443" : "80");
    const bool ipv6 = endpoint.host.find(':') != std::string::npos;
    request.set(http::field::host, (ipv6 ? "[" + endpoint.host + "]" : endpoint.host) +
                                       (default_port ? std::string{} : ":" + endpoint.port));
    request.set(http::field::user_agent, "hotlive/0.1");
    for (const auto& [name, value] : call.headers) request.set(name, value);
    request.keep_alive(false);
    request.body() = std::move(call.body);
    request.prepare_payload();

    if (secure) {
        beast::get_lowest_layer(*secure).expires_after(timeouts.request);
        co_return co_await write_and_read(*secure, request);
    }
    // Moved from only with TLS, which returned above.
    plain.expires_after(timeouts.request);  // NOLINT(bugprone-use-after-move)
    co_return co_await write_and_read(plain, request);
}

}  // namespace hotlive::detail
