// Credentials from the Alibaba Cloud credentials tools' ~/.alibabacloud/credentials:
//   [default]
//   type = access_key            # or sts, with security_token
//   access_key_id = ...
//   access_key_secret = ...
// Types and keys as credentials-go's profile.go and credentials-cpp read them; ChainableRamRoleArn
// and External exist in config.json only.
#include "credentials/chain.hpp"
#include "credentials/credentials_file.hpp"
#include "credentials/profile_fields.hpp"
#include "signing/ascii.hpp"
#include "text/quote.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace hotlive::detail {
namespace {

struct ini_section {
    std::string_view name;
    std::vector<std::pair<std::string_view, std::string_view>> entries;

    [[nodiscard]] std::string_view get(std::string_view key) const {
        for (const auto& [k, v] : entries) {
            if (k == key) return v;
        }
        return {};
    }
};

std::string_view unquote(std::string_view s) {
    if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front()) {
        return s.substr(1, s.size() - 2);
    }
    return s;
}

// Sections with views into `text`; on a malformed line, the 1-based line number in
// `bad_line` (the line is not quoted in messages: it may hold a secret).
std::vector<ini_section> parse_ini(std::string_view text, std::size_t& bad_line) {
    std::vector<ini_section> sections;
    std::size_t line_number = 0;
    while (!text.empty()) {
        ++line_number;
        const auto newline = text.find('\n');
        const std::string_view line = detail::trim_ascii_space(text.substr(0, newline));
        text = newline == std::string_view::npos ? std::string_view{} : text.substr(newline + 1);
        if (line.empty() || line.front() == '#' || line.front() == ';') continue;
        if (line.front() == '[' && line.back() == ']') {
            sections.push_back({detail::trim_ascii_space(line.substr(1, line.size() - 2)), {}});
            continue;
        }
        const auto equals = line.find('=');
        if (equals == std::string_view::npos || sections.empty()) {
            bad_line = line_number;
            return {};
        }
        sections.back().entries.emplace_back(detail::trim_ascii_space(line.substr(0, equals)),
                                             unquote(detail::trim_ascii_space(line.substr(equals + 1))));
    }
    return sections;
}

struct type_name {
    std::string_view name;
    credential_mode mode;
};
constexpr std::array<type_name, 6> supported_types{{{"access_key", credential_mode::access_key},
                                                    {"sts", credential_mode::sts_token},
                                                    {"ram_role_arn", credential_mode::ram_role_arn},
                                                    {"ecs_ram_role", credential_mode::ecs_ram_role},
                                                    {"oidc_role_arn", credential_mode::oidc},
                                                    {"credentials_uri", credential_mode::credentials_uri}}};
// The SDKs' other types: named in the refusal, being no secret.
constexpr std::array<std::string_view, 2> unsupported_types{"rsa_key_pair", "bearer"};
constexpr std::string_view supported_list =
    "access_key, sts, ram_role_arn, ecs_ram_role, oidc_role_arn or credentials_uri";

}  // namespace

lookup_result read_credentials_ini(const std::filesystem::path& file, const std::optional<profile_request>& requested,
                                   const environment_lookup& environment, credential_resolution& out) {
    const auto content = read_credentials_file(file, out);
    if (content.status != lookup_result::found) return content.status;
    const std::string path = file.string();

    std::size_t bad_line = 0;
    const auto sections = parse_ini(content.text, bad_line);
    if (bad_line != 0) {
        out.error = path + ":" + std::to_string(bad_line) + ": expected [profile] or key = value";
        return lookup_result::failed;
    }

    const std::string_view name = requested ? std::string_view{requested->name} : "default";
    const ini_section* section = nullptr;
    std::string names;
    for (const auto& s : sections) {
        if (section == nullptr && s.name == name) section = &s;
        if (!names.empty()) names += ", ";
        names += detail::quoted(s.name);
    }
    if (section == nullptr) {
        out.steps.push_back(path + ": no profile " + detail::quoted(name) + " (" +
                            (names.empty() ? std::string{"it has no profiles"} : "it has " + names) + ")");
        return lookup_result::not_found;
    }

    const std::string_view type = section->get("type");
    const std::string where = "profile " + detail::quoted(name) + " in " + path;
    const auto* known = std::find_if(supported_types.begin(), supported_types.end(),
                                     [&](const type_name& t) { return t.name == type; });
    if (known == supported_types.end()) {
        const bool named =
            std::find(unsupported_types.begin(), unsupported_types.end(), type) != unsupported_types.end();
        // An unknown type is not repeated: a value from this file may be a secret typed on the wrong line.
        out.error = (type.empty() ? where + " has no type"
                     : named      ? "type " + std::string{type} + " of " + where + " is not supported by hotlive"
                                  : "the type of " + where + " is not supported") +
                    "; use " + std::string{supported_list} + ", " + std::string{supported_alternatives_hint};
        return lookup_result::failed;
    }
    const profile_fields fields{[section](std::string_view key) { return std::string{section->get(key)}; },
                                where + " (type " + std::string{type} + ")"};
    const auto& ini_names = credentials_ini_names;
    bool ok = true;
    switch (known->mode) {
        case credential_mode::access_key:
        case credential_mode::sts_token:
            out.value.emplace();
            ok = read_keys(fields, ini_names, known->mode == credential_mode::sts_token ? "security_token" : "",
                           *out.value, out);
            if (!ok) out.value.reset();
            break;
        case credential_mode::ram_role_arn:
            out.signing_keys.emplace();
            ok = read_keys(fields, ini_names, "", *out.signing_keys, out) &&
                 read_assume_role(fields, ini_names, environment, out);
            break;
        case credential_mode::ecs_ram_role:
            ok = read_ecs_role(fields, ini_names, environment, out);
            break;
        case credential_mode::oidc:
            ok = read_oidc(fields, ini_names, environment, out);
            break;
        case credential_mode::credentials_uri:
            ok = read_credentials_uri(fields, ini_names, out);
            break;
        case credential_mode::chainable_ram_role_arn:
        case credential_mode::external:
            break;  // not INI types
    }
    if (!ok) return lookup_result::failed;

    out.steps.push_back(path + ": found profile " + detail::quoted(name) + " (type " + std::string{type} + ")" +
                        (requested ? ", named by " + std::string{requested->named_by} : std::string{}));
    out.mode = known->mode;
    out.source = {credential_origin::credentials_file,
                  path + ", profile " + detail::quoted(name) + " (type " + std::string{type} + ")", file,
                  std::string{name}};
    return lookup_result::found;
}

}  // namespace hotlive::detail
