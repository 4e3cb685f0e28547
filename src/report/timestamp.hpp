// Report timestamps: RFC 3339 in UTC with milliseconds, "2026-12-31T11:30:00.123Z".
#pragma once

#include "hotlive/wall_time.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace hotlive::detail {

// Appends `t`, truncated to the millisecond (what a report keeps).
void append_timestamp(std::string& out, wall_time t);

// Appends the quoted timestamp, or null.
void append_json_timestamp(std::string& out, const std::optional<wall_time>& t);

// Reads any RFC 3339 date-time with an offset; a fraction is kept to the nanosecond.
[[nodiscard]] std::optional<wall_time> parse_timestamp(std::string_view text);

}  // namespace hotlive::detail
