// A plain blocking HTTP/1.1 client over POSIX sockets, for tests that talk to the live view as a
// browser, a scraper or a hostile client would: whole requests, or raw bytes.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace hotlive::test {

struct http_reply {
    int status = 0;                              // 0: no answer (refused, closed, timed out)
    std::map<std::string, std::string> headers;  // names in lower case
    std::string body;
};

// The port of "http://127.0.0.1:PORT/".
[[nodiscard]] std::uint16_t port_of(std::string_view url);

// A connected socket to 127.0.0.1:port, or -1.
[[nodiscard]] int connect_loopback(std::uint16_t port);

// Sends `bytes` and reads until the server closes (or `timeout`), then parses the answer.
[[nodiscard]] http_reply send_and_read(std::uint16_t port, std::string_view bytes,
                                       std::chrono::milliseconds timeout = std::chrono::seconds{10});

// "METHOD path" with Connection: close.
[[nodiscard]] http_reply http_request(std::uint16_t port, std::string_view method, std::string_view path);

}  // namespace hotlive::test
