// The config file's temporary-credential keys (README.md, "The emulator"): sts_duration, roles,
// oidc_providers, imds and sts_outage, read into emulator_config with the config file's reader.
#pragma once

#include "plan/field_reader.hpp"
#include "plan/yaml_document.hpp"

#include <hotlive/emulator.hpp>

#include <array>
#include <string>
#include <string_view>

namespace hotlive::emu {

inline constexpr std::array<std::string_view, 5> sts_config_keys{"sts_duration", "roles", "oidc_providers", "imds",
                                                                 "sts_outage"};

// `key` is one of sts_config_keys. OIDC tokens are secrets: no message repeats one.
void read_sts_config(detail::field_reader& reader, const std::string& key, const detail::yaml_node& value,
                     emulator_config& config);

}  // namespace hotlive::emu
