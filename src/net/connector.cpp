#include "net/connector.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <openssl/x509_vfy.h>

namespace hotlive::detail {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using boost::system::error_code;
using namespace net::experimental::awaitable_operators;

constexpr auto as_values = net::as_tuple(net::use_awaitable);
constexpr std::uint32_t connect_answer_limit = 16U * 1024U;

bool is_ip_address(const std::string& host) {
    error_code ec;
    net::ip::make_address(host, ec);
    return !ec;
}

// "host:port", IPv6 in brackets: CONNECT's target and its Host header.
std::string authority(const server_address& server) {
    const bool ipv6 = server.host.find(':') != std::string::npos;
    return (ipv6 ? "[" + server.host + "]" : server.host) + ":" + server.port;
}

std::string status_text(unsigned status) {
    return std::to_string(status) + " " + std::string(http::obsolete_reason(http::int_to_status(status)));
}

// SNI: SSL_set_tlsext_host_name() is a macro around this call, with a C cast.
bool send_server_name(SSL* ssl, const std::string& host) {
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-const-cast): SSL_ctrl only reads the name
    return SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, const_cast<char*>(host.c_str())) == 1;
}

opened failed(transport_error error, std::string detail) { return opened{nullptr, error, std::move(detail), false}; }

}  // namespace

tls_setup client_tls(const std::string& ca_file) {
    net::ssl::context tls(net::ssl::context::tls_client);
    tls.set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 | net::ssl::context::no_sslv3 |
                    net::ssl::context::no_tlsv1 | net::ssl::context::no_tlsv1_1);
    tls.set_verify_mode(net::ssl::verify_peer);
    error_code ec;
    if (ca_file.empty()) {
        tls.set_default_verify_paths(ec);
    } else {
        tls.load_verify_file(ca_file, ec);
    }
    if (ec) {
        return {std::nullopt, "cannot load the CA certificates" +
                                  (ca_file.empty() ? std::string{} : " from " + ca_file) + ": " + ec.message()};
    }
    return {std::move(tls), {}};
}

connector::connector(net::any_io_executor executor, server_address server, const proxy_server* proxy,
                     net::ssl::context* tls, std::chrono::milliseconds connect_timeout)
    : executor_(std::move(executor)),
      server_(std::move(server)),
      proxy_(proxy != nullptr ? std::optional<proxy_server>(*proxy) : std::nullopt),
      tls_(tls),
      connect_timeout_(connect_timeout) {}

net::awaitable<opened> connector::open(tls_session resume) {
    const std::string& host = proxy_ ? proxy_->host : server_.host;
    const std::string& port = proxy_ ? proxy_->port : server_.port;
    // The proxy's own failures are named as such: its address, never its credentials.
    const auto hop_failed = [&](transport_error direct, std::string_view what) {
        if (!proxy_) return failed(direct, {});
        return failed(transport_error::proxy_connect_failed, "proxy " + proxy_->url() + ": " + std::string(what));
    };
    if (!endpoints_) {
        // Bounded by the connect timeout: a DNS server that does not answer would otherwise hold
        // the call for the resolver library's own retries (10 s and more per lookup).
        tcp::resolver resolver(executor_);
        net::steady_timer deadline(executor_, connect_timeout_);
        auto resolved = co_await (resolver.async_resolve(host, port, as_values) || deadline.async_wait(as_values));
        if (resolved.index() != 0) {
            co_return hop_failed(transport_error::connect_timeout,
                                 "its name did not resolve within the connect timeout");
        }
        if (std::get<0>(std::get<0>(resolved))) {
            co_return hop_failed(transport_error::resolve_failed, "its host name did not resolve");
        }
        endpoints_ = std::move(std::get<1>(std::get<0>(resolved)));
    }
    auto c = std::make_unique<connection>();
    if (server_.tls) {
        c->secure = std::make_unique<tls_stream>(beast::tcp_stream(executor_), tls_->native_handle());
    } else {
        c->plain = std::make_unique<beast::tcp_stream>(executor_);
    }
    auto& socket = c->lowest();
    // One deadline for the connection, the tunnel and the handshake.
    socket.expires_after(connect_timeout_);
    auto [connect_ec, endpoint] = co_await socket.async_connect(*endpoints_, as_values);
    if (connect_ec) {
        endpoints_.reset();  // resolve again next time: the address may have changed
        co_return connect_ec == beast::error::timeout
            ? hop_failed(transport_error::connect_timeout, "no connection within the connect timeout")
            : hop_failed(transport_error::connect_refused, "the connection was refused");
    }
    socket.socket().set_option(tcp::no_delay(true));
    if (proxy_ && server_.tls) {
        auto tunnelled = co_await tunnel(std::move(c));
        if (!tunnelled.c) co_return tunnelled;
        c = std::move(tunnelled.c);
    }
    bool resumed = false;
    if (c->secure) {
        SSL* ssl = c->secure->native_handle();
        // The certificate is checked for the server's name or address, never the proxy's; SNI
        // carries host names only (RFC 6066).
        const bool named = is_ip_address(server_.host)
                               ? X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), server_.host.c_str()) == 1
                               : SSL_set1_host(ssl, server_.host.c_str()) == 1 && send_server_name(ssl, server_.host);
        if (!named) co_return failed(transport_error::tls_failed, route_detail());
        if (resume) SSL_set_session(ssl, resume.get());
        if (const auto handshake_ec = co_await c->secure->handshake(tls_stream::role::client)) {
            co_return failed(SSL_get_verify_result(ssl) != X509_V_OK ? transport_error::tls_verify_failed
                                                                     : transport_error::tls_failed,
                             route_detail());
        }
        resumed = SSL_session_reused(ssl) == 1;
    }
    // Open: the request's timeout is the caller's to watch (deadline_watch.hpp), not a timer's.
    c->lowest().expires_never();
    co_return opened{std::move(c), transport_error::none, {}, resumed};
}

net::awaitable<opened> connector::tunnel(std::unique_ptr<connection> c) {
    auto& socket = c->lowest();
    const std::string target = authority(server_);
    const std::string proxy_name = "proxy " + proxy_->url();
    http::request<http::empty_body> connect{http::verb::connect, target, 11};
    connect.set(http::field::host, target);
    connect.set(http::field::user_agent, "hotlive/0.1");
    if (proxy_->authenticates()) connect.set(http::field::proxy_authorization, proxy_->authorization());
    auto [write_ec, written] = co_await http::async_write(socket, connect, as_values);
    if (write_ec) {
        co_return failed(
            transport_error::proxy_connect_failed,
            proxy_name + (write_ec == beast::error::timeout ? " did not take CONNECT within the connect timeout"
                                                            : " closed the connection before CONNECT was sent"));
    }
    // A CONNECT answer's header ends it: whatever follows a 2xx is the server's (RFC 9110 9.3.6).
    http::response_parser<http::empty_body> parser;
    parser.skip(true);
    parser.header_limit(connect_answer_limit);
    beast::flat_buffer buffer;
    auto [read_ec, read] = co_await http::async_read_header(socket, buffer, parser, as_values);
    if (read_ec) {
        const bool not_http = read_ec.category() == make_error_code(http::error::partial_message).category() &&
                              read_ec != http::error::end_of_stream;
        co_return failed(transport_error::proxy_connect_failed,
                         proxy_name + (read_ec == beast::error::timeout ? " did not answer CONNECT within the connect "
                                                                          "timeout"
                                       : not_http ? " answered CONNECT with something that is not HTTP"
                                                  : " closed the connection before answering CONNECT"));
    }
    const unsigned status = parser.get().result_int();
    if (status >= 200 && status < 300 && buffer.size() == 0)
        co_return opened{std::move(c), transport_error::none, {}, false};
    const std::string answered = proxy_name + " answered CONNECT " + target + " with " + status_text(status);
    // 407 is the standard answer; some proxies (tinyproxy 1.11) answer 401. Either way it is the
    // proxy's: the server never sees a CONNECT.
    if (status == 407 || status == 401) {
        co_return failed(transport_error::proxy_auth_failed,
                         answered + (proxy_->authenticates() ? "" : "; the proxy URL has no user:password to give it"));
    }
    if (status == 403) co_return failed(transport_error::proxy_forbidden, answered);
    if (status >= 200 && status < 300) {
        co_return failed(transport_error::proxy_refused,
                         proxy_name + " sent bytes of its own after opening the tunnel");
    }
    co_return failed(transport_error::proxy_refused, answered);
}

void connector::address_request(http::request<http::string_body>& request) const {
    if (!proxy_ || server_.tls) return;
    request.target("http://" + authority(server_) + std::string(request.target()));
    if (proxy_->authenticates()) request.set(http::field::proxy_authorization, proxy_->authorization());
}

void connector::append_request_head(std::string& out, std::string_view method, std::string_view target) const {
    const bool absolute = proxy_ && !server_.tls;
    out.append(method).push_back(' ');
    if (absolute) out.append("http://").append(authority(server_));
    out.append(target).append(" HTTP/1.1\r\n");
    if (absolute && proxy_->authenticates()) {
        out.append("Proxy-Authorization: ").append(proxy_->authorization()).append("\r\n");
    }
}

transport_error connector::proxy_answer(int status) const {
    // 401 too, as on CONNECT: the API answers its own authentication errors with 400, 403 or 404.
    return proxy_ && !server_.tls && (status == 407 || status == 401) ? transport_error::proxy_auth_failed
                                                                      : transport_error::none;
}

std::string connector::route_detail() const { return proxy_ ? "through proxy " + proxy_->url() : std::string{}; }

}  // namespace hotlive::detail
