#include "time/rfc3339.hpp"

#include <boost/test/unit_test.hpp>

using namespace hotlive::detail;
using namespace std::chrono;

namespace {
sys_seconds utc(int y, unsigned mo, unsigned d, int h, int mi, int s) {
    return sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi} + seconds{s};
}
}  // namespace

BOOST_AUTO_TEST_SUITE(rfc3339)

BOOST_AUTO_TEST_CASE(offsets_are_applied_to_reach_utc) {
    BOOST_TEST((parse_rfc3339("2026-12-31T19:30:00+08:00") == utc(2026, 12, 31, 11, 30, 0)));
    BOOST_TEST((parse_rfc3339("2026-12-31T19:30:00Z") == utc(2026, 12, 31, 19, 30, 0)));
    BOOST_TEST((parse_rfc3339("2026-12-31T19:30:00-05:30") == utc(2027, 1, 1, 1, 0, 0)));
    BOOST_TEST((parse_rfc3339("2026-12-31t19:30:00z") == utc(2026, 12, 31, 19, 30, 0)));
}

BOOST_AUTO_TEST_CASE(fractional_seconds_are_accepted_and_dropped) {
    BOOST_TEST((parse_rfc3339("2026-01-02T03:04:05.999Z") == utc(2026, 1, 2, 3, 4, 5)));
    BOOST_TEST(!parse_rfc3339("2026-01-02T03:04:05.Z"));
}

BOOST_AUTO_TEST_CASE(a_time_without_an_offset_is_refused) {
    BOOST_TEST(!parse_rfc3339("2026-12-31T19:30:00"));
    BOOST_TEST(!parse_rfc3339("2026-12-31"));
}

BOOST_AUTO_TEST_CASE(impossible_dates_and_times_are_refused) {
    BOOST_TEST(!parse_rfc3339("2026-02-30T00:00:00Z"));
    BOOST_TEST(!parse_rfc3339("2026-13-01T00:00:00Z"));
    BOOST_TEST(!parse_rfc3339("2026-12-31T24:00:00Z"));
    BOOST_TEST(!parse_rfc3339("2026-12-31T23:60:00Z"));
    BOOST_TEST(!parse_rfc3339("2026-12-31T23:59:60Z"));
    BOOST_TEST(!parse_rfc3339("2026-12-31T23:59:59+24:00"));
    BOOST_TEST(!parse_rfc3339("2026-12-31T23:59:59Z trailing"));
    BOOST_TEST(!parse_rfc3339("26-12-31T23:59:59Z"));
    BOOST_TEST(!parse_rfc3339(""));
    BOOST_TEST((parse_rfc3339("2028-02-29T00:00:00Z") == utc(2028, 2, 29, 0, 0, 0)));
}

BOOST_AUTO_TEST_CASE(format_writes_utc_with_z) {
    BOOST_TEST(format_rfc3339_utc(utc(2026, 12, 31, 11, 30, 0)) == "2026-12-31T11:30:00Z");
    BOOST_TEST(format_rfc3339_utc(utc(1999, 1, 2, 3, 4, 5)) == "1999-01-02T03:04:05Z");
    BOOST_TEST(format_rfc3339_utc(utc(42, 7, 8, 23, 59, 59)) == "0042-07-08T23:59:59Z");
    BOOST_TEST(format_rfc3339_utc(utc(10000, 1, 1, 0, 0, 0)) == "10000-01-01T00:00:00Z");
}

BOOST_AUTO_TEST_SUITE_END()
