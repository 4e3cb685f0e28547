// RFC 3339 timestamps, as plans write them ("2026-12-31T19:30:00+08:00") and reports print them.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace hotlive::detail {

// A full date-time with "Z" or a numeric offset; fractional seconds are accepted and dropped.
// A date-time without an offset is refused: "19:30" in which time zone is the mistake that makes
// a warm-up run an hour late.
[[nodiscard]] std::optional<std::chrono::sys_seconds> parse_rfc3339(std::string_view text);

// Why parse_rfc3339 refused `text`, as the end of "'not_before' …": "names a day or time that
// does not exist", "has no offset; add Z or one such as +08:00", or the expected form.
[[nodiscard]] std::string rfc3339_problem(std::string_view text);

// "2026-12-31T11:30:00Z".
[[nodiscard]] std::string format_rfc3339_utc(std::chrono::sys_seconds t);

}  // namespace hotlive::detail
