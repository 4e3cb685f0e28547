#include "support/subprocess.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <system_error>

extern char** environ;

namespace hotlive::test {
namespace {

struct pipe_pair {
    int read_end = -1;
    int write_end = -1;
    pipe_pair() {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0) throw std::system_error(errno, std::generic_category(), "pipe2");
        read_end = fds[0];
        write_end = fds[1];
    }
    ~pipe_pair() {
        close_read();
        close_write();
    }
    pipe_pair(const pipe_pair&) = delete;
    pipe_pair& operator=(const pipe_pair&) = delete;
    void close_read() {
        if (read_end >= 0) ::close(read_end);
        read_end = -1;
    }
    void close_write() {
        if (write_end >= 0) ::close(write_end);
        write_end = -1;
    }
};

}  // namespace

std::vector<std::string> child_environment(const process_options& options) {
    std::vector<std::string> env;
    for (char** e = environ; *e != nullptr; ++e) {
        const std::string entry = *e;
        const std::string name = entry.substr(0, entry.find('='));
        const bool unset =
            std::find(options.env_unset.begin(), options.env_unset.end(), name) != options.env_unset.end();
        if (!unset && !options.env_set.contains(name)) env.push_back(entry);
    }
    for (const auto& [name, value] : options.env_set) env.push_back(name + "=" + value);
    return env;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
    std::vector<char*> pointers;
    pointers.reserve(strings.size() + 1);
    for (auto& s : strings) pointers.push_back(s.data());
    pointers.push_back(nullptr);
    return pointers;
}

process_result run_process(const std::vector<std::string>& argv, const process_options& options) {
    pipe_pair in, out, err;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in.read_end, STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, out.write_end, STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err.write_end, STDERR_FILENO);
    if (!options.working_directory.empty()) {
        posix_spawn_file_actions_addchdir_np(&actions, options.working_directory.c_str());
    }

    auto args = argv;
    auto env = child_environment(options);
    auto arg_pointers = c_strings(args);
    auto env_pointers = c_strings(env);

    pid_t pid = -1;
    const int spawn_error =
        ::posix_spawn(&pid, arg_pointers[0], &actions, nullptr, arg_pointers.data(), env_pointers.data());
    posix_spawn_file_actions_destroy(&actions);
    if (spawn_error != 0) throw std::system_error(spawn_error, std::generic_category(), "posix_spawn " + argv[0]);

    in.close_read();
    out.close_write();
    err.close_write();

    process_result result;
    std::size_t stdin_written = 0;
    if (options.stdin_text.empty()) in.close_write();

    std::array<char, 65536> buffer{};
    while (out.read_end >= 0 || err.read_end >= 0) {
        std::array<pollfd, 3> fds{{{out.read_end, POLLIN, 0}, {err.read_end, POLLIN, 0}, {in.write_end, POLLOUT, 0}}};
        if (::poll(fds.data(), fds.size(), -1) < 0) {
            if (errno == EINTR) continue;
            throw std::system_error(errno, std::generic_category(), "poll");
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[static_cast<std::size_t>(i)].revents == 0) continue;
            pipe_pair& p = i == 0 ? out : err;
            std::string& sink = i == 0 ? result.out : result.err;
            const ssize_t n = ::read(p.read_end, buffer.data(), buffer.size());
            if (n > 0) {
                sink.append(buffer.data(), static_cast<std::size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                p.close_read();
            }
        }
        if (in.write_end >= 0 && fds[2].revents != 0) {
            const ssize_t n = ::write(in.write_end, options.stdin_text.data() + stdin_written,
                                      options.stdin_text.size() - stdin_written);
            if (n > 0) stdin_written += static_cast<std::size_t>(n);
            if (n < 0 || stdin_written == options.stdin_text.size()) in.close_write();
        }
    }

    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) throw std::system_error(errno, std::generic_category(), "waitpid");
    }
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

process_result run_hotlive(const std::vector<std::string>& args, const process_options& options) {
    std::vector<std::string> argv{HOTLIVE_EXE};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, options);
}

}  // namespace hotlive::test
