// Whether a request is signed by a key the emulator knows, as the service checks it: the scheme
// (V3 ACS3-HMAC-SHA256 in the Authorization header, or RPC V1 HMAC-SHA1 in the parameters), the
// common parameters, the API and version, the AccessKeyId (an account's, known and its key not
// disabled, or a temporary one the emulator issued, with its security token, unexpired), the
// timestamp's freshness and the signature itself, recomputed with the signer's own
// canonicalization (hotlive/signer.hpp). The nonce's freshness needs the service's memory and is
// checked there.
#pragma once

#include "emulator/accounts.hpp"
#include "emulator/http_request.hpp"
#include "emulator/issued_credentials.hpp"
#include "emulator/parameters.hpp"
#include "emulator/responses.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <string_view>

namespace hotlive::emu {

enum class signature_scheme : unsigned char { v3, v1 };

inline constexpr std::string_view api_action = "HotLiveRtcStream";
inline constexpr std::string_view api_version = "2016-11-01";
inline constexpr std::chrono::minutes max_clock_skew{15};

// The action and version a request must name.
struct api_name {
    std::string_view action;
    std::string_view version;
};
inline constexpr api_name live_api_name{api_action, api_version};

// The keys a request may be signed with: the accounts', and the temporary ones issued so far.
struct key_stores {
    const account_store& accounts;
    const issued_credentials& issued;
};

struct verification {
    std::optional<signature_scheme> scheme;  // none when the request carries no signature at all
    std::string_view access_key_id;          // as sent; only meaningful when verified
    std::optional<std::string_view> nonce;   // SignatureNonce or x-acs-signature-nonce, as sent
    bool verified = false;
    bool account_key = false;       // the AccessKeyId is an account's (disabled or not)
    std::size_t account_index = 0;  // when verified: the account whose quota the request draws on
    // Set when the AccessKeyId is one the emulator issued, verified or not, with whether it had
    // expired when the request arrived.
    std::shared_ptr<const issued_credential> temporary;
    bool temporary_expired = false;
    api_error error = api_error::none;
    std::string_view missing;  // the parameter or header MissingParameter names
};

// `server_now` is the service's clock (the emulator's wall clock plus its offset). A temporary
// key's security token (x-acs-security-token in V3, signed; SecurityToken in V1) is checked once
// the key is found: present (MissingSecurityToken), its own (InvalidSecurityToken.
// MismatchWithAccessKey), unexpired (InvalidSecurityToken.Expired); then the timestamp and the
// signature, as for any key. A long-term key's token, if sent, is not looked at.
[[nodiscard]] verification verify_request(const http_request& request, const request_parameters& parameters,
                                          key_stores keys, std::chrono::system_clock::time_point server_now,
                                          api_name api = live_api_name);

}  // namespace hotlive::emu
