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
constexpr std::string_view security_token =
    "the STS security token was refused (expired, malformed, or not issued with this AccessKeyId): get fresh STS "
    "credentials (AccessKeyId, AccessKeySecret and token together), then run `hotlive run --resume REPORT`; "
    "`hotlive credentials --verbose` shows which ones the run used";
constexpr std::string_view permission =
    "the AccessKey's RAM user or role may not prefetch this domain: grant it `live:HotLiveRtcStream` on the domain "
    "in a RAM policy (or use an AccessKey that has it), then run `hotlive run --resume REPORT`";

constexpr std::array<std::pair<std::string_view, std::string_view>, 30> table{{
    // The spec's documented errors.
    {"NoSpecialConfiguration",
     "enable the prefetch switch for the domain (contact Alibaba Cloud or the console); until then, no call for "
     "it can succeed; once it is on, run `hotlive run --resume REPORT`"},
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
    // Credentials, signatures and permissions: each condemns every call of the account (or, for a
    // permission, of the domain).
    {"SignatureDoesNotMatch",
     "the signature did not match: check the credentials (an AccessKeySecret that is not the AccessKeyId's, or a "
     "proxy that changed the request); `hotlive credentials --verbose` shows which AccessKey the run used"},
    {"InvalidAccessKeyId.NotFound", credentials},
    {"InvalidAccessKeyId.Inactive",
     "the AccessKey is disabled: enable it in the RAM console or use another, then run `hotlive run --resume "
     "REPORT`; `hotlive credentials --verbose` shows which AccessKey the run used"},
    {"InvalidSecurityToken.Expired", security_token},
    {"InvalidSecurityToken.Malformed", security_token},
    {"InvalidSecurityToken.MismatchWithAccessKey", security_token},
    {"Forbidden.RAM", permission},
    {"NoPermission", permission},
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
    {"proxy_connect_failed",
     "the proxy did not accept the connection: check that it runs and that HTTPS_PROXY (or --proxy, or the "
     "plan's proxy) names it; `hotlive run --verbose` shows which proxy the run used; then run `hotlive run "
     "--resume REPORT`"},
    {"proxy_refused",
     "the proxy could not reach the endpoint: check the proxy's own network and the endpoint URL, then run "
     "`hotlive run --resume REPORT`"},
    {"proxy_forbidden",
     "the proxy's policy forbids connections to the endpoint: ask its administrators to allow CONNECT to the "
     "endpoint's host on port 443, or list the host in NO_PROXY if it is reachable directly"},
    {"proxy_auth_failed",
     "the proxy refused hotlive's proxy credentials: check the user and password in HTTPS_PROXY (or --proxy), "
     "percent-encoding any @ : / in them, then run `hotlive run --resume REPORT`"},
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
    {"credentials_refused",
     "the service refused the run's credentials while this call waited to retry, so the run stopped: check them "
     "(`hotlive credentials --verbose`), then run `hotlive run --resume REPORT`"},
}};

}  // namespace

std::optional<std::string_view> advice_for(std::string_view code) {
    for (const auto& [name, advice] : table) {
        if (name == code) return advice;
    }
    // The family has more members than the table names (InvalidSecurityToken.Expired, ...), one remedy.
    if (code.starts_with("InvalidSecurityToken.")) return security_token;
    return std::nullopt;
}

}  // namespace hotlive::detail
