// The credential chain bound to this process: getenv and $HOME.
#include <hotlive/credentials.hpp>
#include <hotlive/environment.hpp>

namespace hotlive {

credential_resolution resolve_process_credentials(std::optional<std::string> cli_profile,
                                                  std::optional<std::string> plan_profile) {
    const auto environment = process_environment();
    const auto home = environment("HOME");
    return resolve_credentials({std::move(cli_profile), std::move(plan_profile), environment,
                                home && !home->empty() ? std::filesystem::path{*home} : std::filesystem::path{}});
}

}  // namespace hotlive
