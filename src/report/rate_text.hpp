// A pace in calls per second as the reports write it, in the JSON report's "pace" and in the
// sentence the Markdown and HTML reports say it in: to the hundredth, without trailing zeros
// ("9", "5.9", "4.41"), so that what a report says reads back as the same number.
#pragma once

#include <string>

namespace hotlive::detail {

// Appends `calls_per_second`; "0" for what is not a finite number from 0, which JSON could not
// hold or the report reader would refuse.
void append_rate(std::string& out, double calls_per_second);

}  // namespace hotlive::detail
