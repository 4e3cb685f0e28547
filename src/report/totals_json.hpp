// A report's totals as a JSON object: the JSON report's "totals" and `hotlive run
// --log-format json`'s summary write the same one.
#pragma once

#include "hotlive/report_contents.hpp"

#include <string>

namespace hotlive::detail {

// {"calls":…,"succeeded":…,"failed":…,"not_started":…,"cancelled":…,"skipped":…,"attempts":…,
//  "run_attempts":…,"throttled_attempts":…}
void append_totals_json(std::string& out, const report_totals& totals);

}  // namespace hotlive::detail
