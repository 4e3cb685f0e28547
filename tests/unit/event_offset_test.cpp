// Wave times relative to the event: what reads, what is refused, and the round trip.
#include "time/event_offset.hpp"

#include <boost/test/unit_test.hpp>

using hotlive::detail::format_event_offset;
using hotlive::detail::parse_event_offset;
using std::chrono::seconds;

BOOST_AUTO_TEST_CASE(offsets_in_hours_minutes_and_seconds_read_as_seconds) {
    BOOST_TEST(parse_event_offset("T").value().count() == 0);
    BOOST_TEST(parse_event_offset("T-30m").value().count() == -1800);
    BOOST_TEST(parse_event_offset("T-1h30m").value().count() == -5400);
    BOOST_TEST(parse_event_offset("T-45s").value().count() == -45);
    BOOST_TEST(parse_event_offset("T+5m").value().count() == 300);
    BOOST_TEST(parse_event_offset("T-2h0m15s").value().count() == -7215);
    BOOST_TEST(parse_event_offset("T-90m").value().count() == -5400);
}

BOOST_AUTO_TEST_CASE(clock_times_missing_units_and_units_out_of_order_are_refused) {
    for (const char* text : {"", "30m", "T-", "T-30", "T30m", "T-m", "T-30m10h", "T-1h1h", "T--30m", "T-30x", "19:30",
                             "T-1000000s", "t-30m", "T-30m ", "T-1d"}) {
        BOOST_TEST(!parse_event_offset(text).has_value(), text);
    }
}

BOOST_AUTO_TEST_CASE(formatting_gives_the_shortest_form_that_reads_back) {
    for (const auto s : {0, -1800, -5400, -45, 300, -7215, 3600, -59, 86400}) {
        const auto text = format_event_offset(seconds{s});
        BOOST_TEST(parse_event_offset(text).value().count() == s, text);
    }
    BOOST_TEST(format_event_offset(seconds{-5400}) == "T-1h30m");
    BOOST_TEST(format_event_offset(seconds{0}) == "T");
    BOOST_TEST(format_event_offset(seconds{300}) == "T+5m");
}
