#include "cli/interrupts.hpp"

#include <hotlive/exit_codes.hpp>

#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <csignal>

namespace hotlive::cli::interrupts {
namespace {

// What the signal handler shares with the program. Global, since a handler reaches nothing
// else; lock-free atomics, since only those are async-signal-safe. The last words are written
// into the buffer the handler is not pointed at, then published by one store of `current`: a
// handler never reads a line half written.
struct shared_with_handler {
    std::atomic<unsigned> arrived{0};
    std::array<std::array<char, 1024>, 2> last_words{};
    std::array<std::size_t, 2> last_words_length{};
    std::atomic<int> current{-1};  // the buffer to print; -1: none yet
};
static_assert(std::atomic<unsigned>::is_always_lock_free && std::atomic<int>::is_always_lock_free);
// NOLINTNEXTLINE(cppcoreguidelines-avoid-non-const-global-variables): a signal handler's state
shared_with_handler state;

void on_interrupt(int) {
    if (state.arrived.fetch_add(1) == 0) return;
    // Only async-signal-safe calls from here: write(2) and _exit(2).
    if (const int words = state.current.load(); words >= 0) {
        const auto index = static_cast<std::size_t>(words);
        // A failed write changes nothing: the process exits next. (A (void) cast does not silence
        // glibc's warn_unused_result under _FORTIFY_SOURCE.)
        [[maybe_unused]] const auto written =
            ::write(STDERR_FILENO, state.last_words[index].data(), state.last_words_length[index]);
    }
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
    return ::sigaction(signal, nullptr, &current) == 0 && current.sa_handler == SIG_IGN;
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

unsigned count() { return state.arrived.load(); }

void set_last_words(std::string_view line) {
    const std::size_t next = state.current.load() == 0 ? 1 : 0;
    auto& buffer = state.last_words[next];
    const std::size_t length = std::min(line.size(), buffer.size() - 1);
    std::copy_n(line.data(), length, buffer.begin());
    buffer[length] = '\n';
    state.last_words_length[next] = length + 1;
    state.current.store(static_cast<int>(next));
}

}  // namespace hotlive::cli::interrupts
