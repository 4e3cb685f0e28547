// What `hotlive --version` prints: enough to name the exact build of a run that went wrong.
#pragma once

#include <string>

namespace hotlive::cli {

// "hotlive VERSION" on the first line (what scripts and help2man read), then the commit, the build
// type and compiler, and the OpenSSL and Boost the process runs with.
[[nodiscard]] std::string version_text();

}  // namespace hotlive::cli
