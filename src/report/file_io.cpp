#include "report/file_io.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace hotlive::detail {

int write_all(int fd, std::string_view data) {
    while (!data.empty()) {
        const ssize_t written = ::write(fd, data.data(), data.size());
        if (written < 0) {
            if (errno == EINTR) continue;
            return errno;
        }
        data.remove_prefix(static_cast<std::size_t>(written));
    }
    return 0;
}

std::string io_error(std::string_view action, const std::filesystem::path& path, int err) {
    std::string text = "cannot ";
    text.append(action);
    text.push_back(' ');
    text.append(path.string());
    text.append(": ");
    text.append(std::generic_category().message(err));
    return text;
}

void close_fd(int fd) {
    if (fd >= 0) ::close(fd);
}

file_chunks::file_chunks(const std::filesystem::path& path)
    : path_(path), fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {
    if (fd_ < 0) error_ = io_error("open", path, errno);
}

file_chunks::~file_chunks() { close_fd(fd_); }

std::string_view file_chunks::next() {
    if (fd_ < 0) return {};
    constexpr std::size_t chunk_size = 1 << 20;
    buffer_.resize(chunk_size);
    for (;;) {
        const ssize_t got = ::read(fd_, buffer_.data(), buffer_.size());
        if (got >= 0) return {buffer_.data(), static_cast<std::size_t>(got)};
        if (errno == EINTR) continue;
        error_ = io_error("read", path_, errno);
        close_fd(fd_);
        fd_ = -1;
        return {};
    }
}

}  // namespace hotlive::detail
