#include "emulator/responses.hpp"

#include <array>
#include <charconv>
#include <ctime>
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
constexpr std::array<error_info, 19> catalogue{{
    {200, {}, {}},
    {400, "MissingParameter", {}},
    {404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method."},
    {400, "InvalidVersion", "Specified parameter Version is not valid."},
    {400, "UnsupportedHTTPMethod", "This http method is not supported."},
    {400, "IncompleteSignature", "The request signature does not conform to Aliyun standards."},
    {400, "InvalidSignatureMethod", "Specified signature method is not valid."},
    {400, "InvalidSignatureVersion", "Specified signature version is not valid."},
    {404, "InvalidAccessKeyId.NotFound", "Specified access key is not found."},
    {400, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted."},
    {400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired."},
    {400, "SignatureDoesNotMatch", "Specified signature is not matched with our calculation."},
    {400, "SignatureNonceUsed", "Specified signature nonce was used already."},
    {400, "Throttling.User", "Request was denied due to user flow control."},
    {400, "InvalidParam", "Parameter invalid."},
    {400, "NoSpecialConfiguration", "no special configuration for domain name."},
    {400, "CodeRegionHasNoNode", "this region has no corresponding node."},
    {500, "InternalError", "The request processing has failed due to backend service exception."},
    {503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server."},
}};

std::string_view reason_phrase(int status) {
    switch (status) {
        case 200:
            return "OK";
        case 400:
            return "Bad Request";
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

void append_number(std::string& out, std::uint64_t n) {
    std::array<char, 24> digits{};
    const auto [end, ec] = std::to_chars(digits.data(), digits.data() + digits.size(), n);
    out.append(digits.data(), end);
}

// Length of the UTF-8 sequence at s[i], or 0 when it is not one (overlong forms, surrogates and
// code points past U+10FFFF included).
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char b0 = byte(i);
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xbf;
    if (b0 >= 0xc2 && b0 <= 0xdf) {
        length = 2;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
        length = 3;
        if (b0 == 0xe0) low = 0xa0;
        if (b0 == 0xed) high = 0x9f;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
        length = 4;
        if (b0 == 0xf0) low = 0x90;
        if (b0 == 0xf4) high = 0x8f;
    } else {
        return 0;
    }
    if (i + length > s.size()) return 0;
    if (byte(i + 1) < low || byte(i + 1) > high) return 0;
    for (std::size_t k = 2; k < length; ++k) {
        if (byte(i + k) < 0x80 || byte(i + k) > 0xbf) return 0;
    }
    return length;
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
    thread_local std::int64_t cached_second = -1;
    thread_local std::array<char, 29> text{};
    const std::int64_t second = std::chrono::floor<std::chrono::seconds>(t.time_since_epoch()).count();
    if (second != cached_second) {
        static constexpr std::array<std::string_view, 7> days{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
        static constexpr std::array<std::string_view, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        const std::time_t seconds = static_cast<std::time_t>(second);
        std::tm tm{};
        ::gmtime_r(&seconds, &tm);
        std::string s;
        s.reserve(text.size());
        const auto two = [&](int v) {
            s.push_back(static_cast<char>('0' + v / 10));
            s.push_back(static_cast<char>('0' + v % 10));
        };
        s.append(days.at(static_cast<std::size_t>(tm.tm_wday))).append(", ");
        two(tm.tm_mday);
        s.push_back(' ');
        s.append(months.at(static_cast<std::size_t>(tm.tm_mon))).push_back(' ');
        const int year = tm.tm_year + 1900;
        two(year / 100);
        two(year % 100);
        s.push_back(' ');
        two(tm.tm_hour);
        s.push_back(':');
        two(tm.tm_min);
        s.push_back(':');
        two(tm.tm_sec);
        s.append(" GMT");
        s.copy(text.data(), text.size());
        cached_second = second;
    }
    return {text.data(), text.size()};
}

void append_json_string(std::string& out, std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    out.push_back('"');
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '"' || c == '\\') {
            out.push_back('\\');
            out.push_back(static_cast<char>(c));
        } else if (c < 0x20 || c == 0x7f) {
            out.append("\\u00");
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 0xf]);
        } else if (c < 0x80) {
            out.push_back(static_cast<char>(c));
        } else if (const std::size_t length = utf8_sequence(text, i); length != 0) {
            out.append(text.substr(i, length));
            i += length - 1;
        } else {
            out.append("\\ufffd");
        }
    }
    out.push_back('"');
}

void append_success_body(std::string& out, std::string_view request_id) {
    out.append(R"({"RequestId":")").append(request_id).append(R"("})");
}

void append_error_body(std::string& out, std::string_view request_id, std::string_view code, std::string_view message) {
    out.append(R"({"RequestId":")").append(request_id);
    out.append(R"(","HostId":")").append(host_id);
    out.append(R"(","Code":)");
    append_json_string(out, code);
    out.append(R"(,"Message":)");
    append_json_string(out, message);
    out.push_back('}');
}

void append_head(std::string& out, const response_head& head, std::size_t body_size) {
    out.append("HTTP/1.1 ");
    append_number(out, static_cast<std::uint64_t>(head.status));
    out.push_back(' ');
    out.append(reason_phrase(head.status)).append("\r\nDate: ").append(head.date);
    out.append("\r\nContent-Type: ").append(head.content_type);
    out.append("\r\nContent-Length: ");
    append_number(out, head.declared_length.value_or(body_size));
    out.append(head.keep_alive ? "\r\nConnection: keep-alive" : "\r\nConnection: close");
    if (!head.request_id.empty()) out.append("\r\nx-acs-request-id: ").append(head.request_id);
    if (head.retry_after_s) {
        out.append("\r\nRetry-After: ");
        append_number(out, *head.retry_after_s);
    }
    if (head.acs_retry_after_ms) {
        out.append("\r\nx-acs-retry-after: ");
        append_number(out, *head.acs_retry_after_ms);
    }
    out.append("\r\n\r\n");
}

}  // namespace hotlive::emu
