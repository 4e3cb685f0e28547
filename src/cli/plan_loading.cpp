#include "cli/plan_loading.hpp"

#include "cli/output.hpp"

namespace hotlive::cli {

std::optional<plan> load_plan_reporting(const std::string& path) {
    auto result = load_plan_file(path);
    print_diagnostics(result.diagnostics);
    return std::move(result.value);
}

}  // namespace hotlive::cli
