// A time relative to an event's start, as waves write it: "T-30m", "T-1h30m", "T-45s", "T+5m",
// "T" (the start itself). Hours, minutes and seconds, each at most once and in that order.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace hotlive::detail {

[[nodiscard]] std::optional<std::chrono::seconds> parse_event_offset(std::string_view text);

// The shortest form parse_event_offset reads back: -5400 s is "T-1h30m", 0 is "T".
[[nodiscard]] std::string format_event_offset(std::chrono::seconds offset);

}  // namespace hotlive::detail
