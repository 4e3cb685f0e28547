// The static table behind include/hotlive/regions.hpp.
#pragma once

#include <hotlive/regions.hpp>

#include <array>
#include <cstddef>

namespace hotlive::detail {

inline constexpr std::size_t province_count = 34;
inline constexpr std::size_t country_count = 170;

// Provinces first, then countries.
extern const std::array<region, province_count + country_count> region_table;

}  // namespace hotlive::detail
