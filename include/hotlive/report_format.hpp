// The formats a report is written in, by name (--format) and by file extension. Only JSON is
// read back (report_reader.hpp).
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>

namespace hotlive {

enum class report_format { json, csv, junit, md, html };

[[nodiscard]] std::optional<report_format> parse_report_format(std::string_view name);
[[nodiscard]] std::string_view to_string(report_format format);

// Where a run writes the JSON copy of a report written in another format ("gala.html" ->
// "gala.html.json"): only JSON is read back, and a resume must not depend on the journal alone.
[[nodiscard]] std::filesystem::path json_copy_of(const std::filesystem::path& report);

// The format a report file's extension asks for: .csv, .xml (JUnit), .md, .html or .htm, and
// JSON for any other (the only format hotlive reads back).
[[nodiscard]] report_format report_format_for(const std::filesystem::path& path);

}  // namespace hotlive
