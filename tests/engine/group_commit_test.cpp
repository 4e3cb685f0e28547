// Group commit (session/group_commit.hpp) on a real io_context: the coroutines that wait in one
// turn share one flush and its verdict; a later turn gets its own.
#include "session/group_commit.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/test/unit_test.hpp>

#include <optional>
#include <vector>

namespace net = boost::asio;
using hotlive::detail::group_commit;

namespace {

struct fixture {
    net::io_context io;
    int flushed = 0;
    bool writes = true;
    group_commit commits{io.get_executor(), [this] {
                             ++flushed;
                             return writes;
                         }};
    std::vector<std::optional<bool>> verdicts;

    // `count` coroutines started in the same turn, each waiting for the write.
    void wait_in_one_turn(std::size_t count) {
        const std::size_t first = verdicts.size();
        verdicts.resize(first + count);
        for (std::size_t i = first; i < verdicts.size(); ++i) {
            net::co_spawn(
                io, [this, i]() -> net::awaitable<void> { verdicts[i] = co_await commits.written(); }, net::detached);
        }
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(group_commit_suite, fixture)

BOOST_AUTO_TEST_CASE(the_waiters_of_one_turn_share_one_flush) {
    wait_in_one_turn(16);
    commits.schedule();  // an answer's line in the same turn: no second flush
    io.run();
    BOOST_TEST(flushed == 1);
    for (const auto& v : verdicts) BOOST_TEST((v == std::optional<bool>{true}));
}

BOOST_AUTO_TEST_CASE(a_failed_write_is_every_waiters_verdict_and_the_next_turn_flushes_again) {
    writes = false;
    wait_in_one_turn(3);
    io.run();
    BOOST_TEST(flushed == 1);
    for (const auto& v : verdicts) BOOST_TEST((v == std::optional<bool>{false}));

    writes = true;
    io.restart();
    wait_in_one_turn(2);
    io.run();
    BOOST_TEST(flushed == 2);
    BOOST_TEST((verdicts[3] == std::optional<bool>{true}));
    BOOST_TEST((verdicts[4] == std::optional<bool>{true}));
}

BOOST_AUTO_TEST_CASE(a_waiter_resumed_by_a_flush_that_waits_again_gets_the_next_one) {
    std::vector<bool> rounds;
    net::co_spawn(
        io,
        [&]() -> net::awaitable<void> {
            for (int i = 0; i < 3; ++i) rounds.push_back(co_await commits.written());
        },
        net::detached);
    io.run();
    BOOST_TEST(rounds.size() == 3U);
    BOOST_TEST(flushed == 3);
}

BOOST_AUTO_TEST_CASE(schedule_alone_flushes_at_the_end_of_the_turn_and_flush_now_at_once) {
    commits.schedule();
    BOOST_TEST(flushed == 0);
    io.run();
    BOOST_TEST(flushed == 1);
    BOOST_TEST(commits.flush_now());
    BOOST_TEST(flushed == 2);
}

BOOST_AUTO_TEST_SUITE_END()
