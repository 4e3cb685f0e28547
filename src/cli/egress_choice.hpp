// --proxy URL / --no-proxy against the plan's proxy and the environment (proxy.hpp), for the
// commands that reach the network; what is wrong is printed, naming the variable or option.
#pragma once

#include <hotlive/proxy.hpp>

#include <optional>
#include <string>

namespace hotlive::cli {

struct proxy_options {
    std::optional<std::string> proxy;  // --proxy URL
    bool no_proxy = false;             // --no-proxy
};

// The egress, or none after printing why not. With `verbose`, a note says where connections go
// when a proxy (or --no-proxy, or proxy: false) is in play.
[[nodiscard]] std::optional<egress> choose_egress_reporting(const proxy_options& options, const proxy_choice& plan,
                                                            bool verbose);

}  // namespace hotlive::cli
