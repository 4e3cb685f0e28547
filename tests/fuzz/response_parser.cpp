// Fuzz target: what the client makes of an answer. The input is one attempt's outcome:
//
//   byte 0        transport error (low 7 bits, modulo the number of kinds; 0 is none), and
//                 0x80: the request was sent
//   bytes 1-2     HTTP status, big-endian, modulo 1000
//   then 3 lines  the Date, Retry-After and x-acs-retry-after header values (empty: absent)
//   the rest      the body
//
// Headers are parsed as the client parses them; then classify() and backoff_delay() run, and
// their verdict must be consistent with what came in. Whatever body the fast path reads
// (engine/service_answer.hpp), Boost.JSON must read the same.
#include "engine/service_answer.hpp"
#include "time/http_date.hpp"

#include <hotlive/retry.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string_view>

namespace {

using namespace std::chrono_literals;
using std::chrono::milliseconds;
using std::chrono::system_clock;

// When the answer arrived: a fixed instant, so a crash reproduces. The seeds' answers are dated
// a few seconds after it (the skewed one an hour after).
constexpr system_clock::time_point local_time{std::chrono::sys_days{std::chrono::year{2026} / 11 / 25} + 18h + 20min};

constexpr int transport_kinds = 9;  // transport_error::none .. bad_response

std::string_view take_line(std::string_view& rest) {
    const auto end = rest.find('\n');
    const std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    return line;
}

// x-acs-retry-after as the client reads it: non-negative decimal milliseconds.
std::optional<milliseconds> milliseconds_value(std::string_view text) {
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value < 0) return std::nullopt;
    return milliseconds{value};
}

// The draws of the backoff's jitter: fixed, so a crash reproduces.
class counting_random final : public hotlive::random_source {
public:
    std::uint64_t next() override { return state_ += 0x9e3779b97f4a7c15ULL; }

private:
    std::uint64_t state_ = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 3) return 0;
    hotlive::attempt_outcome outcome;
    outcome.error = static_cast<hotlive::transport_error>((data[0] & 0x7f) % transport_kinds);
    outcome.request_sent = (data[0] & 0x80) != 0;
    outcome.http_status = ((data[1] << 8) | data[2]) % 1000;
    std::string_view rest{reinterpret_cast<const char*>(data) + 3, size - 3};
    if (const auto date = hotlive::detail::parse_http_date(take_line(rest))) outcome.server_date = *date;
    const std::string_view retry_after = take_line(rest);
    const std::string_view acs_retry_after = take_line(rest);
    outcome.retry_after = acs_retry_after.empty() ? hotlive::detail::parse_retry_after(retry_after, local_time)
                                                  : milliseconds_value(acs_retry_after);
    outcome.body = rest;

    if (const auto fast = hotlive::detail::read_success_body(outcome.body)) {
        boost::system::error_code ec;
        const auto value = boost::json::parse(outcome.body, ec);
        if (ec || !value.is_object() || value.get_object().size() != 1) std::abort();
        const auto* id = value.get_object().if_contains("RequestId");
        if (id == nullptr || !id->is_string() || id->get_string() != fast->request_id) std::abort();
    }

    const hotlive::classification c = hotlive::classify(outcome, local_time);
    using hotlive::verdict;
    const bool answered = outcome.error == hotlive::transport_error::none;
    if (c.what == verdict::success && (!answered || outcome.http_status < 200 || outcome.http_status > 299)) {
        std::abort();  // warm without a 2xx answer
    }
    if (c.what == verdict::success && c.request_id.empty()) std::abort();
    if ((c.what == verdict::retry_now) != c.clock_skew.has_value()) std::abort();
    if (c.what != verdict::success && c.code.empty()) std::abort();  // a failure must say what

    const hotlive::retry_policy policy;
    counting_random random;
    const bool throttled = c.what == verdict::retry_throttled;
    for (std::uint32_t retry = 1; retry <= 3; ++retry) {
        const auto delay = hotlive::backoff_delay(policy, retry, throttled, outcome.retry_after, random);
        if (delay < 0ms || delay > std::max(policy.max_delay, milliseconds{hotlive::max_retry_after})) std::abort();
    }
    return 0;
}
