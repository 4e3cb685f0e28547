// The journal: one JSON line per finished call, each written with one write(2) on an O_APPEND
// descriptor and no user-space buffer, so once append() returns the line is the kernel's and a
// killed process loses nothing. (Power loss is another matter: that would need an fsync per call.)
#include "hotlive/report.hpp"
#include "report/call_json.hpp"
#include "report/file_io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace hotlive {
namespace {

// Whether the file ends inside a line: a run killed mid-write leaves a torn last line, and a
// resumed run's first line must not be glued to it.
bool ends_inside_a_line(const std::filesystem::path& path, int fd) {
    struct stat info {};
    if (::fstat(fd, &info) != 0 || info.st_size == 0) return false;
    const int reader = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (reader < 0) return false;
    char last = '\n';
    const bool read = ::pread(reader, &last, 1, info.st_size - 1) == 1;
    detail::close_fd(reader);
    return read && last != '\n';
}

}  // namespace

journal_writer::journal_writer(const std::filesystem::path& path) {
    fd_ = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) {
        error_ = detail::io_error("open the journal", path, errno);
        return;
    }
    torn_ = ends_inside_a_line(path, fd_);
}

journal_writer::~journal_writer() { detail::close_fd(fd_); }

bool journal_writer::append(const call_result& result) {
    if (fd_ < 0) return false;
    line_.clear();
    // After a torn line, a line break first: the torn line stays one invalid line (skipped by
    // read_journal) instead of spoiling this one too.
    if (torn_) line_.push_back('\n');
    detail::append_call_json(line_, result);
    line_.push_back('\n');
    if (const int err = detail::write_all(fd_, line_); err != 0) {
        error_ = "cannot append to the journal: ";
        error_.append(std::generic_category().message(err));
        // Part of the line may be in the file; assume so.
        torn_ = true;
        return false;
    }
    torn_ = false;
    return true;
}

}  // namespace hotlive
