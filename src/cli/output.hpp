// How the command line talks to people: errors and warnings on stderr, colour only on a
// terminal that wants it (NO_COLOR respected).
#pragma once

#include <hotlive/diagnostic.hpp>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace hotlive::cli {

void print_error(std::string_view message);    // "hotlive: error: …" on stderr
void print_warning(std::string_view message);  // "hotlive: warning: …" on stderr

// Every diagnostic on stderr in compiler form, then a count line when there are errors.
void print_diagnostics(const std::vector<diagnostic>& diagnostics);

// "1 h 02 min 05 s", "4.2 s", "0 s".
[[nodiscard]] std::string human_duration(std::chrono::milliseconds d);

}  // namespace hotlive::cli
