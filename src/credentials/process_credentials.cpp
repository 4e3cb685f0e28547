// The credential chain bound to this process: getenv and $HOME.
#include <hotlive/credentials.hpp>

#include <cstdlib>

namespace hotlive {

credential_resolution resolve_process_credentials(std::optional<std::string> cli_profile,
                                                  std::optional<std::string> plan_profile) {
    const auto environment = [](std::string_view name) -> std::optional<std::string> {
        // NOLINTNEXTLINE(concurrency-mt-unsafe): hotlive never sets environment variables
        const char* value = std::getenv(std::string{name}.c_str());
        return value != nullptr ? std::optional<std::string>{value} : std::nullopt;
    };
    const auto home = environment("HOME");
    return resolve_credentials({std::move(cli_profile), std::move(plan_profile), environment,
                                home && !home->empty() ? std::filesystem::path{*home} : std::filesystem::path{}});
}

}  // namespace hotlive
