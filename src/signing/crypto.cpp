#include "signing/crypto.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <array>
#include <memory>
#include <stdexcept>
#include <string>

namespace hotlive::detail {
namespace {

// Fetching an algorithm is a locked table look-up in OpenSSL 3; do it once per process. The
// objects live until exit, like OpenSSL's own tables.
EVP_MD* fetched_digest(const char* name) {
    EVP_MD* fetched = EVP_MD_fetch(nullptr, name, nullptr);
    if (fetched == nullptr) throw std::runtime_error(std::string("OpenSSL provides no ") + name);
    return fetched;
}

EVP_MD* algorithm_of(digest_algorithm algorithm) {
    // NOLINTBEGIN(cppcoreguidelines-avoid-non-const-global-variables): OpenSSL takes a non-const EVP_MD*
    static EVP_MD* const sha1 = fetched_digest(OSSL_DIGEST_NAME_SHA1);
    static EVP_MD* const sha2_256 = fetched_digest(OSSL_DIGEST_NAME_SHA2_256);
    // NOLINTEND(cppcoreguidelines-avoid-non-const-global-variables)
    return algorithm == digest_algorithm::sha1 ? sha1 : sha2_256;
}

struct md_ctx_deleter {
    void operator()(EVP_MD_CTX* ctx) const noexcept { EVP_MD_CTX_free(ctx); }
};
using md_ctx_ptr = std::unique_ptr<EVP_MD_CTX, md_ctx_deleter>;

// One context per thread for the messages' hashes: its provider state is reused, not allocated.
EVP_MD_CTX* work_context() {
    thread_local const md_ctx_ptr ctx{EVP_MD_CTX_new()};
    if (!ctx) throw std::runtime_error("EVP_MD_CTX_new failed");
    return ctx.get();
}

const unsigned char* bytes_of(std::string_view text) noexcept {
    // Some OpenSSL calls take a null pointer as "no data"; an empty text must not be null.
    static constexpr unsigned char empty = 0;
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): OpenSSL takes bytes as unsigned char
    return text.empty() ? &empty : reinterpret_cast<const unsigned char*>(text.data());
}

// A hash state that has absorbed one block: the key XOR `pad`.
md_ctx_ptr padded_key_state(EVP_MD* md, std::span<const unsigned char> key, unsigned char pad) {
    std::array<unsigned char, 128> block{};  // SHA-1's and SHA-256's blocks are 64 bytes
    const auto size = static_cast<std::size_t>(EVP_MD_get_block_size(md));
    for (std::size_t i = 0; i < size; ++i)
        block.at(i) = static_cast<unsigned char>((i < key.size() ? key[i] : 0) ^ pad);
    md_ctx_ptr state{EVP_MD_CTX_new()};
    const bool ok = state && EVP_DigestInit_ex2(state.get(), md, nullptr) == 1 &&
                    EVP_DigestUpdate(state.get(), block.data(), size) == 1;
    OPENSSL_cleanse(block.data(), block.size());
    if (!ok) throw std::runtime_error("HMAC key set-up failed");
    return state;
}

digest_bytes finish(EVP_MD_CTX* ctx) {
    digest_bytes out;
    unsigned int size = 0;
    if (EVP_DigestFinal_ex(ctx, out.bytes.data(), &size) != 1) throw std::runtime_error("digest computation failed");
    out.size = size;
    return out;
}

}  // namespace

hmac_key::hmac_key(digest_algorithm algorithm, std::string_view key) {
    EVP_MD* md = algorithm_of(algorithm);
    // A key longer than a block is hashed first (RFC 2104).
    digest_bytes hashed;
    std::span<const unsigned char> bytes{bytes_of(key), key.size()};
    if (key.size() > static_cast<std::size_t>(EVP_MD_get_block_size(md))) {
        EVP_MD_CTX* ctx = work_context();
        if (EVP_DigestInit_ex2(ctx, md, nullptr) != 1 || EVP_DigestUpdate(ctx, key.data(), key.size()) != 1) {
            throw std::runtime_error("HMAC key set-up failed");
        }
        hashed = finish(ctx);
        bytes = hashed.view();
    }
    auto inner = padded_key_state(md, bytes, 0x36);
    auto outer = padded_key_state(md, bytes, 0x5c);
    OPENSSL_cleanse(hashed.bytes.data(), hashed.bytes.size());
    inner_ = inner.release();
    outer_ = outer.release();
}

hmac_key::~hmac_key() {
    EVP_MD_CTX_free(inner_);
    EVP_MD_CTX_free(outer_);
}

digest_bytes hmac_key::compute(std::string_view message) const {
    EVP_MD_CTX* ctx = work_context();
    if (EVP_MD_CTX_copy_ex(ctx, inner_) != 1 || EVP_DigestUpdate(ctx, bytes_of(message), message.size()) != 1) {
        throw std::runtime_error("HMAC computation failed");
    }
    const digest_bytes inner = finish(ctx);
    if (EVP_MD_CTX_copy_ex(ctx, outer_) != 1 || EVP_DigestUpdate(ctx, inner.bytes.data(), inner.size) != 1) {
        throw std::runtime_error("HMAC computation failed");
    }
    return finish(ctx);
}

digest_bytes sha256(std::string_view data) {
    EVP_MD_CTX* ctx = work_context();
    if (EVP_DigestInit_ex2(ctx, algorithm_of(digest_algorithm::sha256), nullptr) != 1 ||
        EVP_DigestUpdate(ctx, bytes_of(data), data.size()) != 1) {
        throw std::runtime_error("SHA-256 computation failed");
    }
    return finish(ctx);
}

void append_hex(std::string& out, std::span<const unsigned char> bytes) {
    static constexpr char digits[] = "0123456789abcdef";
    const std::size_t start = out.size();
    out.resize(start + 2 * bytes.size());
    char* p = out.data() + start;
    for (const unsigned char b : bytes) {
        *p++ = digits[b >> 4];
        *p++ = digits[b & 0x0f];
    }
}

void append_base64(std::string& out, std::span<const unsigned char> bytes) {
    const std::size_t start = out.size();
    const std::size_t encoded = 4 * ((bytes.size() + 2) / 3);
    out.resize(start + encoded + 1);  // EVP_EncodeBlock writes a terminating NUL
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): OpenSSL writes bytes as unsigned char
    EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data() + start), bytes.data(), static_cast<int>(bytes.size()));
    out.resize(start + encoded);
}

}  // namespace hotlive::detail
