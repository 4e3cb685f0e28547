#include "emulator/server.hpp"

#include "emulator/http_request.hpp"
#include "net/tls_stream.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/system/system_error.hpp>

#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace hotlive::emu {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;
using asio::awaitable;

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
constexpr std::chrono::seconds handshake_timeout{10};
constexpr std::chrono::seconds write_timeout{30};
constexpr std::chrono::seconds shutdown_timeout{2};

using plain_stream = beast::tcp_stream;
using tls_stream = detail::tls_stream;

template <class Stream>
constexpr bool is_tls = std::is_same_v<Stream, tls_stream>;

// One connection: its stream, its buffers (kept from request to request) and a timer for the
// faults that wait.
template <class Stream>
class session final : public connection, public std::enable_shared_from_this<session<Stream>> {
public:
    template <class... Args>
    session(std::shared_ptr<server> owner, Args&&... stream_args)
        : owner_(std::move(owner)), stream(std::forward<Args>(stream_args)...), timer(stream.get_executor()) {}
    session(const session&) = delete;
    session& operator=(const session&) = delete;
    ~session() override {
        if (id_ != 0) owner_->remove(id_);
    }

    void attach() { id_ = owner_->add(this->shared_from_this()); }

    void close() override {
        asio::post(stream.get_executor(), [weak = this->weak_from_this()] {
            if (const auto self = weak.lock()) {
                beast::get_lowest_layer(self->stream).close();
                self->timer.cancel();
            }
        });
    }

    server& owner() { return *owner_; }

    std::shared_ptr<server> owner_;
    std::uint64_t id_ = 0;
    Stream stream;
    asio::steady_timer timer;
    beast::flat_buffer buffer;
    http_request request;
    std::string out;
};

template <class Stream>
awaitable<bool> write_bytes(Stream& stream, std::string_view bytes) {
    beast::get_lowest_layer(stream).expires_after(write_timeout);
    const auto [ec, n] = co_await asio::async_write(stream, asio::buffer(bytes.data(), bytes.size()), use_tuple);
    co_return !ec;
}

// RST instead of FIN: SO_LINGER with a zero timeout, then close.
template <class Stream>
void reset_connection(Stream& stream) {
    auto& socket = beast::get_lowest_layer(stream).socket();
    boost::system::error_code ignored;
    socket.set_option(asio::socket_base::linger(true, 0), ignored);
    socket.close(ignored);
}

// Sends the answer in s.out as the plan says. False when the connection is done for.
template <class Stream>
awaitable<bool> deliver(session<Stream>& s, const response_plan& plan) {
    const std::string_view bytes{s.out};
    switch (plan.how) {
        case delivery::normal:
        case delivery::truncate:
            co_return co_await write_bytes(s.stream, bytes);
        case delivery::latency: {
            s.timer.expires_after(plan.delay);
            const auto [ec] = co_await s.timer.async_wait(use_tuple);
            if (ec) co_return false;
            co_return co_await write_bytes(s.stream, bytes);
        }
        case delivery::reset: {
            const std::size_t half = plan.head_size + (bytes.size() - plan.head_size) / 2;
            co_await write_bytes(s.stream, bytes.substr(0, half));
            reset_connection(s.stream);
            co_return false;
        }
        case delivery::trickle:
            for (std::size_t i = 0; i < bytes.size(); ++i) {
                if (!co_await write_bytes(s.stream, bytes.substr(i, 1))) co_return false;
                if (i + 1 == bytes.size()) break;
                s.timer.expires_after(plan.delay);
                const auto [ec] = co_await s.timer.async_wait(use_tuple);
                if (ec) co_return false;
            }
            co_return true;
    }
    co_return false;
}

template <class Stream>
awaitable<void> shut_down(Stream& stream) {
    auto& lowest = beast::get_lowest_layer(stream);
    if constexpr (is_tls<Stream>) {
        lowest.expires_after(shutdown_timeout);
        co_await stream.shutdown();
    }
    boost::system::error_code ignored;
    lowest.socket().shutdown(tcp::socket::shutdown_send, ignored);
    lowest.close();
}

// A request that could not be read: the status to refuse it with, or 0 to just close.
int refusal_status(const boost::system::error_code& ec) {
    namespace http = beast::http;
    if (ec == http::error::header_limit) return 431;
    if (ec == http::error::body_limit) return 413;
    if (ec == http::error::end_of_stream || ec == http::error::partial_message) return 0;
    if (ec.category() == http::make_error_code(http::error::bad_method).category()) return 400;
    return 0;  // timeouts, resets, closes
}

template <class Stream>
awaitable<void> serve(std::shared_ptr<session<Stream>> s) {
    s->attach();
    if (s->owner().stopping()) co_return;
    auto& lowest = beast::get_lowest_layer(s->stream);
    if constexpr (is_tls<Stream>) {
        lowest.expires_after(handshake_timeout);
        if (co_await s->stream.handshake(tls_stream::role::server)) co_return;
    }
    for (;;) {
        request_parser parser{s->request};
        lowest.expires_after(s->owner().idle_timeout());
        const auto [ec, n] = co_await beast::http::async_read(s->stream, s->buffer, parser, use_tuple);
        if (ec) {
            if (const int status = refusal_status(ec); status != 0) {
                const response_plan plan = s->owner().answers().refuse(status, s->out);
                co_await deliver(*s, plan);
                co_await shut_down(s->stream);
            }
            co_return;
        }
        const response_plan plan = s->owner().answers().handle(s->request, s->out);
        if (!co_await deliver(*s, plan)) co_return;
        if (plan.close) break;
    }
    co_await shut_down(s->stream);
}

std::string url_of(const tcp::endpoint& endpoint, bool tls) {
    const auto address = endpoint.address();
    std::string host = address.to_string();
    if (address.is_v6()) host = "[" + host + "]";
    return std::string{tls ? "https://" : "http://"} + host + ":" + std::to_string(endpoint.port());
}

}  // namespace

server::server(asio::io_context& context, const emulator_config& config, std::shared_ptr<service> service)
    : context_(context),
      service_(std::move(service)),
      host_(config.listen_host),
      port_(config.listen_port),
      idle_timeout_(config.idle_timeout),
      acceptor_(asio::make_strand(context)) {
    if (config.tls_certificate.empty() != config.tls_private_key.empty()) {
        throw std::runtime_error("TLS needs both a certificate (--tls-cert) and its private key (--tls-key)");
    }
    if (config.tls_certificate.empty()) return;
    tls_.emplace(asio::ssl::context::tls_server);
    tls_->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                      asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1 |
                      asio::ssl::context::single_dh_use);
    boost::system::error_code ec;
    tls_->use_certificate_chain_file(config.tls_certificate.string(), ec);
    if (ec)
        throw std::runtime_error("cannot use the TLS certificate " + config.tls_certificate.string() + ": " +
                                 ec.message());
    tls_->use_private_key_file(config.tls_private_key.string(), asio::ssl::context::pem, ec);
    if (ec)
        throw std::runtime_error("cannot use the TLS private key " + config.tls_private_key.string() + ": " +
                                 ec.message());
}

emulator::endpoint server::start() {
    const std::string host = host_ == "localhost" ? std::string{"127.0.0.1"} : host_;
    boost::system::error_code ec;
    const auto address = asio::ip::make_address(host, ec);
    if (ec)
        throw std::runtime_error("cannot listen on '" + host_ + "': not an IP address; give one, such as 127.0.0.1");
    const tcp::endpoint wanted{address, port_};
    // The error_code overloads: the thrown error names the address instead of Asio's call.
    acceptor_.open(wanted.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(wanted, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) throw boost::system::system_error(ec, "cannot listen on " + url_of(wanted, tls_.has_value()));
    const auto bound = acceptor_.local_endpoint();
    spawn_accept_loop();
    return {bound.address().to_string(), bound.port(), tls_.has_value(), url_of(bound, tls_.has_value())};
}

void server::spawn_accept_loop() {
    auto loop = [](std::shared_ptr<server> self) -> awaitable<void> {
        asio::steady_timer pause{self->acceptor_.get_executor()};
        while (!self->stopping_) {
            tcp::socket socket{asio::make_strand(self->context_)};
            const auto [ec] = co_await self->acceptor_.async_accept(socket, use_tuple);
            if (ec == asio::error::operation_aborted || self->stopping_ || !self->acceptor_.is_open()) co_return;
            if (ec) {  // out of descriptors, say: let the connections drain a little
                pause.expires_after(std::chrono::milliseconds{50});
                co_await pause.async_wait(use_tuple);
                continue;
            }
            bool full = false;
            {
                const std::lock_guard lock{self->mutex_};
                full = self->connections_.size() >= max_connections;
            }
            if (full) continue;  // the socket closes here
            boost::system::error_code ignored;
            socket.set_option(tcp::no_delay(true), ignored);
            const auto executor = socket.get_executor();
            if (self->tls_) {
                auto s = std::make_shared<session<tls_stream>>(self, beast::tcp_stream(std::move(socket)),
                                                               self->tls_->native_handle());
                asio::co_spawn(executor, serve(std::move(s)), asio::detached);
            } else {
                auto s = std::make_shared<session<plain_stream>>(self, std::move(socket));
                asio::co_spawn(executor, serve(std::move(s)), asio::detached);
            }
        }
    };
    asio::co_spawn(acceptor_.get_executor(), loop(shared_from_this()), asio::detached);
}

void server::stop() {
    if (stopping_.exchange(true)) return;
    asio::post(acceptor_.get_executor(), [self = shared_from_this()] {
        boost::system::error_code ignored;
        self->acceptor_.close(ignored);
    });
    // Closed outside the lock: dropping the last reference to a connection unregisters it.
    std::vector<std::shared_ptr<connection>> open;
    {
        const std::lock_guard lock{mutex_};
        for (const auto& [id, weak] : connections_) {
            if (auto c = weak.lock()) open.push_back(std::move(c));
        }
    }
    for (const auto& c : open) c->close();
}

std::uint64_t server::add(const std::shared_ptr<connection>& c) {
    const std::lock_guard lock{mutex_};
    const std::uint64_t id = ++next_id_;
    connections_.emplace(id, c);
    if (stopping_) c->close();  // accepted while stopping: closed like the others
    return id;
}

void server::remove(std::uint64_t id) {
    const std::lock_guard lock{mutex_};
    connections_.erase(id);
}

}  // namespace hotlive::emu
