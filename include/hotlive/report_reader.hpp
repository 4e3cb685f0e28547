// A JSON report (hotlive.report/1) read back, for --resume and `hotlive report`: whole, or call by
// call so that a resume of a million calls never holds them all.
#pragma once

#include <hotlive/report_contents.hpp>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace hotlive {

struct report_read_result {
    std::optional<report> value;
    std::string error;  // what is wrong and where, when value is empty
};
[[nodiscard]] report_read_result read_report(const std::filesystem::path& path);

// The same, handing each call to `visit` as it is read instead of keeping it (the result's calls
// stay empty). `visit` returns false to stop the reading, with its reason in `error`.
using report_call_visitor = std::function<bool(call_result&& call, std::string& error)>;
[[nodiscard]] report_read_result read_report(const std::filesystem::path& path, const report_call_visitor& visit);

}  // namespace hotlive
