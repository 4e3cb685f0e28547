#include <hotlive/random_source.hpp>

#include <openssl/rand.h>

#include <limits>
#include <stdexcept>

namespace hotlive {
namespace {

std::uint64_t splitmix64(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

std::uint64_t random_source::uniform(std::uint64_t bound) {
    if (bound == std::numeric_limits<std::uint64_t>::max()) return next();
    const std::uint64_t range = bound + 1;
    // Reject the top partial block of 2^64 so every value is equally likely.
    const std::uint64_t limit =
        std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % range;
    std::uint64_t value = next();
    while (value >= limit) value = next();
    return value % range;
}

seeded_random::seeded_random() {
    std::uint64_t seed = 0;
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): OpenSSL fills bytes as unsigned char
    if (RAND_bytes(reinterpret_cast<unsigned char*>(&seed), sizeof seed) != 1) {
        throw std::runtime_error("OpenSSL RAND_bytes failed: no entropy for the jitter seed");
    }
    *this = seeded_random(seed);
}

seeded_random::seeded_random(std::uint64_t seed) {
    for (auto& s : state_) s = splitmix64(seed);
}

std::uint64_t seeded_random::next() {
    const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
}

}  // namespace hotlive
