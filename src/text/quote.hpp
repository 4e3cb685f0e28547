// User text repeated in a message, made safe to print: quoted, cut to a readable length, and
// with control bytes (terminal escape sequences) and invalid UTF-8 shown as \xNN, so a hostile
// plan cannot drive the operator's terminal or flood it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace hotlive::detail {

inline constexpr std::size_t quoted_text_limit = 64;

// The text escaped and cut as described above, without quotes.
[[nodiscard]] std::string printable(std::string_view text, std::size_t max_bytes = quoted_text_limit);

// "'text'", or "'first 64 bytes…'" for longer text.
[[nodiscard]] std::string quoted(std::string_view text, std::size_t max_bytes = quoted_text_limit);

}  // namespace hotlive::detail
