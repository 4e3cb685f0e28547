// Where the fetched modes' servers are: the STS endpoint (the official SDKs' precedence), the
// ECS metadata service, a credentials URI. Plain http is allowed to loopback addresses only
// (tests, rehearsals against hotlive emulate), and to the metadata service's own address.
#pragma once

#include <hotlive/credentials.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace hotlive::detail {

inline constexpr std::string_view metadata_override_variable = "HOTLIVE_ECS_METADATA_ENDPOINT";

struct url_parts {
    credential_endpoint endpoint;
    std::string target;  // path and query, "/" at least
};

// "https://host[:port][/path?query]" or "http://" to a loopback address; nullopt with `problem`
// set (the URL itself is not repeated: it may carry a token).
[[nodiscard]] std::optional<url_parts> parse_credential_url(std::string_view url, std::string& problem);

// A profile's own STS settings, "" when it has none.
struct sts_settings {
    std::string endpoint;  // a host ("sts.cn-hangzhou.aliyuncs.com") or a URL without a path
    std::string region;
    bool vpc = false;
};

// The profile's endpoint, else ALIBABA_CLOUD_STS_ENDPOINT; else the profile's region, else
// ALIBABA_CLOUD_STS_REGION, as sts-vpc.REGION.aliyuncs.com with the profile's enable_vpc or
// ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED=true, sts.REGION.aliyuncs.com otherwise; else
// sts.aliyuncs.com. nullopt with `problem` set naming the setting that is wrong.
[[nodiscard]] std::optional<credential_endpoint> choose_sts_endpoint(const sts_settings& profile,
                                                                     std::string_view profile_field,
                                                                     const environment_lookup& environment,
                                                                     std::string& problem);

// http://100.100.100.200, or HOTLIVE_ECS_METADATA_ENDPOINT (tests and rehearsals: loopback only).
[[nodiscard]] std::optional<credential_endpoint> choose_metadata_endpoint(const environment_lookup& environment,
                                                                          std::string& problem);

// A variable set to "true" in any case, as the SDKs read their switches.
[[nodiscard]] bool environment_flag(const environment_lookup& environment, std::string_view name);

}  // namespace hotlive::detail
