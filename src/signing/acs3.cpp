// V3 signature, ACS3-HMAC-SHA256 (Alibaba Cloud "Request syntax and signature method V3").
#include "signing/ascii.hpp"
#include "signing/crypto.hpp"
#include "signing/percent_encoding.hpp"
#include "signing/schemes.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace hotlive {
namespace {

constexpr std::string_view algorithm = "ACS3-HMAC-SHA256";

// Every header a V3 request may sign, in the canonical request's order (sorted by name).
namespace slot {
enum : std::uint8_t {
    content_type,  // a form's
    host,
    action,
    content_sha256,
    date,
    retry_attempts,  // a retry's
    retry_delay_ms,  // a retry's
    security_token,  // STS credentials'
    signature_nonce,
    version,
    count,
};
}  // namespace slot

// SHA-256 of the empty body, which every query-string request signs.
constexpr std::string_view empty_payload_hash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

// The one canonicalization, shared by signing and verification.
void append_canonical_request(std::string& out, std::string_view method, std::string_view path,
                              std::string_view canonical_query, std::span<const header_view> headers,
                              std::string_view signed_headers, std::string_view hashed_payload) {
    out.append(method).push_back('\n');
    out.append(path).push_back('\n');
    out.append(canonical_query).push_back('\n');
    std::string_view rest = signed_headers;
    while (!rest.empty()) {
        const auto semicolon = rest.find(';');
        const std::string_view name = rest.substr(0, semicolon);
        rest = semicolon == std::string_view::npos ? std::string_view{} : rest.substr(semicolon + 1);
        out.append(name).push_back(':');
        bool first = true;
        for (const auto& h : headers) {
            if (!detail::iequals_ascii(h.name, name)) continue;
            if (!first) out.push_back(',');
            out.append(detail::trim_ascii_space(h.value));
            first = false;
        }
        out.push_back('\n');
    }
    out.push_back('\n');
    out.append(signed_headers).push_back('\n');
    out.append(hashed_payload);
}

void append_string_to_sign(std::string& out, std::string_view canonical_request) {
    out.append(algorithm).push_back('\n');
    detail::append_hex(out, detail::sha256(canonical_request).view());
}

void append_signature(std::string& out, const signing_key& key, std::string_view canonical_request) {
    std::string string_to_sign;
    string_to_sign.reserve(algorithm.size() + 1 + 64);
    append_string_to_sign(string_to_sign, canonical_request);
    detail::append_hex(out, key.v3().compute(string_to_sign).view());
}

}  // namespace

std::string acs3_canonical_request(const acs3_request_view& request) {
    const std::string query = canonical_query_string(request.query);
    std::string out;
    append_canonical_request(out, request.method, request.path, query, request.headers, request.signed_headers,
                             request.hashed_payload);
    return out;
}

std::string acs3_string_to_sign(std::string_view canonical_request) {
    std::string out;
    append_string_to_sign(out, canonical_request);
    return out;
}

std::string acs3_signature(const signing_key& key, const acs3_request_view& request) {
    std::string out;
    append_signature(out, key, acs3_canonical_request(request));
    return out;
}

std::optional<acs3_authorization> parse_acs3_authorization(std::string_view header_value) {
    std::string_view rest = detail::trim_ascii_space(header_value);
    if (!rest.starts_with(algorithm) || rest.size() == algorithm.size() || rest[algorithm.size()] != ' ') {
        return std::nullopt;
    }
    rest.remove_prefix(algorithm.size() + 1);
    std::optional<std::string_view> credential, signed_headers, signature;
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        const std::string_view item = detail::trim_ascii_space(rest.substr(0, comma));
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
        const auto equals = item.find('=');
        if (equals == std::string_view::npos) return std::nullopt;
        const std::string_view name = item.substr(0, equals);
        const std::string_view value = item.substr(equals + 1);
        if (name == "Credential")
            credential = value;
        else if (name == "SignedHeaders")
            signed_headers = value;
        else if (name == "Signature")
            signature = value;
        else
            return std::nullopt;
    }
    if (!credential || !signed_headers || !signature) return std::nullopt;
    return acs3_authorization{*credential, *signed_headers, *signature};
}

namespace detail {

signed_request sign_acs3(const signing_context& context) {
    const bool form = context.shape == request_shape::post_form;
    signed_request out;
    out.method = context.shape == request_shape::get_query ? "GET" : "POST";

    std::string query;
    if (form) {
        append_canonical_query(out.body, context.call.parameters);
    } else {
        append_canonical_query(query, context.call.parameters);
    }
    std::string payload_hash;
    if (out.body.empty()) {
        payload_hash = empty_payload_hash;
    } else {
        append_hex(payload_hash, sha256(out.body).view());
    }

    // One slot per header a V3 request may sign, so the set cannot outgrow its array; the slots
    // a request leaves empty are dropped below.
    std::array<header_view, slot::count> headers{};
    std::string retry_number, retry_delay;
    if (form) headers[slot::content_type] = {"content-type", form_content_type};
    headers[slot::host] = {"host", context.host};
    headers[slot::action] = {"x-acs-action", context.call.action};
    headers[slot::content_sha256] = {"x-acs-content-sha256", payload_hash};
    headers[slot::date] = {"x-acs-date", context.timestamp};
    if (context.call.retry) {
        retry_number = std::to_string(context.call.retry->retry);
        retry_delay = std::to_string(context.call.retry->delay_ms);
        headers[slot::retry_attempts] = {"x-acs-retry-attempts", retry_number};
        headers[slot::retry_delay_ms] = {"x-acs-retry-delay", retry_delay};
    }
    if (!context.creds.security_token.empty()) {
        headers[slot::security_token] = {"x-acs-security-token", context.creds.security_token.reveal()};
    }
    headers[slot::signature_nonce] = {"x-acs-signature-nonce", context.nonce};
    headers[slot::version] = {"x-acs-version", context.call.version};
    // The signed ones, in slot order (remove_if keeps it).
    const std::span<const header_view> signed_set{
        headers.begin(),
        std::remove_if(headers.begin(), headers.end(), [](const header_view& h) { return h.name.empty(); })};

    std::string signed_headers;
    for (const auto& h : signed_set) {
        if (!signed_headers.empty()) signed_headers.push_back(';');
        signed_headers.append(h.name);
    }

    std::string canonical_request;
    canonical_request.reserve(512 + query.size());
    append_canonical_request(canonical_request, out.method, "/", query, signed_set, signed_headers, payload_hash);

    std::string authorization;
    authorization.reserve(algorithm.size() + 64 + context.creds.access_key_id.size() + signed_headers.size() + 40);
    authorization.append(algorithm).append(" Credential=").append(context.creds.access_key_id);
    authorization.append(",SignedHeaders=").append(signed_headers).append(",Signature=");
    append_signature(authorization, context.key, canonical_request);

    out.target.reserve(2 + query.size());
    out.target.push_back('/');
    if (!query.empty()) out.target.append("?").append(query);
    out.headers.reserve(signed_set.size() + 1);
    for (const auto& h : signed_set) out.headers.push_back({h.name, std::string{h.value}});
    out.headers.push_back({"authorization", std::move(authorization)});
    return out;
}

}  // namespace detail
}  // namespace hotlive
