// Writes a report so that the file on disk is always a whole old or a whole new version: the
// content goes to a temporary file beside it, is fsynced, then renamed over the target (rename(2)
// is atomic within a file system), and the directory is fsynced so the rename survives a crash.
#include "hotlive/atomic_file.hpp"
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
    (void)std::snprintf(suffix, sizeof suffix, ".tmp-%ld-%016llx", static_cast<long>(::getpid()),
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

namespace detail {

atomic_file::~atomic_file() { abandon(); }

std::optional<std::string> atomic_file::open(const std::filesystem::path& path) {
    if (path.filename().empty()) return io_error("write", path, EISDIR);
    path_ = path;
    for (int tries = 0; fd_ < 0 && tries < 8; ++tries) {
        temporary_ = temporary_path(path);
        // 0644 less the umask: a report holds no secrets, and operators share it.
        fd_ = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd_ < 0 && errno != EEXIST) return io_error("create", temporary_, errno);
    }
    if (fd_ < 0) return io_error("create", temporary_, EEXIST);
    return std::nullopt;
}

std::optional<std::string> atomic_file::write(std::string_view content) {
    if (const int err = write_all(fd_, content); err != 0) {
        auto error = io_error("write", temporary_, err);
        abandon();
        return error;
    }
    return std::nullopt;
}

std::optional<std::string> atomic_file::commit() {
    // Every failure from here removes the temporary file; the target has not been touched.
    if (::fsync(fd_) != 0) {
        auto error = io_error("fsync", temporary_, errno);
        abandon();
        return error;
    }
    // close(2) can report a deferred write error (NFS); it must come before the rename.
    const int closed = ::close(fd_);
    fd_ = -1;
    if (closed != 0) {
        auto error = io_error("close", temporary_, errno);
        abandon();
        return error;
    }
    if (::rename(temporary_.c_str(), path_.c_str()) != 0) {
        auto error = io_error("replace", path_, errno);
        abandon();
        return error;
    }
    temporary_.clear();
    if (const int err = fsync_directory(directory_of(path_)); err != 0) {
        std::string message = io_error("fsync the directory of", path_, err);
        message.append(" (the file was written, but may not survive a power failure)");
        return message;
    }
    return std::nullopt;
}

void atomic_file::abandon() {
    if (fd_ >= 0) close_fd(fd_);
    fd_ = -1;
    if (!temporary_.empty()) ::unlink(temporary_.c_str());
    temporary_.clear();
}

}  // namespace detail

std::optional<std::string> write_file_atomically(const std::filesystem::path& path, std::string_view content) {
    detail::atomic_file file;
    if (auto error = file.open(path)) return error;
    if (auto error = file.write(content)) return error;
    return file.commit();
}

}  // namespace hotlive
