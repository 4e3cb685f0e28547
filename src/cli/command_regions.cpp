// hotlive regions [--provinces|--countries] [--json]: the region codes a plan can name.
#include "cli/commands.hpp"

#include <hotlive/exit_codes.hpp>
#include <hotlive/regions.hpp>

#include <fmt/format.h>
#include <boost/json/serialize.hpp>

#include <cstdio>

namespace hotlive::cli {

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
        for (const auto& r : list) fmt::format_to(std::back_inserter(out), "{:<4} {}\n", r.code, r.name);
        if (!options.provinces_only && !options.countries_only) {
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
