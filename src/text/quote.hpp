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

// Length in bytes of the valid UTF-8 sequence starting at text[0], or 0 when it is not one.
[[nodiscard]] std::size_t utf8_sequence_length(std::string_view text);

[[nodiscard]] bool is_valid_utf8(std::string_view text);

}  // namespace hotlive::detail
