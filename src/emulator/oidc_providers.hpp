// The OIDC identity providers AssumeRoleWithOIDC trusts, and how it judges a token: the provider's
// ARN must be configured, the token one of its literal tokens or the current content of its token
// file (re-read at every request, as a Kubernetes pod's projected token is rotated under it), and,
// when the token is a JWT with an "exp" claim, not expired. The emulator checks no JWT signature:
// a token is genuine when it is configured.
#pragma once

#include "emulator/responses.hpp"

#include <hotlive/emulator.hpp>

#include <chrono>
#include <optional>
#include <string_view>
#include <vector>

namespace hotlive::emu {

class oidc_providers {
public:
    // With none configured, the demo provider with the demo token.
    explicit oidc_providers(const std::optional<std::vector<emulator_oidc_provider>>& configured);

    // none, or AuthenticationFail.NoPermission (unknown provider), .OIDCToken.Invalid (empty or
    // not the provider's), .OIDCToken.Expired (the provider's, but its "exp" has passed).
    [[nodiscard]] api_error check(std::string_view provider_arn, std::string_view token,
                                  std::chrono::system_clock::time_point now) const;

private:
    std::vector<emulator_oidc_provider> providers_;
};

// The "exp" claim of a JWT (header.payload.signature, base64url), when `token` is one with a
// numeric "exp"; nullopt otherwise.
[[nodiscard]] std::optional<std::chrono::sys_seconds> jwt_expiry(std::string_view token);

}  // namespace hotlive::emu
