// The temporary credentials the emulator has issued, through STS or IMDS: AccessKeyId → the HMAC
// keys of its secret, its security token, when it expires, the role it is a session of, and the
// account whose QPS quota it draws on. Shared by every connection, so thread-safe; a credential is
// immutable once issued and handed out as a shared pointer, so a verification in flight keeps its
// keys whatever the store forgets meanwhile.
#pragma once

#include <hotlive/credentials.hpp>
#include <hotlive/signer.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace hotlive::emu {

struct issued_credential {
    std::string access_key_id;  // "STS." + 24 random characters
    secret_string access_key_secret;
    secret_string security_token;
    signing_key key;
    std::chrono::sys_seconds expiration;
    std::string role_arn;
    std::size_t account_index = 0;  // the account whose quota its requests draw on

    [[nodiscard]] bool expired_at(std::chrono::system_clock::time_point now) const noexcept {
        return now >= expiration;
    }
};

class issued_credentials {
public:
    // Beyond this many, issuing one forgets the credential that expires first (about 1 KB each).
    static constexpr std::size_t max_remembered = 65'536;

    // A fresh credential: random id, secret and token (OpenSSL's RAND_bytes).
    std::shared_ptr<const issued_credential> issue(std::string role_arn, std::size_t account_index,
                                                   std::chrono::sys_seconds expiration);
    [[nodiscard]] std::shared_ptr<const issued_credential> find(std::string_view access_key_id) const;

private:
    struct transparent_hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };

    mutable std::mutex mutex_;
    std::unordered_map<std::string, std::shared_ptr<const issued_credential>, transparent_hash, std::equal_to<>> by_id_;
};

// `length` characters from [A-Za-z0-9], uniformly drawn from RAND_bytes.
[[nodiscard]] std::string random_alphanumeric(std::size_t length);

}  // namespace hotlive::emu
