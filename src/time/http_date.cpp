#include "time/http_date.hpp"

#include <array>
#include <charconv>
#include <cstdio>

namespace hotlive::detail {
namespace {

constexpr std::array<std::string_view, 7> weekdays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::optional<int> number(std::string_view text) {
    int value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
    return value;
}

}  // namespace

std::optional<std::chrono::sys_seconds> parse_http_date(std::string_view text) {
    using namespace std::chrono;
    // "Sun, 06 Nov 1994 08:49:37 GMT": fixed positions.
    if (text.size() != 29 || text.substr(3, 2) != ", " || text[7] != ' ' || text[11] != ' ' || text[16] != ' ' ||
        text[19] != ':' || text[22] != ':' || text.substr(25) != " GMT") {
        return std::nullopt;
    }
    unsigned month_index = 0;
    while (month_index < months.size() && months[month_index] != text.substr(8, 3)) ++month_index;
    const auto d = number(text.substr(5, 2));
    const auto y = number(text.substr(12, 4));
    const auto h = number(text.substr(17, 2));
    const auto mi = number(text.substr(20, 2));
    const auto s = number(text.substr(23, 2));
    if (month_index == months.size() || !d || !y || !h || !mi || !s || *h > 23 || *mi > 59 || *s > 60) {
        return std::nullopt;
    }
    const year_month_day date{year{*y}, month{month_index + 1}, day{static_cast<unsigned>(*d)}};
    if (!date.ok()) return std::nullopt;
    const sys_seconds t = sys_days{date} + hours{*h} + minutes{*mi} + seconds{*s};
    // Callers keep it as a system_clock::time_point (nanoseconds: 1678 to 2261); converting a
    // date outside that would overflow, and no server's clock reads it.
    if (t < ceil<seconds>(system_clock::time_point::min()) || t > floor<seconds>(system_clock::time_point::max())) {
        return std::nullopt;
    }
    return t;
}

std::string format_http_date(std::chrono::sys_seconds t) {
    using namespace std::chrono;
    const auto day_point = floor<days>(t);
    const year_month_day date{day_point};
    const hh_mm_ss time{t - day_point};
    const weekday wd{day_point};
    char buffer[40];
    (void)std::snprintf(buffer, sizeof buffer, "%s, %02u %s %04d %02d:%02d:%02d GMT", weekdays[wd.c_encoding()].data(),
                        static_cast<unsigned>(date.day()), months[static_cast<unsigned>(date.month()) - 1].data(),
                        static_cast<int>(date.year()), static_cast<int>(time.hours().count()),
                        static_cast<int>(time.minutes().count()), static_cast<int>(time.seconds().count()));
    return buffer;
}

std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view text,
                                                           std::chrono::system_clock::time_point now) {
    using namespace std::chrono;
    if (const auto seconds_value = number(text)) {
        if (*seconds_value < 0) return std::nullopt;
        return duration_cast<milliseconds>(seconds{*seconds_value});
    }
    if (const auto date = parse_http_date(text)) {
        // In milliseconds: the nanosecond difference of two far-apart dates overflows.
        const milliseconds wait = *date - time_point_cast<milliseconds>(now);
        return wait.count() < 0 ? milliseconds{0} : wait;
    }
    return std::nullopt;
}

}  // namespace hotlive::detail
