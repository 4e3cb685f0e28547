#include "text/quote.hpp"

#include "text/utf8.hpp"

#include <cstdio>

namespace hotlive::detail {
namespace {

// C0, DEL and C1: a terminal obeys U+0080-U+009F too (U+009B is CSI, like ESC [).
bool is_control(char32_t code_point) { return code_point < 0x20 || (code_point >= 0x7f && code_point <= 0x9f); }

void append_escaped(std::string& out, unsigned char byte) {
    char escaped[5];
    (void)std::snprintf(escaped, sizeof escaped, "\\x%02X", byte);
    out += escaped;
}

}  // namespace

std::string printable(std::string_view text, std::size_t max_bytes) {
    std::string out;
    std::size_t taken = 0;
    while (taken < text.size() && taken < max_bytes) {
        const utf8_unit unit = decode_utf8(text, taken);
        const std::string_view bytes = text.substr(taken, unit.length);
        if (!unit.valid || is_control(unit.code_point)) {
            for (const char byte : bytes) append_escaped(out, static_cast<unsigned char>(byte));
        } else {
            out.append(bytes);
        }
        taken += unit.length;
    }
    if (taken < text.size()) out += "…";
    return out;
}

std::string quoted(std::string_view text, std::size_t max_bytes) { return "'" + printable(text, max_bytes) + "'"; }

}  // namespace hotlive::detail
