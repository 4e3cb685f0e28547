// Turns the region lists of a plan ("[east-china, GUD, Singapore, countries]") into region
// codes: codes, names of regions, built-in groups and the plan's own region_groups, which may
// nest. Unknown words get a suggestion; a group that includes itself is reported with its cycle.
#pragma once

#include "plan/field_reader.hpp"

#include <hotlive/regions.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hotlive::detail {

class region_resolver {
public:
    explicit region_resolver(field_reader& reader);

    // Reads the plan's `region_groups` mapping and resolves every group, so a mistake in a
    // group is reported once, where it is written, even when no stream uses the group.
    void read_groups(const yaml_node& mapping);

    // The regions of a list, each once, in order of first mention. Regions named more than once
    // (often through overlapping groups) are collapsed with one warning naming them. Returns
    // nothing when the list has an error.
    std::optional<std::vector<region_index>> resolve(const yaml_node& list, std::string_view where);

private:
    struct group {
        const yaml_node* name = nullptr;
        const yaml_node* members = nullptr;
        std::optional<std::vector<region_index>> resolved;  // empty: not yet, or in error
        bool failed = false;
    };

    // `stack` holds the groups being resolved, outermost first, to detect cycles.
    std::optional<std::vector<region_index>> resolve_list(const yaml_node& list, std::string_view where,
                                                          std::vector<std::string>& stack);
    // Appends the regions of `list` to `out`; `duplicates` collects the repeated ones.
    bool expand(const yaml_node& list, std::vector<region_index>& out, std::vector<bool>& seen,
                std::vector<region_index>& duplicates, std::vector<std::string>& stack);
    const std::vector<region_index>* resolve_group(const std::string& name, const yaml_node& reference,
                                                   std::vector<std::string>& stack);
    void report_unknown(const yaml_node& word);

    field_reader& reader_;
    std::map<std::string, group, std::less<>> groups_;
};

}  // namespace hotlive::detail
