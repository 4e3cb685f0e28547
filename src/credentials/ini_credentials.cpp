// Credentials from the Alibaba Cloud credentials tools' ~/.alibabacloud/credentials:
//   [default]
//   type = access_key            # or sts, with security_token
//   access_key_id = ...
//   access_key_secret = ...
#include "credentials/chain.hpp"
#include "credentials/credentials_file.hpp"
#include "signing/ascii.hpp"
#include "text/quote.hpp"

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

}  // namespace

lookup_result read_credentials_ini(const std::filesystem::path& file, const std::optional<profile_request>& requested,
                                   credential_resolution& out) {
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
        names += quoted(s.name);
    }
    if (section == nullptr) {
        out.steps.push_back(path + ": no profile " + quoted(name) + " (" +
                            (names.empty() ? std::string{"it has no profiles"} : "it has " + names) + ")");
        return lookup_result::not_found;
    }

    const std::string_view type = section->get("type");
    const std::string where = "profile " + quoted(name) + " in " + path;
    if (type != "access_key" && type != "sts") {
        // The type is not repeated: a value from this file may be a secret typed on the wrong line.
        out.error = (type.empty() ? where + " has no type" : "the type of " + where + " is not supported yet") +
                    "; use access_key or sts, " + std::string{supported_alternatives_hint};
        return lookup_result::failed;
    }
    const bool sts = type == "sts";
    for (const std::string_view key : {"access_key_id", "access_key_secret", "security_token"}) {
        if (key == "security_token" && !sts) continue;
        if (section->get(key).empty()) {
            out.error = where + " (type " + std::string{type} + ") has no " + std::string{key};
            return lookup_result::failed;
        }
    }

    out.steps.push_back(path + ": found profile " + quoted(name) + " (type " + std::string{type} + ")" +
                        (requested ? ", named by " + std::string{requested->named_by} : std::string{}));
    out.source = {credential_origin::credentials_file,
                  path + ", profile " + quoted(name) + " (type " + std::string{type} + ")", file, std::string{name}};
    out.value = credentials{std::string{section->get("access_key_id")},
                            secret_string{std::string{section->get("access_key_secret")}},
                            secret_string{sts ? std::string{section->get("security_token")} : std::string{}}};
    return lookup_result::found;
}

}  // namespace hotlive::detail
