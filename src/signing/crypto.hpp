// The OpenSSL primitives the signatures need: keyed HMAC contexts that are set up once per
// secret, SHA-256, and the hex and Base64 renderings of a digest.
#pragma once

#include <openssl/types.h>

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace hotlive::detail {

enum class digest_algorithm { sha1, sha256 };

// A digest of at most SHA-256's 32 bytes, on the stack.
struct digest_bytes {
    std::array<unsigned char, 32> bytes{};
    std::size_t size = 0;

    [[nodiscard]] std::span<const unsigned char> view() const noexcept { return {bytes.data(), size}; }
};

// An HMAC context initialised with its key once; compute() works on a copy of it, so the key
// schedule is not redone per message and concurrent calls do not share mutable state.
class hmac_key {
public:
    hmac_key(digest_algorithm algorithm, std::string_view key);
    ~hmac_key();
    hmac_key(const hmac_key&) = delete;
    hmac_key& operator=(const hmac_key&) = delete;

    [[nodiscard]] digest_bytes compute(std::string_view message) const;

private:
    EVP_MAC_CTX* keyed_;
};

[[nodiscard]] digest_bytes sha256(std::string_view data);

void append_hex(std::string& out, std::span<const unsigned char> bytes);     // lower case
void append_base64(std::string& out, std::span<const unsigned char> bytes);  // with padding

}  // namespace hotlive::detail
