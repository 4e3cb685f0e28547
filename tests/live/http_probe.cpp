#include "live/http_probe.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <string>

namespace hotlive::test {

std::uint16_t port_of(std::string_view url) {
    const auto colon = url.rfind(':');
    return static_cast<std::uint16_t>(std::stoi(std::string{url.substr(colon + 1)}));
}

int connect_loopback(std::uint16_t port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

namespace {

http_reply parse(const std::string& text) {
    http_reply reply;
    const auto head_end = text.find("\r\n\r\n");
    if (!text.starts_with("HTTP/1.") || head_end == std::string::npos || text.size() < 12) return reply;
    reply.status = std::stoi(text.substr(9, 3));
    std::size_t line = text.find("\r\n") + 2;
    while (line < head_end) {
        const auto end = text.find("\r\n", line);
        const auto colon = text.find(':', line);
        if (colon != std::string::npos && colon < end) {
            std::string name = text.substr(line, colon - line);
            std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
            reply.headers[name] = text.substr(colon + 2, end - colon - 2);
        }
        line = end + 2;
    }
    reply.body = text.substr(head_end + 4);
    return reply;
}

}  // namespace

http_reply send_and_read(std::uint16_t port, std::string_view bytes, std::chrono::milliseconds timeout) {
    const int fd = connect_loopback(port);
    if (fd < 0) return {};
    if (::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(bytes.size())) {
        ::close(fd);
        return {};
    }
    std::string text;
    const auto end = std::chrono::steady_clock::now() + timeout;
    char buffer[65536];
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now());
        if (left.count() <= 0) break;
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
        const auto n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) break;
        text.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return parse(text);
}

http_reply http_request(std::uint16_t port, std::string_view method, std::string_view path) {
    return send_and_read(port, std::string{method} + " " + std::string{path} +
                                   " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
}

}  // namespace hotlive::test
