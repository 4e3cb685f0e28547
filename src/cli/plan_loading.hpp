// Loading a plan for a subcommand: diagnostics printed, the plan returned only when usable.
#pragma once

#include <hotlive/plan.hpp>

#include <optional>
#include <string>

namespace hotlive::cli {

// Prints the plan's warnings and errors on stderr; returns the plan when it has no error.
[[nodiscard]] std::optional<plan> load_plan_reporting(const std::string& path);

}  // namespace hotlive::cli
