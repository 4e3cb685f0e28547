#include "emulator/oidc_providers.hpp"

#include <openssl/crypto.h>

#include <boost/json/parse.hpp>

#include <fstream>
#include <sstream>

namespace hotlive::emu {
namespace {

bool same_token(std::string_view expected, std::string_view received) {
    return expected.size() == received.size() && CRYPTO_memcmp(expected.data(), received.data(), expected.size()) == 0;
}

// The token file as it is now; empty when it cannot be read.
std::string read_token_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return {};
    std::ostringstream text;
    text << in.rdbuf();
    std::string token = text.str();
    // A file written by `echo` ends in a newline that is no part of the token.
    const auto first = token.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    return token.substr(first, token.find_last_not_of(" \t\r\n") - first + 1);
}

std::optional<std::string> base64url_decode(std::string_view text) {
    std::string out;
    std::uint32_t bits = 0;
    int count = 0;
    for (const char c : text) {
        int value = 0;
        if (c >= 'A' && c <= 'Z') {
            value = c - 'A';
        } else if (c >= 'a' && c <= 'z') {
            value = c - 'a' + 26;
        } else if (c >= '0' && c <= '9') {
            value = c - '0' + 52;
        } else if (c == '-' || c == '+') {
            value = 62;
        } else if (c == '_' || c == '/') {
            value = 63;
        } else if (c == '=') {
            break;
        } else {
            return std::nullopt;
        }
        bits = (bits << 6) | static_cast<std::uint32_t>(value);
        count += 6;
        if (count >= 8) {
            count -= 8;
            out.push_back(static_cast<char>((bits >> count) & 0xff));
        }
    }
    return out;
}

}  // namespace

std::optional<std::chrono::sys_seconds> jwt_expiry(std::string_view token) {
    const auto first = token.find('.');
    const auto second = first == std::string_view::npos ? first : token.find('.', first + 1);
    if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) return std::nullopt;
    const auto payload = base64url_decode(token.substr(first + 1, second - first - 1));
    if (!payload) return std::nullopt;
    boost::system::error_code ec;
    const auto claims = boost::json::parse(*payload, ec);
    if (ec || !claims.is_object()) return std::nullopt;
    const auto* exp = claims.as_object().if_contains("exp");
    if (exp == nullptr) return std::nullopt;
    if (exp->is_int64()) return std::chrono::sys_seconds{std::chrono::seconds{exp->as_int64()}};
    if (exp->is_uint64()) return std::chrono::sys_seconds{std::chrono::seconds{exp->as_uint64()}};
    if (exp->is_double())
        return std::chrono::sys_seconds{std::chrono::seconds{static_cast<std::int64_t>(exp->as_double())}};
    return std::nullopt;
}

oidc_providers::oidc_providers(const std::optional<std::vector<emulator_oidc_provider>>& configured) {
    if (configured) {
        providers_ = *configured;
        return;
    }
    emulator_oidc_provider demo;
    demo.arn = demo_oidc_provider_arn;
    demo.tokens.emplace_back(std::string{demo_oidc_token});
    providers_.push_back(std::move(demo));
}

api_error oidc_providers::check(std::string_view provider_arn, std::string_view token,
                                std::chrono::system_clock::time_point now) const {
    const emulator_oidc_provider* provider = nullptr;
    for (const auto& p : providers_) {
        if (p.arn == provider_arn) provider = &p;
    }
    if (provider == nullptr) return api_error::oidc_provider_not_found;
    if (token.empty()) return api_error::oidc_token_invalid;
    bool known = false;
    for (const auto& t : provider->tokens) known = known || same_token(t.reveal(), token);
    if (!known && !provider->token_file.empty()) known = same_token(read_token_file(provider->token_file), token);
    if (!known) return api_error::oidc_token_invalid;
    const auto expiry = jwt_expiry(token);
    if (expiry && *expiry <= now) return api_error::oidc_token_expired;
    return api_error::none;
}

}  // namespace hotlive::emu
