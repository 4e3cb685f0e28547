#include "emulator/sts_api.hpp"

#include "text/json_text.hpp"
#include "time/rfc3339.hpp"

#include <algorithm>
#include <charconv>
#include <functional>

namespace hotlive::emu {
namespace {

bool contains(const std::vector<std::string>& list, std::string_view item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

// The role's id as RAM prints it: 17 digits, the same for the same ARN.
std::string role_id_of(std::string_view arn) {
    std::string digits = std::to_string(std::hash<std::string_view>{}(arn) % 100'000'000'000'000'000ULL);
    return std::string(17 - std::min<std::size_t>(17, digits.size()), '3') + digits;
}

}  // namespace

sts_api::sts_api(const emulator_config& config) : providers_(config.oidc_providers), lifetime_(config.sts_duration) {
    if (config.roles) {
        roles_ = *config.roles;
        return;
    }
    emulator_role demo;
    demo.arn = demo_role_arn;
    if (config.accounts.empty()) demo.allowed_users.emplace_back(demo_access_key_id);
    for (const auto& account : config.accounts) demo.allowed_users.push_back(account.access_key_id);
    demo.allowed_roles.emplace_back(demo_role_arn);
    roles_.push_back(std::move(demo));
}

const emulator_role* sts_api::find_role(std::string_view arn) const {
    for (const auto& role : roles_) {
        if (role.arn == arn) return &role;
    }
    return nullptr;
}

std::shared_ptr<const issued_credential> sts_api::issue(const emulator_role& role, std::size_t account_index,
                                                        std::chrono::seconds lifetime,
                                                        std::chrono::system_clock::time_point now,
                                                        issued_credentials& store) const {
    // Whole seconds: the Expiration the client reads is the instant the emulator refuses from.
    return store.issue(role.arn, account_index, std::chrono::floor<std::chrono::seconds>(now) + lifetime);
}

sts_answer sts_api::assume_role(const request_parameters& parameters, const verification& caller,
                                std::chrono::system_clock::time_point now, issued_credentials& store) const {
    const auto role_arn = parameters.find("RoleArn");
    const auto session = parameters.find("RoleSessionName");
    if (!role_arn || role_arn->empty()) return sts_refusal(api_error::missing_parameter, "RoleArn");
    if (!session || session->empty()) return sts_refusal(api_error::missing_parameter, "RoleSessionName");
    const emulator_role* role = find_role(*role_arn);
    if (role == nullptr) return sts_refusal(api_error::entity_not_exist_role);
    const bool trusted = caller.temporary ? contains(role->allowed_roles, caller.temporary->role_arn)
                                          : contains(role->allowed_users, caller.access_key_id);
    const auto external_id = parameters.find("ExternalId");
    if (!trusted || (role->external_id && (!external_id || *external_id != *role->external_id))) {
        return sts_refusal(api_error::no_permission);
    }
    std::chrono::seconds lifetime = lifetime_;
    if (const auto text = parameters.find("DurationSeconds")) {
        std::uint64_t seconds = 0;
        const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), seconds);
        if (ec != std::errc{} || end != text->data() + text->size() || seconds < min_duration_seconds ||
            seconds > role->max_session_s) {
            return sts_refusal(api_error::invalid_duration_seconds);
        }
        lifetime = std::min(lifetime, std::chrono::seconds{seconds});
    }
    return {api_error::none, {}, issue(*role, caller.account_index, lifetime, now, store), *session};
}

sts_answer sts_api::assume_role_with_oidc(const request_parameters& parameters,
                                          std::chrono::system_clock::time_point now, issued_credentials& store) const {
    const auto provider = parameters.find("OIDCProviderArn");
    const auto role_arn = parameters.find("RoleArn");
    const auto session = parameters.find("RoleSessionName");
    if (!provider || provider->empty()) return sts_refusal(api_error::missing_parameter, "OIDCProviderArn");
    if (!role_arn || role_arn->empty()) return sts_refusal(api_error::missing_parameter, "RoleArn");
    if (!session || session->empty()) return sts_refusal(api_error::missing_parameter, "RoleSessionName");
    if (const auto e = providers_.check(*provider, parameters.find("OIDCToken").value_or(""), now);
        e != api_error::none) {
        return sts_refusal(e);
    }
    const emulator_role* role = find_role(*role_arn);
    if (role == nullptr) return sts_refusal(api_error::entity_not_exist_role);
    return {api_error::none, {}, issue(*role, 0, lifetime_, now, store), *session};
}

void append_sts_success_body(std::string& out, std::string_view request_id, const sts_answer& answer) {
    const issued_credential& c = *answer.credential;
    out.append(R"({"RequestId":")").append(request_id);
    out.append(R"(","AssumedRoleUser":{"Arn":)");
    detail::append_json_string(out, c.role_arn + "/" + std::string{answer.session_name});
    out.append(R"(,"AssumedRoleId":)");
    detail::append_json_string(out, role_id_of(c.role_arn) + ":" + std::string{answer.session_name});
    out.append(R"(},"Credentials":{"SecurityToken":")").append(c.security_token.reveal());
    out.append(R"(","AccessKeyId":")").append(c.access_key_id);
    out.append(R"(","AccessKeySecret":")").append(c.access_key_secret.reveal());
    out.append(R"(","Expiration":")").append(detail::format_rfc3339_utc(c.expiration)).append(R"("}})");
}

}  // namespace hotlive::emu
