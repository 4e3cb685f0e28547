#include "signing/ascii.hpp"

#include <hotlive/signer.hpp>

namespace hotlive {
namespace {

constexpr std::string_view redacted = "[redacted]";

bool is_secret_parameter(std::string_view name) {
    return detail::iequals_ascii(name, "Signature") || detail::iequals_ascii(name, "SecurityToken") ||
           detail::iequals_ascii(name, "AccessKeySecret");
}

}  // namespace

std::string redact_query_string(std::string_view query) {
    std::string out;
    out.reserve(query.size());
    if (query.starts_with('?')) {
        out.push_back('?');
        query.remove_prefix(1);
    }
    for (std::size_t start = 0;;) {
        const auto amp = query.find('&', start);
        const std::string_view item = query.substr(start, amp - start);
        const auto equals = item.find('=');
        const std::string_view name = item.substr(0, equals);
        if (equals != std::string_view::npos && is_secret_parameter(name)) {
            out.append(name).append("=").append(redacted);
        } else if (equals != std::string_view::npos && detail::iequals_ascii(name, "AccessKeyId")) {
            out.append(name).append("=").append(mask_access_key_id(item.substr(equals + 1)));
        } else {
            out.append(item);
        }
        if (amp == std::string_view::npos) break;
        out.push_back('&');
        start = amp + 1;
    }
    return out;
}

std::string_view redact_header_value(std::string_view name, std::string_view value) {
    if (detail::iequals_ascii(name, "authorization") || detail::iequals_ascii(name, "x-acs-security-token")) {
        return redacted;
    }
    return value;
}

}  // namespace hotlive
