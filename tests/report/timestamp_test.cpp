// Report timestamps: RFC 3339, UTC, milliseconds.
#include "report/timestamp.hpp"
#include "report/sample_report.hpp"

#include <boost/test/unit_test.hpp>

using namespace hotlive;
using hotlive::test::utc_ms;

namespace {
std::string formatted(wall_time t) {
    std::string out;
    detail::append_timestamp(out, t);
    return out;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(report_timestamp)

BOOST_AUTO_TEST_CASE(timestamps_are_utc_with_three_fraction_digits) {
    BOOST_TEST(formatted(utc_ms(2026, 12, 31, 11, 30, 0, 123)) == "2026-12-31T11:30:00.123Z");
    BOOST_TEST(formatted(utc_ms(2027, 1, 2, 3, 4, 5, 0)) == "2027-01-02T03:04:05.000Z");
    BOOST_TEST(formatted(utc_ms(2028, 2, 29, 23, 59, 59, 999)) == "2028-02-29T23:59:59.999Z");
}

BOOST_AUTO_TEST_CASE(sub_millisecond_time_is_truncated_not_rounded) {
    const auto t = utc_ms(2026, 12, 31, 23, 59, 59, 999) + std::chrono::microseconds{999};
    BOOST_TEST(formatted(t) == "2026-12-31T23:59:59.999Z");
}

BOOST_AUTO_TEST_CASE(times_before_1970_floor_to_the_earlier_millisecond) {
    BOOST_TEST(formatted(wall_time{} - std::chrono::microseconds{1}) == "1969-12-31T23:59:59.999Z");
}

BOOST_AUTO_TEST_CASE(json_timestamps_are_quoted_or_null) {
    std::string out;
    detail::append_json_timestamp(out, utc_ms(2026, 1, 1, 0, 0, 0, 5));
    out.push_back(',');
    detail::append_json_timestamp(out, std::nullopt);
    BOOST_TEST(out == "\"2026-01-01T00:00:00.005Z\",null");
}

BOOST_AUTO_TEST_CASE(parse_keeps_the_fraction_and_applies_the_offset) {
    BOOST_TEST((detail::parse_timestamp("2026-12-31T11:30:00.123Z") == utc_ms(2026, 12, 31, 11, 30, 0, 123)));
    BOOST_TEST((detail::parse_timestamp("2026-12-31T19:30:00.5+08:00") == utc_ms(2026, 12, 31, 11, 30, 0, 500)));
    BOOST_TEST((detail::parse_timestamp("2026-12-31T11:30:00Z") == utc_ms(2026, 12, 31, 11, 30, 0)));
    const auto precise = detail::parse_timestamp("2026-12-31T11:30:00.123456789Z");
    BOOST_TEST_REQUIRE(precise.has_value());
    BOOST_TEST((*precise - utc_ms(2026, 12, 31, 11, 30, 0, 123) == std::chrono::nanoseconds{456789}));
}

BOOST_AUTO_TEST_CASE(format_then_parse_gives_the_same_millisecond) {
    for (const auto t : {utc_ms(2026, 12, 31, 11, 30, 0, 1), utc_ms(1999, 12, 31, 23, 59, 59, 999),
                         utc_ms(2038, 1, 19, 3, 14, 8, 0)}) {
        BOOST_TEST((detail::parse_timestamp(formatted(t)) == t));
    }
}

BOOST_AUTO_TEST_CASE(timestamps_that_are_not_rfc_3339_are_refused) {
    BOOST_TEST(!detail::parse_timestamp("2026-12-31T11:30:00"));
    BOOST_TEST(!detail::parse_timestamp("2026-12-31T11:30:00.Z"));
    BOOST_TEST(!detail::parse_timestamp("2026-12-31"));
    BOOST_TEST(!detail::parse_timestamp("yesterday"));
    BOOST_TEST(!detail::parse_timestamp(""));
}

BOOST_AUTO_TEST_SUITE_END()

// Found by fuzzing the journal reader: a year the clock cannot hold is refused, not overflowed.
BOOST_AUTO_TEST_CASE(a_year_beyond_the_clocks_range_is_refused) {
    BOOST_TEST(!hotlive::detail::parse_timestamp("2426-11-25T18:20:21Z").has_value());
    BOOST_TEST(!hotlive::detail::parse_timestamp("1600-01-01T00:00:00Z").has_value());
    BOOST_TEST(hotlive::detail::parse_timestamp("2261-01-01T00:00:00.5Z").has_value());
}
