// Where hotlive's connections go: straight to the server, or through an HTTP proxy, chosen as curl
// chooses (the conventions every tool on an operations network already follows).
//
// - https:// servers take `https_proxy`, else `HTTPS_PROXY`; http:// servers take `http_proxy`
//   only: upper-case `HTTP_PROXY` is never read, as curl never reads it, because a CGI server
//   sets HTTP_PROXY from a request's "Proxy:" header (httpoxy), and hotlive cannot know whether
//   it runs under one. Either falls back to `all_proxy`, else `ALL_PROXY`. An empty variable is
//   unset.
// - `no_proxy`, else `NO_PROXY`: host names and domain suffixes (a leading dot is optional:
//   ".corp" and "corp" both match corp and any name under it), IP addresses, CIDR ranges
//   ("10.0.0.0/8", "fd00::/8"), comma or space separated, case-insensitive; the list "*" alone
//   bypasses every proxy. It applies to a proxy from the plan or --proxy too, as to curl's -x.
// - The ECS metadata service (100.100.100.200) is never proxied: it is the instance's own.
// - The command line (--proxy URL, --no-proxy) beats the plan's `proxy:` key, which beats the
//   environment.
//
// A proxy URL is [http://][user[:password]@]host[:port], the port 1080 when none is given (as
// curl). The user and password, percent-decoded, are sent as Basic proxy authentication; they
// are a secret: url() never shows them, and no error repeats a proxy URL's text.
//
// Plain computation, without the network; the connections are api_client's.
#pragma once

#include <hotlive/environment.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hotlive {

struct proxy_server {
    std::string host;  // name or address, without brackets
    std::string port;  // "1080" when the URL has none
    std::string user;  // percent-decoded; with password, a secret
    std::string password;

    [[nodiscard]] bool authenticates() const { return !user.empty() || !password.empty(); }
    // "http://proxy.corp:3128": never the user or password.
    [[nodiscard]] std::string url() const;
    // The Proxy-Authorization header's value ("Basic …"), or empty without a user. A secret.
    [[nodiscard]] std::string authorization() const;
};

struct proxy_url_result {
    std::optional<proxy_server> value;
    std::string error;  // what is wrong with it, phrased to be fixed; never the URL's text
};

[[nodiscard]] proxy_url_result parse_proxy_url(std::string_view text);

// How one layer (the command line, the plan) chooses: not at all, no proxy, or this one.
struct proxy_choice {
    enum class kind { unset, direct, proxy };
    kind what = kind::unset;
    std::string url;  // for kind::proxy, not yet parsed
};

// The choice made: where each connection goes.
struct egress {
    std::optional<proxy_server> https_proxy;  // for https:// servers
    std::optional<proxy_server> http_proxy;   // for http:// servers
    std::string no_proxy;                     // the list, as given
    std::string https_origin;                 // where https_proxy came from: "--proxy", "HTTPS_PROXY", …
    std::string http_origin;
    std::string no_proxy_origin;     // "NO_PROXY" or "no_proxy"
    std::vector<std::string> notes;  // e.g. an HTTP_PROXY left unread, for --verbose

    // The proxy to reach host over TLS or not, or null for a direct connection.
    [[nodiscard]] const proxy_server* proxy_for(bool tls, std::string_view host) const;
    // One line for --verbose: "through proxy http://proxy.corp:3128 (HTTPS_PROXY, Basic
    // authentication); not for .corp,10.0.0.0/8" or "direct". Never a secret.
    [[nodiscard]] std::string describe() const;
};

struct egress_result {
    std::optional<egress> value;
    std::string error;  // names the variable, option or key at fault, never its value
};

// The egress of a run: the command line's choice, else the plan's, else the environment's.
[[nodiscard]] egress_result choose_egress(const environment_lookup& environment, const proxy_choice& command_line,
                                          const proxy_choice& plan);

// curl's NO_PROXY rules (see above) for one host name or address (brackets allowed).
[[nodiscard]] bool no_proxy_matches(std::string_view list, std::string_view host);

}  // namespace hotlive
