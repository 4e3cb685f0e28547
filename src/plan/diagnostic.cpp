#include <hotlive/diagnostic.hpp>

#include <algorithm>

namespace hotlive {

std::string format(const diagnostic& d) {
    std::string text = d.file;
    if (d.line > 0) {
        text += ':' + std::to_string(d.line) + ':' + std::to_string(d.column);
    }
    text += d.level == severity::error ? ": error: " : ": warning: ";
    text += d.message;
    return text;
}

bool has_errors(const std::vector<diagnostic>& diagnostics) {
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [](const diagnostic& d) { return d.level == severity::error; });
}

}  // namespace hotlive
