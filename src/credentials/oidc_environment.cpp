// OIDC from the environment, as ACK's RRSA sets it in a pod: ALIBABA_CLOUD_ROLE_ARN,
// ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE, and optionally
// ALIBABA_CLOUD_ROLE_SESSION_NAME.
#include "credentials/chain.hpp"
#include "credentials/profile_fields.hpp"

#include <algorithm>
#include <array>

namespace hotlive::detail {
namespace {

constexpr std::array<std::string_view, 3> oidc_variables{"ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
                                                         "ALIBABA_CLOUD_OIDC_TOKEN_FILE"};

constexpr field_names environment_names{.role_arn = "ALIBABA_CLOUD_ROLE_ARN",
                                        .session_name = "ALIBABA_CLOUD_ROLE_SESSION_NAME",
                                        .oidc_provider_arn = "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
                                        .oidc_token_file = "ALIBABA_CLOUD_OIDC_TOKEN_FILE"};

}  // namespace

bool environment_has_oidc(const environment_lookup& environment) {
    return std::ranges::any_of(oidc_variables,
                               [&](std::string_view name) { return environment_value(environment, name).has_value(); });
}

lookup_result read_oidc_environment(const environment_lookup& environment, credential_resolution& out) {
    std::string set;
    std::string unset;
    for (const auto name : oidc_variables) {
        auto& list = environment_value(environment, name) ? set : unset;
        list += (list.empty() ? "" : ", ") + std::string{name};
    }
    if (set.empty()) {
        out.steps.emplace_back(
            "environment: no OIDC (ALIBABA_CLOUD_OIDC_PROVIDER_ARN and "
            "ALIBABA_CLOUD_OIDC_TOKEN_FILE are not set)");
        return lookup_result::not_found;
    }
    // A role ARN alone is no OIDC: the SDKs read it as a default for other modes too.
    if (set == "ALIBABA_CLOUD_ROLE_ARN") {
        out.steps.emplace_back(
            "environment: ALIBABA_CLOUD_ROLE_ARN is set without ALIBABA_CLOUD_OIDC_PROVIDER_ARN "
            "and ALIBABA_CLOUD_OIDC_TOKEN_FILE: no OIDC");
        return lookup_result::not_found;
    }
    if (!unset.empty()) {
        out.error =
            "OIDC from the environment needs ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN and "
            "ALIBABA_CLOUD_OIDC_TOKEN_FILE: " +
            unset + (unset.find(',') == std::string::npos ? " is" : " are") + " not set";
        return lookup_result::failed;
    }
    const std::string where = "environment variables " + set;
    const profile_fields fields{[&environment](std::string_view name) {
                                    return name.empty() ? std::string{}
                                                        : environment_value(environment, name).value_or("");
                                },
                                where};
    if (!read_oidc(fields, environment_names, environment, out)) return lookup_result::failed;
    out.steps.push_back("environment: found OIDC " + set);
    out.mode = credential_mode::oidc;
    out.source = {credential_origin::environment, where, {}, {}};
    return lookup_result::found;
}

}  // namespace hotlive::detail
