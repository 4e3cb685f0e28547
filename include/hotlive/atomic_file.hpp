// A file replaced whole or not at all, so that a crash or a full disk never leaves a report
// half-written.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace hotlive {

// Writes `content` to `path` atomically: a temporary file in the same directory, fsync, rename.
// On failure the previous file is untouched and the error is returned.
[[nodiscard]] std::optional<std::string> write_file_atomically(const std::filesystem::path& path,
                                                               std::string_view content);

}  // namespace hotlive
