// Where a report may be written. hotlive replaces a report whole (a temporary file renamed over
// it), so a path that is not a plain file, or that holds something the operator still needs (the
// plan, the only JSON report a resume reads), is refused before anything is sent.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace hotlive::detail {

// Why `path` cannot take a report (or a journal) written by replacement: it is a device, a
// directory, a FIFO, a socket or a symbolic link; its folder is missing, not a folder or not
// writable; or it is one of `keep` (files the command reads: the plan, the reports being
// re-rendered). Empty when it can. `what` names the option in the message ("--report").
[[nodiscard]] std::string destination_problem(const std::filesystem::path& path, std::string_view what,
                                              const std::vector<std::filesystem::path>& keep = {});

// Whether `a` and `b` name the same file (the same inode when both exist, else the same absolute path).
[[nodiscard]] bool same_file(const std::filesystem::path& a, const std::filesystem::path& b);

}  // namespace hotlive::detail
