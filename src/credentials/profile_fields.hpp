// Reading the settings of the fetched modes (RamRoleArn, OIDC, EcsRamRole, CredentialsURI,
// External) from one place — a config.json profile, an INI section or the environment — whatever
// that place calls each field. Each reader returns false after setting the resolution's error,
// which names the place and the field and never repeats a value: a secret pasted on the wrong
// line would be.
#pragma once

#include <hotlive/credentials.hpp>

#include <functional>
#include <string>
#include <string_view>

namespace hotlive::detail {

// A place's fields under its own names.
struct profile_fields {
    std::function<std::string(std::string_view key)> get;  // "" when absent
    std::string where;  // "profile 'x' in /home/u/.aliyun/config.json (mode RamRoleArn)"
};

// What one place calls each field; an empty name: the place has no such field.
struct field_names {
    std::string_view access_key_id{};
    std::string_view access_key_secret{};
    std::string_view role_arn{};
    std::string_view session_name{};
    std::string_view external_id{};
    std::string_view duration{};
    std::string_view policy{};
    std::string_view sts_endpoint{};
    std::string_view sts_region{};
    std::string_view enable_vpc{};
    std::string_view oidc_provider_arn{};
    std::string_view oidc_token_file{};
    std::string_view role_name{};
    std::string_view uri{};
    std::string_view process_command{};
};

inline constexpr field_names aliyun_config_names{
    "access_key_id", "access_key_secret", "ram_role_arn",   "ram_session_name", "external_id",       "expired_seconds",
    "policy",        "sts_endpoint",      "sts_region",     "enable_vpc",       "oidc_provider_arn", "oidc_token_file",
    "ram_role_name", "credentials_uri",   "process_command"};

inline constexpr field_names credentials_ini_names{"access_key_id",
                                                   "access_key_secret",
                                                   "role_arn",
                                                   "role_session_name",
                                                   "external_id",
                                                   "",
                                                   "policy",
                                                   "sts_endpoint",
                                                   "sts_region",
                                                   "enable_vpc",
                                                   "oidc_provider_arn",
                                                   "oidc_token_file_path",
                                                   "role_name",
                                                   "credentials_uri",
                                                   ""};

// The AccessKey (and with `token_key` its STS token) under the place's names.
[[nodiscard]] bool read_keys(const profile_fields& fields, const field_names& names, std::string_view token_key,
                             credentials& keys, credential_resolution& out);

// role_arn (required), session name, external id, duration (900 s at least), policy and the STS
// endpoint of AssumeRole.
[[nodiscard]] bool read_assume_role(const profile_fields& fields, const field_names& names,
                                    const environment_lookup& environment, credential_resolution& out);

// read_assume_role's role settings, the OIDC provider ARN and the token file (required).
[[nodiscard]] bool read_oidc(const profile_fields& fields, const field_names& names,
                             const environment_lookup& environment, credential_resolution& out);

// The role name (optional: the metadata service names it) and the metadata service's settings.
[[nodiscard]] bool read_ecs_role(const profile_fields& fields, const field_names& names,
                                 const environment_lookup& environment, credential_resolution& out);

// The credentials URI (required).
[[nodiscard]] bool read_credentials_uri(const profile_fields& fields, const field_names& names,
                                        credential_resolution& out);

// The External process command (required), split into argv.
[[nodiscard]] bool read_process_command(const profile_fields& fields, const field_names& names,
                                        credential_resolution& out);

}  // namespace hotlive::detail
