#include "credentials/fetch_answers.hpp"

#include "time/rfc3339.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

namespace hotlive::detail {
namespace {

std::string_view string_member(const boost::json::object& object, std::string_view key) {
    const auto* value = object.if_contains(key);
    const auto* text = value != nullptr ? value->if_string() : nullptr;
    return text != nullptr ? std::string_view{*text} : std::string_view{};
}

std::optional<boost::json::object> parse_object(std::string_view body) {
    boost::json::error_code ec;
    auto value = boost::json::parse(body, ec);
    if (ec || !value.is_object()) return std::nullopt;
    return std::move(value.as_object());
}

// A service code fit to print, else nothing: Alibaba Cloud's codes are capitalised words joined
// by dots ("AuthenticationFail.OIDCToken.Expired"), and a server that echoes what it was sent
// could put a secret there, which has digits or other characters in all but freak cases.
std::string safe_code(std::string_view code) {
    bool word_start = true;
    for (const char c : code) {
        const bool upper = c >= 'A' && c <= 'Z';
        const bool letter = upper || (c >= 'a' && c <= 'z');
        if (c == '.' && !word_start) {
            word_start = true;
        } else if (letter && (!word_start || upper)) {
            word_start = false;
        } else {
            return {};
        }
    }
    return !code.empty() && code.size() <= 64 && !word_start ? std::string{code} : std::string{};
}

credential_fetch_failure failure(bool refused, std::string code, std::string message) {
    return {refused, std::move(code), std::move(message)};
}

// The credentials of `object`, under either naming; or a failure saying which field is wrong.
struct key_names {
    std::string_view id, secret, token, expiration;
};

credential_fetch_result take_credentials(const boost::json::object& object, const key_names& names, bool token_needed,
                                         bool expiration_needed, bool refused_if_bad, std::string_view what) {
    expiring_credentials out;
    out.value.access_key_id = std::string{string_member(object, names.id)};
    out.value.access_key_secret = secret_string{std::string{string_member(object, names.secret)}};
    out.value.security_token = secret_string{std::string{string_member(object, names.token)}};
    for (const auto& [empty, name] : {std::pair{out.value.access_key_id.empty(), names.id},
                                      std::pair{out.value.access_key_secret.empty(), names.secret},
                                      std::pair{token_needed && out.value.security_token.empty(), names.token}}) {
        if (empty)
            return failure(refused_if_bad, "bad_answer",
                           std::string{what} + ": the answer has no " + std::string{name});
    }
    const auto expiration = string_member(object, names.expiration);
    if (!expiration.empty()) {
        const auto parsed = parse_rfc3339(expiration);
        if (!parsed) {
            return failure(
                refused_if_bad, "bad_answer",
                std::string{what} + ": the answer's " + std::string{names.expiration} + " is not an RFC 3339 time");
        }
        out.expiration = *parsed;
    } else if (expiration_needed) {
        return failure(refused_if_bad, "bad_answer",
                       std::string{what} + ": the answer has no " + std::string{names.expiration});
    }
    return out;
}

constexpr key_names service_names{"AccessKeyId", "AccessKeySecret", "SecurityToken", "Expiration"};

}  // namespace

bool is_refusal(int status, std::string_view code) {
    if (status < 400 || status >= 500 || status == 408 || status == 429) return false;
    return !code.starts_with("Throttling") && code != "SignatureNonceUsed" && code != "ServiceUnavailable";
}

credential_fetch_failure transport_failure(transport_error error, std::string_view detail, std::string_view what) {
    // The proxy refusing hotlive, or the endpoint, refuses every fetch alike: final.
    const bool refused = error == transport_error::proxy_auth_failed || error == transport_error::proxy_forbidden;
    std::string message = std::string{what} + ": " + make_error_code(error).message();
    if (!detail.empty()) message.append(" (").append(detail).append(")");
    return failure(refused, std::string{to_string(error)}, std::move(message));
}

credential_fetch_result read_sts_answer(int status, std::string_view body, std::string_view what) {
    const auto object = parse_object(body);
    if (status == 200) {
        const auto* found = object ? object->if_contains("Credentials") : nullptr;
        if (found == nullptr || !found->is_object()) {
            return failure(false, "bad_answer", std::string{what} + ": the answer has no Credentials object");
        }
        return take_credentials(found->as_object(), service_names, true, true, false, what);
    }
    const std::string code = object ? safe_code(string_member(*object, "Code")) : std::string{};
    std::string message = std::string{what} + ": HTTP " + std::to_string(status);
    if (!code.empty()) message += " " + code;
    return failure(is_refusal(status, code), code.empty() ? "http_" + std::to_string(status) : code, message);
}

credential_fetch_result read_flat_answer(int status, std::string_view body, std::string_view what) {
    if (status != 200) {
        return failure(is_refusal(status, ""), "http_" + std::to_string(status),
                       std::string{what} + ": HTTP " + std::to_string(status));
    }
    const auto object = parse_object(body);
    if (!object) return failure(false, "bad_answer", std::string{what} + ": the answer is not a JSON object");
    const auto code = string_member(*object, "Code");
    if (object->contains("Code") && code != "Success") {
        const auto printable_code = safe_code(code);
        return failure(true, printable_code.empty() ? "bad_answer" : printable_code,
                       std::string{what} + ": the answer's Code is " +
                           (printable_code.empty() ? std::string{"not Success"} : printable_code));
    }
    return take_credentials(*object, service_names, true, true, false, what);
}

credential_fetch_result read_process_output(std::string_view output, std::string_view what) {
    const auto object = parse_object(output);
    if (!object) {
        return failure(true, "bad_output",
                       std::string{what} + ": the process did not print one JSON object on stdout (" +
                           std::to_string(output.size()) + " bytes)");
    }
    const auto mode = string_member(*object, "mode");
    if (mode != "AK" && mode != "StsToken") {
        return failure(true, "bad_output", std::string{what} + ": the process's JSON has no mode AK or StsToken");
    }
    return take_credentials(*object, {"access_key_id", "access_key_secret", "sts_token", "expiration"},
                            mode == "StsToken", false, true, what);
}

}  // namespace hotlive::detail
