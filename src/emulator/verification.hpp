// Whether a request is signed by an account the emulator knows, as the service checks it: the
// scheme (V3 ACS3-HMAC-SHA256 in the Authorization header, or RPC V1 HMAC-SHA1 in the
// parameters), the common parameters, the API and version, the AccessKeyId (known, and its key not
// disabled), the timestamp's freshness and the signature itself, recomputed with the signer's own
// canonicalization (hotlive/signer.hpp). The nonce's freshness needs the service's memory and is
// checked there.
#pragma once

#include "emulator/accounts.hpp"
#include "emulator/http_request.hpp"
#include "emulator/parameters.hpp"
#include "emulator/responses.hpp"

#include <chrono>
#include <optional>
#include <string_view>

namespace hotlive::emu {

enum class signature_scheme : unsigned char { v3, v1 };

inline constexpr std::string_view api_action = "HotLiveRtcStream";
inline constexpr std::string_view api_version = "2016-11-01";
inline constexpr std::chrono::minutes max_clock_skew{15};

struct verification {
    std::optional<signature_scheme> scheme;  // none when the request carries no signature at all
    std::string_view access_key_id;          // as sent; only meaningful with `account`
    std::optional<std::string_view> nonce;   // SignatureNonce or x-acs-signature-nonce, as sent
    const account_entry* account = nullptr;  // set when verified
    api_error error = api_error::none;
    std::string_view missing;  // the parameter or header MissingParameter names
};

// `server_now` is the service's clock (the emulator's wall clock plus its offset).
[[nodiscard]] verification verify_request(const http_request& request, const request_parameters& parameters,
                                          const account_store& accounts,
                                          std::chrono::system_clock::time_point server_now);

}  // namespace hotlive::emu
