#include "emulator/sts_config.hpp"

#include "emulator/config.hpp"

#include <vector>

namespace hotlive::emu {
namespace {

using detail::field_reader;
using detail::yaml_node;

constexpr std::array<std::string_view, 5> role_keys{"arn", "allowed_users", "allowed_roles", "external_id",
                                                    "max_session_s"};
constexpr std::array<std::string_view, 3> provider_keys{"arn", "tokens", "token_file"};
constexpr std::array<std::string_view, 2> imds_keys{"mode", "role"};
constexpr std::array<std::string_view, 2> outage_keys{"from_s", "for_s"};

std::vector<std::string> text_list(field_reader& reader, const yaml_node& value, std::string_view name) {
    std::vector<std::string> out;
    if (!reader.expect_sequence(value, "'" + std::string{name} + "'")) return out;
    for (const auto& item : value.children) {
        if (auto text = reader.read_text(item, name, 1024)) out.push_back(std::move(*text));
    }
    return out;
}

void roles(field_reader& reader, const yaml_node& value, emulator_config& config) {
    if (!reader.expect_sequence(value, "'roles'")) return;
    std::vector<emulator_role> list;
    for (const auto& item : value.children) {
        if (!reader.expect_mapping(item, "a role")) continue;
        emulator_role role;
        reader.for_each_field(item, "a role", role_keys, [&](const std::string& k, const yaml_node& v) {
            if (k == "arn") {
                if (auto text = reader.read_text(v, k, 1024)) role.arn = std::move(*text);
            } else if (k == "allowed_users") {
                role.allowed_users = text_list(reader, v, k);
            } else if (k == "allowed_roles") {
                role.allowed_roles = text_list(reader, v, k);
            } else if (k == "external_id") {
                role.external_id = reader.read_text(v, k, 1024);
            } else if (const auto n = reader.read_integer(v, k, 900, 43'200)) {
                role.max_session_s = static_cast<std::uint32_t>(*n);
            }
        });
        if (role.arn.empty()) {
            reader.error(item, "a role needs an 'arn' (acs:ram::ACCOUNT:role/NAME)");
            continue;
        }
        list.push_back(std::move(role));
    }
    config.roles = std::move(list);
}

void oidc_providers(field_reader& reader, const yaml_node& value, emulator_config& config) {
    if (!reader.expect_sequence(value, "'oidc_providers'")) return;
    std::vector<emulator_oidc_provider> list;
    for (const auto& item : value.children) {
        if (!reader.expect_mapping(item, "an OIDC provider", false)) continue;
        emulator_oidc_provider provider;
        reader.for_each_field(
            item, "an OIDC provider", provider_keys,
            [&](const std::string& k, const yaml_node& v) {
                if (k == "arn") {
                    if (auto text = reader.read_text(v, k, 1024)) provider.arn = std::move(*text);
                } else if (k == "token_file") {
                    if (auto text = reader.read_text(v, k, 4096)) provider.token_file = std::move(*text);
                } else if (reader.expect_sequence(v, "'tokens'")) {
                    for (const auto& token : v.children) {
                        if (!token.is_scalar() || token.text.empty()) {
                            reader.error(token, "each of 'tokens' must be non-empty text");  // no echo: a secret
                        } else {
                            provider.tokens.emplace_back(token.text);
                        }
                    }
                }
            },
            {}, field_reader::key_echo::no);
        if (provider.arn.empty()) {
            reader.error(item, "an OIDC provider needs an 'arn' (acs:ram::ACCOUNT:oidc-provider/NAME)");
            continue;
        }
        if (provider.tokens.empty() && provider.token_file.empty()) {
            reader.error(item, "an OIDC provider needs 'tokens' or a 'token_file'");
            continue;
        }
        list.push_back(std::move(provider));
    }
    config.oidc_providers = std::move(list);
}

void imds(field_reader& reader, const yaml_node& value, emulator_config& config) {
    if (!reader.expect_mapping(value, "'imds'")) return;
    reader.for_each_field(value, "'imds'", imds_keys, [&](const std::string& k, const yaml_node& v) {
        if (k == "role") {
            if (auto text = reader.read_text(v, k)) config.imds_role = std::move(*text);
        } else if (const auto mode = v.is_scalar() ? parse_imds_mode(v.text) : std::nullopt) {
            config.imds = *mode;
        } else {
            reader.error(v, "'mode' must be hardened, plain or both, got " + detail::describe_node(v));
        }
    });
}

void sts_outage(field_reader& reader, const yaml_node& value, emulator_config& config) {
    if (!reader.expect_mapping(value, "'sts_outage'")) return;
    std::optional<std::uint64_t> from, length;
    reader.for_each_field(value, "'sts_outage'", outage_keys, [&](const std::string& k, const yaml_node& v) {
        if (k == "from_s") {
            from = reader.read_integer(v, k, 0, UINT32_MAX);
        } else {
            length = reader.read_integer(v, k, 1, UINT32_MAX);
        }
    });
    if (!from || !length) {
        reader.error(value, "'sts_outage' needs 'from_s' and 'for_s' (whole seconds, for_s above 0)");
        return;
    }
    config.sts_outage = emulator_sts_outage{std::chrono::seconds{*from}, std::chrono::seconds{*length}};
}

}  // namespace

void read_sts_config(field_reader& reader, const std::string& key, const yaml_node& value, emulator_config& config) {
    if (key == "sts_duration") {
        const auto duration = value.is_scalar() && !value.quoted ? parse_sts_duration(value.text) : std::nullopt;
        if (!duration) {
            reader.error(value,
                         "'sts_duration' must be a whole number of seconds, minutes or hours (30s, 15m, 1h), "
                         "at most 12h, got " +
                             detail::describe_node(value));
            return;
        }
        config.sts_duration = *duration;
    } else if (key == "roles") {
        roles(reader, value, config);
    } else if (key == "oidc_providers") {
        oidc_providers(reader, value, config);
    } else if (key == "imds") {
        imds(reader, value, config);
    } else {
        sts_outage(reader, value, config);
    }
}

}  // namespace hotlive::emu
