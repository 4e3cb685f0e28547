#include <hotlive/api_client.hpp>

#include "net/answer_parser.hpp"
#include "net/connector.hpp"
#include "net/deadline_watch.hpp"
#include "net/exchange_error.hpp"
#include "time/http_date.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <openssl/ssl.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <stdexcept>
#include <vector>

namespace hotlive {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using boost::system::error_code;

constexpr auto as_values = net::as_tuple(net::use_awaitable);
constexpr std::uint32_t header_limit = 64 * 1024;
constexpr std::uint64_t body_limit = std::uint64_t{1024} * 1024;

// A TLS session to resume: new connections skip the full handshake (one round trip and the
// certificate checks' CPU) when the server still knows it.
using detail::tls_session;

using detail::connection;
using detail::opened;

// How one request and answer went over a connection.
struct exchanged {
    error_code error;
    bool sent = false;  // some bytes of the request were written
};

std::optional<std::chrono::milliseconds> milliseconds_header(std::string_view text) {
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value < 0) return std::nullopt;
    return std::chrono::milliseconds{value};
}

}  // namespace

struct api_client::impl {
    net::any_io_executor executor;
    client_config config;
    std::optional<net::ssl::context> tls;
    std::optional<detail::connector> route;
    std::vector<std::unique_ptr<connection>> idle;
    std::size_t opened_count = 0;
    std::size_t resumed = 0;
    tls_session session;  // the newest session a server gave us
    detail::deadline_watch deadlines;

    impl(net::any_io_executor ex, client_config c)
        : executor(std::move(ex)),
          config(std::move(c)),
          deadlines(executor, detail::deadline_watch::period_for(config.request_timeout)) {
        set_up_tls();
        route.emplace(executor, detail::server_address{config.tls, config.host, config.port},
                      config.proxy ? &*config.proxy : nullptr, tls ? &*tls : nullptr, config.connect_timeout);
    }

    void set_up_tls() {
        if (!config.tls) return;
        auto setup = detail::client_tls(config.ca_file);
        if (!setup.context) throw std::runtime_error(setup.problem);
        tls = std::move(setup.context);
        // Keep the sessions (TLS 1.3 tickets arrive after the handshake) so they can be resumed.
        SSL_CTX_set_session_cache_mode(tls->native_handle(), SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE);
    }

    net::awaitable<opened> open() {
        opened fresh = co_await route->open(detail::share(session.get()));
        if (!fresh.c) co_return fresh;
        ++opened_count;
        if (fresh.resumed) ++resumed;
        co_return fresh;
    }

    // After a whole answer, when TLS 1.3's session tickets have arrived with it. A copy: OpenSSL
    // marks a connection's own session unresumable when the connection is freed without a TLS
    // shutdown, as pooled connections are.
    void keep_session(connection& c) {
        const SSL_SESSION* current = SSL_get0_session(c.secure->native_handle());
        if (current == nullptr || SSL_SESSION_is_resumable(current) != 1) return;
        tls_session newest{SSL_SESSION_dup(current)};
        if (!newest) return;
        session = std::move(newest);
        c.session_kept = true;
    }

    template <typename Stream>
    net::awaitable<exchanged> exchange(Stream& stream, connection& c, const std::string& request,
                                       detail::answer_parser& parser) {
        auto [write_ec, written] = co_await net::async_write(stream, net::buffer(request), as_values);
        if (write_ec) co_return exchanged{write_ec, written > 0};
        auto [read_ec, read] = co_await http::async_read(stream, c.buffer, parser, as_values);
        co_return exchanged{read_ec, true};
    }

    // The request as it goes on the wire, written here rather than by Beast's serializer (a
    // fifth of a call's instructions went there): the signed headers, User-Agent, and the body's
    // length; HTTP/1.1 keeps the connection alive without a Connection header.
    [[nodiscard]] std::string wire_text(const signed_request& outgoing) const {
        std::string text;
        text.reserve(256 + outgoing.target.size() + outgoing.body.size() + 96 * outgoing.headers.size());
        route->append_request_head(text, outgoing.method, outgoing.target);
        for (const auto& h : outgoing.headers) {
            text.append(h.name).append(": ");
            // A line break in a value would end the header early (and start another): never
            // written. The value as sent then differs from the signed one, so the service refuses
            // the signature instead of reading an injected header.
            const std::size_t value_at = text.size();
            text.append(h.value);
            std::replace_if(
                text.begin() + static_cast<std::ptrdiff_t>(value_at), text.end(),
                [](char ch) { return ch == '\r' || ch == '\n'; }, ' ');
            text.append("\r\n");
        }
        text.append("User-Agent: hotlive/0.1\r\n");
        if (outgoing.method != "GET" || !outgoing.body.empty()) {
            text.append("Content-Length: ").append(std::to_string(outgoing.body.size())).append("\r\n");
        }
        text.append("\r\n").append(outgoing.body);
        return text;
    }

    net::awaitable<attempt_result> send(signed_request outgoing) {
        const auto started = std::chrono::steady_clock::now();
        const std::string request = wire_text(outgoing);

        attempt_result result;
        attempt_outcome& outcome = result.outcome;
        // A kept-alive connection the server closed while it sat in the pool (its idle timeout, a
        // restart) fails before any answer: that is not the attempt's fault, so the request goes
        // once more, on a new connection. Not on another pooled one: idle as long, it is likely
        // closed too (after a long gap between waves, all of them are).
        for (int round = 0; round < 2; ++round) {
            std::unique_ptr<connection> c;
            const bool reused = round == 0 && !idle.empty();
            if (reused) {
                c = std::move(idle.back());
                idle.pop_back();
            } else {
                opened fresh = co_await open();
                if (!fresh.c) {
                    outcome.error = fresh.error;
                    outcome.detail = std::move(fresh.detail);
                    break;
                }
                c = std::move(fresh.c);
            }
            result.timing.reused_connection = reused;

            detail::answer_parser parser;
            parser.header_limit(header_limit);
            parser.body_limit(body_limit);
            const auto watched =
                deadlines.watch(c->lowest().socket(), std::chrono::steady_clock::now() + config.request_timeout);
            exchanged x = c->secure ? co_await exchange(*c->secure, *c, request, parser)
                                    : co_await exchange(*c->plain, *c, request, parser);
            if (x.error && watched.expired()) x.error = boost::beast::error::timeout;
            if (x.error) {
                const bool stale = reused && !parser.got_some() && detail::connection_lost(x.error);
                if (stale) continue;
                outcome.error = detail::exchange_error(x.error);
                outcome.detail = route->route_detail();
                outcome.request_sent = x.sent || reused;
                break;
            }

            outcome.http_status = parser.status();
            outcome.request_sent = true;
            if (const auto refusal = route->proxy_answer(outcome.http_status); refusal != transport_error::none) {
                // The proxy's answer, not the service's: the request never reached it.
                outcome.error = refusal;
                outcome.request_sent = false;
                outcome.detail = "proxy " + config.proxy->url() + " answered " + std::to_string(outcome.http_status);
                break;
            }
            if (parser.date()) outcome.server_date = *parser.date();
            if (parser.acs_retry_after()) {
                outcome.retry_after = milliseconds_header(*parser.acs_retry_after());
            } else if (parser.retry_after()) {
                outcome.retry_after =
                    detail::parse_retry_after(*parser.retry_after(), std::chrono::system_clock::now());
            }
            const bool keep = parser.keep_alive() && idle.size() < config.max_idle_connections;
            outcome.body = std::move(parser.body());
            if (c->secure && !c->session_kept) keep_session(*c);
            if (keep) idle.push_back(std::move(c));
            break;
        }
        result.timing.latency =
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
        co_return result;
    }
};

api_client::api_client(boost::asio::any_io_executor executor, client_config config)
    : impl_(std::make_unique<impl>(std::move(executor), std::move(config))) {}

api_client::~api_client() = default;

boost::asio::awaitable<attempt_result> api_client::send(signed_request request) {
    return impl_->send(std::move(request));
}

void api_client::shutdown() { impl_->idle.clear(); }

std::size_t api_client::connections_opened() const { return impl_->opened_count; }

std::size_t api_client::connections_resumed() const { return impl_->resumed; }

}  // namespace hotlive
