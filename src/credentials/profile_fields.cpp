#include "credentials/profile_fields.hpp"

#include "credentials/chain.hpp"
#include "credentials/endpoints.hpp"
#include "credentials/process_command.hpp"

#include <algorithm>
#include <charconv>

namespace hotlive::detail {
namespace {

constexpr std::chrono::seconds shortest_duration{900};  // STS refuses less

bool fail(credential_resolution& out, std::string message) {
    out.error = std::move(message);
    return false;
}

bool has_only(std::string_view text, std::string_view extra) {
    return std::all_of(text.begin(), text.end(), [extra](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               extra.find(c) != std::string_view::npos;
    });
}

// "acs:ram::ACCOUNT:KIND/NAME", in the characters RAM allows: safe to print once checked.
bool is_arn(std::string_view value, std::string_view kind) {
    constexpr std::string_view prefix = "acs:ram::";
    const auto slash = value.find('/');
    if (!value.starts_with(prefix) || slash == std::string_view::npos || slash + 1 == value.size()) return false;
    const auto colon = value.rfind(':', slash);
    return colon != std::string_view::npos && value.substr(colon + 1, slash - colon - 1) == kind &&
           value.size() <= 256 && has_only(value, ":/._@+=,-");
}

// The required field's value, or "" after setting the error.
std::string required(const profile_fields& fields, std::string_view key, credential_resolution& out) {
    auto value = fields.get(key);
    if (value.empty()) fail(out, fields.where + " has no " + std::string{key});
    return value;
}

bool read_role_settings(const profile_fields& fields, const field_names& names, const environment_lookup& environment,
                        credential_resolution& out) {
    out.role_arn = required(fields, names.role_arn, out);
    if (out.role_arn.empty()) return false;
    if (!is_arn(out.role_arn, "role")) {
        return fail(out, fields.where + ": " + std::string{names.role_arn} +
                             " is not a RAM role ARN (acs:ram::ACCOUNT:role/NAME)");
    }
    out.role_session_name = fields.get(names.session_name);
    std::string_view session_field = names.session_name;
    if (out.role_session_name.empty()) {
        out.role_session_name = environment_value(environment, "ALIBABA_CLOUD_ROLE_SESSION_NAME").value_or("");
        session_field = "ALIBABA_CLOUD_ROLE_SESSION_NAME";
    }
    if (!out.role_session_name.empty() && (out.role_session_name.size() < 2 || out.role_session_name.size() > 64 ||
                                           !has_only(out.role_session_name, ".@_-"))) {
        return fail(out,
                    fields.where + ": " + std::string{session_field} + " must be 2 to 64 letters, digits or . @ _ -");
    }
    if (!names.duration.empty()) {
        const auto text = fields.get(names.duration);
        long long seconds = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
        if (!text.empty() && (ec != std::errc{} || end != text.data() + text.size())) {
            return fail(out, fields.where + ": " + std::string{names.duration} + " is not a whole number of seconds");
        }
        // The aliyun CLI writes 0 for "not set".
        if (seconds != 0) out.duration = std::chrono::seconds{seconds};
        if (out.duration < shortest_duration) {
            return fail(out, fields.where + ": " + std::string{names.duration} + " is " + std::to_string(seconds) +
                                 "; STS issues credentials for 900 seconds at least");
        }
    }
    out.policy = fields.get(names.policy);
    const sts_settings sts{fields.get(names.sts_endpoint), fields.get(names.sts_region),
                           fields.get(names.enable_vpc) == "true"};
    std::string problem;
    auto endpoint = choose_sts_endpoint(sts, names.sts_endpoint, environment, problem);
    if (!endpoint) return fail(out, fields.where + ": " + problem);
    out.sts_endpoint = std::move(*endpoint);
    return true;
}

}  // namespace

bool read_keys(const profile_fields& fields, const field_names& names, std::string_view token_key, credentials& keys,
               credential_resolution& out) {
    keys.access_key_id = required(fields, names.access_key_id, out);
    if (keys.access_key_id.empty()) return false;
    keys.access_key_secret = secret_string{required(fields, names.access_key_secret, out)};
    if (keys.access_key_secret.empty()) return false;
    if (token_key.empty()) return true;
    keys.security_token = secret_string{required(fields, token_key, out)};
    return !keys.security_token.empty();
}

bool read_assume_role(const profile_fields& fields, const field_names& names, const environment_lookup& environment,
                      credential_resolution& out) {
    if (!read_role_settings(fields, names, environment, out)) return false;
    out.external_id = fields.get(names.external_id);
    return true;
}

bool read_oidc(const profile_fields& fields, const field_names& names, const environment_lookup& environment,
               credential_resolution& out) {
    if (!read_role_settings(fields, names, environment, out)) return false;
    out.oidc_provider_arn = required(fields, names.oidc_provider_arn, out);
    if (out.oidc_provider_arn.empty()) return false;
    if (!is_arn(out.oidc_provider_arn, "oidc-provider")) {
        return fail(out, fields.where + ": " + std::string{names.oidc_provider_arn} +
                             " is not an OIDC provider ARN (acs:ram::ACCOUNT:oidc-provider/NAME)");
    }
    out.oidc_token_file = required(fields, names.oidc_token_file, out);
    return !out.oidc_token_file.empty();
}

bool read_ecs_role(const profile_fields& fields, const field_names& names, const environment_lookup& environment,
                   credential_resolution& out) {
    out.ecs_role_name = fields.get(names.role_name);
    if (!out.ecs_role_name.empty() && (out.ecs_role_name.size() > 64 || !has_only(out.ecs_role_name, ".-_"))) {
        return fail(out, fields.where + ": " + std::string{names.role_name} +
                             " is not a RAM role name (letters, digits, . - _)");
    }
    out.imdsv1_disabled = environment_flag(environment, "ALIBABA_CLOUD_IMDSV1_DISABLED");
    std::string problem;
    auto endpoint = choose_metadata_endpoint(environment, problem);
    if (!endpoint) return fail(out, problem);
    out.metadata_endpoint = std::move(*endpoint);
    return true;
}

bool read_credentials_uri(const profile_fields& fields, const field_names& names, credential_resolution& out) {
    const auto uri = required(fields, names.uri, out);
    if (uri.empty()) return false;
    std::string problem;
    auto parts = parse_credential_url(uri, problem);
    if (!parts) return fail(out, fields.where + ": " + std::string{names.uri} + " " + problem);
    out.uri_endpoint = std::move(parts->endpoint);
    out.uri_target = secret_string{std::move(parts->target)};
    return true;
}

bool read_process_command(const profile_fields& fields, const field_names& names, credential_resolution& out) {
    const auto command = required(fields, names.process_command, out);
    if (command.empty()) return false;
    std::string problem;
    auto argv = split_process_command(command, problem);
    if (!argv) return fail(out, fields.where + ": " + std::string{names.process_command} + " " + problem);
    out.process_command = std::move(*argv);
    return true;
}

}  // namespace hotlive::detail
