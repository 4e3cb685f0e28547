#include "report/advice.hpp"

#include <array>
#include <utility>

namespace hotlive::detail {
namespace {

constexpr std::string_view throttled =
    "the account quota (10 calls/s) was exceeded; lower limits.rate (or --rate), and check that no other "
    "process calls the API with the same account";
constexpr std::string_view credentials =
    "check the credentials: `hotlive credentials --verbose` shows which AccessKey the run used";

constexpr std::array<std::pair<std::string_view, std::string_view>, 19> table{{
    // The spec's documented errors.
    {"NoSpecialConfiguration",
     "enable the prefetch switch for the domain (contact Alibaba Cloud or the console); until then, no call for "
     "it can succeed"},
    {"CodeRegionHasNoNode", "the region has no edge node; remove it from the plan or pick a neighbouring region"},
    {"InvalidParam", "a parameter is invalid: check domain, app, stream and msids (`hotlive plan PLAN` shows them)"},
    {"InternalError",
     "service-side failure after all retries; run `hotlive run --resume REPORT` (only calls that are not warm "
     "are sent again)"},
    {"ServiceUnavailable",
     "the service was unavailable after all retries; wait a minute, then run `hotlive run "
     "--resume REPORT`"},
    // Throttling: HTTP 400 with one of these codes.
    {"Throttling.User", throttled},
    {"Throttling", throttled},
    {"Throttling.Api", throttled},
    // Credentials and signatures.
    {"SignatureDoesNotMatch", credentials},
    {"InvalidAccessKeyId.NotFound", credentials},
    // hotlive's transport verdicts.
    {"connect_refused",
     "nothing accepted the connection: check the endpoint URL and the network path (proxy, firewall) to it"},
    {"timeout",
     "no answer in time: check the network to the endpoint, or raise timeouts.request_ms; then run `hotlive run "
     "--resume REPORT`"},
    {"tls_verify_failed",
     "the endpoint's TLS certificate was not trusted: check the endpoint host name and the system CA "
     "certificates; do not disable verification for production"},
    {"bad_response",
     "the answer was truncated or not the API's JSON: check for a proxy or captive portal between hotlive and "
     "the endpoint"},
    {"connection_reset",
     "the connection dropped mid-call (the call may have reached the service); run `hotlive run --resume "
     "REPORT`"},
    {"retry_budget_exhausted",
     "too many calls failed at once, so hotlive stopped retrying to spare the service; find the cause in the "
     "other codes, then run `hotlive run --resume REPORT`"},
    {"deadline",
     "the plan's schedule.deadline passed before the call could finish; move the deadline or start earlier, "
     "then resume"},
    // Why a run ended early.
    {"stopped", "interrupted (Ctrl-C or SIGTERM) before this call was warm: run `hotlive run --resume REPORT`"},
    {"journal_failed",
     "the journal could not be written (a full disk?), so this call was not sent: free space, then run `hotlive "
     "run --resume REPORT`"},
}};

}  // namespace

std::optional<std::string_view> advice_for(std::string_view code) {
    for (const auto& [name, advice] : table) {
        if (name == code) return advice;
    }
    return std::nullopt;
}

}  // namespace hotlive::detail
