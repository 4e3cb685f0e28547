// Credentials from the environment: the standard ALIBABA_CLOUD_* variables first, then the
// aliyun CLI's ALIBABACLOUD_* and ALICLOUD_* spellings, each variable independently.
#include "credentials/chain.hpp"

#include <array>

namespace hotlive::detail {
namespace {

using names = std::array<std::string_view, 3>;

constexpr names id_names{"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABACLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY_ID"};
constexpr names secret_names{"ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABACLOUD_ACCESS_KEY_SECRET",
                             "ALICLOUD_ACCESS_KEY_SECRET"};
constexpr names token_names{"ALIBABA_CLOUD_SECURITY_TOKEN", "ALIBABACLOUD_SECURITY_TOKEN", "ALICLOUD_SECURITY_TOKEN"};
constexpr names profile_names{"ALIBABA_CLOUD_PROFILE", "ALIBABACLOUD_PROFILE", "ALICLOUD_PROFILE"};

struct variable {
    std::string_view name;
    std::string value;
};

std::optional<variable> first_set(const environment_lookup& environment, const names& candidates) {
    for (const auto name : candidates) {
        auto value = environment(name);
        if (value && !value->empty()) return variable{name, std::move(*value)};
    }
    return std::nullopt;
}

// "A, B or C"
std::string alternatives(const names& candidates) {
    return std::string{candidates[0]} + ", " + std::string{candidates[1]} + " or " + std::string{candidates[2]};
}

}  // namespace

std::optional<std::string> environment_value(const environment_lookup& environment, std::string_view name) {
    auto value = environment(name);
    if (!value || value->empty()) return std::nullopt;
    return value;
}

bool environment_has_keys(const environment_lookup& environment) {
    return first_set(environment, id_names) || first_set(environment, secret_names) ||
           first_set(environment, token_names);
}

std::optional<profile_request> environment_profile(const environment_lookup& environment) {
    auto profile = first_set(environment, profile_names);
    if (!profile) return std::nullopt;
    return profile_request{std::move(profile->value), profile->name};
}

lookup_result read_environment_keys(const environment_lookup& environment, credential_resolution& out) {
    auto id = first_set(environment, id_names);
    auto secret = first_set(environment, secret_names);
    auto token = first_set(environment, token_names);
    if (!id && !secret) {
        if (token) {
            out.error = std::string{token->name} + " is set but no access key is: set " + std::string{id_names[0]} +
                        " and " + std::string{secret_names[0]} + " too";
            return lookup_result::failed;
        }
        out.steps.push_back("environment: none of " + alternatives(id_names) + " is set");
        return lookup_result::not_found;
    }
    if (!secret) {
        out.error = std::string{id->name} + " is set but none of " + alternatives(secret_names) + " is";
        return lookup_result::failed;
    }
    if (!id) {
        out.error = std::string{secret->name} + " is set but none of " + alternatives(id_names) + " is";
        return lookup_result::failed;
    }

    std::string variables = std::string{id->name} + ", " + std::string{secret->name};
    if (token) variables += ", " + std::string{token->name};
    out.steps.push_back("environment: found " + variables);
    out.mode = token ? credential_mode::sts_token : credential_mode::access_key;
    out.source = {credential_origin::environment, "environment variables " + variables, {}, {}};
    out.value = credentials{std::move(id->value), secret_string{std::move(secret->value)},
                            token ? secret_string{std::move(token->value)} : secret_string{}};
    return lookup_result::found;
}

}  // namespace hotlive::detail
