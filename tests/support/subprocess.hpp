// Runs a program to completion, as a shell would, and captures what it wrote.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace hotlive::test {

struct process_result {
    int exit_code = -1;  // 128 + signal number when killed by a signal
    std::string out;
    std::string err;
};

struct process_options {
    std::map<std::string, std::string> env_set;  // added or replaced
    std::vector<std::string> env_unset;          // removed from the inherited environment
    std::string stdin_text;
    std::string working_directory;
};

// This process's environment with `options.env_set` added or replaced and `env_unset` removed,
// as "NAME=value" entries for a child.
[[nodiscard]] std::vector<std::string> child_environment(const process_options& options);

// Pointers into `strings`, null-terminated, as posix_spawn takes argv and envp.
[[nodiscard]] std::vector<char*> c_strings(std::vector<std::string>& strings);

[[nodiscard]] process_result run_process(const std::vector<std::string>& argv, const process_options& options = {});

// run_process({HOTLIVE_EXE, args...}).
[[nodiscard]] process_result run_hotlive(const std::vector<std::string>& args, const process_options& options = {});

}  // namespace hotlive::test
