#include "time/http_date.hpp"

#include <boost/test/unit_test.hpp>

using namespace hotlive::detail;
using namespace std::chrono;

BOOST_AUTO_TEST_SUITE(http_date)

BOOST_AUTO_TEST_CASE(imf_fixdate_round_trips) {
    // RFC 9110's own example.
    const auto t = parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT");
    BOOST_TEST_REQUIRE(t.has_value());
    BOOST_TEST((*t == sys_days{1994y / 11 / 6} + 8h + 49min + 37s));
    BOOST_TEST(format_http_date(*t) == "Sun, 06 Nov 1994 08:49:37 GMT");
    BOOST_TEST(format_http_date(sys_days{2026y / 12 / 31} + 23h + 59min + 59s) == "Thu, 31 Dec 2026 23:59:59 GMT");
}

BOOST_AUTO_TEST_CASE(other_forms_and_garbage_are_refused) {
    for (const char* text :
         {"", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994", "Sun, 06 Nov 1994 08:49:37 UTC",
          "Sun, 31 Feb 1994 08:49:37 GMT", "Sun, 06 Xyz 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:49:37 GMT"}) {
        BOOST_TEST_CONTEXT(text) { BOOST_TEST(!parse_http_date(text)); }
    }
}

BOOST_AUTO_TEST_CASE(retry_after_takes_seconds_or_a_date_and_ignores_the_rest) {
    const auto now = system_clock::time_point{sys_days{2026y / 1 / 1}};
    BOOST_TEST((parse_retry_after("3", now) == milliseconds{3000}));
    BOOST_TEST((parse_retry_after("0", now) == milliseconds{0}));
    BOOST_TEST((parse_retry_after("Thu, 01 Jan 2026 00:00:05 GMT", now) == milliseconds{5000}));
    BOOST_TEST((parse_retry_after("Wed, 31 Dec 2025 23:00:00 GMT", now) == milliseconds{0}));  // in the past
    BOOST_TEST(!parse_retry_after("-1", now));
    BOOST_TEST(!parse_retry_after("soon", now));
    BOOST_TEST(!parse_retry_after("1.5", now));
    BOOST_TEST(!parse_retry_after("", now));
}

BOOST_AUTO_TEST_SUITE_END()
