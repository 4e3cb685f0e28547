#include "support/background_process.hpp"

#include "support/subprocess.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>
#include <thread>

namespace hotlive::test {
namespace {

std::string slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

}  // namespace

background_process::background_process(const std::vector<std::string>& argv, const std::filesystem::path& log_dir,
                                       const std::map<std::string, std::string>& env_set) {
    static int counter = 0;
    const std::string stem = std::filesystem::path(argv.at(0)).filename().string() + "-" + std::to_string(++counter);
    out_path_ = log_dir / (stem + ".out");
    err_path_ = log_dir / (stem + ".err");

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);

    process_options options;
    options.env_set = env_set;
    auto env = child_environment(options);
    auto args = argv;
    auto arg_pointers = c_strings(args);
    auto env_pointers = c_strings(env);

    const int error =
        ::posix_spawn(&pid_, arg_pointers[0], &actions, nullptr, arg_pointers.data(), env_pointers.data());
    posix_spawn_file_actions_destroy(&actions);
    if (error != 0) throw std::system_error(error, std::generic_category(), "posix_spawn " + argv[0]);
}

background_process::~background_process() {
    if (reaped_ || pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    for (int i = 0; i < 100 && !exited(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds{10});
    if (!reaped_) {
        ::kill(pid_, SIGKILL);
        wait();
    }
}

std::string background_process::first_line(std::chrono::milliseconds timeout) const {
    const auto give_up = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < give_up) {
        const std::string text = slurp(out_path_);
        if (const auto newline = text.find('\n'); newline != std::string::npos) return text.substr(0, newline);
        std::this_thread::sleep_for(std::chrono::milliseconds{10});
    }
    throw std::runtime_error("no first line on stdout; stderr: " + slurp(err_path_));
}

void background_process::signal(int sig) const { ::kill(pid_, sig); }

int background_process::wait() {
    if (!reaped_) {
        while (::waitpid(pid_, &status_, 0) < 0) {
            if (errno != EINTR) throw std::system_error(errno, std::generic_category(), "waitpid");
        }
        reaped_ = true;
    }
    return WIFEXITED(status_) ? WEXITSTATUS(status_) : 128 + WTERMSIG(status_);
}

bool background_process::exited() {
    if (reaped_) return true;
    if (::waitpid(pid_, &status_, WNOHANG) == pid_) reaped_ = true;
    return reaped_;
}

std::string background_process::out() const { return slurp(out_path_); }
std::string background_process::err() const { return slurp(err_path_); }

running_emulator start_emulator(const std::vector<std::string>& args, const std::filesystem::path& dir) {
    std::vector<std::string> argv{HOTLIVE_EXE, "emulate", "--listen", "127.0.0.1:0"};
    argv.insert(argv.end(), args.begin(), args.end());
    running_emulator e;
    e.process = std::make_unique<background_process>(argv, dir);
    const std::string line = e.process->first_line();
    const auto at = line.find("http");
    if (at == std::string::npos) throw std::runtime_error("unexpected first line from the emulator: " + line);
    e.url = line.substr(at);
    return e;
}

}  // namespace hotlive::test
