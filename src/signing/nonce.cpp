#include <hotlive/signer.hpp>

#include <openssl/rand.h>

#include <array>
#include <stdexcept>

namespace hotlive {

std::string make_nonce() {
    std::array<unsigned char, 16> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
        throw std::runtime_error("OpenSSL RAND_bytes failed: no entropy for a signature nonce");
    }
    bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0f) | 0x40);  // version 4
    bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3f) | 0x80);  // variant 10xx (RFC 4122)

    static constexpr char digits[] = "0123456789abcdef";
    std::string out(36, '-');
    std::size_t at = 0;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) ++at;  // keep the dash
        out[at++] = digits[bytes[i] >> 4];
        out[at++] = digits[bytes[i] & 0x0f];
    }
    return out;
}

}  // namespace hotlive
