// Credentials from the aliyun CLI's ~/.aliyun/config.json:
//   {"current": "default", "profiles": [{"name": "default", "mode": "AK",
//     "access_key_id": "...", "access_key_secret": "...", "sts_token": "", ...}]}
// Modes and fields as the aliyun CLI and credentials-go's cli_profile.go read them.
#include "credentials/chain.hpp"
#include "credentials/credentials_file.hpp"
#include "credentials/profile_fields.hpp"
#include "text/quote.hpp"

#include <boost/json/parser.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <array>
#include <memory>

namespace hotlive::detail {
namespace {

// The string member `key`, or "" when it is absent or not a string.
std::string_view string_member(const boost::json::object& object, std::string_view key) {
    const auto* value = object.if_contains(key);
    const auto* text = value != nullptr ? value->if_string() : nullptr;
    return text != nullptr ? std::string_view{*text} : std::string_view{};
}

// Where a parse stopped, as "line L, column C"; the content itself is never quoted, it may
// hold a secret.
std::string position_of(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    const std::string_view before = text.substr(0, offset);
    const auto line = 1 + std::count(before.begin(), before.end(), '\n');
    const auto last_newline = before.rfind('\n');
    const auto column = 1 + (last_newline == std::string_view::npos ? offset : offset - last_newline - 1);
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

std::string profile_list(const boost::json::array& profiles) {
    std::string names;
    for (const auto& p : profiles) {
        const auto* object = p.if_object();
        if (object == nullptr) continue;
        if (!names.empty()) names += ", ";
        names += detail::quoted(string_member(*object, "name"));
    }
    return names.empty() ? "it has no profiles" : "it has " + names;
}

// A field as text: numbers (expired_seconds) and booleans (enable_vpc) as JSON writes them.
std::string field_text(const boost::json::object& object, std::string_view key) {
    const auto* value = object.if_contains(key);
    if (value == nullptr) return {};
    if (const auto* text = value->if_string()) return std::string{*text};
    if (const auto* number = value->if_int64()) return std::to_string(*number);
    if (const auto* number = value->if_uint64()) return std::to_string(*number);
    if (const auto* flag = value->if_bool()) return *flag ? "true" : "false";
    return {};
}

const boost::json::object* find_profile(const boost::json::array* profiles, std::string_view name) {
    if (profiles == nullptr) return nullptr;
    for (const auto& p : *profiles) {
        const auto* object = p.if_object();
        if (object != nullptr && string_member(*object, "name") == name) return object;
    }
    return nullptr;
}

struct mode_name {
    std::string_view name;
    credential_mode mode;
};
constexpr std::array<mode_name, 8> supported_modes{{{"AK", credential_mode::access_key},
                                                    {"StsToken", credential_mode::sts_token},
                                                    {"RamRoleArn", credential_mode::ram_role_arn},
                                                    {"ChainableRamRoleArn", credential_mode::chainable_ram_role_arn},
                                                    {"EcsRamRole", credential_mode::ecs_ram_role},
                                                    {"OIDC", credential_mode::oidc},
                                                    {"CredentialsURI", credential_mode::credentials_uri},
                                                    {"External", credential_mode::external}}};
// The aliyun CLI's other modes: named in the refusal, being no secret.
constexpr std::array<std::string_view, 3> unsupported_modes{"CloudSSO", "OAuth", "RsaKeyPair"};
constexpr std::string_view supported_list =
    "AK, StsToken, RamRoleArn, ChainableRamRoleArn, EcsRamRole, OIDC, CredentialsURI or External";

struct config_file {
    const boost::json::array* profiles;
    std::string path;
    const environment_lookup& environment;
};

// One profile into `out`; `chain` holds the ChainableRamRoleArn profiles that led here.
lookup_result resolve_profile(const config_file& config, const boost::json::object& profile, std::string_view name,
                              std::vector<std::string>& chain, credential_resolution& out) {
    const std::string_view mode_text = string_member(profile, "mode");
    const std::string where = "profile " + detail::quoted(name) + " in " + config.path;
    const auto* known = std::find_if(supported_modes.begin(), supported_modes.end(),
                                     [&](const mode_name& m) { return m.name == mode_text; });
    if (known == supported_modes.end()) {
        const bool named =
            std::find(unsupported_modes.begin(), unsupported_modes.end(), mode_text) != unsupported_modes.end();
        // An unknown mode is not repeated: a value from this file may be a secret typed on the wrong line.
        out.error = (mode_text.empty() ? where + " has no mode"
                     : named ? "mode " + std::string{mode_text} + " of " + where + " is not supported by hotlive"
                             : "the mode of " + where + " is not supported") +
                    "; use " + std::string{supported_list} + ", " + std::string{supported_alternatives_hint};
        return lookup_result::failed;
    }
    const profile_fields fields{[&profile](std::string_view key) { return field_text(profile, key); },
                                where + " (mode " + std::string{mode_text} + ")"};
    const auto& names = aliyun_config_names;
    bool ok = true;
    switch (known->mode) {
        case credential_mode::access_key:
        case credential_mode::sts_token:
            out.value.emplace();
            ok =
                read_keys(fields, names, known->mode == credential_mode::sts_token ? "sts_token" : "", *out.value, out);
            if (!ok) out.value.reset();
            break;
        case credential_mode::ram_role_arn:
            out.signing_keys.emplace();
            ok = read_keys(fields, names, "", *out.signing_keys, out) &&
                 read_assume_role(fields, names, config.environment, out);
            break;
        case credential_mode::chainable_ram_role_arn: {
            const std::string source = field_text(profile, "source_profile");
            if (source.empty()) {
                out.error = fields.where + " has no source_profile";
                return lookup_result::failed;
            }
            chain.emplace_back(name);
            if (std::find(chain.begin(), chain.end(), source) != chain.end()) {
                std::string loop;
                for (const auto& link : chain) loop += detail::quoted(link) + " -> ";
                out.error = fields.where + ": source_profile makes a loop (" + loop + detail::quoted(source) + ")";
                return lookup_result::failed;
            }
            const auto* source_object = find_profile(config.profiles, source);
            if (source_object == nullptr) {
                out.error =
                    fields.where + ": source_profile " + detail::quoted(source) + " is not a profile of this file";
                return lookup_result::failed;
            }
            auto resolved = std::make_shared<credential_resolution>();
            if (resolve_profile(config, *source_object, source, chain, *resolved) != lookup_result::found) {
                out.error = resolved->error;
                return lookup_result::failed;
            }
            out.warnings.insert(out.warnings.end(), resolved->warnings.begin(), resolved->warnings.end());
            out.source_profile = std::move(resolved);
            ok = read_assume_role(fields, names, config.environment, out);
            break;
        }
        case credential_mode::ecs_ram_role:
            ok = read_ecs_role(fields, names, config.environment, out);
            break;
        case credential_mode::oidc:
            ok = read_oidc(fields, names, config.environment, out);
            break;
        case credential_mode::credentials_uri:
            ok = read_credentials_uri(fields, names, out);
            break;
        case credential_mode::external:
            ok = read_process_command(fields, names, out);
            break;
    }
    if (!ok) return lookup_result::failed;
    out.mode = known->mode;
    out.source = {credential_origin::aliyun_cli_config,
                  config.path + ", profile " + detail::quoted(name) + " (mode " + std::string{mode_text} + ")",
                  config.path, std::string{name}};
    return lookup_result::found;
}

}  // namespace

lookup_result read_aliyun_config(const std::filesystem::path& file, const std::optional<profile_request>& requested,
                                 const environment_lookup& environment, credential_resolution& out) {
    const auto content = read_credentials_file(file, out);
    if (content.status != lookup_result::found) return content.status;
    const std::string path = file.string();

    boost::json::parser parser;
    boost::json::error_code ec;
    const std::size_t consumed = parser.write(content.text, ec);
    if (ec) {
        out.error = path + " is not valid JSON (" + ec.message() + " at " + position_of(content.text, consumed) + ")";
        return lookup_result::failed;
    }
    const boost::json::value root = parser.release();
    const auto* top = root.if_object();
    const auto* profiles_value = top != nullptr ? top->if_contains("profiles") : nullptr;
    const auto* profiles = profiles_value != nullptr ? profiles_value->if_array() : nullptr;
    if (top == nullptr || (profiles_value != nullptr && profiles == nullptr)) {
        out.error = path + " is not an aliyun CLI configuration (expected {\"current\": ..., \"profiles\": [...]})";
        return lookup_result::failed;
    }

    const std::string_view current = string_member(*top, "current");
    const std::string_view name = requested          ? std::string_view{requested->name}
                                  : !current.empty() ? current
                                                     : "default";
    const std::string named_by = requested          ? "named by " + std::string{requested->named_by}
                                 : !current.empty() ? std::string{"the file's current profile"}
                                                    : std::string{"the default profile"};

    const boost::json::object* profile = find_profile(profiles, name);
    if (profile == nullptr) {
        out.steps.push_back(path + ": no profile " + detail::quoted(name) + " (" +
                            (profiles != nullptr ? profile_list(*profiles) : std::string{"it has no profiles"}) + ")");
        return lookup_result::not_found;
    }

    std::vector<std::string> chain;
    const auto result = resolve_profile({profiles, path, environment}, *profile, name, chain, out);
    if (result == lookup_result::found) {
        out.steps.push_back(path + ": found profile " + detail::quoted(name) + " (mode " +
                            std::string{string_member(*profile, "mode")} + "), " + named_by);
    }
    return result;
}

}  // namespace hotlive::detail
