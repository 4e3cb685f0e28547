// hotlive regions [--provinces|--countries] [--json]: the region codes a plan can name.
#include "cli/commands.hpp"

#include <hotlive/exit_codes.hpp>
#include <hotlive/regions.hpp>

#include <fmt/format.h>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cstdio>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hotlive::cli {
namespace {

// The name as it sorts for a reader: a Latin-1 letter written in UTF-8 (two bytes, 0xC3 first)
// sorts as its base letter, so Côte d'Ivoire comes after Costa Rica, not after Cuba.
std::string sort_key(std::string_view name) {
    static constexpr std::string_view base_of_c3 = "AAAAAAACEEEEIIIIDNOOOOOxOUUUUYTsaaaaaaaceeeeiiiidnooooo/ouuuuyty";
    std::string key;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const bool latin1_letter = static_cast<unsigned char>(name[i]) == 0xC3 && i + 1 < name.size() &&
                                   (static_cast<unsigned char>(name[i + 1]) & 0xC0U) == 0x80U;
        if (latin1_letter) {
            key.push_back(base_of_c3[static_cast<unsigned char>(name[++i]) & 0x3FU]);
        } else {
            key.push_back(name[i]);
        }
    }
    return key;
}

void append_sorted_by_name(fmt::memory_buffer& out, std::span<const region> list) {
    std::vector<const region*> sorted;
    for (const auto& r : list) sorted.push_back(&r);
    std::ranges::sort(sorted, {}, [](const region* r) { return sort_key(r->name); });
    for (const region* r : sorted) fmt::format_to(std::back_inserter(out), "{:<4} {}\n", r->code, r->name);
}

}  // namespace

int run_regions(const regions_options& options) {
    const auto list = options.provinces_only ? provinces() : options.countries_only ? countries() : all_regions();
    fmt::memory_buffer out;
    if (options.json) {
        out.append(std::string_view{"["});
        for (std::size_t i = 0; i < list.size(); ++i) {
            fmt::format_to(std::back_inserter(out), "{}{{\"code\":\"{}\",\"name\":{},\"kind\":\"{}\"}}", i ? "," : "",
                           list[i].code, boost::json::serialize(boost::json::string_view{list[i].name}),
                           list[i].kind == region_kind::province ? "province" : "country");
        }
        out.append(std::string_view{"]\n"});
    } else {
        if (options.provinces_only || options.countries_only) {
            append_sorted_by_name(out, list);  // one kind: a list for scripts, no heading
        } else {
            fmt::format_to(std::back_inserter(out), "Provinces ({})\n", provinces().size());
            append_sorted_by_name(out, provinces());
            fmt::format_to(std::back_inserter(out), "\nCountries ({})\n", countries().size());
            append_sorted_by_name(out, countries());
            fmt::format_to(std::back_inserter(out),
                           "\nGroups: china-provinces ({}), countries ({}), all ({}). Plans may also name a region "
                           "by its name, e.g. Zhejiang.\n",
                           provinces().size(), countries().size(), all_regions().size());
        }
    }
    (void)std::fwrite(out.data(), 1, out.size(), stdout);
    return exit_code::success;
}

}  // namespace hotlive::cli
