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
    credential_resolution out;

    auto requested = profile_for_run(query);
    if (requested) {
        if (detail::environment_has_keys(query.environment)) {
            out.steps.push_back("environment: access key variables ignored, profile " +
                                detail::quoted(requested->name) + " is named by " + std::string{requested->named_by});
        }
    } else {
        if (detail::read_environment_keys(query.environment, out) != lookup_result::not_found) return out;
        requested = detail::environment_profile(query.environment);
    }

    if (query.home.empty()) {
        out.steps.emplace_back("~/.aliyun/config.json and ~/.alibabacloud/credentials: HOME is not set");
    } else {
        if (detail::read_aliyun_config(query.home / ".aliyun" / "config.json", requested, out) !=
            lookup_result::not_found) {
            return out;
        }
        if (detail::read_credentials_ini(query.home / ".alibabacloud" / "credentials", requested, out) !=
            lookup_result::not_found) {
            return out;
        }
    }

    out.error = requested
                    ? "profile " + detail::quoted(requested->name) + " (named by " + std::string{requested->named_by} +
                          ") was not found; looked at: " + joined_steps(out.steps)
                    : "no credentials found; looked at: " + joined_steps(out.steps) +
                          ". Set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or run "
                          "\"aliyun configure\"";
    return out;
}

}  // namespace hotlive
