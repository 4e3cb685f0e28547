// An External profile's process_command, run without a shell (posix_spawnp with the split argv,
// the PATH searched, the environment inherited, stdin from /dev/null) as the aliyun CLI runs it:
// one JSON object on stdout, within the timeout (60 s) or killed. Its stdout is read as
// credentials only; its stderr is drained and dropped: neither is ever repeated, they may hold
// secrets.
#include "credentials/fetch_answers.hpp"
#include "credentials/fetchers.hpp"
#include "text/quote.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <array>
#include <csignal>
#include <cstring>
#include <system_error>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

// POSIX declares it nowhere; the child gets this process's environment.
extern char** environ;  // NOLINT(readability-redundant-declaration,cppcoreguidelines-avoid-non-const-global-variables)

namespace hotlive::detail {
namespace {

namespace net = boost::asio;
using namespace net::experimental::awaitable_operators;
constexpr auto as_values = net::as_tuple(net::use_awaitable);
constexpr std::size_t output_limit = std::size_t{64} * 1024;
constexpr std::chrono::milliseconds reap_poll{10};

// Reads `from` to its end, keeping at most `limit` bytes in `into` (nothing when `into` is null).
net::awaitable<void> read_to_end(net::posix::stream_descriptor& from, std::string* into, bool& overflow) {
    std::array<char, 4096> buffer{};
    for (;;) {
        auto [ec, n] = co_await from.async_read_some(net::buffer(buffer), as_values);
        if (into != nullptr) {
            if (into->size() + n > output_limit) {
                overflow = true;
            } else {
                into->append(buffer.data(), n);
            }
        }
        if (ec) co_return;
    }
}

struct pipe_pair {
    int read = -1;
    int write = -1;
};

pipe_pair make_pipe() {
    std::array<int, 2> fds{-1, -1};
    if (::pipe2(fds.data(), O_CLOEXEC) != 0) return {};
    return {fds[0], fds[1]};
}

class process_fetcher final : public credential_fetcher {
public:
    process_fetcher(const credential_resolution& r, net::any_io_executor executor,
                    const credential_fetch_settings& settings)
        : executor_(std::move(executor)),
          argv_(r.process_command),
          timeout_(settings.process_timeout),
          what_(r.source.description + ": process_command (" + detail::quoted(argv_.empty() ? "" : argv_.front(), 128) +
                ")") {}

    net::awaitable<credential_fetch_result> fetch() override {
        pipe_pair out = make_pipe();
        pipe_pair err = make_pipe();
        if (out.read < 0 || err.read < 0) {
            for (const int fd : {out.read, out.write, err.read, err.write}) {
                if (fd >= 0) ::close(fd);
            }
            co_return credential_fetch_failure{
                false, "pipe", what_ + ": cannot make a pipe: " + std::generic_category().message(errno)};
        }
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_adddup2(&actions, out.write, 1);
        posix_spawn_file_actions_adddup2(&actions, err.write, 2);
        std::vector<char*> argv;
        for (auto& arg : argv_) argv.push_back(arg.data());
        argv.push_back(nullptr);
        pid_t pid = -1;
        const int spawned = ::posix_spawnp(&pid, argv.front(), &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        ::close(out.write);
        ::close(err.write);
        net::posix::stream_descriptor out_stream(executor_, out.read);
        net::posix::stream_descriptor err_stream(executor_, err.read);
        if (spawned != 0) {
            co_return credential_fetch_failure{true, "spawn",
                                               what_ + ": cannot run it: " + std::generic_category().message(spawned)};
        }

        std::string output;
        bool overflow = false;
        bool ignored = false;
        const auto deadline = std::chrono::steady_clock::now() + timeout_;
        net::steady_timer timer(executor_, deadline);
        const auto raced =
            co_await ((read_to_end(out_stream, &output, overflow) && read_to_end(err_stream, nullptr, ignored)) ||
                      timer.async_wait(as_values));
        bool timed_out = raced.index() == 1;
        out_stream.close();
        err_stream.close();

        // Closed pipes do not mean an exit: poll until the deadline, then kill.
        int status = 0;
        for (;;) {
            if (timed_out) ::kill(pid, SIGKILL);
            const pid_t reaped = ::waitpid(pid, &status, timed_out ? 0 : WNOHANG);
            if (reaped != 0) break;
            if (std::chrono::steady_clock::now() >= deadline) {
                timed_out = true;
                continue;
            }
            timer.expires_after(reap_poll);
            co_await timer.async_wait(as_values);
        }

        if (timed_out) {
            co_return credential_fetch_failure{
                false, "timeout",
                what_ + ": no answer within " +
                    std::to_string(std::chrono::duration_cast<std::chrono::seconds>(timeout_).count()) +
                    " s; the process was killed"};
        }
        if (WIFSIGNALED(status)) {
            co_return credential_fetch_failure{false, "signal",
                                               what_ + ": the process was killed by signal " +
                                                   std::to_string(WTERMSIG(status)) + " (its output is not shown)"};
        }
        if (WEXITSTATUS(status) != 0) {
            co_return credential_fetch_failure{false, "exit_status",
                                               what_ + ": the process exited with status " +
                                                   std::to_string(WEXITSTATUS(status)) + " (its output is not shown)"};
        }
        if (overflow) {
            co_return credential_fetch_failure{true, "bad_output", what_ + ": the process printed more than 64 KiB"};
        }
        co_return read_process_output(output, what_);
    }

    [[nodiscard]] std::string describe() const override {
        return "External " + detail::quoted(argv_.empty() ? "" : argv_.front(), 128);
    }

private:
    net::any_io_executor executor_;
    std::vector<std::string> argv_;
    std::chrono::milliseconds timeout_;
    std::string what_;
};

}  // namespace

std::shared_ptr<credential_fetcher> make_process_fetcher(const credential_resolution& resolution,
                                                         net::any_io_executor executor,
                                                         const credential_fetch_settings& settings) {
    return std::make_shared<process_fetcher>(resolution, std::move(executor), settings);
}

}  // namespace hotlive::detail
