// Sends signed requests to the Live endpoint over HTTP/1.1, keeping connections alive.
//
// TLS verifies the peer and its host name (SNI set) against the system CA store, or a private
// CA file; plain http:// is for loopback endpoints only and is refused before this point (the
// plan loader and the command line check it). TLS sessions are resumed on new connections. The
// host is resolved once, within the connect timeout. Through a proxy (proxy.hpp), TLS goes end
// to end through a CONNECT tunnel, pooled and resumed alike; plain HTTP goes in absolute form.
// Answers are bounded: 64 KiB of headers, 1 MiB of body. Every failure comes back as a value in
// attempt_outcome, never as an exception.
//
// Threads: nothing here is thread-safe; the pool and the counters have no lock. A client belongs
// to its executor, which must run one handler at a time (an io_context run by one thread, as
// hotlive run's is, or a strand): send(), shutdown() and the counters are called from it only,
// or the counters once it has stopped. Within it, any number of send()s may be in flight at
// once; each takes its own connection from the pool or opens one.
//
// It judges nothing: what an outcome means (retry, fail) is the retry policy's, in retry.hpp.
#pragma once

#include <hotlive/proxy.hpp>
#include <hotlive/signer.hpp>
#include <hotlive/transport.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

namespace hotlive {

struct client_config {
    bool tls = true;
    std::string host;     // name or address, without brackets
    std::string port;     // "443"
    std::string ca_file;  // empty: the system store
    std::chrono::milliseconds connect_timeout{5000};
    std::chrono::milliseconds request_timeout{10000};  // one attempt, write to last body byte
    std::size_t max_idle_connections = 16;             // the pool; set to the concurrency
    std::optional<proxy_server> proxy;                 // none: direct (egress::proxy_for chose)
};

class api_client {
public:
    // Throws std::runtime_error when TLS cannot be set up (no CA file, bad CA file): a run that
    // cannot verify its server must not start.
    api_client(boost::asio::any_io_executor executor, client_config config);
    ~api_client();
    api_client(const api_client&) = delete;
    api_client& operator=(const api_client&) = delete;

    // One attempt, with its outcome and timing. The request is taken by value: the attempt keeps
    // its own, so the caller's may go before the awaitable has finished. The client must outlive
    // every awaitable it returned. A pooled connection the server has closed is not the
    // attempt's failure: the request then goes once more, on a new connection.
    boost::asio::awaitable<attempt_result> send(signed_request request);

    // Closes the idle connections; attempts in flight keep theirs.
    void shutdown();

    [[nodiscard]] std::size_t connections_opened() const;
    // Of those, the TLS connections that resumed an earlier session (an abbreviated handshake).
    [[nodiscard]] std::size_t connections_resumed() const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace hotlive
