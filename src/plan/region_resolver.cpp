#include "plan/region_resolver.hpp"

#include "text/quote.hpp"
#include "text/suggest.hpp"

#include <algorithm>

namespace hotlive::detail {

region_resolver::region_resolver(field_reader& reader) : reader_(reader) {}

void region_resolver::read_groups(const yaml_node& mapping) {
    if (!reader_.expect_mapping(mapping, "'region_groups'")) return;
    for (std::size_t i = 0; i + 1 < mapping.children.size(); i += 2) {
        const yaml_node& name = mapping.children[i];
        const yaml_node& members = mapping.children[i + 1];
        if (!name.is_scalar() || name.text.empty()) {
            reader_.error(name, "a region group needs a name, got " + describe_node(name));
            continue;
        }
        if (builtin_group(name.text)) {
            reader_.error(name, "region group " + quoted(name.text) + " has the name of a built-in group; rename it");
            continue;
        }
        if (const auto region = find_region(name.text)) {
            reader_.error(name, "region group " + quoted(name.text) + " has the name of the region " +
                                    describe(region_at(*region)) + "; rename it");
            continue;
        }
        if (const auto [it, inserted] = groups_.try_emplace(name.text, group{&name, &members, std::nullopt, false});
            !inserted) {
            reader_.error(name, "region group " + quoted(name.text) + " is defined twice (first at line " +
                                    std::to_string(it->second.name->line) + "); merge them");
        }
    }
    for (auto& [name, g] : groups_) {
        std::vector<std::string> stack;
        resolve_group(name, *g.name, stack);
    }
}

std::optional<std::vector<region_index>> region_resolver::resolve(const yaml_node& list, std::string_view where) {
    std::vector<std::string> stack;
    return resolve_list(list, where, stack);
}

std::optional<std::vector<region_index>> region_resolver::resolve_list(const yaml_node& list, std::string_view where,
                                                                       std::vector<std::string>& stack) {
    if (!reader_.expect_sequence(list, where)) return std::nullopt;
    std::vector<region_index> regions;
    std::vector<bool> seen(all_regions().size(), false);
    std::vector<region_index> duplicates;
    if (!expand(list, regions, seen, duplicates, stack)) return std::nullopt;
    if (regions.empty()) {
        reader_.error(list, std::string(where) + " is empty; name at least one region");
        return std::nullopt;
    }
    if (!duplicates.empty()) {
        std::string codes;
        constexpr std::size_t shown = 8;
        for (std::size_t i = 0; i < std::min(shown, duplicates.size()); ++i) {
            codes += (i == 0 ? "" : ", ") + std::string(region_at(duplicates[i]).code);
        }
        if (duplicates.size() > shown) codes += " and " + std::to_string(duplicates.size() - shown) + " more";
        reader_.warning(list, std::string(where) + " names " + codes +
                                  " more than once (overlapping groups?); each region is warmed once");
    }
    return regions;
}

bool region_resolver::expand(const yaml_node& list, std::vector<region_index>& out, std::vector<bool>& seen,
                             std::vector<region_index>& duplicates, std::vector<std::string>& stack) {
    bool ok = true;
    const auto add = [&](region_index r) {
        if (seen[r]) {
            if (std::find(duplicates.begin(), duplicates.end(), r) == duplicates.end()) duplicates.push_back(r);
        } else {
            seen[r] = true;
            out.push_back(r);
        }
    };
    for (const yaml_node& item : list.children) {
        if (!item.is_scalar() || item.text.empty()) {
            reader_.error(item, "a region must be a code, a name or a group, got " + describe_node(item));
            ok = false;
        } else if (const auto region = find_region(item.text)) {
            add(*region);
        } else if (const auto builtin = builtin_group(item.text)) {
            for (const auto& r : *builtin) add(*find_region(r.code));
        } else if (groups_.contains(item.text)) {
            const auto* members = resolve_group(item.text, item, stack);
            if (members == nullptr) {
                ok = false;
                continue;
            }
            for (const auto r : *members) add(r);
        } else {
            report_unknown(item);
            ok = false;
        }
    }
    return ok;
}

const std::vector<region_index>* region_resolver::resolve_group(const std::string& name, const yaml_node& reference,
                                                                std::vector<std::string>& stack) {
    group& g = groups_.find(name)->second;
    if (g.resolved) return &*g.resolved;
    if (g.failed) return nullptr;
    if (std::find(stack.begin(), stack.end(), name) != stack.end()) {
        std::string cycle;
        for (auto it = std::find(stack.begin(), stack.end(), name); it != stack.end(); ++it)
            cycle += printable(*it) + " → ";
        reader_.error(reference, "region group " + quoted(name) + " includes itself (" + cycle + printable(name) +
                                     "); remove one of the references");
        g.failed = true;
        return nullptr;
    }
    stack.push_back(name);
    const std::string where = "region group " + quoted(name);
    auto regions = resolve_list(*g.members, where, stack);
    stack.pop_back();
    if (g.failed) return nullptr;  // the cycle was found deeper in the recursion
    if (!regions) {
        g.failed = true;
        return nullptr;
    }
    g.resolved = std::move(regions);
    return &*g.resolved;
}

void region_resolver::report_unknown(const yaml_node& word) {
    std::vector<std::string_view> candidates;
    for (const auto& r : all_regions()) {
        candidates.push_back(r.code);
        candidates.push_back(r.name);
    }
    for (const auto g : builtin_group_names()) candidates.push_back(g);
    for (const auto& [name, g] : groups_) candidates.push_back(name);

    std::vector<std::string> suggestions;
    for (const auto candidate : nearest(word.text, candidates)) {
        if (const auto region = find_region(candidate)) {
            const std::string described = describe(region_at(*region));
            if (std::find(suggestions.begin(), suggestions.end(), described) == suggestions.end()) {
                suggestions.push_back(described);
            }
        } else {
            suggestions.push_back("the group '" + std::string(candidate) + "'");
        }
    }
    std::string message = "unknown region " + quoted(word.text) + ";";
    message += suggestions.empty() ? " run 'hotlive regions' to list the codes" : did_you_mean(suggestions);
    reader_.error(word, std::move(message));
}

}  // namespace hotlive::detail
