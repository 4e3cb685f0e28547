// Signature nonces: random UUIDs version 4, never repeated.
#include <hotlive/signer.hpp>

#include <boost/test/unit_test.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <string>
#include <thread>
#include <unordered_set>

namespace {

// xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx, lower-case hex.
bool is_uuid_v4(std::string_view s) {
    if (s.size() != 36) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-') return false;
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    return s[14] == '4' && (s[19] == '8' || s[19] == '9' || s[19] == 'a' || s[19] == 'b');
}

}  // namespace

BOOST_AUTO_TEST_SUITE(nonce)

BOOST_AUTO_TEST_CASE(the_pattern_check_refuses_what_is_not_a_v4_uuid) {
    BOOST_TEST(is_uuid_v4("3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"));
    BOOST_TEST(!is_uuid_v4("3ee8c1b8-83d3-14af-a94f-4e0ad82fd6cf"));  // version 1
    BOOST_TEST(!is_uuid_v4("3ee8c1b8-83d3-44af-c94f-4e0ad82fd6cf"));  // variant 110x
    BOOST_TEST(!is_uuid_v4("3EE8C1B8-83D3-44AF-A94F-4E0AD82FD6CF"));  // upper case
    BOOST_TEST(!is_uuid_v4("3ee8c1b883d344afa94f4e0ad82fd6cf"));      // no dashes
}

BOOST_AUTO_TEST_CASE(hundred_thousand_nonces_are_unique_version_4_uuids) {
    constexpr std::size_t count = 100'000;
    std::unordered_set<std::string> seen;
    seen.reserve(count);
    std::size_t malformed = 0;
    for (std::size_t i = 0; i < count; ++i) {
        auto n = hotlive::make_nonce();
        if (!is_uuid_v4(n)) ++malformed;
        seen.insert(std::move(n));
    }
    BOOST_TEST(malformed == 0U);
    BOOST_TEST(seen.size() == count);
}

// Nonces come from a per-thread pool of random bytes: a forked child and another thread draw
// their own, never the bytes the parent (or this thread) will use next.
BOOST_AUTO_TEST_CASE(a_forked_child_and_another_thread_never_repeat_this_threads_next_nonce) {
    (void)hotlive::make_nonce();  // the pool holds bytes now
    std::array<int, 2> pipe_ends{};
    BOOST_TEST_REQUIRE(::pipe(pipe_ends.data()) == 0);
    const pid_t child = ::fork();
    BOOST_TEST_REQUIRE(child >= 0);
    if (child == 0) {
        const std::string n = hotlive::make_nonce();
        const bool sent = ::write(pipe_ends[1], n.data(), n.size()) == static_cast<ssize_t>(n.size());
        ::_exit(sent ? 0 : 1);
    }
    ::close(pipe_ends[1]);
    std::array<char, 36> drawn{};
    BOOST_TEST_REQUIRE(::read(pipe_ends[0], drawn.data(), drawn.size()) == static_cast<ssize_t>(drawn.size()));
    ::close(pipe_ends[0]);
    int status = 0;
    ::waitpid(child, &status, 0);
    const std::string childs(drawn.data(), drawn.size());
    std::string other_threads;
    std::thread([&] { other_threads = hotlive::make_nonce(); }).join();
    const std::string mine = hotlive::make_nonce();
    BOOST_TEST(is_uuid_v4(childs));
    BOOST_TEST(childs != mine);
    BOOST_TEST(other_threads != mine);
}

BOOST_AUTO_TEST_SUITE_END()
