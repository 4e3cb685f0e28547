// One renderer per report format; render_report (format.cpp) picks one.
#pragma once

#include "hotlive/report.hpp"

#include <string>

namespace hotlive::detail {

void render_json(const report& r, std::string& out);
void render_csv(const report& r, std::string& out);
void render_junit(const report& r, std::string& out);
void render_markdown(const report& r, std::string& out);

}  // namespace hotlive::detail
