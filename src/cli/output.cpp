#include "cli/output.hpp"

#include "report/timestamp.hpp"
#include "text/json_text.hpp"

#include <fmt/format.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace hotlive::cli {
namespace {

// NOLINTNEXTLINE(cppcoreguidelines-avoid-non-const-global-variables): set once by main, before any output
output_settings settings;

bool stderr_colour() {
    static const bool enabled =
        // NOLINTNEXTLINE(concurrency-mt-unsafe): hotlive never sets environment variables
        colour_wanted(::isatty(STDERR_FILENO) == 1, std::getenv("NO_COLOR"), std::getenv("TERM"));
    return enabled;
}

std::string label(std::string_view text, std::string_view colour) {
    return stderr_colour() ? fmt::format("\033[{}m{}\033[0m", colour, text) : std::string(text);
}

}  // namespace

void configure_output(const output_settings& chosen) { settings = chosen; }

const output_settings& output_configuration() { return settings; }

bool colour_wanted(bool is_terminal, const char* no_color, const char* term) {
    if (!is_terminal) return false;
    if (no_color != nullptr && no_color[0] != '\0') return false;
    return term == nullptr || std::string_view(term) != "dumb";
}

void print_error(std::string_view message) {
    if (settings.format == log_format::json) {
        json_log_line("error", "error").add("message", message).print();
        return;
    }
    fmt::print(stderr, "hotlive: {} {}\n", label("error:", "1;31"), message);
}

void print_warning(std::string_view message) {
    if (settings.quiet) return;
    if (settings.format == log_format::json) {
        json_log_line("warn", "warning").add("message", message).print();
        return;
    }
    fmt::print(stderr, "hotlive: {} {}\n", label("warning:", "1;33"), message);
}

void print_note(std::string_view subject, std::string_view message) {
    if (settings.quiet) return;
    if (settings.format == log_format::json) {
        json_log_line("info", subject).add("message", message).print();
        return;
    }
    fmt::print(stderr, "hotlive: {}: {}\n", subject, message);
}

void print_diagnostics(const std::vector<diagnostic>& diagnostics) {
    for (const auto& d : diagnostics) {
        const bool error = d.level == severity::error;
        if (!error && settings.quiet) continue;
        if (settings.format == log_format::json) {
            json_log_line(error ? "error" : "warn", "plan_diagnostic")
                .add("file", d.file)
                .add("line", d.line)
                .add("column", d.column)
                .add("message", d.message)
                .print();
        } else {
            fmt::print(stderr, "{}\n", format(d));
        }
    }
    const auto errors = std::count_if(diagnostics.begin(), diagnostics.end(),
                                      [](const diagnostic& d) { return d.level == severity::error; });
    if (errors > 0) {
        print_error(fmt::format("{} error{} in the plan; nothing was sent", errors, errors == 1 ? "" : "s"));
    }
}

json_log_line::json_log_line(std::string_view level, std::string_view event) {
    text_.append("{\"t\":\"");
    detail::append_timestamp(text_, std::chrono::system_clock::now());
    text_.append("\"");
    add("level", level);
    add("event", event);
}

void json_log_line::append_name(std::string_view name) {
    text_.push_back(',');
    detail::append_json_string(text_, name);
    text_.push_back(':');
}

json_log_line& json_log_line::add(std::string_view name, std::string_view value) {
    append_name(name);
    detail::append_json_string(text_, value);
    return *this;
}

json_log_line& json_log_line::add(std::string_view name, const std::optional<std::string>& value) {
    if (!value) return add_json(name, "null");
    return add(name, std::string_view(*value));
}

json_log_line& json_log_line::add_signed(std::string_view name, std::int64_t value) {
    append_name(name);
    detail::append_signed(text_, value);
    return *this;
}

json_log_line& json_log_line::add_unsigned(std::string_view name, std::uint64_t value) {
    append_name(name);
    detail::append_unsigned(text_, value);
    return *this;
}

json_log_line& json_log_line::add(std::string_view name, double value) {
    append_name(name);
    fmt::format_to(std::back_inserter(text_), "{:.3f}", value);
    return *this;
}

json_log_line& json_log_line::add_json(std::string_view name, std::string_view json) {
    append_name(name);
    text_.append(json);
    return *this;
}

void json_log_line::print(std::FILE* to) {
    text_.append("}\n");
    // A log line has nowhere to report its own failure.
    (void)std::fwrite(text_.data(), 1, text_.size(), to);
    (void)std::fflush(to);
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
