// UTF-8 decoding, the project's one decoder: plans are checked with it, messages that repeat user
// text escape what it refuses, and the writers (reports, the emulator's JSON) replace invalid
// sequences with U+FFFD, since every format hotlive writes declares UTF-8 (JSON must be UTF-8, an
// XML parser rejects a document with a stray byte).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace hotlive::detail {

inline constexpr std::string_view utf8_replacement = "\xEF\xBF\xBD";  // U+FFFD

struct utf8_unit {
    char32_t code_point = 0;  // U+FFFD when !valid
    std::size_t length = 1;   // bytes consumed; 1 for an invalid byte, so decoding resumes after it
    bool valid = false;
};

// Decodes the code point starting at text[pos] (pos < text.size()) per RFC 3629: overlong forms,
// surrogates and values above U+10FFFF are invalid.
[[nodiscard]] utf8_unit decode_utf8(std::string_view text, std::size_t pos);

[[nodiscard]] bool is_valid_utf8(std::string_view text);

// Appends `text` with each invalid sequence replaced by U+FFFD.
void append_valid_utf8(std::string& out, std::string_view text);

}  // namespace hotlive::detail
