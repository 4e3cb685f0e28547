// The RegionCode values HotLiveRtcStream accepts (API reference, "Region codes"): 34 Chinese
// provincial divisions and 170 countries, and the built-in groups plans can name.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hotlive {

enum class region_kind { province, country };

struct region {
    std::string_view code;  // as the API expects it, e.g. "ZHJ", "SG"
    std::string_view name;  // as the API reference spells it, e.g. "Zhejiang", "Singapore"
    region_kind kind;
};

// Every region, provinces first, each list in the order of the API reference.
[[nodiscard]] std::span<const region> all_regions();
[[nodiscard]] std::span<const region> provinces();
[[nodiscard]] std::span<const region> countries();

// Index of a region in all_regions(); stable for the life of the process.
using region_index = unsigned short;

[[nodiscard]] const region& region_at(region_index index);

// Exact code ("ZHJ") or, case-insensitively, the reference's name ("zhejiang").
[[nodiscard]] std::optional<region_index> find_region(std::string_view code_or_name);

// Built-in groups: "china-provinces", "countries", "all".
[[nodiscard]] std::optional<std::span<const region>> builtin_group(std::string_view name);
[[nodiscard]] std::span<const std::string_view> builtin_group_names();

// "HKG (Hong Kong)", as messages show a region.
[[nodiscard]] std::string describe(const region& r);

}  // namespace hotlive
