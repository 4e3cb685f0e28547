#include "emulator/responses.hpp"

#include "text/json_text.hpp"
#include "time/http_date.hpp"

#include <array>
#include <random>

namespace hotlive::emu {
namespace {

// Sources: HotLiveRtcStream's API reference (InvalidParam, NoSpecialConfiguration,
// CodeRegionHasNoNode, InternalError) and Alibaba Cloud's common error codes for RPC-style
// OpenAPI: "管控OpenAPI的客户端公用错误码" (https://developer.aliyun.com/ask/278265), which lists
// SignatureDoesNotMatch, SignatureNonceUsed, InvalidTimeStamp.Expired/.Format and
// Throttling.User as 400 and InvalidAccessKeyId.NotFound as 404, and the client error code table
// (https://help.aliyun.com/document_detail/51132.html), which also gives 404 for
// InvalidAccessKeyId.NotFound and 400 for MissingParameter.
// InvalidAccessKeyId.Inactive, 400 "Specified access key is disabled.": the gateway's error table
// in ECS's faascmd FAQ (github.com/AlibabaCloudDocs/ecs, "intl.en-US/Best Practices/FaaS instances
// best practices/faascmd tool/faascmd FAQ.md", "Error codes"), beside InvalidAccessKeyId.NotFound
// as 404. Forbidden.RAM, 403 "User not authorized to operate on the specified resource, or this
// API doesn't support RAM.": the error tables of ECS's API reference (same repository, e.g.
// "intl.en-US/API Reference/Auto provisioning group/DeleteAutoProvisioningGroup.md") and Alibaba
// Cloud's public error codes (https://help.aliyun.com/en/document_detail/3064376.html); a live
// CDN call answered so is quoted with "HTTP Status: 403" at https://developer.aliyun.com/ask/23161.
// HotLiveRtcStream's RAM resource is its domain, acs:live:*:{#accountId}:domain/{#DomainName}
// (the API reference's authorization table).
// InvalidSecurityToken.Expired ("Specified SecurityToken is expired."), .MismatchWithAccessKey
// ("Specified SecurityToken mismatch with the AccessKey."), all 400: the same faascmd FAQ table.
// MissingSecurityToken, "SecurityToken is mandatory for this action.", and STS's
// NoPermission ("No permission perform sts:AssumeRole on this Role. …") and
// InvalidParameter.DurationSeconds: "How to handle the common errors when you access OSS by using
// STS" (https://www.alibabacloud.com/help/doc-detail/42775.htm). EntityNotExist.Role, 404 "The
// specified Role not exists.": the faascmd table's EntityNotExist.RoleError and the STS SDK's
// tests (aliyun/openapi-sdk-php-client). NoPermission as 403 and the 401s of AssumeRoleWithOIDC
// (AuthenticationFail.NoPermission "No such OIDC Provider registered.",
// AuthenticationFail.OIDCToken.Expired "This JsonWebToken is expired.",
// AuthenticationFail.OIDCToken.Invalid): STS's error code table
// (https://help.aliyun.com/zh/ram/developer-reference/api-sts-2015-04-01-errorcodes).
constexpr std::array<error_info, 30> catalogue{{
    {200, {}, {}},
    {400, "MissingParameter", {}},
    {404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method."},
    {400, "InvalidVersion", "Specified parameter Version is not valid."},
    {400, "UnsupportedHTTPMethod", "This http method is not supported."},
    {400, "IncompleteSignature", "The request signature does not conform to Aliyun standards."},
    {400, "InvalidSignatureMethod", "Specified signature method is not valid."},
    {400, "InvalidSignatureVersion", "Specified signature version is not valid."},
    {404, "InvalidAccessKeyId.NotFound", "Specified access key is not found."},
    {400, "InvalidAccessKeyId.Inactive", "Specified access key is disabled."},
    {400, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted."},
    {400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired."},
    {400, "SignatureDoesNotMatch", "Specified signature is not matched with our calculation."},
    {400, "SignatureNonceUsed", "Specified signature nonce was used already."},
    {400, "Throttling.User", "Request was denied due to user flow control."},
    {403, "Forbidden.RAM",
     "User not authorized to operate on the specified resource, or this API doesn't support RAM."},
    {400, "InvalidParam", "Parameter invalid."},
    {400, "NoSpecialConfiguration", "no special configuration for domain name."},
    {400, "CodeRegionHasNoNode", "this region has no corresponding node."},
    {500, "InternalError", "The request processing has failed due to backend service exception."},
    {503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server."},
    {400, "MissingSecurityToken", "SecurityToken is mandatory for this action."},
    {400, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired."},
    {400, "InvalidSecurityToken.MismatchWithAccessKey", "Specified SecurityToken mismatch with the AccessKey."},
    {404, "EntityNotExist.Role", "The specified Role not exists."},
    {403, "NoPermission",
     "No permission perform sts:AssumeRole on this Role. Maybe you are not authorized to perform sts:AssumeRole or "
     "the specified role does not trust you"},
    {400, "InvalidParameter.DurationSeconds", "The Min/Max value of DurationSeconds is 15min/1hr."},
    {401, "AuthenticationFail.NoPermission", "No such OIDC Provider registered."},
    {401, "AuthenticationFail.OIDCToken.Expired", "This JsonWebToken is expired."},
    {401, "AuthenticationFail.OIDCToken.Invalid", "The Jwt content is invalid that cannot be recognized."},
}};
static_assert(catalogue.size() == static_cast<std::size_t>(api_error::oidc_token_invalid) + 1,
              "one catalogue entry per api_error, in the enum's order");

std::string_view reason_phrase(int status) {
    switch (status) {
        case 200:
            return "OK";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 413:
            return "Payload Too Large";
        case 431:
            return "Request Header Fields Too Large";
        case 500:
            return "Internal Server Error";
        case 503:
            return "Service Unavailable";
        default:
            return "Unknown";
    }
}

}  // namespace

const error_info& describe(api_error error) { return catalogue.at(static_cast<std::size_t>(error)); }

std::string missing_parameter_message(std::string_view name) {
    std::string out;
    out.reserve(96 + name.size());
    out.append("The input parameter \"").append(name);
    out.append("\" that is mandatory for processing this request is not supplied.");
    return out;
}

request_id make_request_id() {
    thread_local std::mt19937_64 engine{[] {
        std::random_device device;
        return (std::uint64_t{device()} << 32) ^ device();
    }()};
    static constexpr char hex[] = "0123456789ABCDEF";
    std::uint64_t high = engine();
    std::uint64_t low = engine();
    high = (high & ~std::uint64_t{0xf000}) | 0x4000;                         // version 4
    low = (low & ~(std::uint64_t{0xc} << 60)) | (std::uint64_t{0x8} << 60);  // variant 10xx
    request_id id{};
    std::size_t at = 0;
    for (int nibble = 0; nibble < 32; ++nibble) {
        if (nibble == 8 || nibble == 12 || nibble == 16 || nibble == 20) id.text[at++] = '-';
        const std::uint64_t word = nibble < 16 ? high : low;
        const int shift = 60 - 4 * (nibble % 16);
        id.text[at++] = hex[(word >> shift) & 0xf];
    }
    return id;
}

std::string_view imf_fixdate(std::chrono::system_clock::time_point t) {
    // Every response carries a Date: format it once a second, not once a request.
    thread_local std::int64_t cached_second = -1;
    thread_local std::string text;
    const auto second = std::chrono::floor<std::chrono::seconds>(t);
    if (second.time_since_epoch().count() != cached_second) {
        text = detail::format_http_date(second);
        cached_second = second.time_since_epoch().count();
    }
    return text;
}

void append_success_body(std::string& out, std::string_view request_id) {
    out.append(R"({"RequestId":")").append(request_id).append(R"("})");
}

void append_error_body(std::string& out, std::string_view request_id, std::string_view code, std::string_view message,
                       std::string_view host) {
    out.append(R"({"RequestId":")").append(request_id);
    out.append(R"(","HostId":")").append(host);
    out.append(R"(","Code":)");
    detail::append_json_string(out, code);
    out.append(R"(,"Message":)");
    detail::append_json_string(out, message);
    out.push_back('}');
}

void append_head(std::string& out, const response_head& head, std::size_t body_size) {
    out.append("HTTP/1.1 ");
    detail::append_unsigned(out, static_cast<std::uint64_t>(head.status));
    out.push_back(' ');
    out.append(reason_phrase(head.status)).append("\r\nDate: ").append(head.date);
    out.append("\r\nContent-Type: ").append(head.content_type);
    out.append("\r\nContent-Length: ");
    detail::append_unsigned(out, head.declared_length.value_or(body_size));
    out.append(head.keep_alive ? "\r\nConnection: keep-alive" : "\r\nConnection: close");
    if (!head.request_id.empty()) out.append("\r\nx-acs-request-id: ").append(head.request_id);
    if (head.retry_after_s) {
        out.append("\r\nRetry-After: ");
        detail::append_unsigned(out, *head.retry_after_s);
    }
    if (head.acs_retry_after_ms) {
        out.append("\r\nx-acs-retry-after: ");
        detail::append_unsigned(out, *head.acs_retry_after_ms);
    }
    out.append("\r\n\r\n");
}

}  // namespace hotlive::emu
