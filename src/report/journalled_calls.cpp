// Reads a run's calls back from its journal in plan order. The journal is in completion order,
// which with a bounded number of calls in flight is close to plan order: a window of the file is
// read at a time and reused for as long as the positions asked for fall in it.
#include "hotlive/journalled_calls.hpp"
#include "report/call_json.hpp"
#include "report/file_io.hpp"

#include <boost/json/parser.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

namespace hotlive {
namespace {

class window_reader {
public:
    explicit window_reader(const std::filesystem::path& path)
        : path_(path), fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {
        if (fd_ < 0) error_ = detail::io_error("read the journal", path, errno);
    }
    ~window_reader() { detail::close_fd(fd_); }
    window_reader(const window_reader&) = delete;
    window_reader& operator=(const window_reader&) = delete;

    [[nodiscard]] const std::string& error() const { return error_; }

    // The bytes at [offset, offset + length); empty with error() set when they cannot be read.
    std::string_view at(std::uint64_t offset, std::uint32_t length) {
        if (fd_ < 0) return {};
        if (offset < start_ || offset + length > start_ + filled_) {
            window_.resize(std::max<std::size_t>(window_size, length));
            start_ = offset;
            filled_ = 0;
            while (filled_ < length) {
                const ssize_t n = ::pread(fd_, window_.data() + filled_, window_.size() - filled_,
                                          static_cast<off_t>(start_ + filled_));
                if (n < 0 && errno == EINTR) continue;
                if (n <= 0) {
                    error_ = n < 0 ? detail::io_error("read the journal", path_, errno)
                                   : "the journal " + path_.string() + " is shorter than the run wrote it";
                    return {};
                }
                filled_ += static_cast<std::size_t>(n);
            }
        }
        return {window_.data() + (offset - start_), length};
    }

private:
    static constexpr std::size_t window_size = std::size_t{1024} * 1024;

    std::filesystem::path path_;
    int fd_ = -1;
    std::string window_;
    std::uint64_t start_ = 0;
    std::size_t filled_ = 0;
    std::string error_;
};

}  // namespace

journalled_calls::journalled_calls(std::filesystem::path journal, std::size_t rows)
    : journal_(std::move(journal)), rows_(rows) {}

void journalled_calls::set_journalled(std::size_t row, journal_position where) {
    rows_[row] = {where.offset, where.length};
}

void journalled_calls::set_in_memory(std::size_t row, call_result result) {
    rows_[row] = {in_memory_.size(), 0};
    in_memory_.push_back(std::move(result));
}

// One pass in plan order: `in_memory` for a result held here, `journalled` for a journal line.
template <typename InMemory, typename Journalled>
void journalled_calls::walk(InMemory&& in_memory, Journalled&& journalled) const {
    if (!failure_.empty()) return;
    window_reader journal(journal_);
    for (std::size_t i = 0; i < rows_.size(); ++i) {
        const slot& r = rows_[i];
        if (r.offset == unfilled) {
            failure_ = "call " + std::to_string(i + 1) + " of the report has no result";
            return;
        }
        if (r.length == 0) {
            in_memory(in_memory_[r.offset]);
            continue;
        }
        const std::string_view line = journal.at(r.offset, r.length);
        if (line.empty()) {
            failure_ = journal.error();
            return;
        }
        if (!journalled(line, r.offset)) return;
    }
}

void journalled_calls::for_each(const std::function<void(const call_result&)>& visit) const {
    boost::json::parser parser;  // reused: its memory is allocated once
    std::string problem;
    walk(visit, [&](std::string_view line, std::uint64_t offset) {
        boost::json::error_code ec;
        parser.reset();
        parser.write(line.data(), line.size(), ec);
        std::optional<call_result> call;
        if (!ec) call = detail::call_from_json(parser.release(), problem);
        if (!call) {
            failure_ = "the journal " + journal_.string() + " changed while the report was written (offset " +
                       std::to_string(offset) + ")";
            return false;
        }
        visit(*call);
        return true;
    });
}

void journalled_calls::for_each_json(const std::function<void(std::string_view)>& visit) const {
    std::string rendered;
    walk(
        [&](const call_result& c) {
            rendered.clear();
            detail::append_call_json(rendered, c);
            visit(rendered);
        },
        [&](std::string_view line, std::uint64_t) {
            visit(line);
            return true;
        });
}

}  // namespace hotlive
