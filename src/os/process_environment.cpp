#include <hotlive/environment.hpp>

#include <cstdlib>

namespace hotlive {

environment_lookup process_environment() {
    return [](std::string_view name) -> std::optional<std::string> {
        // NOLINTNEXTLINE(concurrency-mt-unsafe): hotlive never sets environment variables
        const char* value = std::getenv(std::string{name}.c_str());
        return value != nullptr ? std::optional<std::string>{value} : std::nullopt;
    };
}

}  // namespace hotlive
