#include "report/pace_sentence.hpp"

#include "report/rate_text.hpp"
#include "text/json_text.hpp"

namespace hotlive::detail {

std::string pace_sentence(const std::optional<pace_figures>& pace, std::size_t throttled_attempts) {
    std::string text;
    if (!pace) return text;
    const bool cut = pace->adaptive && pace->reductions > 0;
    if (!cut && (pace->adaptive || throttled_attempts == 0)) return text;

    // Throttling under a pace below the account's quota means another caller spends it too.
    text = "The account's quota was shared: ";
    if (throttled_attempts > 0) {
        text.append("the service throttled ");
        append_unsigned(text, throttled_attempts);
        text.append(throttled_attempts == 1 ? " attempt" : " attempts");
        text.append(cut ? ", so " : ", and ");
    }
    if (!cut) {
        // The operator's lever: limits.adaptive lets the pace give way.
        if (pace->ceiling > 0) {
            text.append("hotlive kept its fixed pace of ");
            append_rate(text, pace->ceiling);
            text.append(" calls/s (limits.adaptive: false).");
        } else {
            text.append("hotlive sent without a rate limit (limits.adaptive: false).");
        }
        return text;
    }
    text.append("hotlive cut its pace ");
    if (pace->reductions == 1) {
        text.append("once");
    } else {
        append_unsigned(text, pace->reductions);
        text.append(" times");
    }
    if (pace->settled) {
        text.append(" and settled at ");
        append_rate(text, *pace->settled);
        text.append(" calls/s");
        if (pace->ceiling > 0) {
            text.append(" of the ");
            append_rate(text, pace->ceiling);
            text.append(" allowed");
        }
    } else if (pace->ceiling > 0) {
        text.append(" from the ");
        append_rate(text, pace->ceiling);
        text.append(" calls/s allowed");
    }
    if (pace->lowest) {
        text.append(" (lowest ");
        append_rate(text, *pace->lowest);
        text.append(" calls/s)");
    }
    text.push_back('.');
    return text;
}

}  // namespace hotlive::detail
