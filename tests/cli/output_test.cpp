// How hotlive talks: colour only on a terminal that wants it (no-color.org), and JSON log lines
// that parse. The terminal cases run hotlive on a real pseudo-terminal.
#include "cli/output.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <boost/test/unit_test.hpp>

#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <memory>

using namespace hotlive::test;
using hotlive::cli::colour_wanted;

namespace {

// Runs hotlive with `args` on a pseudo-terminal (stdout and stderr both) and returns what it wrote.
std::string run_on_a_terminal(const std::vector<std::string>& args, const process_options& options) {
    // Built up rather than inserted at the front: GCC 12 -O2 misreads the insert (-Warray-bounds).
    std::vector<std::string> command{HOTLIVE_EXE};
    command.insert(command.end(), args.begin(), args.end());
    std::vector<char*> argv = c_strings(command);
    std::vector<std::string> env = child_environment(options);
    std::vector<char*> envp = c_strings(env);
    int terminal = -1;
    const pid_t pid = ::forkpty(&terminal, nullptr, nullptr, nullptr);
    BOOST_TEST_REQUIRE(pid >= 0);
    if (pid == 0) {
        ::execve(argv[0], argv.data(), envp.data());
        ::_exit(127);
    }
    std::string out;
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(terminal, buffer, sizeof buffer);
        if (n > 0) {
            out.append(buffer, static_cast<std::size_t>(n));
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else {
            break;  // EIO: the child closed its side
        }
    }
    ::close(terminal);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(output)

BOOST_AUTO_TEST_CASE(colour_only_on_a_terminal_when_no_color_is_unset_or_empty) {
    BOOST_TEST(colour_wanted(true, nullptr, "xterm-256color"));
    BOOST_TEST(colour_wanted(true, "", "xterm"));  // no-color.org: present and not empty
    BOOST_TEST(colour_wanted(true, nullptr, nullptr));
    BOOST_TEST(!colour_wanted(false, nullptr, "xterm"));
    BOOST_TEST(!colour_wanted(true, "1", "xterm"));
    BOOST_TEST(!colour_wanted(true, "0", "xterm"));  // any value, even "0"
    BOOST_TEST(!colour_wanted(true, nullptr, "dumb"));
}

BOOST_AUTO_TEST_CASE(on_a_terminal_errors_are_coloured_unless_no_color_says_otherwise) {
    temp_dir dir;
    const auto bad = dir.write("bad.yaml", "version: 2\n");
    process_options options;
    options.env_set = {{"TERM", "xterm"}};
    options.env_unset = {"NO_COLOR"};
    const auto coloured = run_on_a_terminal({"validate", bad.string()}, options);
    BOOST_TEST(coloured.find("\033[1;31merror:\033[0m") != std::string::npos, coloured);

    options.env_set["NO_COLOR"] = "";
    BOOST_TEST(run_on_a_terminal({"validate", bad.string()}, options).find('\033') != std::string::npos);

    options.env_set["NO_COLOR"] = "1";
    const auto plain = run_on_a_terminal({"validate", bad.string()}, options);
    BOOST_TEST(plain.find("error:") != std::string::npos, plain);
    BOOST_TEST(plain.find('\033') == std::string::npos, plain);

    // Not a terminal: never colour.
    options.env_unset.push_back("NO_COLOR");
    options.env_set.erase("NO_COLOR");
    const auto piped = run_hotlive({"validate", bad.string()}, options);
    BOOST_TEST(piped.err.find("error:") != std::string::npos);
    BOOST_TEST(piped.err.find('\033') == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_json_log_line_is_one_parseable_object_with_its_fields) {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::tmpfile(), &std::fclose);
    BOOST_TEST_REQUIRE(file != nullptr);
    hotlive::cli::json_log_line("warn", "call_finished")
        .add("key", "d/a/s\"1@HKG\n")
        .add("attempts", 3u)
        .add("http_status", -1)
        .add("code", std::optional<std::string>{})
        .add("rate", 2.5)
        .add_json("totals", R"({"calls":1})")
        .print(file.get());
    std::rewind(file.get());
    std::string text(4096, '\0');
    text.resize(std::fread(text.data(), 1, text.size(), file.get()));
    BOOST_TEST_REQUIRE(text.ends_with("}\n"));
    BOOST_TEST(std::count(text.begin(), text.end(), '\n') == 1);
    const auto line = boost::json::parse(text).as_object();
    BOOST_TEST(line.at("level").as_string() == "warn");
    BOOST_TEST(line.at("event").as_string() == "call_finished");
    BOOST_TEST(line.at("key").as_string() == "d/a/s\"1@HKG\n");
    BOOST_TEST(line.at("attempts").as_int64() == 3);
    BOOST_TEST(line.at("http_status").as_int64() == -1);
    BOOST_TEST(line.at("code").is_null());
    BOOST_TEST(line.at("rate").to_number<double>() == 2.5);
    BOOST_TEST(line.at("totals").as_object().at("calls").as_int64() == 1);
    BOOST_TEST(std::string(line.at("t").as_string()).size() == 24u);  // 2026-12-31T11:30:00.123Z
}

BOOST_AUTO_TEST_SUITE_END()
