// Opening a connection to one server, directly or through an HTTP proxy: resolve (the proxy's
// name, not the server's: behind a proxy only the proxy resolves outside names), connect, a
// CONNECT tunnel for TLS through a proxy, then the TLS handshake with the server itself (its
// certificate checked against its own name, SNI set, a session resumed when given one). Plain
// HTTP through a proxy needs no tunnel: the request goes to the proxy in absolute form
// (address_request()). The Live API client and the credential fetchers both open theirs here.
//
// Every failure is a value. Through a proxy, `detail` names it (never its credentials) and,
// for its refusals, the status it answered.
#pragma once

#include <hotlive/proxy.hpp>
#include <hotlive/transport.hpp>

#include "net/tls_stream.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <openssl/ssl.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace hotlive::detail {

struct server_address {
    bool tls = true;
    std::string host;  // name or address, without brackets
    std::string port;
};

struct connection {
    std::unique_ptr<boost::beast::tcp_stream> plain;
    std::unique_ptr<tls_stream> secure;
    boost::beast::flat_buffer buffer;
    bool session_kept = false;  // its TLS session is the client's to resume

    // NOLINTNEXTLINE(readability-make-member-function-const): it hands out the stream to read and write
    boost::beast::tcp_stream& lowest() { return secure ? secure->next_layer() : *plain; }
};

// A reference to a TLS session. An open in progress holds its own: the client may replace its
// newest session (freeing the old one) while a connection waits for its tunnel.
struct session_deleter {
    void operator()(SSL_SESSION* session) const { SSL_SESSION_free(session); }
};
using tls_session = std::unique_ptr<SSL_SESSION, session_deleter>;

// Another reference to `session` (null stays null).
[[nodiscard]] inline tls_session share(SSL_SESSION* session) {
    if (session != nullptr) SSL_SESSION_up_ref(session);
    return tls_session{session};
}

struct opened {
    std::unique_ptr<connection> c;  // null on failure
    transport_error error = transport_error::none;
    std::string detail;
    bool resumed = false;  // the TLS handshake resumed the session given
};

// A TLS client context that verifies peers against the system store, or `ca_file` when given;
// TLS 1.2 and newer.
struct tls_setup {
    std::optional<boost::asio::ssl::context> context;  // none when the CA certificates do not load
    std::string problem;                               // why, for the operator
};
[[nodiscard]] tls_setup client_tls(const std::string& ca_file);

class connector {
public:
    // `tls` must be set for a TLS server and outlive the connector; `proxy` null: direct.
    connector(boost::asio::any_io_executor executor, server_address server, const proxy_server* proxy,
              boost::asio::ssl::context* tls, std::chrono::milliseconds connect_timeout);

    // A connection ready for a request, within the connect timeout (resolving included). The
    // resolved addresses are kept for the next connection until a connect fails.
    boost::asio::awaitable<opened> open(tls_session resume);

    // The request's target and headers for this route: absolute form and Proxy-Authorization
    // for plain HTTP through a proxy; as it is otherwise (CONNECT carried those).
    void address_request(boost::beast::http::request<boost::beast::http::string_body>& request) const;

    // The same for a request written as text: its request line (absolute form through a proxy),
    // then Proxy-Authorization when that proxy authenticates.
    void append_request_head(std::string& out, std::string_view method, std::string_view target) const;

    // An answer the proxy itself gave to plain HTTP (407, or 401), as the transport error it stands for;
    // none for any other status.
    [[nodiscard]] transport_error proxy_answer(int status) const;

    // "through proxy http://proxy:3128", or empty when direct: what a failure's detail adds.
    [[nodiscard]] std::string route_detail() const;

private:
    boost::asio::awaitable<opened> tunnel(std::unique_ptr<connection> c);

    boost::asio::any_io_executor executor_;
    server_address server_;
    std::optional<proxy_server> proxy_;
    boost::asio::ssl::context* tls_;
    std::chrono::milliseconds connect_timeout_;
    std::optional<boost::asio::ip::tcp::resolver::results_type> endpoints_;
};

}  // namespace hotlive::detail
