// A problem found in an input file, located precisely enough for an editor to jump to it.
#pragma once

#include <string>
#include <vector>

namespace hotlive {

enum class severity { error, warning };

struct diagnostic {
    severity level = severity::error;
    std::string file;
    int line = 0;    // 1-based; 0 when the problem concerns the whole file
    int column = 0;  // 1-based
    std::string message;
};

// "FILE:LINE:COL: error: message", the form compilers use and editors understand.
[[nodiscard]] std::string format(const diagnostic& d);

[[nodiscard]] bool has_errors(const std::vector<diagnostic>& diagnostics);

}  // namespace hotlive
