#include "credentials/credential_http.hpp"

#include "net/connector.hpp"
#include "net/exchange_error.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <optional>

namespace hotlive::detail {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

constexpr auto as_values = net::as_tuple(net::use_awaitable);
constexpr std::uint32_t header_limit = 16U * 1024U;
constexpr std::uint64_t body_limit = std::uint64_t{64} * 1024;

template <typename Stream>
net::awaitable<http_answer> write_and_read(Stream& stream, http::request<http::string_body>& request,
                                           const connector& route) {
    http_answer answer;
    auto [write_ec, written] = co_await http::async_write(stream, request, as_values);
    if (write_ec) {
        answer.error = exchange_error(write_ec);
        answer.detail = route.route_detail();
        co_return answer;
    }
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.header_limit(header_limit);
    parser.body_limit(body_limit);
    auto [read_ec, read] = co_await http::async_read(stream, buffer, parser, as_values);
    if (read_ec) {
        answer.error = exchange_error(read_ec);
        answer.detail = route.route_detail();
        co_return answer;
    }
    answer.status = static_cast<int>(parser.get().result_int());
    if (const auto refusal = route.proxy_answer(answer.status); refusal != transport_error::none) {
        answer.error = refusal;
        answer.detail = route.route_detail() + " answered " + std::to_string(answer.status);
        co_return answer;
    }
    answer.body = std::move(parser.get().body());
    co_return answer;
}

}  // namespace

net::awaitable<http_answer> exchange_once(net::any_io_executor executor, const credential_endpoint& endpoint,
                                          const std::string& ca_file, const proxy_server* proxy, http_call call,
                                          http_timeouts timeouts) {
    http_answer answer;
    std::optional<net::ssl::context> tls;
    if (endpoint.tls) {
        auto setup = client_tls(ca_file);
        if (!setup.context) {
            answer.setup_problem = std::move(setup.problem);
            co_return answer;
        }
        tls = std::move(setup.context);
    }
    connector route(executor, {endpoint.tls, endpoint.host, endpoint.port}, proxy, tls ? &*tls : nullptr,
                    timeouts.connect);
    auto opened = co_await route.open(nullptr);
    if (!opened.c) {
        answer.error = opened.error;
        answer.detail = std::move(opened.detail);
        co_return answer;
    }

    http::request<http::string_body> request{call.method, call.target, 11};
    const bool default_port = endpoint.port == (endpoint.tls ? "443" : "80");
    const bool ipv6 = endpoint.host.find(':') != std::string::npos;
    request.set(http::field::host, (ipv6 ? "[" + endpoint.host + "]" : endpoint.host) +
                                       (default_port ? std::string{} : ":" + endpoint.port));
    request.set(http::field::user_agent, "hotlive/0.1");
    for (const auto& [name, value] : call.headers) request.set(name, value);
    request.keep_alive(false);
    request.body() = std::move(call.body);
    request.prepare_payload();
    route.address_request(request);

    auto& c = *opened.c;
    c.lowest().expires_after(timeouts.request);
    if (c.secure) co_return co_await write_and_read(*c.secure, request, route);
    co_return co_await write_and_read(*c.plain, request, route);
}

}  // namespace hotlive::detail
