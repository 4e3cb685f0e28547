// What the emulator answers: the error catalogue (status, Code, Message as the service words
// them), the JSON bodies, and the HTTP/1.1 response as bytes, written into a buffer the
// connection keeps, so that faults can send part of it, all of it, or one byte at a time.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hotlive::emu {

enum class api_error : unsigned char {
    none,
    // Request form and signatures: Alibaba Cloud's common error codes for RPC-style OpenAPI.
    missing_parameter,
    invalid_action,
    invalid_version,
    unsupported_http_method,
    incomplete_signature,
    invalid_signature_method,
    invalid_signature_version,
    invalid_access_key_id,
    invalid_access_key_id_inactive,
    invalid_timestamp_format,
    invalid_timestamp_expired,
    signature_does_not_match,
    signature_nonce_used,
    throttling_user,
    // RAM's authorization of the call's resource (the domain): common to every RAM-aware API.
    forbidden_ram,
    // HotLiveRtcStream's own, from the API reference.
    invalid_param,
    no_special_configuration,
    code_region_has_no_node,
    internal_error,
    service_unavailable,
    // Temporary credentials in the gateway: the common error codes.
    missing_security_token,
    invalid_security_token_expired,
    invalid_security_token_mismatch,
    // STS's own.
    entity_not_exist_role,
    no_permission,
    invalid_duration_seconds,
    oidc_provider_not_found,
    oidc_token_expired,
    oidc_token_invalid,
};

struct error_info {
    int status;
    std::string_view code;
    std::string_view message;  // MissingParameter's names the parameter: see missing_parameter_message
};

[[nodiscard]] const error_info& describe(api_error error);

// "The input parameter \"DomainName\" that is mandatory for processing this request is not supplied."
[[nodiscard]] std::string missing_parameter_message(std::string_view name);

inline constexpr std::string_view host_id = "live.aliyuncs.com";
inline constexpr std::string_view sts_host_id = "sts.aliyuncs.com";

// A request id as the service prints them: an upper-case UUID v4,
// "16BFE188-B193-4C3C-ADC5-79A7E31486EA". Not cryptographic; unique enough for a log.
struct request_id {
    char text[36];
    [[nodiscard]] std::string_view view() const noexcept { return {text, sizeof text}; }
};
[[nodiscard]] request_id make_request_id();

// RFC 7231 IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT". The view is valid until the calling
// thread's next call.
[[nodiscard]] std::string_view imf_fixdate(std::chrono::system_clock::time_point t);

void append_success_body(std::string& out, std::string_view request_id);
void append_error_body(std::string& out, std::string_view request_id, std::string_view code, std::string_view message,
                       std::string_view host = host_id);

struct response_head {
    int status = 200;
    std::string_view date;
    bool keep_alive = true;
    std::string_view request_id;  // the x-acs-request-id header; none when empty
    std::optional<std::uint32_t> retry_after_s;
    std::optional<std::uint32_t> acs_retry_after_ms;
    std::optional<std::size_t> declared_length;  // a Content-Length other than the body's (truncate)
    std::string_view content_type = "application/json;charset=utf-8";
};

// Appends the status line and header fields for a body of `body_size` bytes, then the blank line.
void append_head(std::string& out, const response_head& head, std::size_t body_size);

}  // namespace hotlive::emu
