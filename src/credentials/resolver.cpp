// The credential chain (order and precedence: include/hotlive/credentials.hpp).
#include "credentials/chain.hpp"
#include "text/quote.hpp"

namespace hotlive {
namespace {

std::string joined_steps(const std::vector<std::string>& steps) {
    std::string out;
    for (const auto& step : steps) {
        if (!out.empty()) out += "; ";
        out += step;
    }
    return out;
}

std::optional<detail::profile_request> profile_for_run(const credential_query& query) {
    if (query.cli_profile) return detail::profile_request{*query.cli_profile, "--profile"};
    if (query.plan_profile) return detail::profile_request{*query.plan_profile, "the plan's credentials.profile"};
    return std::nullopt;
}

}  // namespace

credential_resolution resolve_credentials(const credential_query& query) {
    using detail::lookup_result;
    const auto& environment = query.environment;
    credential_resolution out;

    auto requested = profile_for_run(query);
    if (requested) {
        const std::string named =
            "profile " + detail::quoted(requested->name) + " is named by " + std::string{requested->named_by};
        if (detail::environment_has_keys(environment)) {
            out.steps.push_back("environment: access key variables ignored, " + named);
        }
        if (detail::environment_has_oidc(environment)) {
            out.steps.push_back("environment: OIDC variables ignored, " + named);
        }
    } else {
        if (detail::read_environment_keys(environment, out) != lookup_result::not_found) return out;
        if (detail::read_oidc_environment(environment, out) != lookup_result::not_found) return out;
        requested = detail::environment_profile(environment);
    }

    if (query.home.empty()) {
        out.steps.emplace_back("~/.aliyun/config.json: HOME is not set");
    } else if (detail::read_aliyun_config(query.home / ".aliyun" / "config.json", requested, environment, out) !=
               lookup_result::not_found) {
        return out;
    }
    const auto named_file = detail::environment_value(environment, "ALIBABA_CLOUD_CREDENTIALS_FILE");
    if (named_file) {
        if (!std::filesystem::exists(*named_file)) {
            out.error = "ALIBABA_CLOUD_CREDENTIALS_FILE names " + *named_file + ", which does not exist";
            return out;
        }
        if (detail::read_credentials_ini(*named_file, requested, environment, out) != lookup_result::not_found) {
            return out;
        }
    } else if (query.home.empty()) {
        out.steps.emplace_back("~/.alibabacloud/credentials: HOME is not set");
    } else if (detail::read_credentials_ini(query.home / ".alibabacloud" / "credentials", requested, environment,
                                            out) != lookup_result::not_found) {
        return out;
    }

    if (requested) {
        // A profile named for this run, or by ALIBABA_CLOUD_PROFILE, is what the user wants; the
        // instance role would be another account's.
        out.error = "profile " + detail::quoted(requested->name) + " (named by " + std::string{requested->named_by} +
                    ") was not found; looked at: " + joined_steps(out.steps);
        return out;
    }
    if (detail::read_instance_role(environment, out) != lookup_result::not_found) return out;
    if (detail::read_credentials_uri_environment(environment, out) != lookup_result::not_found) return out;

    out.error = "no credentials found; looked at: " + joined_steps(out.steps) +
                ". Set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or run \"aliyun configure\"";
    return out;
}

}  // namespace hotlive
