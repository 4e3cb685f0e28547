#include "time/rfc3339.hpp"

#include <string>

namespace hotlive::detail {
namespace {

// Reads exactly `digits` decimal digits at `pos`.
std::optional<int> read_number(std::string_view text, std::size_t& pos, std::size_t digits) {
    if (pos + digits > text.size()) return std::nullopt;
    int value = 0;
    for (std::size_t i = 0; i < digits; ++i) {
        const char c = text[pos + i];
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    pos += digits;
    return value;
}

bool expect(std::string_view text, std::size_t& pos, std::string_view any_of) {
    if (pos >= text.size() || any_of.find(text[pos]) == std::string_view::npos) return false;
    ++pos;
    return true;
}

}  // namespace

std::optional<std::chrono::sys_seconds> parse_rfc3339(std::string_view text) {
    using namespace std::chrono;
    std::size_t pos = 0;
    const auto year = read_number(text, pos, 4);
    if (!year || !expect(text, pos, "-")) return std::nullopt;
    const auto month = read_number(text, pos, 2);
    if (!month || !expect(text, pos, "-")) return std::nullopt;
    const auto day = read_number(text, pos, 2);
    if (!day || !expect(text, pos, "Tt ")) return std::nullopt;
    const auto hour = read_number(text, pos, 2);
    if (!hour || !expect(text, pos, ":")) return std::nullopt;
    const auto minute = read_number(text, pos, 2);
    if (!minute || !expect(text, pos, ":")) return std::nullopt;
    const auto second = read_number(text, pos, 2);
    if (!second) return std::nullopt;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        const std::size_t digits_start = pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
        if (pos == digits_start) return std::nullopt;
    }

    int offset_minutes = 0;
    if (expect(text, pos, "Zz")) {
        // UTC
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        const int sign = text[pos] == '-' ? -1 : 1;
        ++pos;
        const auto offset_hours = read_number(text, pos, 2);
        if (!offset_hours || !expect(text, pos, ":")) return std::nullopt;
        const auto offset_mins = read_number(text, pos, 2);
        if (!offset_mins || *offset_hours > 23 || *offset_mins > 59) return std::nullopt;
        offset_minutes = sign * (*offset_hours * 60 + *offset_mins);
    } else {
        return std::nullopt;
    }
    if (pos != text.size()) return std::nullopt;

    const year_month_day date{std::chrono::year{*year}, std::chrono::month{static_cast<unsigned>(*month)},
                              std::chrono::day{static_cast<unsigned>(*day)}};
    // 60 seconds is a leap second; sys_seconds cannot hold it, so it is refused like any typo.
    if (!date.ok() || *hour > 23 || *minute > 59 || *second > 59) return std::nullopt;
    return sys_days{date} + hours{*hour} + minutes{*minute} + seconds{*second} - minutes{offset_minutes};
}

std::string rfc3339_problem(std::string_view text) {
    // The shape "dddd-dd-ddTdd:dd:dd", digits where digits go.
    constexpr std::string_view shape = "0000-00-00T00:00:00";
    bool shaped = text.size() >= shape.size();
    for (std::size_t i = 0; shaped && i < shape.size(); ++i) {
        const char c = text[i];
        shaped = shape[i] == '0' ? (c >= '0' && c <= '9')
                                 : (shape[i] == 'T' ? (c == 'T' || c == 't' || c == ' ') : c == shape[i]);
    }
    if (!shaped) return "must be a date and time with its offset, such as 2026-12-31T19:30:00+08:00";
    std::size_t pos = shape.size();
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    }
    if (pos == text.size()) return "has no offset; add Z for UTC or one such as +08:00";
    // The date and time alone are fine, so the offset is what is wrong.
    if (parse_rfc3339(std::string(text.substr(0, shape.size())) + "Z")) {
        return "has an offset that is not Z or ±hh:mm (such as +08:00)";
    }
    return "names a day or time that does not exist";
}

std::string format_rfc3339_utc(std::chrono::sys_seconds t) {
    using namespace std::chrono;
    const auto day_point = floor<days>(t);
    const year_month_day date{day_point};
    const hh_mm_ss time{t - day_point};
    // Hand-written rather than snprintf: every attempt signs one (x-acs-date, Timestamp).
    const auto two = [](char* at, long long value) {
        at[0] = static_cast<char>('0' + value / 10);
        at[1] = static_cast<char>('0' + value % 10);
    };
    std::string out = "0000-00-00T00:00:00Z";
    const int year = static_cast<int>(date.year());
    if (year >= 0 && year <= 9999) {
        two(out.data(), year / 100);
        two(out.data() + 2, year % 100);
    } else {
        out.replace(0, 4, std::to_string(year));  // outside what a clock gives: as it is
    }
    const std::size_t at = out.size() - 16;  // "-MM-DDTHH:MM:SSZ"
    two(out.data() + at + 1, static_cast<unsigned>(date.month()));
    two(out.data() + at + 4, static_cast<unsigned>(date.day()));
    two(out.data() + at + 7, time.hours().count());
    two(out.data() + at + 10, time.minutes().count());
    two(out.data() + at + 13, time.seconds().count());
    return out;
}

}  // namespace hotlive::detail
