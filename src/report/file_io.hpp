// The few POSIX file operations the report and the journal share.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace hotlive::detail {

// Writes all of `data` to `fd`, looping over short writes and EINTR. Returns 0 or the errno.
[[nodiscard]] int write_all(int fd, std::string_view data);

// "cannot ACTION PATH: REASON", REASON being strerror(err) (thread-safe, unlike strerror).
[[nodiscard]] std::string io_error(std::string_view action, const std::filesystem::path& path, int err);

// Closes `fd`, retrying nothing (Linux closes the descriptor even when close fails with EINTR).
void close_fd(int fd);

// A file written whole or not at all: a temporary file beside the target, fsynced and renamed
// over it by commit(). Destroyed without a commit (or after a failure), it removes the temporary.
class atomic_file {
public:
    atomic_file() = default;
    ~atomic_file();
    atomic_file(const atomic_file&) = delete;
    atomic_file& operator=(const atomic_file&) = delete;

    // Each returns the error, if any; after one, the temporary file is gone.
    [[nodiscard]] std::optional<std::string> open(const std::filesystem::path& path);
    [[nodiscard]] std::optional<std::string> write(std::string_view content);
    [[nodiscard]] std::optional<std::string> commit();

private:
    void abandon();

    std::filesystem::path path_;
    std::filesystem::path temporary_;
    int fd_ = -1;
};

// Reads a file chunk by chunk, for inputs too big to hold twice.
class file_chunks {
public:
    explicit file_chunks(const std::filesystem::path& path);
    ~file_chunks();
    file_chunks(const file_chunks&) = delete;
    file_chunks& operator=(const file_chunks&) = delete;

    // Set when the file cannot be opened or read.
    [[nodiscard]] const std::string& error() const { return error_; }

    // The next chunk; empty at the end of the file or on an error.
    [[nodiscard]] std::string_view next();

private:
    std::filesystem::path path_;
    int fd_ = -1;
    std::string buffer_;
    std::string error_;
};

}  // namespace hotlive::detail
