// What one attempt over the network came back with, apart from any policy about it: a transport
// failure or an HTTP answer, and the attempt's numbers. The client (api_client.hpp) produces it;
// the retry policy (retry.hpp) judges it. Policy depends on this header, never the reverse.
//
// transport_error is a boost::system error code enum of the category "hotlive.transport": an
// error_code made from it reads as the description below, and transport_error::none (0) is no
// error. Nothing here needs Asio.
#pragma once

#include <boost/system/error_code.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace hotlive {

enum class transport_error {
    none,               // a complete HTTP response was read
    resolve_failed,     // the host name did not resolve
    connect_refused,    // nothing listens there
    connect_timeout,    // no connection within timeouts.connect
    tls_verify_failed,  // the server's certificate is not trusted or not for this host
    tls_failed,         // another TLS handshake failure
    timeout,            // no complete response within timeouts.request
    connection_reset,   // the connection broke while sending or reading
    bad_response,       // not HTTP, over the size limits, or cut short
    // Through a proxy (proxy.hpp): the request never left for the server.
    proxy_connect_failed,  // the proxy did not resolve, refused the connection, or dropped it before answering
    proxy_refused,         // the proxy answered CONNECT with an error (502, 503, …): it could not reach the server
    proxy_forbidden,       // the proxy answered 403: its policy forbids the endpoint
    proxy_auth_failed,     // the proxy answered 407 (or 401): it refused hotlive's proxy credentials (or wants some)
};

// The enumerator's name ("connect_refused"): the code reports and journals carry.
[[nodiscard]] std::string_view to_string(transport_error e);

// Named "hotlive.transport"; its messages are the descriptions a report shows for each error.
[[nodiscard]] const boost::system::error_category& transport_category() noexcept;

[[nodiscard]] boost::system::error_code make_error_code(transport_error e) noexcept;

struct attempt_outcome {
    transport_error error = transport_error::none;
    bool request_sent = false;  // whether any byte of the request may have reached the server
    int http_status = 0;
    std::string body;                                                  // as received
    std::optional<std::chrono::milliseconds> retry_after;              // Retry-After or x-acs-retry-after
    std::optional<std::chrono::system_clock::time_point> server_date;  // the Date header
    // Through a proxy, what a report adds to the error's description: the proxy's URL (never its
    // credentials), and for its refusals the status it answered.
    std::string detail;
};

// The numbers of one attempt, besides its outcome.
struct attempt_timing {
    std::chrono::milliseconds latency{0};  // from the call to send() to its end, retry included
    bool reused_connection = false;        // the exchange that ended it went over a pooled connection
};

// What api_client::send() returns.
struct attempt_result {
    attempt_outcome outcome;
    attempt_timing timing;
};

}  // namespace hotlive

template <>
struct boost::system::is_error_code_enum<hotlive::transport_error> : std::true_type {};
