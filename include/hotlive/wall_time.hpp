// A moment on this machine's wall clock, as reports and the journal record it (the time a call
// was first tried or finished, the Timestamp an attempt was signed with).
#pragma once

#include <chrono>

namespace hotlive {

using wall_time = std::chrono::system_clock::time_point;

}  // namespace hotlive
