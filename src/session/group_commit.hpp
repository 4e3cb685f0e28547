// Group commit: the coroutines that need the same write in one turn of the event loop share it.
// Each stages its part elsewhere (the journal's lines) and awaits written(); the first of a turn
// posts one flush, which runs after every handler ready in that turn, writes what they all staged
// with one call, and resumes them all with its verdict. Work that need not wait (an answer's line)
// calls schedule() so that it is written at the end of the turn all the same.
#pragma once

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <functional>
#include <vector>

namespace hotlive::detail {

class group_commit {
public:
    // `flush` writes what was staged and says whether it could; it is called on `executor`.
    group_commit(boost::asio::any_io_executor executor, std::function<bool()> flush);

    // A flush at the end of this turn, if none is coming yet.
    void schedule();
    // Waits for the flush at the end of this turn: true when it wrote.
    boost::asio::awaitable<bool> written();
    // Flushes now (the run's end); the waiters, if any, are resumed with the verdict.
    bool flush_now();

private:
    boost::asio::any_io_executor executor_;
    std::function<bool()> flush_;
    bool scheduled_ = false;
    std::vector<boost::asio::any_completion_handler<void(bool)>> waiting_;
};

}  // namespace hotlive::detail
