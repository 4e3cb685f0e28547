#include "report/timestamp.hpp"

#include "time/rfc3339.hpp"

namespace hotlive::detail {
namespace {

void append_digits(std::string& out, long long value, int width) {
    char buffer[8];
    for (int i = width - 1; i >= 0; --i) {
        buffer[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
    out.append(buffer, static_cast<std::size_t>(width));
}

}  // namespace

void append_timestamp(std::string& out, wall_time t) {
    using namespace std::chrono;
    // Hand-written rather than snprintf: a report of a million calls holds two million of these.
    const auto ms = floor<milliseconds>(t);
    const auto day_point = floor<days>(ms);
    const year_month_day date{day_point};
    const hh_mm_ss time{ms - day_point};
    append_digits(out, static_cast<int>(date.year()), 4);
    out.push_back('-');
    append_digits(out, static_cast<unsigned>(date.month()), 2);
    out.push_back('-');
    append_digits(out, static_cast<unsigned>(date.day()), 2);
    out.push_back('T');
    append_digits(out, time.hours().count(), 2);
    out.push_back(':');
    append_digits(out, time.minutes().count(), 2);
    out.push_back(':');
    append_digits(out, time.seconds().count(), 2);
    out.push_back('.');
    append_digits(out, time.subseconds().count(), 3);
    out.push_back('Z');
}

void append_json_timestamp(std::string& out, const std::optional<wall_time>& t) {
    if (!t) {
        out.append("null");
        return;
    }
    out.push_back('"');
    append_timestamp(out, *t);
    out.push_back('"');
}

std::optional<wall_time> parse_timestamp(std::string_view text) {
    using namespace std::chrono;
    const auto seconds_part = parse_rfc3339(text);  // validates the whole text, drops the fraction
    if (!seconds_part) return std::nullopt;
    // Years the clock cannot hold (before 1678 or after 2261 with nanoseconds) are damage, not times.
    constexpr auto earliest = ceil<seconds>(sys_time<nanoseconds>::min()) + seconds{1};
    constexpr auto latest = floor<seconds>(sys_time<nanoseconds>::max()) - seconds{1};
    if (*seconds_part < earliest || *seconds_part > latest) return std::nullopt;

    nanoseconds fraction{0};
    constexpr std::size_t fraction_start = std::string_view("0000-00-00T00:00:00.").size();
    if (text.size() > fraction_start && text[fraction_start - 1] == '.') {
        long long scale = 100'000'000;
        for (std::size_t i = fraction_start; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
            fraction += nanoseconds{(text[i] - '0') * scale};
            scale /= 10;
        }
    }
    return time_point_cast<wall_time::duration>(sys_time<nanoseconds>{*seconds_part} + fraction);
}

}  // namespace hotlive::detail
