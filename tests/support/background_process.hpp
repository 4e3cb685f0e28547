// A program left running while a test talks to it (the emulator), or interrupted by the test
// (hotlive run under SIGINT or SIGKILL). Its stdout and stderr go to files in a temp directory.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <sys/types.h>

namespace hotlive::test {

class background_process {
public:
    // Starts `argv` with stdout/stderr redirected to files under `log_dir`.
    background_process(const std::vector<std::string>& argv, const std::filesystem::path& log_dir,
                       const std::map<std::string, std::string>& env_set = {});
    ~background_process();  // SIGTERM, then SIGKILL after a second, and reaps
    background_process(const background_process&) = delete;
    background_process& operator=(const background_process&) = delete;

    // The first line the program printed on stdout, waiting up to `timeout` for it.
    [[nodiscard]] std::string first_line(std::chrono::milliseconds timeout = std::chrono::seconds{20}) const;

    void signal(int sig) const;
    // Waits for the exit; the code, or 128 + signal.
    int wait();
    // Whether it has exited (without blocking).
    bool exited();

    [[nodiscard]] std::string out() const;
    [[nodiscard]] std::string err() const;
    [[nodiscard]] pid_t pid() const { return pid_; }

private:
    pid_t pid_ = -1;
    int status_ = -1;
    bool reaped_ = false;
    std::filesystem::path out_path_;
    std::filesystem::path err_path_;
};

// Starts `hotlive emulate --listen 127.0.0.1:0 ARGS...` and returns it with its base URL.
struct running_emulator {
    std::unique_ptr<background_process> process;
    std::string url;  // "http://127.0.0.1:PORT"
};
running_emulator start_emulator(const std::vector<std::string>& args, const std::filesystem::path& dir);

}  // namespace hotlive::test
