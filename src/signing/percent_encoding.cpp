#include "signing/percent_encoding.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace hotlive {
namespace detail {
namespace {

constexpr std::array<bool, 256> unreserved_table() {
    std::array<bool, 256> table{};
    for (char c = 'A'; c <= 'Z'; ++c) table[static_cast<unsigned char>(c)] = true;
    for (char c = 'a'; c <= 'z'; ++c) table[static_cast<unsigned char>(c)] = true;
    for (char c = '0'; c <= '9'; ++c) table[static_cast<unsigned char>(c)] = true;
    for (const char c : {'-', '_', '.', '~'}) table[static_cast<unsigned char>(c)] = true;
    return table;
}

constexpr std::array<bool, 256> unreserved = unreserved_table();

}  // namespace

void append_percent_encoded(std::string& out, std::string_view text) {
    static constexpr char digits[] = "0123456789ABCDEF";
    out.reserve(out.size() + text.size());
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (unreserved[byte]) {
            out.push_back(c);
        } else {
            const char escape[3] = {'%', digits[byte >> 4], digits[byte & 0x0f]};
            out.append(escape, 3);
        }
    }
}

void append_canonical_query(std::string& out, std::span<const query_parameter> parameters) {
    // Every encoded name and value goes into one buffer; the sort moves only offsets.
    struct entry {
        std::size_t begin;
        std::size_t name_end;
        std::size_t end;
    };
    std::string encoded;
    std::vector<entry> entries;
    entries.reserve(parameters.size());
    for (const auto& p : parameters) {
        entry e{encoded.size(), 0, 0};
        append_percent_encoded(encoded, p.name);
        e.name_end = encoded.size();
        append_percent_encoded(encoded, p.value);
        e.end = encoded.size();
        entries.push_back(e);
    }
    const std::string_view all = encoded;
    const auto name = [all](const entry& e) { return all.substr(e.begin, e.name_end - e.begin); };
    const auto value = [all](const entry& e) { return all.substr(e.name_end, e.end - e.name_end); };
    std::sort(entries.begin(), entries.end(), [&](const entry& a, const entry& b) {
        const int by_name = name(a).compare(name(b));
        return by_name != 0 ? by_name < 0 : value(a) < value(b);
    });

    out.reserve(out.size() + encoded.size() + 2 * entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (i != 0) out.push_back('&');
        out.append(name(entries[i]));
        out.push_back('=');
        out.append(value(entries[i]));
    }
}

}  // namespace detail

std::string percent_encode(std::string_view text) {
    std::string out;
    detail::append_percent_encoded(out, text);
    return out;
}

std::string canonical_query_string(std::span<const query_parameter> parameters) {
    std::string out;
    detail::append_canonical_query(out, parameters);
    return out;
}

}  // namespace hotlive
