#include "regions/catalogue.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>

namespace hotlive {
namespace {

std::string lowercase(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; });
    return out;
}

// Codes match exactly (the API is case-sensitive); names match ignoring case.
struct region_index_table {
    std::unordered_map<std::string_view, region_index> by_code;
    std::unordered_map<std::string, region_index> by_lowercase_name;

    region_index_table() {
        for (std::size_t i = 0; i < detail::region_table.size(); ++i) {
            const auto index = static_cast<region_index>(i);
            by_code.emplace(detail::region_table[i].code, index);
            by_lowercase_name.emplace(lowercase(detail::region_table[i].name), index);
        }
    }
};

const region_index_table& index_table() {
    static const region_index_table table;
    return table;
}

constexpr std::array<std::string_view, 3> group_names{"china-provinces", "countries", "all"};

}  // namespace

std::span<const region> all_regions() { return detail::region_table; }

std::span<const region> provinces() { return all_regions().first(detail::province_count); }

std::span<const region> countries() { return all_regions().subspan(detail::province_count); }

const region& region_at(region_index index) { return detail::region_table.at(index); }

std::optional<region_index> find_region(std::string_view code_or_name) {
    const auto& table = index_table();
    if (const auto it = table.by_code.find(code_or_name); it != table.by_code.end()) return it->second;
    if (const auto it = table.by_lowercase_name.find(lowercase(code_or_name)); it != table.by_lowercase_name.end()) {
        return it->second;
    }
    return std::nullopt;
}

std::optional<std::span<const region>> builtin_group(std::string_view name) {
    if (name == group_names[0]) return provinces();
    if (name == group_names[1]) return countries();
    if (name == group_names[2]) return all_regions();
    return std::nullopt;
}

std::span<const std::string_view> builtin_group_names() { return group_names; }

std::string describe(const region& r) {
    std::string text(r.code);
    text += " (";
    text += r.name;
    text += ')';
    return text;
}

}  // namespace hotlive
