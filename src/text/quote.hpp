// User text repeated in a message, and text a server sent, made safe to print: quoted, cut to a
// readable length, and with control characters (terminal escape sequences, C1 included) and
// invalid UTF-8 shown as \xNN, so a hostile plan or server cannot drive the operator's terminal,
// forge a line of output or flood it.
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
