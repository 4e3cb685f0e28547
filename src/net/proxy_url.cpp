// Proxy URLs: curl's forms, read with Boost.URL (percent-decoding and IPv6 literals included).
#include <hotlive/proxy.hpp>

#include "signing/crypto.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <span>

namespace hotlive {
namespace {

constexpr std::string_view expected_form = "http://[user:password@]host[:port]";

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool valid_port(std::string_view port) {
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    return ec == std::errc{} && end == port.data() + port.size() && value >= 1 && value <= 65535;
}

proxy_url_result refused(std::string why) { return {std::nullopt, std::move(why)}; }

}  // namespace

std::string proxy_server::url() const {
    const bool ipv6 = host.find(':') != std::string::npos;
    return "http://" + (ipv6 ? "[" + host + "]" : host) + ":" + port;
}

std::string proxy_server::authorization() const {
    if (!authenticates()) return {};
    const std::string pair = user + ":" + password;
    std::string header = "Basic ";
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): bytes of the same text
    detail::append_base64(header, std::span(reinterpret_cast<const unsigned char*>(pair.data()), pair.size()));
    return header;
}

proxy_url_result parse_proxy_url(std::string_view text) {
    // "proxy.corp:3128" is http://proxy.corp:3128 to curl, and so here.
    const std::string with_scheme =
        text.find("://") == std::string_view::npos ? "http://" + std::string(text) : std::string(text);
    const auto parsed = boost::urls::parse_uri(with_scheme);
    if (!parsed) return refused("is not a URL: expected " + std::string(expected_form));
    const boost::urls::url_view& u = *parsed;
    const std::string scheme = lower(u.scheme());
    if (scheme == "https") {
        return refused(
            "uses https://, TLS to the proxy itself, which hotlive does not support: give the proxy's http:// "
            "address (the tunnel through it to the endpoint is TLS end to end either way)");
    }
    if (scheme.starts_with("socks"))
        return refused("is a SOCKS proxy, which hotlive does not support: use an HTTP proxy");
    if (scheme != "http") return refused("has the scheme " + scheme + ": expected " + std::string(expected_form));
    if (u.host_type() == boost::urls::host_type::ipvfuture || u.encoded_host().empty()) {
        return refused("has no host: expected " + std::string(expected_form));
    }
    if (!(u.encoded_path().empty() || u.encoded_path() == "/") || u.has_query() || u.has_fragment()) {
        return refused("has a path, query or fragment: expected " + std::string(expected_form));
    }
    proxy_server server;
    server.host = u.host_type() == boost::urls::host_type::ipv6 ? u.host_ipv6_address().to_string() : lower(u.host());
    if (u.has_port() && !valid_port(u.port())) return refused("has a port that is not a number from 1 to 65535");
    server.port = u.has_port() ? std::string(u.port()) : "1080";
    if (u.has_userinfo()) {
        server.user = u.user();
        server.password = u.password();
    }
    return {std::move(server), {}};
}

}  // namespace hotlive
