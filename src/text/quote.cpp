#include "text/quote.hpp"

#include <cstdint>
#include <cstdio>

namespace hotlive::detail {

std::size_t utf8_sequence_length(std::string_view text) {
    if (text.empty()) return 0;
    const auto lead = static_cast<unsigned char>(text[0]);
    std::size_t length = 0;
    std::uint32_t code_point = 0;
    if (lead < 0x80) return 1;
    if ((lead & 0xE0) == 0xC0) {
        length = 2;
        code_point = lead & 0x1Fu;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3;
        code_point = lead & 0x0Fu;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4;
        code_point = lead & 0x07u;
    } else {
        return 0;
    }
    if (text.size() < length) return 0;
    for (std::size_t k = 1; k < length; ++k) {
        const auto continuation = static_cast<unsigned char>(text[k]);
        if ((continuation & 0xC0) != 0x80) return 0;
        code_point = (code_point << 6) | (continuation & 0x3Fu);
    }
    // Overlong forms, UTF-16 surrogates and values past U+10FFFF are not UTF-8.
    static constexpr std::uint32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code_point < smallest[length] || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
        return 0;
    }
    return length;
}

bool is_valid_utf8(std::string_view text) {
    while (!text.empty()) {
        const std::size_t n = utf8_sequence_length(text);
        if (n == 0) return false;
        text.remove_prefix(n);
    }
    return true;
}

std::string printable(std::string_view text, std::size_t max_bytes) {
    std::string out;
    std::size_t taken = 0;
    while (taken < text.size() && taken < max_bytes) {
        const auto rest = text.substr(taken);
        const std::size_t n = utf8_sequence_length(rest);
        const auto byte = static_cast<unsigned char>(rest[0]);
        if (n == 0 || byte < 0x20 || byte == 0x7f) {
            char escaped[5];
            std::snprintf(escaped, sizeof escaped, "\\x%02X", byte);
            out += escaped;
            ++taken;
        } else {
            out.append(rest.substr(0, n));
            taken += n;
        }
    }
    if (taken < text.size()) out += "…";
    return out;
}

std::string quoted(std::string_view text, std::size_t max_bytes) { return "'" + printable(text, max_bytes) + "'"; }

}  // namespace hotlive::detail
