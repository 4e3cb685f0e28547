// deadline_watch on real sockets over 127.0.0.1: a read past its deadline ends cancelled and its
// ticket says so; a ticket returned in time leaves the socket alone; the watch's timer runs only
// while tickets are out.
#include "net/deadline_watch.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/test/unit_test.hpp>

#include <array>
#include <chrono>
#include <optional>

namespace net = boost::asio;
using tcp = net::ip::tcp;
using hotlive::detail::deadline_watch;
using namespace std::chrono_literals;

namespace {

// A connected pair on loopback: `client` reads what `server` never sends.
struct socket_pair {
    net::io_context io;
    tcp::acceptor acceptor{io, {net::ip::address_v4::loopback(), 0}};
    tcp::socket client{io};
    tcp::socket server{io};

    socket_pair() {
        client.connect(acceptor.local_endpoint());
        server = acceptor.accept();
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(deadline_watch_suite, socket_pair)

BOOST_AUTO_TEST_CASE(a_read_past_its_deadline_is_cancelled_and_its_ticket_expired) {
    deadline_watch watch(io.get_executor(), deadline_watch::period_for(40ms));
    std::optional<boost::system::error_code> read_ended;
    bool expired = false;
    net::co_spawn(
        io,
        [&]() -> net::awaitable<void> {
            const auto ticket = watch.watch(client, deadline_watch::clock::now() + 40ms);
            std::array<char, 16> buffer{};
            auto [ec, n] = co_await client.async_read_some(net::buffer(buffer), net::as_tuple(net::use_awaitable));
            read_ended = ec;
            expired = ticket.expired();
        },
        net::detached);
    io.run();  // returns: the read ended, and the watch's timer stopped with the last ticket
    BOOST_TEST_REQUIRE(read_ended.has_value());
    BOOST_TEST((*read_ended == net::error::operation_aborted));
    BOOST_TEST(expired);
}

BOOST_AUTO_TEST_CASE(a_ticket_returned_in_time_leaves_the_socket_alone) {
    deadline_watch watch(io.get_executor(), deadline_watch::period_for(10ms));
    std::optional<boost::system::error_code> read_ended;
    net::co_spawn(
        io,
        [&]() -> net::awaitable<void> {
            {
                const auto ticket = watch.watch(client, deadline_watch::clock::now() + 10ms);
                BOOST_TEST(!ticket.expired());
            }
            // Long past that deadline, with no ticket out: the read ends on the server's bytes.
            net::steady_timer later(io, 50ms);
            co_await later.async_wait(net::use_awaitable);
            net::co_spawn(
                io,
                [&]() -> net::awaitable<void> {
                    co_await net::async_write(server, net::buffer("x", 1), net::use_awaitable);
                },
                net::detached);
            std::array<char, 16> buffer{};
            auto [ec, n] = co_await client.async_read_some(net::buffer(buffer), net::as_tuple(net::use_awaitable));
            read_ended = ec;
        },
        net::detached);
    io.run();
    BOOST_TEST_REQUIRE(read_ended.has_value());
    BOOST_TEST(!*read_ended);
}

BOOST_AUTO_TEST_CASE(the_period_is_an_eighth_of_the_timeout_at_most_a_quarter_second) {
    BOOST_TEST((deadline_watch::period_for(80ms) == 10ms));
    BOOST_TEST((deadline_watch::period_for(10s) == 250ms));
    BOOST_TEST((deadline_watch::period_for(1ms) == 1ms));
}

BOOST_AUTO_TEST_SUITE_END()
