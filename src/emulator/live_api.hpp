// HotLiveRtcStream itself, once a request is verified: its parameters checked as the API
// reference documents them, RAM's authorization of its resource (the domain), then the account's
// configuration (which domains have the prefetch switch on, which regions have nodes).
#pragma once

#include "emulator/parameters.hpp"
#include "emulator/responses.hpp"

#include <hotlive/emulator.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace hotlive::emu {

struct api_answer {
    api_error error = api_error::none;
    std::string_view missing;  // the parameter MissingParameter names
};

class live_api {
public:
    explicit live_api(const emulator_config& config);

    // In order: the six required parameters (an empty value is a missing one), RAM's policy on the
    // domain (the gateway authorizes acs:live:*:{accountId}:domain/{DomainName} before the API
    // sees the call, so it needs DomainName but none of the values the API checks), RegionCode one
    // of the reference's codes, ConnectionTimeout and MediaTimeout non-negative integers, the
    // domain's prefetch switch, the region's nodes.
    [[nodiscard]] api_answer answer(const request_parameters& parameters) const;

private:
    struct transparent_hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };
    using domain_set = std::unordered_set<std::string, transparent_hash, std::equal_to<>>;

    std::optional<domain_set> prefetch_on_;
    domain_set prefetch_off_;
    domain_set ram_denied_;
    std::vector<bool> region_has_nodes_;  // by region_index
};

// True for "0", "100000": decimal digits only, at most 18 of them.
[[nodiscard]] bool is_non_negative_integer(std::string_view text) noexcept;

}  // namespace hotlive::emu
