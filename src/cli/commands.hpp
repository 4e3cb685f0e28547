// The subcommands of the hotlive executable, as plain functions of their options. Parsing the
// command line is main.cpp's job alone, so CLI11 (header-only and heavy) is compiled once.
#pragma once

#include <string>
#include <vector>

namespace hotlive::cli {

struct regions_options {
    bool provinces_only = false;
    bool countries_only = false;
    bool json = false;
};
[[nodiscard]] int run_regions(const regions_options& options);

struct validate_options {
    std::vector<std::string> plans;
};
[[nodiscard]] int run_validate(const validate_options& options);

struct plan_options {
    std::string plan;
    bool json = false;
};
[[nodiscard]] int run_plan(const plan_options& options);

struct credentials_options {
    std::string profile;
    bool verbose = false;
};
[[nodiscard]] int run_credentials(const credentials_options& options);

}  // namespace hotlive::cli
