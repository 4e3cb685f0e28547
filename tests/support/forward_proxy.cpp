#include "support/forward_proxy.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <csignal>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace hotlive::test {
namespace {

sockaddr_in loopback(std::uint16_t port) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
}

// A port free now (the kernel's pick); tinyproxy cannot be told to pick one itself.
std::uint16_t free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address = loopback(0);
    socklen_t length = sizeof address;
    // NOLINTBEGIN(cppcoreguidelines-pro-type-reinterpret-cast): the sockets API takes sockaddr*
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        ::close(fd);
        throw std::runtime_error("no free port on 127.0.0.1");
    }
    // NOLINTEND(cppcoreguidelines-pro-type-reinterpret-cast)
    ::close(fd);
    return ntohs(address.sin_port);
}

bool accepts(std::uint16_t port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    const sockaddr_in address = loopback(port);
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): the sockets API takes sockaddr*
    const bool connected = ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    return connected;
}

std::string percent_encoded(std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) != 0 || c == '-' || c == '.' || c == '_' || c == '~') {
            out.push_back(c);
        } else {
            out.push_back('%');
            out.push_back(hex[byte >> 4U]);
            out.push_back(hex[byte & 0x0FU]);
        }
    }
    return out;
}

}  // namespace

forward_proxy::forward_proxy(const std::filesystem::path& dir, const forward_proxy_options& options)
    : log_path_(dir / "tinyproxy.log") {
    if (!std::filesystem::exists(HOTLIVE_TINYPROXY)) {
        throw std::runtime_error(std::string("tinyproxy is not installed at ") + HOTLIVE_TINYPROXY +
                                 ": run scripts/bootstrap");
    }
    // Another process may take the port between free_port() and tinyproxy's bind: try again then.
    for (int tries = 0; tries < 5; ++tries) {
        port_ = free_port();
        const auto config = dir / "tinyproxy.conf";
        {
            std::ofstream out(config);
            out << "Port " << port_ << "\nListen 127.0.0.1\nAllow 127.0.0.1\nTimeout 30\nMaxClients 200\n"
                << "LogFile \"" << log_path_.string() << "\"\nLogLevel Connect\n";
            if (options.user) out << "BasicAuth " << *options.user << " " << options.password << "\n";
            if (options.only_connect_port) out << "ConnectPort " << *options.only_connect_port << "\n";
        }
        process_ = std::make_unique<background_process>(
            std::vector<std::string>{HOTLIVE_TINYPROXY, "-d", "-c", config.string()}, dir);
        for (int i = 0; i < 500 && !process_->exited(); ++i) {
            if (accepts(port_)) return;
            std::this_thread::sleep_for(std::chrono::milliseconds{10});
        }
        process_.reset();
    }
    throw std::runtime_error("tinyproxy did not start; see " + log_path_.string());
}

std::string forward_proxy::url() const { return "http://127.0.0.1:" + std::to_string(port_); }

std::string forward_proxy::url_with(std::string_view user, std::string_view password) const {
    return "http://" + percent_encoded(user) + ":" + percent_encoded(password) + "@127.0.0.1:" + std::to_string(port_);
}

std::string forward_proxy::log() const {
    std::ifstream in(log_path_);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::size_t forward_proxy::count(std::string_view text) const {
    std::istringstream lines(log());
    std::size_t found = 0;
    for (std::string line; std::getline(lines, line);) {
        if (line.find(text) != std::string::npos) ++found;
    }
    return found;
}

void forward_proxy::stop() {
    if (!process_) return;
    process_->signal(SIGKILL);
    process_->wait();
    process_.reset();
}

}  // namespace hotlive::test
