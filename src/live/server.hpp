// The live view's network side, after the emulator's server: an acceptor and one coroutine per
// connection on the run's own io_context (one thread: no strands), reading requests with
// Beast's parser and answering from live_view (live_view.hpp). Bounded: a few connections, a
// small request header and no body, a deadline for a whole request and for each answer, so no
// client, however slow or many, holds the run's thread or memory.
#pragma once

#include "live/live_view.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <string>

namespace hotlive::live {

struct server_limits {
    std::size_t max_connections = 32;  // more are closed as soon as they are accepted
    std::uint32_t max_header_bytes = 8 * 1024;
    std::chrono::milliseconds request_timeout{5000};  // to read a whole request, or to wait for the next
    std::chrono::milliseconds write_timeout{20000};   // to deliver an answer (a grid of a million calls)
};

class server {
public:
    // `now`: the clock the answers are dated by.
    server(boost::asio::io_context& context, live_view& view, std::function<wall_time()> now,
           server_limits limits = {});
    ~server();
    server(const server&) = delete;
    server& operator=(const server&) = delete;

    // Binds and listens (nothing is accepted before start()). Returns the URL, "http://ADDR:PORT/".
    // Throws boost::system::system_error when the address cannot be bound, std::runtime_error when
    // it is no IP address.
    std::string open(const std::string& host, std::uint16_t port);
    // Accepts and serves on the io_context until stop().
    void start();
    // Closes the acceptor and every connection: the io_context has no work of the server's left.
    void stop();

    [[nodiscard]] std::size_t connections() const { return open_.size(); }

private:
    struct connection;
    boost::asio::awaitable<void> accept_loop();
    boost::asio::awaitable<void> serve(std::shared_ptr<connection> c);

    boost::asio::io_context& context_;
    live_view& view_;
    std::function<wall_time()> now_;
    server_limits limits_;
    boost::asio::ip::tcp::acceptor acceptor_;
    bool stopping_ = false;
    std::list<std::weak_ptr<connection>> open_;
};

}  // namespace hotlive::live
