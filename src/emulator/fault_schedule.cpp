#include "emulator/fault_schedule.hpp"

#include "signing/crypto.hpp"

#include <algorithm>
#include <array>
#include <span>
#include <string>

namespace hotlive {

namespace {

constexpr std::array<std::string_view, 9> fault_names{
    "internal_error", "service_unavailable", "throttle",      "latency", "reset",
    "truncate",       "garbage_json",        "no_request_id", "trickle",
};

}  // namespace

std::string_view to_string(fault_kind kind) { return fault_names.at(static_cast<std::size_t>(kind)); }

std::span<const std::string_view> fault_kind_names() { return fault_names; }

std::optional<fault_kind> parse_fault_kind(std::string_view text) {
    for (std::size_t i = 0; i < fault_names.size(); ++i) {
        if (fault_names[i] == text) return static_cast<fault_kind>(i);
    }
    return std::nullopt;
}

namespace emu {

double fault_draw(std::uint64_t seed, std::size_t rule_index, std::string_view key,
                  std::optional<std::uint32_t> attempt, std::string_view suffix) {
    std::string message;
    message.reserve(64 + key.size() + suffix.size());
    message.append("hotlive.fault/1\n").append(std::to_string(seed));
    message.append("\n").append(std::to_string(rule_index));
    message.append("\n").append(key);
    if (attempt) message.append("\n").append(std::to_string(*attempt));
    message.append(suffix);
    const auto digest = detail::sha256(message);
    std::uint64_t bits = 0;
    for (std::size_t i = 0; i < 8; ++i) bits = (bits << 8) | digest.bytes[i];
    return static_cast<double>(bits >> 11) * 0x1.0p-53;  // the top 53 bits: every value exact
}

fault_schedule::fault_schedule(std::vector<fault_rule> rules, std::uint64_t seed)
    : rules_(std::move(rules)), seed_(seed) {}

bool fault_schedule::applies(std::size_t index, const call_identity& call, std::uint32_t attempt) const {
    const fault_rule& rule = rules_[index];
    if (rule.match_domain && *rule.match_domain != call.domain) return false;
    if (rule.match_app && *rule.match_app != call.app) return false;
    if (rule.match_stream && *rule.match_stream != call.stream) return false;
    if (rule.match_region && *rule.match_region != call.region) return false;
    if (!rule.attempts.empty() &&
        std::find(rule.attempts.begin(), rule.attempts.end(), attempt) == rule.attempts.end()) {
        return false;
    }
    if (rule.probability >= 1.0) return true;
    if (rule.probability <= 0.0) return false;
    const auto scope_attempt = rule.per == fault_scope::attempt ? std::optional<std::uint32_t>{attempt} : std::nullopt;
    return fault_draw(seed_, index, call.key, scope_attempt) < rule.probability;
}

std::optional<fault_decision> fault_schedule::decide(const call_identity& call, std::uint32_t attempt) const {
    for (std::size_t index = 0; index < rules_.size(); ++index) {
        if (!applies(index, call, attempt)) continue;
        const fault_rule& rule = rules_[index];
        fault_decision decision;
        decision.kind = rule.kind;
        decision.rule_index = index;
        decision.retry_after_s = rule.retry_after_s;
        decision.retry_after_ms = rule.retry_after_ms;
        if (rule.kind == fault_kind::latency) {
            std::uint64_t ms = rule.latency_min_ms;
            if (rule.latency_max_ms > rule.latency_min_ms) {
                const std::uint64_t span = std::uint64_t{rule.latency_max_ms} - rule.latency_min_ms + 1;
                const double u = fault_draw(seed_, index, call.key, attempt, "\nlatency");
                ms += std::min(span - 1, static_cast<std::uint64_t>(u * static_cast<double>(span)));
            }
            decision.delay = std::chrono::milliseconds{ms};
        } else if (rule.kind == fault_kind::trickle) {
            decision.delay = std::chrono::milliseconds{rule.trickle_ms};
        }
        return decision;
    }
    return std::nullopt;
}

}  // namespace emu
}  // namespace hotlive
