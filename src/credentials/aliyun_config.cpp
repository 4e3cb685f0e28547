// Credentials from the aliyun CLI's ~/.aliyun/config.json:
//   {"current": "default", "profiles": [{"name": "default", "mode": "AK",
//     "access_key_id": "...", "access_key_secret": "...", "sts_token": "", ...}]}
#include "credentials/chain.hpp"
#include "credentials/credentials_file.hpp"
#include "text/quote.hpp"

#include <boost/json/parser.hpp>
#include <boost/json/value.hpp>

#include <algorithm>

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
        names += quoted(string_member(*object, "name"));
    }
    return names.empty() ? "it has no profiles" : "it has " + names;
}

}  // namespace

lookup_result read_aliyun_config(const std::filesystem::path& file, const std::optional<profile_request>& requested,
                                 credential_resolution& out) {
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

    const boost::json::object* profile = nullptr;
    if (profiles != nullptr) {
        for (const auto& p : *profiles) {
            const auto* object = p.if_object();
            if (object != nullptr && string_member(*object, "name") == name) {
                profile = object;
                break;
            }
        }
    }
    if (profile == nullptr) {
        out.steps.push_back(path + ": no profile " + quoted(name) + " (" +
                            (profiles != nullptr ? profile_list(*profiles) : std::string{"it has no profiles"}) + ")");
        return lookup_result::not_found;
    }

    const std::string_view mode = string_member(*profile, "mode");
    const std::string where = "profile " + quoted(name) + " in " + path;
    if (mode != "AK" && mode != "StsToken") {
        // The mode is not repeated: a value from this file may be a secret typed on the wrong line.
        out.error = (mode.empty() ? where + " has no mode" : "the mode of " + where + " is not supported yet") +
                    "; use AK or StsToken, " + std::string{supported_alternatives_hint};
        return lookup_result::failed;
    }
    const bool sts = mode == "StsToken";
    for (const std::string_view key : {"access_key_id", "access_key_secret", "sts_token"}) {
        if (key == "sts_token" && !sts) continue;
        if (string_member(*profile, key).empty()) {
            out.error = where + " (mode " + std::string{mode} + ") has no " + std::string{key};
            return lookup_result::failed;
        }
    }

    out.steps.push_back(path + ": found profile " + quoted(name) + " (mode " + std::string{mode} + "), " + named_by);
    out.source = {credential_origin::aliyun_cli_config,
                  path + ", profile " + quoted(name) + " (mode " + std::string{mode} + ")", file, std::string{name}};
    out.value = credentials{std::string{string_member(*profile, "access_key_id")},
                            secret_string{std::string{string_member(*profile, "access_key_secret")}},
                            secret_string{sts ? std::string{string_member(*profile, "sts_token")} : std::string{}}};
    return lookup_result::found;
}

}  // namespace hotlive::detail
