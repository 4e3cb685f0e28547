#include "emulator/verification.hpp"

#include "signing/ascii.hpp"
#include "time/rfc3339.hpp"

#include <openssl/crypto.h>

#include <array>

namespace hotlive::emu {
namespace {

constexpr std::string_view v3_algorithm = "ACS3-HMAC-SHA256";

bool same_secret_text(std::string_view expected, std::string_view received) {
    return expected.size() == received.size() && CRYPTO_memcmp(expected.data(), received.data(), expected.size()) == 0;
}

verification& fail(verification& v, api_error error, std::string_view missing = {}) {
    v.error = error;
    v.missing = missing;
    v.verified = false;
    return v;
}

// The AccessKeyId's lookup: an account's key (unknown, or known and disabled: a disabled key goes
// no further, so neither its timestamp nor its signature is ever checked), else an issued one,
// whose security token must be its own and unexpired. Returns the key to verify the signature with.
const signing_key* find_key(verification& v, key_stores keys, std::optional<std::string_view> token,
                            std::chrono::system_clock::time_point server_now) {
    if (const account_entry* account = keys.accounts.find(v.access_key_id)) {
        v.account_key = true;
        if (account->disabled) {
            fail(v, api_error::invalid_access_key_id_inactive);
            return nullptr;
        }
        v.account_index = account->index;
        return &account->key;
    }
    v.temporary = keys.issued.find(v.access_key_id);
    if (!v.temporary) {
        fail(v, api_error::invalid_access_key_id);
        return nullptr;
    }
    v.temporary_expired = v.temporary->expired_at(server_now);
    if (!token) {
        fail(v, api_error::missing_security_token);
    } else if (!same_secret_text(v.temporary->security_token.reveal(), *token)) {
        fail(v, api_error::invalid_security_token_mismatch);
    } else if (v.temporary_expired) {
        fail(v, api_error::invalid_security_token_expired);
    } else {
        v.account_index = v.temporary->account_index;
        return &v.temporary->key;
    }
    return nullptr;
}

// Timestamp / x-acs-date: well formed, and within 15 minutes of the service's clock.
api_error check_timestamp(std::string_view text, std::chrono::system_clock::time_point server_now) {
    const auto stamp = detail::parse_rfc3339(text);
    if (!stamp) return api_error::invalid_timestamp_format;
    const auto skew = *stamp - std::chrono::floor<std::chrono::seconds>(server_now);
    if (skew > max_clock_skew || skew < -max_clock_skew) return api_error::invalid_timestamp_expired;
    return api_error::none;
}

bool lists_header(std::string_view signed_headers, std::string_view name) {
    while (!signed_headers.empty()) {
        const auto semicolon = signed_headers.find(';');
        if (detail::iequals_ascii(signed_headers.substr(0, semicolon), name)) return true;
        signed_headers =
            semicolon == std::string_view::npos ? std::string_view{} : signed_headers.substr(semicolon + 1);
    }
    return false;
}

verification verify_v3(const http_request& request, const request_parameters& parameters, key_stores keys,
                       std::chrono::system_clock::time_point server_now, std::string_view authorization_header,
                       api_name api) {
    verification v;
    v.scheme = signature_scheme::v3;
    v.nonce = request.header("x-acs-signature-nonce");
    const auto authorization = parse_acs3_authorization(authorization_header);
    if (!authorization) return fail(v, api_error::incomplete_signature);
    v.access_key_id = authorization->access_key_id;

    static constexpr std::array<std::string_view, 5> required{"x-acs-action", "x-acs-version", "x-acs-date",
                                                              "x-acs-signature-nonce", "x-acs-content-sha256"};
    for (const auto name : required) {
        if (!request.header(name)) return fail(v, api_error::missing_parameter, name);
    }
    if (*request.header("x-acs-action") != api.action) return fail(v, api_error::invalid_action);
    if (*request.header("x-acs-version") != api.version) return fail(v, api_error::invalid_version);
    if (!lists_header(authorization->signed_headers, "host")) return fail(v, api_error::incomplete_signature);
    for (const auto name : required) {
        if (!lists_header(authorization->signed_headers, name)) return fail(v, api_error::incomplete_signature);
    }

    const auto token = request.header("x-acs-security-token");
    if (token && !lists_header(authorization->signed_headers, "x-acs-security-token")) {
        return fail(v, api_error::incomplete_signature);
    }
    const signing_key* key = find_key(v, keys, token, server_now);
    if (key == nullptr) return v;
    if (const auto e = check_timestamp(*request.header("x-acs-date"), server_now); e != api_error::none) {
        return fail(v, e);
    }

    // The payload hash is signed, so it must be the body's: a body changed in flight fails here.
    const std::string_view hashed_payload = *request.header("x-acs-content-sha256");
    if (!same_secret_text(sha256_hex(request.body()), hashed_payload)) {
        return fail(v, api_error::signature_does_not_match);
    }
    const acs3_request_view view{
        request.method(), request.path(), parameters.query(), request.headers(), authorization->signed_headers,
        hashed_payload};
    if (!same_secret_text(acs3_signature(*key, view), authorization->signature)) {
        return fail(v, api_error::signature_does_not_match);
    }
    v.verified = true;
    return v;
}

verification verify_v1(const http_request& request, const request_parameters& parameters, key_stores keys,
                       std::chrono::system_clock::time_point server_now, api_name api) {
    verification v;
    v.nonce = parameters.find("SignatureNonce");
    static constexpr std::array<std::string_view, 5> signature_parameters{
        "Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce", "AccessKeyId"};
    for (const auto name : signature_parameters) {
        if (parameters.find(name)) v.scheme = signature_scheme::v1;
    }

    const auto action = parameters.find("Action");
    if (!action) return fail(v, api_error::missing_parameter, "Action");
    if (*action != api.action) return fail(v, api_error::invalid_action);
    const auto version = parameters.find("Version");
    if (!version) return fail(v, api_error::missing_parameter, "Version");
    if (*version != api.version) return fail(v, api_error::invalid_version);

    static constexpr std::array<std::string_view, 6> required{"AccessKeyId",      "Signature",      "SignatureMethod",
                                                              "SignatureVersion", "SignatureNonce", "Timestamp"};
    for (const auto name : required) {
        if (!parameters.find(name)) return fail(v, api_error::missing_parameter, name);
    }
    v.access_key_id = *parameters.find("AccessKeyId");
    if (*parameters.find("SignatureMethod") != "HMAC-SHA1") return fail(v, api_error::invalid_signature_method);
    if (*parameters.find("SignatureVersion") != "1.0") return fail(v, api_error::invalid_signature_version);

    const signing_key* key = find_key(v, keys, parameters.find("SecurityToken"), server_now);
    if (key == nullptr) return v;
    if (const auto e = check_timestamp(*parameters.find("Timestamp"), server_now); e != api_error::none) {
        return fail(v, e);
    }
    const std::string expected = rpc_v1_signature(*key, request.method(), parameters.all());
    if (!same_secret_text(expected, *parameters.find("Signature"))) {
        return fail(v, api_error::signature_does_not_match);
    }
    v.verified = true;
    return v;
}

}  // namespace

verification verify_request(const http_request& request, const request_parameters& parameters, key_stores keys,
                            std::chrono::system_clock::time_point server_now, api_name api) {
    const auto authorization = request.header("authorization");
    if (authorization && detail::trim_ascii_space(*authorization).starts_with(v3_algorithm)) {
        return verify_v3(request, parameters, keys, server_now, *authorization, api);
    }
    return verify_v1(request, parameters, keys, server_now, api);
}

}  // namespace hotlive::emu
