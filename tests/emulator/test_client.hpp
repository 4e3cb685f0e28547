// A plain HTTP(S) client for the emulator's tests: one keep-alive connection to 127.0.0.1 over a
// real socket, raw request bytes in, the response (or how it broke) out. Boost.Beast does the
// parsing; this header keeps Asio out of the suites that include it.
#pragma once

#include <hotlive/signer.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hotlive::test {

struct http_response {
    int status = 0;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    // The first header of that name, any case.
    [[nodiscard]] std::optional<std::string> header(std::string_view name) const;
};

enum class read_outcome {
    complete,   // a whole response
    reset,      // ECONNRESET while reading
    truncated,  // EOF before the promised Content-Length
    closed,     // EOF before any response
    failed,     // anything else (see `error`), a timeout included
};

struct exchange {
    read_outcome outcome = read_outcome::failed;
    http_response response;  // as much as was read
    std::string error;
};

struct tls_client_options {
    std::string ca_file;                    // trust this CA only
    std::string server_name = "localhost";  // SNI and the name verified
};

class http_connection {
public:
    // Connects to 127.0.0.1:port (TLS when `tls` is given, verifying the server). Throws
    // std::system_error when the connection or handshake fails.
    explicit http_connection(std::uint16_t port, std::optional<tls_client_options> tls = std::nullopt);
    ~http_connection();
    http_connection(const http_connection&) = delete;
    http_connection& operator=(const http_connection&) = delete;

    // Writes `raw` and reads one response (30 s at most).
    exchange send(std::string_view raw);
    // Writes `raw` only.
    void write(std::string_view raw);
    // One read of whatever has arrived: the bytes, empty at EOF.
    std::string read_some();
    // Reads until the server closes: every byte.
    std::string read_to_end();

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

// A signed request as HTTP/1.1 bytes, with Content-Length (and Connection: close unless kept alive).
[[nodiscard]] std::string to_wire(const signed_request& request, bool keep_alive = true);

}  // namespace hotlive::test
