#include "text/utf8.hpp"

namespace hotlive::detail {
namespace {

bool is_continuation(unsigned char c) { return (c & 0xC0U) == 0x80U; }

}  // namespace

utf8_unit decode_utf8(std::string_view text, std::size_t pos) {
    const auto lead = static_cast<unsigned char>(text[pos]);
    if (lead < 0x80U) return {lead, 1, true};

    std::size_t length = 0;
    char32_t value = 0;
    char32_t minimum = 0;
    if ((lead & 0xE0U) == 0xC0U) {
        length = 2;
        value = lead & 0x1FU;
        minimum = 0x80;
    } else if ((lead & 0xF0U) == 0xE0U) {
        length = 3;
        value = lead & 0x0FU;
        minimum = 0x800;
    } else if ((lead & 0xF8U) == 0xF0U) {
        length = 4;
        value = lead & 0x07U;
        minimum = 0x10000;
    } else {
        return {0xFFFD, 1, false};
    }
    if (pos + length > text.size()) return {0xFFFD, 1, false};
    for (std::size_t i = 1; i < length; ++i) {
        const auto c = static_cast<unsigned char>(text[pos + i]);
        if (!is_continuation(c)) return {0xFFFD, 1, false};
        value = (value << 6U) | (c & 0x3FU);
    }
    if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return {0xFFFD, 1, false};
    return {value, length, true};
}

bool is_valid_utf8(std::string_view text) {
    for (std::size_t pos = 0; pos < text.size();) {
        const utf8_unit unit = decode_utf8(text, pos);
        if (!unit.valid) return false;
        pos += unit.length;
    }
    return true;
}

void append_valid_utf8(std::string& out, std::string_view text) {
    std::size_t pos = 0;
    while (pos < text.size()) {
        // Copy the longest valid run at once; most text is plain ASCII.
        const std::size_t run_start = pos;
        utf8_unit unit;
        while (pos < text.size()) {
            if (static_cast<unsigned char>(text[pos]) < 0x80U) {
                ++pos;
                continue;
            }
            unit = decode_utf8(text, pos);
            if (!unit.valid) break;
            pos += unit.length;
        }
        out.append(text.substr(run_start, pos - run_start));
        if (pos < text.size()) {
            out.append(utf8_replacement);
            pos += unit.length;
        }
    }
}

}  // namespace hotlive::detail
