// Request timeouts without a timer per operation. An exchange notes its socket and deadline here
// (a ticket); one timer, waiting only while tickets are out, looks at them every `period` and
// cancels the socket of any exchange past its deadline, whose operations then end with
// operation_aborted and its ticket says it expired. A timeout fires between its deadline and one
// period after. Beast's per-operation timeouts cost two timer waits, two cancellations and two
// handlers per call; this costs a slot in a vector.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <vector>

namespace hotlive::detail {

class deadline_watch {
    struct state;

public:
    using clock = std::chrono::steady_clock;

    deadline_watch(const boost::asio::any_io_executor& executor, clock::duration period);
    ~deadline_watch();  // the watching coroutine, if any, ends when it next wakes
    deadline_watch(const deadline_watch&) = delete;
    deadline_watch& operator=(const deadline_watch&) = delete;

    // Watches `socket` until the ticket is destroyed; the watch must outlive its tickets.
    class ticket {
    public:
        ticket(const ticket&) = delete;
        ticket& operator=(const ticket&) = delete;
        ~ticket();
        // The deadline passed and the socket was cancelled.
        [[nodiscard]] bool expired() const;

    private:
        friend class deadline_watch;
        ticket(state& s, std::size_t slot) : state_(s), slot_(slot) {}
        state& state_;
        std::size_t slot_;
    };

    [[nodiscard]] ticket watch(boost::asio::ip::tcp::socket& socket, clock::time_point deadline);

    // How long a watch with requests of `timeout` sleeps between looks: an eighth of it, at most
    // a quarter of a second (a timeout of seconds fires at most that late).
    [[nodiscard]] static clock::duration period_for(std::chrono::milliseconds timeout);

private:
    std::shared_ptr<state> state_;
};

}  // namespace hotlive::detail
