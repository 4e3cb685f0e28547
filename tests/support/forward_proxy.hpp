// A real forward proxy for tests: Debian's tinyproxy, started on 127.0.0.1 with a configuration
// the test writes, and its log as the witness of what went through it (CONNECT tunnels, requests
// in absolute form). scripts/bootstrap installs it; a machine without it fails these tests,
// saying so, rather than skipping them.
#pragma once

#include "support/background_process.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace hotlive::test {

struct forward_proxy_options {
    std::optional<std::string> user;  // Basic authentication, with password
    std::string password;
    std::optional<std::uint16_t> only_connect_port;  // CONNECT to other ports is answered 403
};

class forward_proxy {
public:
    // Started and accepting connections; its files go in `dir`.
    forward_proxy(const std::filesystem::path& dir, const forward_proxy_options& options = {});

    [[nodiscard]] std::uint16_t port() const { return port_; }
    [[nodiscard]] std::string url() const;  // "http://127.0.0.1:PORT"
    // "http://USER:PASSWORD@127.0.0.1:PORT", the two percent-encoded.
    [[nodiscard]] std::string url_with(std::string_view user, std::string_view password) const;

    [[nodiscard]] std::string log() const;
    // The log lines that contain `text`: "CONNECT localhost:8443", "GET http://".
    [[nodiscard]] std::size_t count(std::string_view text) const;

    // Killed at once, as a proxy that dies mid-run: connections through it break.
    void stop();

private:
    std::filesystem::path log_path_;
    std::uint16_t port_ = 0;
    std::unique_ptr<background_process> process_;
};

}  // namespace hotlive::test
