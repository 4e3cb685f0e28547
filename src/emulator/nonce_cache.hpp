// SignatureNonce replay detection over the service's 15-minute window, in bounded memory.
//
// Nonces are kept as 64-bit hashes in a set, and also in one bucket per minute of arrival, so
// that a minute's nonces are forgotten together once the window has passed: a nonce is
// remembered for at least `window` and at most `window` plus one minute. The set never holds
// more than `capacity` nonces: beyond that the oldest minutes are forgotten early, which shortens
// the replay window under extreme load rather than growing without bound (at the default
// 1,048,576 nonces, some 60 MB; at the service's own 10 calls/s per account, 9,000 per account
// fill a 15-minute window).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <unordered_set>
#include <vector>

namespace hotlive::emu {

class nonce_cache {
public:
    static constexpr std::size_t default_capacity = 1'048'576;

    explicit nonce_cache(std::size_t capacity = default_capacity,
                         std::chrono::minutes window = std::chrono::minutes{15});

    // True when `nonce_hash` was not seen within the window; it is remembered from now on.
    // False for a replay.
    [[nodiscard]] bool insert(std::uint64_t nonce_hash, std::chrono::system_clock::time_point now);

    [[nodiscard]] std::size_t size() const noexcept { return seen_.size(); }

private:
    struct bucket {
        std::int64_t minute = 0;
        std::vector<std::uint64_t> hashes;
    };

    void forget_oldest();

    std::size_t capacity_;
    std::int64_t window_minutes_;
    std::unordered_set<std::uint64_t> seen_;
    std::deque<bucket> buckets_;  // oldest first
};

}  // namespace hotlive::emu
