// The seeded fault schedule: which verified request gets which fault.
//
// Decisions depend only on the seed, the rule's position, the call's key and the attempt
// number, never on arrival order or timing, so a schedule replays exactly: the same seed and
// the same calls give the same faults. The draw of rule i (0-based) for a call is
//
//   u = (first 8 bytes of SHA-256("hotlive.fault/1\n" SEED "\n" i "\n" KEY), big-endian) / 2^64
//
// with "\n" ATTEMPT appended before hashing for per-attempt rules (SEED, i and ATTEMPT in
// decimal; KEY is "domain/app/stream@REGION"); the rule fires when u < probability. A latency
// range [min, max] draws its delay per attempt, the same way, with "\nlatency" appended last.
#pragma once

#include <hotlive/emulator.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace hotlive::emu {

// The call a request is for, taken from its parameters.
struct call_identity {
    std::string_view domain;
    std::string_view app;
    std::string_view stream;
    std::string_view region;
    std::string_view key;  // "domain/app/stream@REGION"
};

struct fault_decision {
    fault_kind kind = fault_kind::internal_error;
    std::size_t rule_index = 0;
    std::chrono::milliseconds delay{0};  // latency: the wait; trickle: the pause after each byte
    std::optional<std::uint32_t> retry_after_s;
    std::optional<std::uint32_t> retry_after_ms;
};

// The uniform draw in [0, 1) described above.
[[nodiscard]] double fault_draw(std::uint64_t seed, std::size_t rule_index, std::string_view key,
                                std::optional<std::uint32_t> attempt, std::string_view suffix = {});

class fault_schedule {
public:
    fault_schedule(std::vector<fault_rule> rules, std::uint64_t seed);

    // The first rule that applies to attempt `attempt` (1-based) of `call`, if any.
    [[nodiscard]] std::optional<fault_decision> decide(const call_identity& call, std::uint32_t attempt) const;

    [[nodiscard]] bool empty() const noexcept { return rules_.empty(); }

private:
    [[nodiscard]] bool applies(std::size_t index, const call_identity& call, std::uint32_t attempt) const;

    std::vector<fault_rule> rules_;
    std::uint64_t seed_;
};

}  // namespace hotlive::emu
