// Call status names (the report's "status" values) and the totals that sum them.
#include "hotlive/call_result.hpp"
#include "hotlive/report_contents.hpp"
#include "report/status_word.hpp"

namespace hotlive {

std::string_view to_string(call_status status) {
    switch (status) {
        case call_status::succeeded:
            return "succeeded";
        case call_status::failed:
            return "failed";
        case call_status::not_started:
            return "not_started";
        case call_status::cancelled:
            return "cancelled";
        case call_status::skipped:
            return "skipped";
    }
    return "unknown";
}

std::optional<call_status> parse_call_status(std::string_view text) {
    for (const auto status : {call_status::succeeded, call_status::failed, call_status::not_started,
                              call_status::cancelled, call_status::skipped}) {
        if (text == to_string(status)) return status;
    }
    return std::nullopt;
}

void report_totals::add(const call_result& call) {
    ++calls;
    switch (call.status) {
        case call_status::succeeded:
            ++succeeded;
            break;
        case call_status::failed:
            ++failed;
            break;
        case call_status::not_started:
            ++not_started;
            break;
        case call_status::cancelled:
            ++cancelled;
            break;
        case call_status::skipped:
            ++skipped;
            break;
    }
    attempts += call.attempts;
    run_attempts += call.run_attempts;
    throttled_attempts += call.throttled_attempts;
}

report_totals report::totals() const {
    report_totals t;
    for (const auto& c : calls) t.add(c);
    return t;
}

namespace detail {

std::string_view status_word(call_status status) {
    switch (status) {
        case call_status::succeeded:
            return "warm";
        case call_status::failed:
            return "failed";
        case call_status::not_started:
            return "not started";
        case call_status::cancelled:
            return "cancelled";
        case call_status::skipped:
            return "skipped";
    }
    return "";
}

}  // namespace detail

}  // namespace hotlive
