// The emulator's network side: an acceptor and one coroutine per connection (HTTP or HTTPS,
// keep-alive), each reading requests with the emulator's parser, asking the service for the
// answer and delivering it as planned. Every connection runs on a strand of its own, so several
// threads may run the io_context.
#pragma once

#include "emulator/service.hpp"

#include <hotlive/emulator.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>

namespace hotlive::emu {

// A connection as the server sees it: something it can close when it stops.
class connection {
public:
    virtual ~connection() = default;
    virtual void close() = 0;  // thread-safe: posted to the connection's strand
};

class server : public std::enable_shared_from_this<server> {
public:
    // Connections beyond this are closed as soon as they are accepted.
    static constexpr std::size_t max_connections = 10'000;

    // Throws std::runtime_error when the TLS files cannot be used.
    server(boost::asio::io_context& context, const emulator_config& config, std::shared_ptr<service> service);

    // Binds and listens, then accepts on the io_context. Throws boost::system::system_error (its
    // code() says why) when the address cannot be bound, std::runtime_error when it is no address.
    emulator::endpoint start();
    void stop();

    [[nodiscard]] service& answers() noexcept { return *service_; }
    [[nodiscard]] std::chrono::milliseconds idle_timeout() const noexcept { return idle_timeout_; }
    [[nodiscard]] bool stopping() const noexcept { return stopping_; }

    // Bookkeeping of the open connections, so stop() can close them.
    [[nodiscard]] std::uint64_t add(const std::shared_ptr<connection>& c);
    void remove(std::uint64_t id);

private:
    void spawn_accept_loop();

    boost::asio::io_context& context_;
    std::shared_ptr<service> service_;
    std::string host_;
    std::uint16_t port_;
    std::chrono::milliseconds idle_timeout_;
    std::optional<boost::asio::ssl::context> tls_;
    boost::asio::ip::tcp::acceptor acceptor_;
    std::atomic<bool> stopping_{false};

    std::mutex mutex_;
    std::uint64_t next_id_ = 0;
    std::unordered_map<std::uint64_t, std::weak_ptr<connection>> connections_;
};

}  // namespace hotlive::emu
