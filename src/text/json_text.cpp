#include "text/json_text.hpp"

#include "text/utf8.hpp"

#include <array>
#include <charconv>

namespace hotlive::detail {
namespace {

// Bytes that can be copied into a JSON string as they are.
constexpr std::array<bool, 256> plain_json_bytes = [] {
    std::array<bool, 256> table{};
    for (std::size_t c = 0x20; c < 0x80; ++c) table[c] = true;
    table['"'] = false;
    table['\\'] = false;
    return table;
}();

void append_escaped_control(std::string& out, unsigned char c) {
    switch (c) {
        case '\n':
            out.append("\\n");
            return;
        case '\r':
            out.append("\\r");
            return;
        case '\t':
            out.append("\\t");
            return;
        case '\b':
            out.append("\\b");
            return;
        case '\f':
            out.append("\\f");
            return;
        default:
            break;
    }
    constexpr std::string_view hex = "0123456789abcdef";
    const char escape[] = {'\\', 'u', '0', '0', hex[c >> 4U], hex[c & 0xFU]};
    out.append(escape, sizeof escape);
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
    out.push_back('"');
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t run_start = pos;
        while (pos < text.size() && plain_json_bytes[static_cast<unsigned char>(text[pos])]) ++pos;
        out.append(text.data() + run_start, pos - run_start);
        if (pos == text.size()) break;

        const auto c = static_cast<unsigned char>(text[pos]);
        if (c == '"' || c == '\\') {
            out.push_back('\\');
            out.push_back(static_cast<char>(c));
            ++pos;
        } else if (c < 0x20) {
            append_escaped_control(out, c);
            ++pos;
        } else {
            const utf8_unit unit = decode_utf8(text, pos);
            if (unit.valid) {
                out.append(text.data() + pos, unit.length);
            } else {
                out.append(utf8_replacement);
            }
            pos += unit.length;
        }
    }
    out.push_back('"');
}

void append_unsigned(std::string& out, std::uint64_t value) {
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr);
}

void append_signed(std::string& out, std::int64_t value) {
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr);
}

}  // namespace hotlive::detail
