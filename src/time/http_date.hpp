// HTTP dates (RFC 9110 IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT"): the Date header a
// server's clock is read from, and Retry-After's date form.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace hotlive::detail {

[[nodiscard]] std::optional<std::chrono::sys_seconds> parse_http_date(std::string_view text);
[[nodiscard]] std::string format_http_date(std::chrono::sys_seconds t);

// Retry-After: delta-seconds or an HTTP date (relative to `now`). Garbage and negative values
// give nothing, so they are ignored.
[[nodiscard]] std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view text,
                                                                         std::chrono::system_clock::time_point now);

}  // namespace hotlive::detail
