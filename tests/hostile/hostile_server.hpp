// A purpose-built misbehaving HTTP server on 127.0.0.1, for the client's hostile-server suite:
// one behaviour per instance, served on its own thread to every connection, until the server is
// destroyed (which closes every socket it holds and joins the thread). Asio stays in the .cpp.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

namespace hotlive::test {

enum class hostile_behaviour {
    trickle,                  // reads the request, then a valid answer one byte per trickle_interval
    silent,                   // reads the request, never answers
    endless_body_length,      // Content-Length: 10000000000, then body bytes as fast as it can
    endless_body_chunked,     // chunked, 64 KiB chunks as fast as it can, never the last chunk
    header_flood,             // a status line, then header lines without end
    header_line_flood,        // a status line, then one header line without end
    garbage_bytes,            // 200, application/json, a body of random bytes (kept alive)
    garbage_text,             // 200, application/json, a body that is not JSON (kept alive)
    json_without_request_id,  // 200, application/json, JSON with no RequestId (kept alive)
    terminal_escapes,         // 400, JSON whose Code, Message and RequestId hold terminal_attack (kept alive)
    not_http,                 // random bytes where the status line should be
    half_status_line,         // "HTTP/1.1 2", then closes
    close_on_accept,          // closes each connection as soon as it is accepted
    unaccepted,               // listens, never accepts, its accept queue kept full: SYNs go unanswered
};

[[nodiscard]] std::string_view to_string(hostile_behaviour behaviour);

class hostile_server {
public:
    explicit hostile_server(hostile_behaviour behaviour);
    ~hostile_server();
    hostile_server(const hostile_server&) = delete;
    hostile_server& operator=(const hostile_server&) = delete;

    [[nodiscard]] std::uint16_t port() const;
    // Connections accepted so far (0 for `unaccepted`).
    [[nodiscard]] std::size_t accepted() const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

// A port on 127.0.0.1 that nothing listens on (it did a moment ago): connections are refused.
[[nodiscard]] std::uint16_t closed_port();

// What `terminal_escapes` puts in each field (as JSON escapes), after one letter (C, M, R): a
// forged line after CR LF, then clear-screen, an OSC 8 hyperlink, BEL and the C1 CSI. 60 bytes
// decoded, so that a cut to the readable 64 leaves all of it.
inline constexpr std::string_view terminal_attack =
    R"(\r\nhotlive: all 70 calls warm\u001b[2J\u001b]8;;http://x\u001b\\x\u001b]8;;\u001b\\\u0007\u009b2J)";
inline constexpr std::string_view forged_line = "hotlive: all 70 calls warm";

// The interval between two bytes of `trickle`: well inside any request timeout the suite uses,
// so only a deadline for the whole attempt (not an idle timeout) can end it.
inline constexpr int trickle_interval_ms = 100;

}  // namespace hotlive::test
