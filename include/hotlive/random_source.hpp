// Randomness for jitter, injectable so backoff is tested deterministically. The process's own
// source is seeded from OpenSSL's CSPRNG, so two hotlive processes started together do not
// jitter in step.
#pragma once

#include <cstdint>

namespace hotlive {

class random_source {
public:
    virtual ~random_source() = default;
    // A uniformly distributed 64-bit value.
    virtual std::uint64_t next() = 0;

    // Uniform in [0, bound], without modulo bias.
    std::uint64_t uniform(std::uint64_t bound);
};

// xoshiro256** seeded from RAND_bytes: fast, statistically sound, not for secrets.
class seeded_random final : public random_source {
public:
    seeded_random();                             // seed from the CSPRNG
    explicit seeded_random(std::uint64_t seed);  // reproducible, for tests and benchmarks
    std::uint64_t next() override;

private:
    std::uint64_t state_[4]{};
};

}  // namespace hotlive
