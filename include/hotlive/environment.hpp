// The process environment as a function, so that what reads it (credentials, proxies) is tested
// with a fake one.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace hotlive {

// Looks up an environment variable; nullopt when unset.
using environment_lookup = std::function<std::optional<std::string>(std::string_view name)>;

// The process's own environment (getenv).
[[nodiscard]] environment_lookup process_environment();

}  // namespace hotlive
