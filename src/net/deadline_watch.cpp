#include "net/deadline_watch.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>

namespace hotlive::detail {

namespace net = boost::asio;
using tcp = net::ip::tcp;

struct deadline_watch::state {
    struct slot {
        tcp::socket* socket = nullptr;  // null: free
        clock::time_point deadline;
        bool expired = false;
    };

    state(const net::any_io_executor& executor, clock::duration every) : timer(executor), period(every) {}

    net::steady_timer timer;
    clock::duration period;
    std::vector<slot> slots;
    std::vector<std::size_t> free;  // indices into slots
    std::size_t out = 0;            // tickets alive
    bool watching = false;          // the coroutine runs
    bool closed = false;            // the watch is gone

    // Cancels the sockets whose deadline passed.
    void look(clock::time_point now) {
        for (auto& s : slots) {
            if (s.socket == nullptr || s.expired || now < s.deadline) continue;
            s.expired = true;
            boost::system::error_code ignored;
            s.socket->cancel(ignored);
        }
    }
};

deadline_watch::deadline_watch(const net::any_io_executor& executor, clock::duration period)
    : state_(std::make_shared<state>(executor, period)) {}

deadline_watch::~deadline_watch() {
    state_->closed = true;
    state_->timer.cancel();
}

deadline_watch::ticket deadline_watch::watch(tcp::socket& socket, clock::time_point deadline) {
    state& s = *state_;
    std::size_t index = s.slots.size();
    if (s.free.empty()) {
        s.slots.emplace_back();
        s.free.reserve(s.slots.size());  // so that a ticket's end never allocates
    } else {
        index = s.free.back();
        s.free.pop_back();
    }
    s.slots[index] = {&socket, deadline, false};
    ++s.out;
    if (!s.watching) {
        s.watching = true;
        net::co_spawn(
            s.timer.get_executor(),
            [](std::shared_ptr<state> held) -> net::awaitable<void> {
                while (!held->closed && held->out > 0) {
                    held->timer.expires_after(held->period);
                    (void)co_await held->timer.async_wait(net::as_tuple(net::use_awaitable));
                    if (!held->closed) held->look(clock::now());
                }
                held->watching = false;
            }(state_),
            net::detached);
    }
    return ticket{s, index};
}

deadline_watch::ticket::~ticket() {
    // Never reallocates: free has room for every slot (watch()).
    state_.slots[slot_].socket = nullptr;
    state_.free.push_back(slot_);
    --state_.out;
}

bool deadline_watch::ticket::expired() const { return state_.slots[slot_].expired; }

deadline_watch::clock::duration deadline_watch::period_for(std::chrono::milliseconds timeout) {
    return std::clamp<clock::duration>(timeout / 8, std::chrono::milliseconds{1}, std::chrono::milliseconds{250});
}

}  // namespace hotlive::detail
