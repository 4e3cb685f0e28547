#include <hotlive/credentials.hpp>

#include <ostream>

namespace hotlive {

std::ostream& operator<<(std::ostream& out, const secret_string&) { return out << "[redacted]"; }

std::string mask_access_key_id(std::string_view access_key_id) {
    constexpr std::size_t visible = 4;
    constexpr std::size_t shortest_partly_shown = 8;
    std::string out(access_key_id.size(), '*');
    if (access_key_id.size() >= shortest_partly_shown) {
        out.replace(out.size() - visible, visible, access_key_id.substr(access_key_id.size() - visible));
    }
    return out;
}

std::string_view to_string(credential_mode mode) {
    switch (mode) {
        case credential_mode::access_key:
            return "AK";
        case credential_mode::sts_token:
            return "StsToken";
        case credential_mode::ram_role_arn:
            return "RamRoleArn";
        case credential_mode::chainable_ram_role_arn:
            return "ChainableRamRoleArn";
        case credential_mode::ecs_ram_role:
            return "EcsRamRole";
        case credential_mode::oidc:
            return "OIDC";
        case credential_mode::credentials_uri:
            return "CredentialsURI";
        case credential_mode::external:
            return "External";
    }
    return "unknown";
}

bool is_fetched(credential_mode mode) {
    return mode != credential_mode::access_key && mode != credential_mode::sts_token;
}

std::string credential_endpoint::url() const {
    const bool default_port = port == (tls ? "443" : "80");
    const bool ipv6 = host.find(':') != std::string::npos;
    return (tls ? "https://" : "http://") + (ipv6 ? "[" + host + "]" : host) + (default_port ? "" : ":" + port);
}

}  // namespace hotlive
