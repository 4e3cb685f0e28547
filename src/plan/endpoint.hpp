// The API endpoint a plan or the command line names: https, or plain http to a loopback
// address only (the emulator), since requests carry credentials' signatures.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace hotlive::detail {

struct endpoint {
    bool tls = true;
    std::string host;  // without brackets for IPv6
    std::string port;  // "443" / "80" when the URL has none
};

struct endpoint_result {
    std::optional<endpoint> value;
    std::string error;  // why the URL is refused, phrased to be fixed
};

[[nodiscard]] endpoint_result parse_endpoint(std::string_view url);

[[nodiscard]] bool is_loopback_host(std::string_view host);

}  // namespace hotlive::detail
