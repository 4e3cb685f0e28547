// Writes a report so that the file on disk is always a whole old or a whole new version: the
// content goes to a temporary file beside it, is fsynced, then renamed over the target (rename(2)
// is atomic within a file system), and the directory is fsynced so the rename survives a crash.
#include "hotlive/report.hpp"
#include "report/file_io.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <random>

namespace hotlive {
namespace {

std::filesystem::path directory_of(const std::filesystem::path& path) {
    auto parent = path.parent_path();
    return parent.empty() ? std::filesystem::path(".") : parent;
}

// ".NAME.tmp-PID-RANDOM": hidden, beside the target (rename cannot cross file systems), and
// unique to this process and attempt, so two runs writing the same report cannot collide.
std::filesystem::path temporary_path(const std::filesystem::path& path) {
    static thread_local std::mt19937_64 random{std::random_device{}()};
    char suffix[48];
    std::snprintf(suffix, sizeof suffix, ".tmp-%ld-%016llx", static_cast<long>(::getpid()),
                  static_cast<unsigned long long>(random()));
    std::string name = ".";
    name.append(path.filename().string());
    name.append(suffix);
    return directory_of(path) / name;
}

int fsync_directory(const std::filesystem::path& directory) {
    const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return errno;
    int err = 0;
    if (::fsync(fd) != 0) err = errno;
    detail::close_fd(fd);
    // Some file systems cannot fsync a directory; the rename has happened all the same.
    return err == EINVAL ? 0 : err;
}

}  // namespace

std::optional<std::string> write_file_atomically(const std::filesystem::path& path, std::string_view content) {
    if (path.filename().empty()) return detail::io_error("write", path, EISDIR);

    std::filesystem::path temporary;
    int fd = -1;
    for (int tries = 0; fd < 0 && tries < 8; ++tries) {
        temporary = temporary_path(path);
        // 0644 less the umask: a report holds no secrets, and operators share it.
        fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd < 0 && errno != EEXIST) return detail::io_error("create", temporary, errno);
    }
    if (fd < 0) return detail::io_error("create", temporary, EEXIST);

    // Every failure from here removes the temporary file; the target has not been touched.
    const auto abandon = [&](std::string_view action, const std::filesystem::path& subject, int err) {
        detail::close_fd(fd);
        ::unlink(temporary.c_str());
        return detail::io_error(action, subject, err);
    };
    if (const int err = detail::write_all(fd, content); err != 0) return abandon("write", temporary, err);
    if (::fsync(fd) != 0) return abandon("fsync", temporary, errno);
    // close(2) can report a deferred write error (NFS); it must come before the rename.
    const int closed = ::close(fd);
    fd = -1;
    if (closed != 0) return abandon("close", temporary, errno);
    if (::rename(temporary.c_str(), path.c_str()) != 0) return abandon("replace", path, errno);

    if (const int err = fsync_directory(directory_of(path)); err != 0) {
        std::string message = detail::io_error("fsync the directory of", path, err);
        message.append(" (the file was written, but may not survive a power failure)");
        return message;
    }
    return std::nullopt;
}

}  // namespace hotlive
