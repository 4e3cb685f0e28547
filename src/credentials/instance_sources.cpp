// The chain's last places: the ECS instance role (the metadata service) and
// ALIBABA_CLOUD_CREDENTIALS_URI, both configured by the environment alone.
#include "credentials/chain.hpp"
#include "credentials/endpoints.hpp"
#include "credentials/profile_fields.hpp"

#include <memory>

namespace hotlive::detail {
namespace {

constexpr std::string_view uri_variable = "ALIBABA_CLOUD_CREDENTIALS_URI";
constexpr std::string_view role_variable = "ALIBABA_CLOUD_ECS_METADATA";

profile_fields environment_fields(const environment_lookup& environment, std::string where) {
    return {[&environment](std::string_view name) {
                return name.empty() ? std::string{} : environment_value(environment, name).value_or("");
            },
            std::move(where)};
}

}  // namespace

lookup_result read_credentials_uri_environment(const environment_lookup& environment, credential_resolution& out) {
    if (!environment_value(environment, uri_variable)) {
        out.steps.push_back("environment: " + std::string{uri_variable} + " is not set");
        return lookup_result::not_found;
    }
    const auto fields = environment_fields(environment, "environment variable " + std::string{uri_variable});
    if (!read_credentials_uri(fields, {.uri = uri_variable}, out)) return lookup_result::failed;
    out.steps.push_back("environment: found " + std::string{uri_variable});
    out.mode = credential_mode::credentials_uri;
    out.source = {credential_origin::environment, fields.where, {}, {}};
    return lookup_result::found;
}

lookup_result read_instance_role(const environment_lookup& environment, credential_resolution& out) {
    if (environment_flag(environment, "ALIBABA_CLOUD_ECS_METADATA_DISABLED")) {
        out.steps.emplace_back("ECS instance role: skipped, ALIBABA_CLOUD_ECS_METADATA_DISABLED=true");
        return lookup_result::not_found;
    }
    const bool named = environment_value(environment, role_variable).has_value();
    const std::string where = named ? "environment variable " + std::string{role_variable}
                                    : "the ECS instance's RAM role (nothing else is configured)";
    if (!read_ecs_role(environment_fields(environment, where), {.role_name = role_variable}, environment, out)) {
        return lookup_result::failed;
    }
    if (environment_value(environment, uri_variable)) {
        auto uri = std::make_shared<credential_resolution>();
        if (read_credentials_uri_environment(environment, *uri) != lookup_result::found) {
            out.error = uri->error;
            return lookup_result::failed;
        }
        out.fallback = std::move(uri);
    }
    out.steps.push_back(named ? "environment: found " + std::string{role_variable}
                              : "ECS instance role: to be asked of the metadata service at " +
                                    out.metadata_endpoint.url());
    out.mode = credential_mode::ecs_ram_role;
    out.source = {named ? credential_origin::environment : credential_origin::instance_metadata, where, {}, {}};
    return lookup_result::found;
}

}  // namespace hotlive::detail
