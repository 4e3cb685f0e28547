#include "emulator/live_api.hpp"

#include <hotlive/regions.hpp>

#include <algorithm>
#include <array>

namespace hotlive::emu {
namespace {

// Exact codes only: find_region also takes a region's name, which the API does not.
std::optional<region_index> find_code(std::string_view code) {
    const auto index = find_region(code);
    if (!index || region_at(*index).code != code) return std::nullopt;
    return index;
}

}  // namespace

bool is_non_negative_integer(std::string_view text) noexcept {
    return !text.empty() && text.size() <= 18 &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

live_api::live_api(const emulator_config& config)
    : prefetch_off_(config.prefetch_off.begin(), config.prefetch_off.end()),
      ram_denied_(config.ram_denied_domains.begin(), config.ram_denied_domains.end()),
      region_has_nodes_(all_regions().size(), !config.regions_with_nodes.has_value()) {
    if (config.prefetch_on) prefetch_on_.emplace(config.prefetch_on->begin(), config.prefetch_on->end());
    if (config.regions_with_nodes) {
        for (const auto& code : *config.regions_with_nodes) {
            if (const auto index = find_code(code)) region_has_nodes_[*index] = true;
        }
    }
    for (const auto& code : config.regions_without_nodes) {
        if (const auto index = find_code(code)) region_has_nodes_[*index] = false;
    }
}

api_answer live_api::answer(const request_parameters& parameters) const {
    static constexpr std::array<std::string_view, 6> required{"DomainName", "AppName",   "StreamName",
                                                              "RegionCode", "AudioMsid", "VideoMsid"};
    for (const auto name : required) {
        const auto value = parameters.find(name);
        if (!value || value->empty()) return {api_error::missing_parameter, name};
    }
    const std::string_view domain = *parameters.find("DomainName");
    if (ram_denied_.contains(domain)) return {api_error::forbidden_ram, {}};
    const auto region = find_code(*parameters.find("RegionCode"));
    if (!region) return {api_error::invalid_param, {}};
    for (const auto name : {std::string_view{"ConnectionTimeout"}, std::string_view{"MediaTimeout"}}) {
        const auto value = parameters.find(name);
        if (value && !is_non_negative_integer(*value)) return {api_error::invalid_param, {}};
    }
    if ((prefetch_on_ && !prefetch_on_->contains(domain)) || prefetch_off_.contains(domain)) {
        return {api_error::no_special_configuration, {}};
    }
    if (!region_has_nodes_[*region]) return {api_error::code_region_has_no_node, {}};
    return {};
}

}  // namespace hotlive::emu
