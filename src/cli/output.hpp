// How the command line talks to people and to log pipelines: errors and warnings on stderr,
// colour only on a terminal that wants it (NO_COLOR respected), or one JSON object per line
// (--log-format json). The choice is made once per process, before a subcommand runs.
#pragma once

#include <hotlive/diagnostic.hpp>

#include <chrono>
#include <concepts>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace hotlive::cli {

enum class log_format { text, json };

struct output_settings {
    bool quiet = false;  // nothing but errors: warnings are dropped
    log_format format = log_format::text;
};

// Set by main before the subcommand runs; every function of this file follows it.
void configure_output(const output_settings& chosen);
[[nodiscard]] const output_settings& output_configuration();

// Whether text for a stream gets colour: it is a terminal that can show it, and NO_COLOR is
// unset or empty (no-color.org). `no_color` and `term` are the variables' values, or null.
[[nodiscard]] bool colour_wanted(bool is_terminal, const char* no_color, const char* term);

void print_error(std::string_view message);    // "hotlive: error: …" on stderr
void print_warning(std::string_view message);  // "hotlive: warning: …" on stderr
// "hotlive: SUBJECT: …" on stderr (JSON: level info, event SUBJECT), for --verbose's notes.
void print_note(std::string_view subject, std::string_view message);

// Every diagnostic on stderr in compiler form, then a count line when there are errors.
void print_diagnostics(const std::vector<diagnostic>& diagnostics);

// One line of --log-format json: {"t":"…Z","level":"…","event":"…", fields…}, written whole
// with one call so that lines of concurrent writers never interleave.
class json_log_line {
public:
    json_log_line(std::string_view level, std::string_view event);

    json_log_line& add(std::string_view name, std::string_view value);
    json_log_line& add(std::string_view name, const char* value) { return add(name, std::string_view(value)); }
    json_log_line& add(std::string_view name, const std::string& value) { return add(name, std::string_view(value)); }
    json_log_line& add(std::string_view name, const std::optional<std::string>& value);  // null when empty
    template <std::integral T>
    json_log_line& add(std::string_view name, T value) {
        if constexpr (std::is_signed_v<T>) {
            return add_signed(name, value);
        } else {
            return add_unsigned(name, value);
        }
    }
    json_log_line& add(std::string_view name, double value);
    // `json` is already a JSON value (an object built by the caller).
    json_log_line& add_json(std::string_view name, std::string_view json);

    void print(std::FILE* to = stderr);

private:
    json_log_line& add_signed(std::string_view name, std::int64_t value);
    json_log_line& add_unsigned(std::string_view name, std::uint64_t value);
    void append_name(std::string_view name);

    std::string text_;
};

// "1 h 02 min 05 s", "4.2 s", "0 s".
[[nodiscard]] std::string human_duration(std::chrono::milliseconds d);

}  // namespace hotlive::cli
