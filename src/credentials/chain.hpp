// The places of the credential chain. Each reads one place and records what it saw in the
// resolution: a step always, the mode, source and what the mode needs when found, the error when
// the place is configured but unusable (which ends the chain: falling through to another place
// would silently use other credentials than the user configured).
#pragma once

#include <hotlive/credentials.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace hotlive::detail {

enum class lookup_result { found, not_found, failed };

// A profile name and who named it, for messages ("--profile", "ALIBABA_CLOUD_PROFILE").
struct profile_request {
    std::string name;
    std::string_view named_by;
};

// The variable's value; nullopt when unset or empty.
[[nodiscard]] std::optional<std::string> environment_value(const environment_lookup& environment,
                                                           std::string_view name);

// ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET/SECURITY_TOKEN and their aliyun CLI spellings.
[[nodiscard]] lookup_result read_environment_keys(const environment_lookup& environment, credential_resolution& out);

// True when any access key, secret or token variable is set (they are then ignored for a
// profile named for this run).
[[nodiscard]] bool environment_has_keys(const environment_lookup& environment);

// ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN and ALIBABA_CLOUD_OIDC_TOKEN_FILE: all
// three or none.
[[nodiscard]] lookup_result read_oidc_environment(const environment_lookup& environment, credential_resolution& out);

// True when any of the three OIDC variables is set.
[[nodiscard]] bool environment_has_oidc(const environment_lookup& environment);

// ALIBABA_CLOUD_PROFILE, ALIBABACLOUD_PROFILE or ALICLOUD_PROFILE.
[[nodiscard]] std::optional<profile_request> environment_profile(const environment_lookup& environment);

// ~/.aliyun/config.json: the requested profile, else the file's "current", else "default".
[[nodiscard]] lookup_result read_aliyun_config(const std::filesystem::path& file,
                                               const std::optional<profile_request>& requested,
                                               const environment_lookup& environment, credential_resolution& out);

// ~/.alibabacloud/credentials: the requested profile's section, else [default].
[[nodiscard]] lookup_result read_credentials_ini(const std::filesystem::path& file,
                                                 const std::optional<profile_request>& requested,
                                                 const environment_lookup& environment, credential_resolution& out);

// The ECS instance role, unless ALIBABA_CLOUD_ECS_METADATA_DISABLED=true; with
// ALIBABA_CLOUD_CREDENTIALS_URI as its fallback when set.
[[nodiscard]] lookup_result read_instance_role(const environment_lookup& environment, credential_resolution& out);

// ALIBABA_CLOUD_CREDENTIALS_URI.
[[nodiscard]] lookup_result read_credentials_uri_environment(const environment_lookup& environment,
                                                             credential_resolution& out);

// What the error of an unsupported profile says after "…is not supported; use …, ".
inline constexpr std::string_view supported_alternatives_hint =
    "or set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET";

}  // namespace hotlive::detail
