// Fuzz target: a report and a journal read back from disk, as --resume and `hotlive report` read
// them. Both readers take a path, so the input is written to a file in /dev/shm (memory, one per
// process) and read as a report, then as a journal. Each must answer with a value or an error,
// and what it accepts must be self-consistent.
#include <hotlive/journal.hpp>
#include <hotlive/report_reader.hpp>

#include <unistd.h>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <unordered_set>

namespace {

// The input's file: one per process (libFuzzer's -jobs run several), removed at exit.
class scratch_file {
public:
    scratch_file() : path_("/dev/shm/hotlive-fuzz-report-reader-" + std::to_string(::getpid())) {}
    ~scratch_file() {
        std::error_code ignored;
        std::filesystem::remove(path_, ignored);
    }
    scratch_file(const scratch_file&) = delete;
    scratch_file& operator=(const scratch_file&) = delete;

    const std::filesystem::path& write(const std::uint8_t* data, std::size_t size) {
        std::ofstream out(path_, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
        out.close();
        if (!out) std::abort();  // /dev/shm full: nothing below would mean anything
        return path_;
    }

private:
    std::filesystem::path path_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static scratch_file file;
    const auto& path = file.write(data, size);

    const hotlive::report_read_result report = hotlive::read_report(path);
    if (report.value.has_value() == !report.error.empty()) std::abort();  // a value xor a reason
    if (report.value) {
        const auto totals = report.value->totals();
        if (totals.calls != report.value->calls.size() ||
            totals.succeeded + totals.failed + totals.not_started + totals.cancelled + totals.skipped != totals.calls) {
            std::abort();
        }
        for (const auto& call : report.value->calls) {
            // Only a skipped call says which call condemned it.
            const bool skipped = call.status == hotlive::call_status::skipped;
            if (!skipped && (call.skipped_because_key || call.skipped_because_request_id)) std::abort();
        }
    }

    const hotlive::journal_read_result journal = hotlive::read_journal(path);
    if (!journal.error.empty()) std::abort();  // the file exists and is readable
    std::unordered_set<std::string> keys;
    for (const auto& call : journal.results) {
        if (!keys.insert(call.key).second) std::abort();  // later lines replace earlier ones
    }
    return 0;
}
