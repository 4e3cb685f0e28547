#include "report/rate_text.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <string_view>

namespace hotlive::detail {

void append_rate(std::string& out, double calls_per_second) {
    if (!std::isfinite(calls_per_second) || calls_per_second < 0) calls_per_second = 0;
    std::array<char, 400> digits{};  // the largest double has 309 digits before the point
    const auto written =
        std::to_chars(digits.data(), digits.data() + digits.size(), calls_per_second, std::chars_format::fixed, 2);
    std::string_view text(digits.data(), static_cast<std::size_t>(written.ptr - digits.data()));
    while (text.back() == '0') text.remove_suffix(1);
    if (text.back() == '.') text.remove_suffix(1);
    out.append(text);
}

}  // namespace hotlive::detail
