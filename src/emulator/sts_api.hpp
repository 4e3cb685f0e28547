// STS (API version 2015-04-01) as the emulator answers it: AssumeRole, signed by an account or by
// a session of a role (role chaining), and AssumeRoleWithOIDC, unsigned. Each issues a temporary
// credential into the store, charged to a quota: AssumeRole's to the caller's account (a session
// of a session to the first session's), AssumeRoleWithOIDC's to the first configured account (the
// emulator's accounts stand for RAM users of one Alibaba Cloud account).
//
// A credential lives config.sts_duration; AssumeRole's DurationSeconds, from 900 to the role's
// max_session_s, shortens it when smaller, so --sts-duration 30s issues 30 s credentials to a
// client that asks for an hour.
#pragma once

#include "emulator/issued_credentials.hpp"
#include "emulator/oidc_providers.hpp"
#include "emulator/parameters.hpp"
#include "emulator/responses.hpp"
#include "emulator/verification.hpp"

#include <hotlive/emulator.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace hotlive::emu {

inline constexpr std::string_view sts_version = "2015-04-01";
inline constexpr std::string_view assume_role_action = "AssumeRole";
inline constexpr std::string_view assume_role_with_oidc_action = "AssumeRoleWithOIDC";
inline constexpr std::uint32_t min_duration_seconds = 900;

struct sts_answer {
    api_error error = api_error::none;
    std::string_view missing;  // the parameter MissingParameter names
    std::shared_ptr<const issued_credential> credential;
    std::string_view session_name;  // a view into the request's parameters
};

[[nodiscard]] inline sts_answer sts_refusal(api_error error, std::string_view missing = {}) {
    sts_answer a;
    a.error = error;
    a.missing = missing;
    return a;
}

class sts_api {
public:
    explicit sts_api(const emulator_config& config);

    // `caller` is verified. In order: RoleArn and RoleSessionName present, the role exists
    // (EntityNotExist.Role), trusts the caller and, when it has one, the ExternalId matches
    // (NoPermission), DurationSeconds in range (InvalidParameter.DurationSeconds).
    [[nodiscard]] sts_answer assume_role(const request_parameters& parameters, const verification& caller,
                                         std::chrono::system_clock::time_point now, issued_credentials& store) const;
    // In order: OIDCProviderArn, RoleArn, RoleSessionName present, the provider and its token
    // (oidc_providers::check), the role exists.
    [[nodiscard]] sts_answer assume_role_with_oidc(const request_parameters& parameters,
                                                   std::chrono::system_clock::time_point now,
                                                   issued_credentials& store) const;

private:
    [[nodiscard]] const emulator_role* find_role(std::string_view arn) const;
    [[nodiscard]] std::shared_ptr<const issued_credential> issue(const emulator_role& role, std::size_t account_index,
                                                                 std::chrono::seconds lifetime,
                                                                 std::chrono::system_clock::time_point now,
                                                                 issued_credentials& store) const;

    std::vector<emulator_role> roles_;
    oidc_providers providers_;
    std::chrono::seconds lifetime_;
};

// {"RequestId":…,"AssumedRoleUser":{"Arn":"ROLE_ARN/SESSION","AssumedRoleId":"DIGITS:SESSION"},
//  "Credentials":{"SecurityToken":…,"AccessKeyId":"STS.…","AccessKeySecret":…,"Expiration":"…Z"}}
void append_sts_success_body(std::string& out, std::string_view request_id, const sts_answer& answer);

}  // namespace hotlive::emu
