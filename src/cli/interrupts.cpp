#include "cli/interrupts.hpp"

#include <hotlive/exit_codes.hpp>

#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <csignal>

namespace hotlive::cli::interrupts {
namespace {

// Written by the signal handler, read by the program: lock-free atomics are async-signal-safe.
std::atomic<unsigned> arrived{0};
// Set before the handler can read it (it reads only once `armed` says so): plain storage.
std::array<char, 1024> last_words{};
std::atomic<std::size_t> last_words_length{0};

void on_interrupt(int) {
    if (arrived.fetch_add(1) == 0) return;
    // Only async-signal-safe calls from here: write(2) and _exit(2).
    const std::size_t length = last_words_length.load();
    if (length > 0) (void)::write(STDERR_FILENO, last_words.data(), length);
    ::_exit(exit_code::interrupted);
}

void handle(int signal) {
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    (void)::sigaction(signal, &action, nullptr);
}

bool inherited_as_ignored(int signal) {
    struct sigaction current {};
    return ::sigaction(signal, nullptr, &current) == 0 && current.sa_handler == SIG_IGN;  // NOLINT: C API
}

}  // namespace

void install() {
    static const bool installed = [] {
        handle(SIGTERM);
        if (!inherited_as_ignored(SIGINT)) handle(SIGINT);
        return true;
    }();
    (void)installed;
}

unsigned count() { return arrived.load(); }

void set_last_words(std::string_view line) {
    last_words_length.store(0);  // the handler prints nothing while the text changes
    const std::size_t length = std::min(line.size(), last_words.size() - 1);
    std::copy_n(line.data(), length, last_words.begin());
    last_words[length] = '\n';
    last_words_length.store(length + 1);
}

}  // namespace hotlive::cli::interrupts
