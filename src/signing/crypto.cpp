#include "signing/crypto.hpp"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <memory>
#include <stdexcept>

namespace hotlive::detail {
namespace {

// Fetching an algorithm is a locked table look-up in OpenSSL 3; do it once per process. The
// objects live until exit, like OpenSSL's own tables.
EVP_MAC* hmac_algorithm() {
    // NOLINTNEXTLINE(cppcoreguidelines-avoid-non-const-global-variables): OpenSSL takes a non-const EVP_MAC*
    static EVP_MAC* const mac = [] {
        EVP_MAC* fetched = EVP_MAC_fetch(nullptr, OSSL_MAC_NAME_HMAC, nullptr);
        if (fetched == nullptr) throw std::runtime_error("OpenSSL provides no HMAC");
        return fetched;
    }();
    return mac;
}

EVP_MD* sha256_algorithm() {
    // NOLINTNEXTLINE(cppcoreguidelines-avoid-non-const-global-variables): OpenSSL takes a non-const EVP_MD*
    static EVP_MD* const md = [] {
        EVP_MD* fetched = EVP_MD_fetch(nullptr, OSSL_DIGEST_NAME_SHA2_256, nullptr);
        if (fetched == nullptr) throw std::runtime_error("OpenSSL provides no SHA-256");
        return fetched;
    }();
    return md;
}

struct mac_ctx_deleter {
    void operator()(EVP_MAC_CTX* ctx) const noexcept { EVP_MAC_CTX_free(ctx); }
};
using mac_ctx_ptr = std::unique_ptr<EVP_MAC_CTX, mac_ctx_deleter>;

const unsigned char* bytes_of(std::string_view text) noexcept {
    // HMAC takes a null key pointer as "keep the previous key"; an empty key must not be null.
    static constexpr unsigned char empty = 0;
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): OpenSSL takes bytes as unsigned char
    return text.empty() ? &empty : reinterpret_cast<const unsigned char*>(text.data());
}

}  // namespace

hmac_key::hmac_key(digest_algorithm algorithm, std::string_view key) {
    mac_ctx_ptr ctx{EVP_MAC_CTX_new(hmac_algorithm())};
    if (!ctx) throw std::runtime_error("EVP_MAC_CTX_new failed");
    char sha1[] = OSSL_DIGEST_NAME_SHA1;
    char sha2_256[] = OSSL_DIGEST_NAME_SHA2_256;
    const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(
                                     OSSL_MAC_PARAM_DIGEST, algorithm == digest_algorithm::sha1 ? sha1 : sha2_256, 0),
                                 OSSL_PARAM_construct_end()};
    if (EVP_MAC_init(ctx.get(), bytes_of(key), key.size(), params) != 1) {
        throw std::runtime_error("HMAC key set-up failed");
    }
    keyed_ = ctx.release();
}

hmac_key::~hmac_key() { EVP_MAC_CTX_free(keyed_); }

digest_bytes hmac_key::compute(std::string_view message) const {
    const mac_ctx_ptr ctx{EVP_MAC_CTX_dup(keyed_)};
    digest_bytes out;
    if (!ctx || EVP_MAC_update(ctx.get(), bytes_of(message), message.size()) != 1 ||
        EVP_MAC_final(ctx.get(), out.bytes.data(), &out.size, out.bytes.size()) != 1) {
        throw std::runtime_error("HMAC computation failed");
    }
    return out;
}

digest_bytes sha256(std::string_view data) {
    digest_bytes out;
    unsigned int size = 0;
    if (EVP_Digest(bytes_of(data), data.size(), out.bytes.data(), &size, sha256_algorithm(), nullptr) != 1) {
        throw std::runtime_error("SHA-256 computation failed");
    }
    out.size = size;
    return out;
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
