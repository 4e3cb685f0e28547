// One HTTP exchange with a credential server (STS, the ECS metadata service, a credentials URI):
// connect (through the proxy, if given: net/connector.hpp), TLS verified as the Live endpoint's
// is (the system store or --ca-file, the host name checked, SNI set), write, read, close. No
// pool: a fetch happens once an hour or so. Answers are bounded (16 KiB of headers, 64 KiB of
// body); every failure is a value.
#pragma once

#include <hotlive/credentials.hpp>
#include <hotlive/proxy.hpp>
#include <hotlive/transport.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/beast/http/verb.hpp>

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace hotlive::detail {

struct http_call {
    boost::beast::http::verb method = boost::beast::http::verb::get;
    std::string target = "/";
    std::vector<std::pair<std::string, std::string>> headers;  // besides Host, User-Agent and Content-Length
    std::string body;
};

struct http_timeouts {
    std::chrono::milliseconds connect;  // resolve, connect and TLS handshake
    std::chrono::milliseconds request;  // write to the answer's last byte
};

struct http_answer {
    std::string setup_problem;  // the exchange could not be set up (a CA file that does not load)
    transport_error error = transport_error::none;
    std::string detail;  // through a proxy: which one, and its answer (transport.hpp's attempt_outcome::detail)
    int status = 0;
    std::string body;
};

[[nodiscard]] boost::asio::awaitable<http_answer> exchange_once(boost::asio::any_io_executor executor,
                                                                const credential_endpoint& endpoint,
                                                                const std::string& ca_file, const proxy_server* proxy,
                                                                http_call call, http_timeouts timeouts);

}  // namespace hotlive::detail
