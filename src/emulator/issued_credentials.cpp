#include "emulator/issued_credentials.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <stdexcept>

namespace hotlive::emu {

std::string random_alphanumeric(std::size_t length) {
    static constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    std::string out;
    out.reserve(length);
    std::array<unsigned char, 64> bytes{};
    while (out.size() < length) {
        if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
            throw std::runtime_error("OpenSSL RAND_bytes failed");
        }
        for (const unsigned char b : bytes) {
            // 248 = 4 × 62: the bytes above it are dropped, so every character is equally likely.
            if (b < 248 && out.size() < length) out.push_back(alphabet[b % alphabet.size()]);
        }
    }
    return out;
}

std::shared_ptr<const issued_credential> issued_credentials::issue(std::string role_arn, std::size_t account_index,
                                                                   std::chrono::sys_seconds expiration) {
    std::string secret = random_alphanumeric(32);
    auto credential = std::make_shared<issued_credential>(issued_credential{
        "STS." + random_alphanumeric(24), secret_string{secret}, secret_string{"CAIS" + random_alphanumeric(252)},
        signing_key{secret}, expiration, std::move(role_arn), account_index});
    const std::lock_guard lock{mutex_};
    if (by_id_.size() >= max_remembered) {
        const auto first = std::min_element(by_id_.begin(), by_id_.end(), [](const auto& a, const auto& b) {
            return a.second->expiration < b.second->expiration;
        });
        by_id_.erase(first);
    }
    by_id_.emplace(credential->access_key_id, credential);
    return credential;
}

std::shared_ptr<const issued_credential> issued_credentials::find(std::string_view access_key_id) const {
    const std::lock_guard lock{mutex_};
    const auto found = by_id_.find(access_key_id);
    return found == by_id_.end() ? nullptr : found->second;
}

}  // namespace hotlive::emu
