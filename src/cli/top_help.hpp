// The footer of `hotlive --help`: exit status, environment, files and examples. hotlive(1) is made
// from this text by help2man (src/packaging/man-pages), so the manual page and --help agree.
#pragma once

#include <string>

namespace hotlive::cli {

[[nodiscard]] std::string top_help_footer();

}  // namespace hotlive::cli
