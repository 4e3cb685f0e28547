// FNV-1a, 64 bits: a fast, stable hash of text for what needs no cryptography (which shard a
// call is in, a call's row on a resume, a digest of a call's parameters).
#pragma once

#include <cstdint>
#include <string_view>

namespace hotlive::detail {

inline constexpr std::uint64_t fnv1a_offset_basis = 0xcbf29ce484222325ull;

// Continues `hash` over `text`; fnv1a64(text) alone starts from the offset basis.
[[nodiscard]] constexpr std::uint64_t fnv1a64(std::string_view text, std::uint64_t hash = fnv1a_offset_basis) {
    for (const char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ull;
    }
    return hash;
}

}  // namespace hotlive::detail
