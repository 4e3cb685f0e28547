#include <hotlive/regions.hpp>
#include <hotlive/run_outline.hpp>

#include <algorithm>
#include <limits>

namespace hotlive {

run_outline outline_grid(const plan& p, std::span<const call_ref> share) {
    run_outline o;
    constexpr auto unseen = std::numeric_limits<std::uint32_t>::max();
    std::vector<std::uint32_t> row_of_target(p.streams.size(), unseen);
    std::vector<std::uint32_t> column_of_region(all_regions().size(), unseen);
    std::vector<std::uint32_t> targets;
    for (const auto c : share) {
        if (row_of_target[c.target] == unseen) {
            row_of_target[c.target] = static_cast<std::uint32_t>(targets.size());
            targets.push_back(c.target);
        }
        column_of_region[c.region] = 0;
    }
    // Columns in the API reference's order, as the HTML report's grid.
    for (std::size_t r = 0; r < column_of_region.size(); ++r) {
        if (column_of_region[r] == unseen) continue;
        column_of_region[r] = static_cast<std::uint32_t>(o.columns.size());
        o.columns.emplace_back(region_at(static_cast<region_index>(r)).code);
    }
    const bool one_domain_and_app = std::all_of(targets.begin(), targets.end(), [&](std::uint32_t t) {
        return p.streams[t].domain == p.streams[targets.front()].domain &&
               p.streams[t].app == p.streams[targets.front()].app;
    });
    for (const auto t : targets) {
        const auto& s = p.streams[t];
        o.rows.push_back(one_domain_and_app ? s.stream : s.domain + "/" + s.app + "/" + s.stream);
    }
    o.places.reserve(share.size());
    for (const auto c : share) o.places.push_back({row_of_target[c.target], column_of_region[c.region]});
    return o;
}

}  // namespace hotlive
