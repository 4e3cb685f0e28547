// The OpenSSL primitives the signatures need: keyed HMAC states that are set up once per
// secret, SHA-256, and the hex and Base64 renderings of a digest. The algorithms are fetched
// once per process (a fetch is a locked table look-up in OpenSSL 3).
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

// HMAC (RFC 2104) with its key absorbed once: the inner and outer hash states after the padded
// key's block are kept, and compute() continues copies of them in a per-thread context, so the
// key schedule is not redone per message, nothing is allocated per message, and concurrent calls
// share no mutable state. (EVP_MAC_CTX_dup, the EVP_MAC way, costs about twice as much.)
class hmac_key {
public:
    hmac_key(digest_algorithm algorithm, std::string_view key);
    ~hmac_key();
    hmac_key(const hmac_key&) = delete;
    hmac_key& operator=(const hmac_key&) = delete;

    [[nodiscard]] digest_bytes compute(std::string_view message) const;

private:
    EVP_MD_CTX* inner_;
    EVP_MD_CTX* outer_;
};

// SHA-256 in a per-thread context, reused.
[[nodiscard]] digest_bytes sha256(std::string_view data);

void append_hex(std::string& out, std::span<const unsigned char> bytes);     // lower case
void append_base64(std::string& out, std::span<const unsigned char> bytes);  // with padding

}  // namespace hotlive::detail
