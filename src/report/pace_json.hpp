// A report's "pace" (report_info::pace): how the run that wrote it paced itself under the
// account's quota, {"ceiling":9,"adaptive":true,"reductions":12,"lowest":4.1,"settled":5.9}, in
// calls per second to the hundredth; "lowest" and "settled" are null when the pace was never cut.
#pragma once

#include "hotlive/report_contents.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>

namespace hotlive::detail {

// Appends the object. Without a reduction, "lowest" and "settled" are null whatever the figures
// hold: the reader refuses a pace that was never cut but has a lowest.
void append_pace_json(std::string& out, const pace_figures& pace);

// Reads the report's "pace" object into `out`; errors as "pace.field: reason".
[[nodiscard]] bool read_pace(const boost::json::object& top, std::optional<pace_figures>& out, std::string& error);

}  // namespace hotlive::detail
