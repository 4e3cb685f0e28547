#include "cli/output.hpp"

#include <fmt/format.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace hotlive::cli {
namespace {

bool stderr_colour() {
    static const bool enabled = std::getenv("NO_COLOR") == nullptr && ::isatty(STDERR_FILENO) == 1;
    return enabled;
}

std::string label(std::string_view text, std::string_view colour) {
    return stderr_colour() ? fmt::format("\033[{}m{}\033[0m", colour, text) : std::string(text);
}

}  // namespace

void print_error(std::string_view message) { fmt::print(stderr, "hotlive: {} {}\n", label("error:", "1;31"), message); }

void print_warning(std::string_view message) {
    fmt::print(stderr, "hotlive: {} {}\n", label("warning:", "1;33"), message);
}

void print_diagnostics(const std::vector<diagnostic>& diagnostics) {
    for (const auto& d : diagnostics) fmt::print(stderr, "{}\n", format(d));
    const auto errors = std::count_if(diagnostics.begin(), diagnostics.end(),
                                      [](const diagnostic& d) { return d.level == severity::error; });
    if (errors > 0) {
        print_error(fmt::format("{} error{} in the plan; nothing was sent", errors, errors == 1 ? "" : "s"));
    }
}

std::string human_duration(std::chrono::milliseconds d) {
    using namespace std::chrono;
    if (d < minutes{1}) return fmt::format("{:.1f} s", static_cast<double>(d.count()) / 1000.0);
    const auto h = duration_cast<hours>(d);
    const auto m = duration_cast<minutes>(d - h);
    const auto s = duration_cast<seconds>(d - h - m);
    if (h.count() > 0) return fmt::format("{} h {:02} min {:02} s", h.count(), m.count(), s.count());
    return fmt::format("{} min {:02} s", m.count(), s.count());
}

}  // namespace hotlive::cli
