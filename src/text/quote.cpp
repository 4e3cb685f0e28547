#include "text/quote.hpp"

#include "text/utf8.hpp"

#include <cstdio>

namespace hotlive::detail {

std::string printable(std::string_view text, std::size_t max_bytes) {
    std::string out;
    std::size_t taken = 0;
    while (taken < text.size() && taken < max_bytes) {
        const utf8_unit unit = decode_utf8(text, taken);
        const auto byte = static_cast<unsigned char>(text[taken]);
        if (!unit.valid || byte < 0x20 || byte == 0x7f) {
            char escaped[5];
            (void)std::snprintf(escaped, sizeof escaped, "\\x%02X", byte);
            out += escaped;
            ++taken;
        } else {
            out.append(text.substr(taken, unit.length));
            taken += unit.length;
        }
    }
    if (taken < text.size()) out += "…";
    return out;
}

std::string quoted(std::string_view text, std::size_t max_bytes) { return "'" + printable(text, max_bytes) + "'"; }

}  // namespace hotlive::detail
