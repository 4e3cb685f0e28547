// write_file_atomically: the target is always a whole old or a whole new file, and a failure
// leaves no temporary file behind.
#include "hotlive/atomic_file.hpp"
#include "support/temp_dir.hpp"

#include <sys/resource.h>
#include <sys/stat.h>

#include <boost/test/unit_test.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace hotlive;
using hotlive::test::temp_dir;
namespace fs = std::filesystem;

namespace {

std::string contents(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::vector<std::string> names_in(const fs::path& directory) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(directory)) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

// Caps the size of files this process may write (RLIMIT_FSIZE), so a write fails with EFBIG
// part-way, as on a full disk; restores the limit and SIGXFSZ on destruction.
class file_size_limit {
public:
    explicit file_size_limit(rlim_t bytes) {
        BOOST_TEST_REQUIRE(::getrlimit(RLIMIT_FSIZE, &saved_) == 0);
        previous_handler_ = std::signal(SIGXFSZ, SIG_IGN);  // else the kernel kills the process
        rlimit limit = saved_;
        limit.rlim_cur = bytes;
        BOOST_TEST_REQUIRE(::setrlimit(RLIMIT_FSIZE, &limit) == 0);
    }
    ~file_size_limit() {
        ::setrlimit(RLIMIT_FSIZE, &saved_);
        std::signal(SIGXFSZ, previous_handler_);
    }
    file_size_limit(const file_size_limit&) = delete;
    file_size_limit& operator=(const file_size_limit&) = delete;

private:
    rlimit saved_{};
    void (*previous_handler_)(int) = nullptr;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(atomic_file)

BOOST_AUTO_TEST_CASE(a_new_file_gets_the_content_and_no_temporary_file_remains) {
    temp_dir dir;
    const auto path = dir.path() / "report.json";
    const auto error = write_file_atomically(path, "{\"a\":1}\n");
    BOOST_TEST(!error.has_value(), error.value_or(""));
    BOOST_TEST(contents(path) == "{\"a\":1}\n");
    BOOST_TEST(names_in(dir.path()) == std::vector<std::string>{"report.json"});
}

BOOST_AUTO_TEST_CASE(an_existing_file_is_replaced_whole) {
    temp_dir dir;
    const auto path = dir.write("report.json", std::string(100000, 'o'));
    BOOST_TEST(!write_file_atomically(path, "new").has_value());
    BOOST_TEST(contents(path) == "new");
    BOOST_TEST(names_in(dir.path()) == std::vector<std::string>{"report.json"});
}

BOOST_AUTO_TEST_CASE(an_empty_content_makes_an_empty_file) {
    temp_dir dir;
    const auto path = dir.write("report.json", "old");
    BOOST_TEST(!write_file_atomically(path, "").has_value());
    BOOST_TEST(fs::file_size(path) == 0u);
}

BOOST_AUTO_TEST_CASE(a_relative_path_is_written_in_the_current_directory) {
    temp_dir dir;
    const auto previous = fs::current_path();
    fs::current_path(dir.path());
    const auto error = write_file_atomically("here.md", "# here\n");
    fs::current_path(previous);
    BOOST_TEST(!error.has_value(), error.value_or(""));
    BOOST_TEST(contents(dir.path() / "here.md") == "# here\n");
    BOOST_TEST(names_in(dir.path()) == std::vector<std::string>{"here.md"});
}

BOOST_AUTO_TEST_CASE(the_file_is_created_0644_less_the_umask) {
    temp_dir dir;
    const auto path = dir.path() / "report.json";
    const mode_t previous = ::umask(022);
    const auto error = write_file_atomically(path, "x");
    ::umask(previous);
    BOOST_TEST(!error.has_value());
    struct stat info {};
    BOOST_TEST_REQUIRE(::stat(path.c_str(), &info) == 0);
    BOOST_TEST((info.st_mode & 07777) == 0644u);
}

BOOST_AUTO_TEST_CASE(a_failed_write_leaves_the_previous_file_byte_identical_and_no_temporary_file) {
    temp_dir dir;
    const std::string previous = "{\"previous\":true}\n";
    const auto path = dir.write("report.json", previous);
    std::optional<std::string> error;
    {
        // The new content is larger than the limit: the first write is short, the next fails.
        const file_size_limit limit(4096);
        error = write_file_atomically(path, std::string(100000, 'n'));
    }
    BOOST_TEST_REQUIRE(error.has_value());
    BOOST_TEST(error->starts_with("cannot write " + (dir.path() / ".report.json.tmp-").string()), *error);
    BOOST_TEST(error->ends_with(": File too large"), *error);
    BOOST_TEST(contents(path) == previous);
    BOOST_TEST(names_in(dir.path()) == std::vector<std::string>{"report.json"});
}

BOOST_AUTO_TEST_CASE(a_failed_rename_leaves_the_target_alone_and_no_temporary_file) {
    temp_dir dir;
    // The target is a non-empty directory: rename(2) cannot replace it with a file.
    dir.write("report.json/keep.txt", "kept");
    const auto error = write_file_atomically(dir.path() / "report.json", "new");
    BOOST_TEST_REQUIRE(error.has_value());
    BOOST_TEST(*error == "cannot replace " + (dir.path() / "report.json").string() + ": Is a directory");
    BOOST_TEST(contents(dir.path() / "report.json" / "keep.txt") == "kept");
    BOOST_TEST(names_in(dir.path()) == std::vector<std::string>{"report.json"});
    BOOST_TEST(names_in(dir.path() / "report.json") == std::vector<std::string>{"keep.txt"});
}

BOOST_AUTO_TEST_CASE(a_missing_directory_is_an_error_naming_the_path_and_the_reason) {
    temp_dir dir;
    const auto error = write_file_atomically(dir.path() / "no-such-dir" / "report.json", "x");
    BOOST_TEST_REQUIRE(error.has_value());
    BOOST_TEST(error->starts_with("cannot create " + (dir.path() / "no-such-dir" / ".report.json.tmp-").string()),
               *error);
    BOOST_TEST(error->ends_with(": No such file or directory"), *error);
    BOOST_TEST(names_in(dir.path()).empty());
}

BOOST_AUTO_TEST_CASE(a_path_naming_no_file_is_refused) {
    temp_dir dir;
    const auto error = write_file_atomically(dir.path() / "", "x");
    BOOST_TEST_REQUIRE(error.has_value());
    BOOST_TEST(error->ends_with(": Is a directory"), *error);
    BOOST_TEST(names_in(dir.path()).empty());
}

BOOST_AUTO_TEST_SUITE_END()
