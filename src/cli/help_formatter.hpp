// How --help lays out an option. A header of its own, included by main.cpp alone: CLI11 is compiled
// in that one unit.
#pragma once

#include <CLI/CLI.hpp>

#include <cstddef>
#include <string>

namespace hotlive::cli {

// CLI11 leaves one space between a left column one short of its width and the description
// ("--verbose Excludes: --quiet A line per finished call"); at least two keep them apart, for the
// reader and for help2man, which makes the man pages from this text.
class help_formatter final : public CLI::Formatter {
public:
    std::string make_option(const CLI::Option* option, bool is_positional) const override {
        std::string out = "  " + make_option_name(option, is_positional) + make_option_opts(option);
        const std::string description = make_option_desc(option);
        if (description.empty()) return out + "\n";
        const std::size_t width = get_column_width();
        if (out.size() + 2 > width) {
            out.append("\n").append(width, ' ');
        } else {
            out.append(width - out.size(), ' ');
        }
        for (const char c : description) {
            out.push_back(c);
            if (c == '\n') out.append(width, ' ');
        }
        return out + "\n";
    }
};

}  // namespace hotlive::cli
