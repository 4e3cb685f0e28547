#include "plan/endpoint.hpp"

#include "text/quote.hpp"

#include <boost/url/grammar/parse.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/rfc/ipv4_address_rule.hpp>
#include <boost/url/url_view.hpp>

#include <algorithm>

namespace hotlive::detail {

bool is_loopback_host(std::string_view host) {
    if (host == "localhost" || host == "::1") return true;
    // 127.0.0.0/8, written as an address: "127.example.net" is a name anyone can register.
    const auto v4 = boost::urls::grammar::parse(host, boost::urls::ipv4_address_rule);
    return v4 && v4->to_bytes()[0] == 127;
}

endpoint_result parse_endpoint(std::string_view url) {
    const auto parsed = boost::urls::parse_absolute_uri(url);
    if (!parsed) return {std::nullopt, quoted(url) + " is not a URL; write e.g. https://live.aliyuncs.com"};
    const boost::urls::url_view& u = *parsed;

    endpoint e;
    const std::string scheme = u.scheme();
    if (scheme == "https") {
        e.tls = true;
    } else if (scheme == "http") {
        e.tls = false;
    } else {
        return {std::nullopt,
                "the endpoint scheme must be https (or http for a loopback emulator), got " + quoted(scheme)};
    }
    if (!u.has_authority() || u.host().empty()) {
        return {std::nullopt, "the endpoint " + quoted(url) + " has no host"};
    }
    if (u.has_userinfo()) return {std::nullopt, "the endpoint must not carry a user or password"};
    if (!(u.path().empty() || u.path() == "/") || u.has_query() || u.has_fragment()) {
        return {std::nullopt,
                "the endpoint must be scheme://host[:port] (e.g. https://live.aliyuncs.com), without "
                "a path, query or fragment; got " +
                    quoted(url)};
    }
    e.host =
        u.host_type() == boost::urls::host_type::ipv6 ? std::string(u.encoded_host_address()) : std::string(u.host());
    if (u.has_port()) {
        // Boost.URL keeps a port's digits as written and wraps its number: check the text.
        const std::string_view port = u.port();
        const bool digits = !port.empty() && port.size() <= 5 &&
                            std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (!digits || std::stoul(std::string(port)) == 0 || std::stoul(std::string(port)) > 65535) {
            return {std::nullopt, "the endpoint's port " + quoted(port) + " is not a port number (1-65535)"};
        }
    }
    e.port = u.has_port() ? std::string(u.port()) : (e.tls ? "443" : "80");
    if (!e.tls && !is_loopback_host(e.host)) {
        return {std::nullopt,
                "plain http:// is allowed only for a loopback address (the emulator); use https://" + e.host};
    }
    return {std::move(e), {}};
}

}  // namespace hotlive::detail
