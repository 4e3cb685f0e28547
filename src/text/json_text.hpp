// JSON scalars written straight into an output string, so a report of a million calls is built
// by appending rather than through a DOM.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace hotlive::detail {

// Appends `text` as a quoted JSON string: '"', '\\' and control characters escaped, invalid UTF-8
// replaced with U+FFFD (the output must parse: a JSON parser rejects invalid UTF-8).
void append_json_string(std::string& out, std::string_view text);

void append_unsigned(std::string& out, std::uint64_t value);
void append_signed(std::string& out, std::int64_t value);

}  // namespace hotlive::detail
