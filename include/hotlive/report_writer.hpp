// A report rendered in one of its formats, into a string or atomically into a file, streamed
// from its calls so that its size is not bounded by memory.
#pragma once

#include <hotlive/report_contents.hpp>
#include <hotlive/report_format.hpp>

#include <filesystem>
#include <optional>
#include <string>

namespace hotlive {

// Renders the report in `format`. JSON is the schema of DESIGN.md; CSV has one row per call
// with a header; JUnit XML has one testcase per call (failed ones carry a <failure>); Markdown
// is a summary table plus the calls that are not warm; HTML is one self-contained page for a wall
// screen: the totals, the streams × regions grid coloured by status, and what to do per error code.
[[nodiscard]] std::string render_report(const report& r, report_format format);

// Renders `r` into `path` atomically (as write_file_atomically), writing as the calls are read,
// so that a report of a million calls never exists whole in memory. Returns the error, if any.
[[nodiscard]] std::optional<std::string> write_report(const std::filesystem::path& path, const report_view& r,
                                                      report_format format);

}  // namespace hotlive
