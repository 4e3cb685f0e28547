#include <hotlive/signer.hpp>

#include <openssl/rand.h>

#include <pthread.h>

#include <array>
#include <cstddef>
#include <stdexcept>

namespace hotlive {
namespace {

// Random bytes drawn from OpenSSL 256 nonces at a time: RAND_bytes costs thousands of
// instructions and a getpid(2) (its fork check) per draw, which a call paid for 16 bytes.
struct random_pool {
    std::array<unsigned char, 4096> bytes{};
    std::size_t used = bytes.size();  // empty

    const unsigned char* take(std::size_t n) {
        if (used + n > bytes.size()) {
            if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
                throw std::runtime_error("OpenSSL RAND_bytes failed: no entropy for a signature nonce");
            }
            used = 0;
        }
        const unsigned char* out = bytes.data() + used;
        used += n;
        return out;
    }
};

// NOLINTNEXTLINE(cppcoreguidelines-avoid-non-const-global-variables): each thread's pool, drawn from
thread_local random_pool pool;

// A forked child must not reuse its parent's bytes (OpenSSL reseeds on fork; this pool would
// not): it starts empty. The child has only the thread that forked, so its pool is the one.
void empty_after_fork() { pool.used = pool.bytes.size(); }
[[maybe_unused]] const int fork_handler = pthread_atfork(nullptr, nullptr, empty_after_fork);

}  // namespace

std::string make_nonce() {
    std::array<unsigned char, 16> bytes{};
    const unsigned char* drawn = pool.take(bytes.size());
    std::copy(drawn, drawn + bytes.size(), bytes.begin());
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
