// hotlive credentials [--profile NAME] [--verbose]: which credentials a run would use and where
// they come from, without showing them: the AccessKeyId masked, the secret and any STS token
// never.
#include "cli/commands.hpp"
#include "cli/output.hpp"

#include <hotlive/credentials.hpp>
#include <hotlive/exit_codes.hpp>

#include <fmt/format.h>

namespace hotlive::cli {

int run_credentials(const credentials_options& options) {
    const auto resolution = resolve_process_credentials(
        options.profile.empty() ? std::nullopt : std::optional<std::string>{options.profile}, std::nullopt);
    if (options.verbose) {
        for (const auto& step : resolution.steps) fmt::print("looked at {}\n", step);
    }
    for (const auto& warning : resolution.warnings) print_warning(warning);
    if (!resolution.value) {
        print_error(resolution.error);
        return exit_code::cannot_start;
    }
    const auto& creds = *resolution.value;
    fmt::print("source: {}\naccess key id: {}\nsecurity token: {}\n", resolution.source.description,
               mask_access_key_id(creds.access_key_id), creds.security_token.empty() ? "none" : "present");
    return exit_code::success;
}

}  // namespace hotlive::cli
