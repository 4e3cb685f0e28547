// The workers' turns at the rate limiter, first come first served: only the one whose turn it
// is books a slot and waits for it. The pace can change while it waits (adaptive_rate.hpp), so
// nobody holds a slot booked at an old pace, and the wire keeps the order the calls asked in.
// One executor, one thread: no locking.
#pragma once

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <chrono>
#include <deque>

namespace hotlive::detail {

class turn_queue {
public:
    // Waits for the caller's turn; false (and no turn held) when `stop` was cancelled first.
    // `stopped` says whether the run stopped.
    template <typename StopFlag>
    boost::asio::awaitable<bool> take(boost::asio::steady_timer& stop, const StopFlag& stopped) {
        using namespace boost::asio::experimental::awaitable_operators;
        if (stopped()) co_return false;
        if (!busy_) {
            busy_ = true;
            co_return true;
        }
        waiter me{boost::asio::steady_timer(co_await boost::asio::this_coro::executor,
                                            std::chrono::steady_clock::time_point::max())};
        waiting_.push_back(&me);
        constexpr auto as_values = boost::asio::as_tuple(boost::asio::use_awaitable);
        co_await (me.timer.async_wait(as_values) || stop.async_wait(as_values));
        // The turn may have been handed over while the stop woke this waiter: it is passed on.
        if (!me.granted) {
            waiting_.erase(std::find(waiting_.begin(), waiting_.end(), &me));
            co_return false;
        }
        if (stopped()) {
            give_back();
            co_return false;
        }
        co_return true;
    }

    // The turn goes to the longest waiting.
    void give_back() {
        if (waiting_.empty()) {
            busy_ = false;
            return;
        }
        waiter* next = waiting_.front();
        waiting_.pop_front();
        next->granted = true;
        next->timer.cancel();
    }

private:
    struct waiter {
        boost::asio::steady_timer timer;  // never expires: cancelled to hand the turn over
        bool granted = false;
    };

    bool busy_ = false;
    std::deque<waiter*> waiting_;
};

}  // namespace hotlive::detail
