// Which hotlive this is: what `hotlive --version` says and what a report records of the hotlive
// that wrote it, so that a run that went wrong names the exact source it was built from.
#pragma once

#include <string_view>

namespace hotlive {

struct build_info {
    std::string_view version;     // the project's version (CMakeLists.txt), e.g. "0.1.0"
    std::string_view commit;      // the git commit, "-dirty" when built with changes; "unknown" outside git
    std::string_view build_type;  // CMAKE_BUILD_TYPE, e.g. "RelWithDebInfo"
};

// Generated at build time (src/packaging/build_info.cmake) into a unit of its own, rewritten only
// when the commit changes, so a new commit recompiles that unit and nothing else.
[[nodiscard]] const build_info& this_build();

}  // namespace hotlive
