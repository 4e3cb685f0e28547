#include "report/report_destination.hpp"

#include <unistd.h>

#include <system_error>

namespace hotlive::detail {
namespace {

namespace fs = std::filesystem;

std::string_view kind_of(fs::file_type type) {
    switch (type) {
        case fs::file_type::directory:
            return "a folder";
        case fs::file_type::symlink:
            return "a symbolic link";
        case fs::file_type::block:
        case fs::file_type::character:
            return "a device";
        case fs::file_type::fifo:
            return "a FIFO";
        case fs::file_type::socket:
            return "a socket";
        default:
            return "not a regular file";
    }
}

fs::path folder_of(const fs::path& path) {
    const auto parent = path.parent_path();
    return parent.empty() ? fs::path(".") : parent;
}

}  // namespace

bool same_file(const fs::path& a, const fs::path& b) {
    std::error_code ec;
    if (fs::equivalent(a, b, ec)) return true;
    return fs::weakly_canonical(a, ec) == fs::weakly_canonical(b, ec) && !ec;
}

std::string destination_problem(const fs::path& path, std::string_view what, const std::vector<fs::path>& keep) {
    const std::string named = std::string(what) + " " + path.string();
    std::error_code ec;
    const auto status = fs::symlink_status(path, ec);
    if (!ec && status.type() != fs::file_type::regular && status.type() != fs::file_type::not_found) {
        return named + " is " + std::string(kind_of(status.type())) +
               ": a report replaces its file whole, so give the path of a regular file (or of one to create)";
    }
    for (const auto& kept : keep) {
        if (same_file(path, kept)) {
            return named + " is " + kept.string() + ", which this command reads: give the report a path of its own";
        }
    }
    const fs::path folder = folder_of(path);
    const auto folder_status = fs::status(folder, ec);
    if (folder_status.type() == fs::file_type::not_found) {
        return named + ": the folder " + folder.string() + " does not exist; create it (mkdir -p " + folder.string() +
               ") or write the report elsewhere";
    }
    if (folder_status.type() != fs::file_type::directory) {
        return named + ": " + folder.string() + " is not a folder";
    }
    // The report and its journal are created in this folder (a temporary file renamed, a journal appended).
    if (::access(folder.c_str(), W_OK | X_OK) != 0) {
        return named + ": the folder " + folder.string() +
               " is not writable (read-only, or not yours); write the report elsewhere";
    }
    return {};
}

}  // namespace hotlive::detail
