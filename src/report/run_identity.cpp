#include <hotlive/run_identity.hpp>

#include "signing/crypto.hpp"
#include "text/fnv1a.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>

namespace hotlive {
namespace {

// FNV-1a over fields: a call's parameters are no secret, and a digest per call must be cheap.
struct fnv1a {
    std::uint64_t hash = detail::fnv1a_offset_basis;

    // Each field ends with a NUL, which no field contains: "ab"+"c" and "a"+"bc" differ.
    fnv1a& field(std::string_view text) {
        hash = detail::fnv1a64(std::string_view("\0", 1), detail::fnv1a64(text, hash));
        return *this;
    }
    fnv1a& field(const std::optional<std::uint64_t>& number) {
        if (!number) return field("-");
        std::array<char, 20> digits{};
        auto* const end = std::to_chars(digits.data(), digits.data() + digits.size(), *number).ptr;
        return field(std::string_view(digits.data(), static_cast<std::size_t>(end - digits.data())));
    }
};

std::string hex64(std::uint64_t value) {
    std::array<unsigned char, 8> bytes{};
    for (auto& b : bytes) {
        b = static_cast<unsigned char>(value >> 56);
        value <<= 8;
    }
    std::string out;
    detail::append_hex(out, bytes);
    return out;
}

}  // namespace

std::string parameters_digest(const plan& p, call_ref call) {
    const stream_target& t = p.streams.at(call.target);
    fnv1a h;
    h.field(t.domain).field(t.app).field(t.stream).field(region_at(call.region).code);
    h.field(t.audio_msid).field(t.video_msid).field(t.connection_timeout_ms).field(t.media_timeout_ms);
    return hex64(h.hash);
}

void call_set_digest::add(std::string_view key, std::string_view parameters_digest) {
    calls_.push_back(fnv1a{}.field(key).field(parameters_digest).hash);
}

std::string call_set_digest::value() {
    std::sort(calls_.begin(), calls_.end());
    // The hashes as little-endian bytes: the vector itself on a little-endian machine (a million
    // calls are 8 MB, not copied), byte by byte elsewhere.
    std::string bytes;
    std::string_view input;
    if constexpr (std::endian::native == std::endian::little) {
        // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): the hashes' own bytes
        input = {reinterpret_cast<const char*>(calls_.data()), calls_.size() * sizeof(std::uint64_t)};
    } else {
        bytes.reserve(calls_.size() * 8);
        for (auto hash : calls_) {
            for (int i = 0; i < 8; ++i, hash >>= 8) bytes.push_back(static_cast<char>(hash & 0xff));
        }
        input = bytes;
    }
    const auto digest = detail::sha256(input);
    std::string out = "sha256:";
    detail::append_hex(out, digest.view().first(16));
    return out;
}

std::string plan_digest(const plan& p) { return calls_digest(p, expand(p)); }

std::string calls_digest(const plan& p, std::span<const call_ref> calls) {
    call_set_digest digest(calls.size());
    for (const auto c : calls) digest.add(call_key(p, c), parameters_digest(p, c));
    return digest.value();
}

std::string account_fingerprint(std::string_view access_key_id) {
    // Prefixed, so the fingerprint is not the plain SHA-256 of the id anyone could look up.
    std::string input = "hotlive account fingerprint\n";
    input.append(access_key_id);
    const auto digest = detail::sha256(input);
    std::string out = "sha256:";
    detail::append_hex(out, digest.view().first(8));
    return out;
}

}  // namespace hotlive
