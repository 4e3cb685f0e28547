#include "time/event_offset.hpp"

#include <array>

namespace hotlive::detail {

std::optional<std::chrono::seconds> parse_event_offset(std::string_view text) {
    if (text.empty() || text.front() != 'T') return std::nullopt;
    text.remove_prefix(1);
    if (text.empty()) return std::chrono::seconds{0};
    const char sign = text.front();
    if (sign != '-' && sign != '+') return std::nullopt;
    text.remove_prefix(1);
    if (text.empty()) return std::nullopt;

    constexpr std::array<std::pair<char, std::int64_t>, 3> units{{{'h', 3600}, {'m', 60}, {'s', 1}}};
    std::size_t next_unit = 0;  // units must come in order, each once
    std::int64_t total = 0;
    while (!text.empty()) {
        std::int64_t amount = 0;
        std::size_t digits = 0;
        while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') {
            if (digits == 6) return std::nullopt;  // no warm-up is planned a million units ahead
            amount = amount * 10 + (text[digits] - '0');
            ++digits;
        }
        if (digits == 0 || digits == text.size()) return std::nullopt;
        const char unit = text[digits];
        while (next_unit < units.size() && units[next_unit].first != unit) ++next_unit;
        if (next_unit == units.size()) return std::nullopt;
        total += amount * units[next_unit].second;
        ++next_unit;
        text.remove_prefix(digits + 1);
    }
    return std::chrono::seconds{sign == '-' ? -total : total};
}

std::string format_event_offset(std::chrono::seconds offset) {
    std::int64_t s = offset.count();
    if (s == 0) return "T";
    std::string out = s < 0 ? "T-" : "T+";
    if (s < 0) s = -s;
    if (s >= 3600) out.append(std::to_string(s / 3600)).push_back('h');
    if (s % 3600 >= 60) out.append(std::to_string(s % 3600 / 60)).push_back('m');
    if (s % 60 != 0) out.append(std::to_string(s % 60)).push_back('s');
    return out;
}

}  // namespace hotlive::detail
