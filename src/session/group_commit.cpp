#include "session/group_commit.hpp"

#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <utility>

namespace hotlive::detail {

namespace net = boost::asio;

group_commit::group_commit(net::any_io_executor executor, std::function<bool()> flush)
    : executor_(std::move(executor)), flush_(std::move(flush)) {}

void group_commit::schedule() {
    if (scheduled_) return;
    scheduled_ = true;
    // Posted, so it runs after the handlers already ready: the rest of this turn stages too.
    net::post(executor_, [this] { (void)flush_now(); });
}

net::awaitable<bool> group_commit::written() {
    schedule();
    return net::async_initiate<const net::use_awaitable_t<>, void(bool)>(
        [this](net::any_completion_handler<void(bool)> handler) { waiting_.push_back(std::move(handler)); },
        net::use_awaitable);
}

bool group_commit::flush_now() {
    scheduled_ = false;
    const bool ok = flush_();
    // Resumed here, one after the other: each runs until it next waits (its send), then the next.
    for (auto waiters = std::exchange(waiting_, {}); auto& waiter : waiters) std::move(waiter)(ok);
    return ok;
}

}  // namespace hotlive::detail
