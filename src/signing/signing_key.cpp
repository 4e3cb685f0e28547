#include "signing/crypto.hpp"

#include <hotlive/signer.hpp>

namespace hotlive {

signing_key::signing_key(std::string_view access_key_secret)
    : v3_(std::make_unique<detail::hmac_key>(detail::digest_algorithm::sha256, access_key_secret)) {
    std::string v1_key;
    v1_key.reserve(access_key_secret.size() + 1);
    v1_key.append(access_key_secret).push_back('&');
    v1_ = std::make_unique<detail::hmac_key>(detail::digest_algorithm::sha1, v1_key);
}

signing_key::~signing_key() = default;
signing_key::signing_key(signing_key&&) noexcept = default;
signing_key& signing_key::operator=(signing_key&&) noexcept = default;

const detail::hmac_key& signing_key::v1() const noexcept { return *v1_; }
const detail::hmac_key& signing_key::v3() const noexcept { return *v3_; }

std::string sha256_hex(std::string_view data) {
    std::string out;
    detail::append_hex(out, detail::sha256(data).view());
    return out;
}

}  // namespace hotlive
