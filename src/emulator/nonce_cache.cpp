#include "emulator/nonce_cache.hpp"

#include <algorithm>

namespace hotlive::emu {

nonce_cache::nonce_cache(std::size_t capacity, std::chrono::minutes window)
    : capacity_(std::max<std::size_t>(capacity, 1)), window_minutes_(window.count()) {}

bool nonce_cache::insert(std::uint64_t nonce_hash, std::chrono::system_clock::time_point now) {
    const std::int64_t minute = std::chrono::floor<std::chrono::minutes>(now.time_since_epoch()).count();
    while (!buckets_.empty() && buckets_.front().minute < minute - window_minutes_) forget_oldest();
    if (seen_.contains(nonce_hash)) return false;
    while (seen_.size() >= capacity_ && !buckets_.empty()) forget_oldest();

    // A clock that steps back files the nonce under the newest minute: kept a little longer,
    // never forgotten sooner.
    if (buckets_.empty() || buckets_.back().minute < minute) buckets_.push_back({minute, {}});
    buckets_.back().hashes.push_back(nonce_hash);
    seen_.insert(nonce_hash);
    return true;
}

void nonce_cache::forget_oldest() {
    for (const auto hash : buckets_.front().hashes) seen_.erase(hash);
    buckets_.pop_front();
}

}  // namespace hotlive::emu
