// The journal: one JSON line per finished call and per attempt, written with one write(2) per
// commit on an O_APPEND descriptor, so once a commit returns its lines are the kernel's and a
// killed process loses nothing of them. (Power loss is another matter: that would need an fsync
// per commit.) The lines staged between commits are the only user-space buffer.
#include "hotlive/journal.hpp"
#include "report/call_json.hpp"
#include "report/file_io.hpp"
#include "report/report_fields.hpp"
#include "report/timestamp.hpp"
#include "text/json_text.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace hotlive {
namespace {

// Whether the file ends inside a line: a run killed mid-write leaves a torn last line, and a
// resumed run's first line must not be glued to it.
bool ends_inside_a_line(const std::filesystem::path& path, std::uint64_t size) {
    if (size == 0) return false;
    const int reader = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (reader < 0) return false;
    char last = '\n';
    const bool read = ::pread(reader, &last, 1, static_cast<off_t>(size - 1)) == 1;
    detail::close_fd(reader);
    return read && last != '\n';
}

}  // namespace

journal_writer::journal_writer(const std::filesystem::path& path)
    : fd_(::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644)) {
    if (fd_ < 0) {
        error_ = detail::io_error("open the journal", path, errno);
        return;
    }
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        const int err = errno;
        locked_by_another_ = err == EWOULDBLOCK;
        error_ = locked_by_another_ ? "another hotlive run is writing " + path.string() + " (it holds its lock)"
                                    : detail::io_error("lock the journal", path, err);
        detail::close_fd(fd_);
        fd_ = -1;
        return;
    }
    struct stat info {};
    if (::fstat(fd_, &info) != 0) {
        error_ = detail::io_error("inspect the journal", path, errno);
        detail::close_fd(fd_);
        fd_ = -1;
        return;
    }
    size_ = static_cast<std::uint64_t>(info.st_size);
    torn_ = ends_inside_a_line(path, size_);
}

journal_writer::~journal_writer() { detail::close_fd(fd_); }

bool journal_writer::start_fresh() {
    if (fd_ < 0) return false;
    if (::ftruncate(fd_, 0) != 0) {
        error_ = "cannot empty the journal: ";
        error_.append(std::generic_category().message(errno));
        return false;
    }
    size_ = 0;
    torn_ = false;
    return true;
}

bool journal_writer::stage(const call_result& result, journal_position* where) {
    if (fd_ < 0) return false;
    const std::size_t record_start = start_line();
    detail::append_call_json(staged_, result);
    end_line(record_start, where);
    return true;
}

bool journal_writer::stage_attempt(const attempt_record& attempt) {
    if (fd_ < 0) return false;
    const std::size_t record_start = start_attempt_line("attempt", attempt);
    staged_.append(R"(,"nonce":)");
    detail::append_json_string(staged_, attempt.nonce);
    staged_.append(R"(,"timestamp":)");
    detail::append_json_timestamp(staged_, attempt.timestamp);
    staged_.append("}}");
    end_line(record_start, nullptr);
    return true;
}

bool journal_writer::stage_answered(const attempt_record& attempt) {
    if (fd_ < 0) return false;
    const std::size_t record_start = start_attempt_line("answered", attempt);
    staged_.append("}}");
    end_line(record_start, nullptr);
    return true;
}

bool journal_writer::append(const call_result& result, journal_position* where) {
    return stage(result, where) && commit();
}

bool journal_writer::append_attempt(const attempt_record& attempt) { return stage_attempt(attempt) && commit(); }

bool journal_writer::append_answered(const attempt_record& attempt) { return stage_answered(attempt) && commit(); }

bool journal_writer::append_run(const report_info& run) {
    if (fd_ < 0) return false;
    const std::size_t record_start = start_line();
    staged_.append(R"({"run":)");
    detail::append_run_json(staged_, run);
    staged_.push_back('}');
    end_line(record_start, nullptr);
    return commit();
}

bool journal_writer::append_call_json(std::string_view call, journal_position* where) {
    if (fd_ < 0) return false;
    const std::size_t record_start = start_line();
    staged_.append(call);
    end_line(record_start, where);
    return commit();
}

std::size_t journal_writer::start_attempt_line(std::string_view kind, const attempt_record& attempt) {
    const std::size_t record_start = start_line();
    staged_.append(R"({")").append(kind).append(R"(":{"key":)");
    detail::append_json_string(staged_, attempt.key);
    staged_.append(R"(,"n":)");
    detail::append_unsigned(staged_, attempt.number);
    return record_start;
}

std::size_t journal_writer::start_line() {
    // After a torn line, a line break first: the torn line stays one invalid line (skipped by
    // read_journal) instead of spoiling the first staged one too.
    if (staged_.empty() && torn_) staged_.push_back('\n');
    return staged_.size();
}

void journal_writer::end_line(std::size_t record_start, journal_position* where) {
    if (where != nullptr) {
        *where = {size_ + record_start, static_cast<std::uint32_t>(staged_.size() - record_start)};
    }
    staged_.push_back('\n');
}

bool journal_writer::commit() {
    if (fd_ < 0) return false;
    if (staged_.empty()) return true;
    if (const int err = detail::write_all(fd_, staged_); err != 0) {
        error_ = "cannot append to the journal: ";
        error_.append(std::generic_category().message(err));
        unwritten_.swap(staged_);
        unwritten_at_ = size_;
        staged_.clear();
        // Part of the lines may be in the file; assume so, and learn where the file ends now.
        torn_ = true;
        struct stat info {};
        if (::fstat(fd_, &info) == 0) size_ = static_cast<std::uint64_t>(info.st_size);
        return false;
    }
    size_ += staged_.size();
    torn_ = false;
    staged_.clear();
    return true;
}

std::string_view journal_writer::unwritten(journal_position where) const {
    if (where.offset < unwritten_at_ || where.offset - unwritten_at_ + where.length > unwritten_.size()) return {};
    return std::string_view{unwritten_}.substr(where.offset - unwritten_at_, where.length);
}

}  // namespace hotlive
