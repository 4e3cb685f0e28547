// Reports for the report suites: small, with every status and both null and set optionals.
#pragma once

#include "hotlive/report_contents.hpp"

#include <chrono>
#include <optional>
#include <string>

namespace hotlive::test {

inline wall_time utc_ms(int y, unsigned mo, unsigned d, int h, int mi, int s, int ms = 0) {
    using namespace std::chrono;
    return sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi} + seconds{s} + milliseconds{ms};
}

inline call_result make_call(std::string stream, std::string region, call_status status) {
    call_result c;
    c.domain = "rts.example.com";
    c.app = "live";
    c.stream = std::move(stream);
    c.region = std::move(region);
    c.key = c.domain + "/" + c.app + "/" + c.stream + "@" + c.region;
    c.status = status;
    return c;
}

inline call_result succeeded_call(std::string stream, std::string region) {
    auto c = make_call(std::move(stream), std::move(region), call_status::succeeded);
    c.attempts = 1;
    c.run_attempts = 1;
    c.http_status = 200;
    c.request_id = "5C2E1F2A-0001";
    c.first_attempt_at = utc_ms(2026, 12, 31, 11, 30, 0, 123);
    c.finished_at = utc_ms(2026, 12, 31, 11, 30, 0, 210);
    c.latency_ms = 87;
    return c;
}

inline call_result failed_call(std::string stream, std::string region, std::string code, std::string message) {
    auto c = make_call(std::move(stream), std::move(region), call_status::failed);
    c.attempts = 3;
    c.run_attempts = 3;
    c.ambiguous_attempts = 1;
    c.http_status = 500;
    c.code = std::move(code);
    c.message = std::move(message);
    c.request_id = "5C2E1F2A-0002";
    c.first_attempt_at = utc_ms(2026, 12, 31, 11, 30, 1, 0);
    c.finished_at = utc_ms(2026, 12, 31, 11, 30, 2, 500);
    c.latency_ms = 1200;
    return c;
}

// A call never sent because the answer to `because_key` (RequestId `because_request_id`) condemned
// its scope: it carries that answer's code and message.
inline call_result skipped_call(std::string stream, std::string region, std::string code, std::string message,
                                std::string because_key, std::optional<std::string> because_request_id) {
    auto c = make_call(std::move(stream), std::move(region), call_status::skipped);
    c.code = std::move(code);
    c.message = std::move(message);
    c.finished_at = utc_ms(2026, 12, 31, 11, 30, 3, 0);
    c.skipped_because_key = std::move(because_key);
    c.skipped_because_request_id = std::move(because_request_id);
    return c;
}

// Four calls: succeeded, failed (InternalError), not started, cancelled (deadline).
inline report sample_report() {
    report r;
    r.plan = "new-year-gala-2027";
    r.source = "plans/new-year-gala.yaml";
    r.endpoint = "https://live.aliyuncs.com";
    r.started_at = utc_ms(2026, 12, 31, 11, 30, 0, 0);
    r.finished_at = utc_ms(2026, 12, 31, 11, 32, 3, 456);
    r.last_run_started_at = r.started_at;
    r.account = "sha256:00112233aabbccdd";
    r.plan_digest = "sha256:0123456789abcdef0123456789abcdef";
    r.calls_digest = "sha256:fedcba9876543210fedcba9876543210";
    r.clock_offset_ms = -1500;
    r.calls.push_back(succeeded_call("gala-main", "SHH"));
    r.calls.push_back(failed_call("gala-main", "ZHJ", "InternalError",
                                  "The request processing has failed due to backend service exception."));
    r.calls.push_back(make_call("gala-4k", "SHH", call_status::not_started));
    auto cancelled = make_call("gala-4k", "ZHJ", call_status::cancelled);
    cancelled.code = "deadline";
    cancelled.message = "schedule.deadline passed";
    r.calls.push_back(cancelled);
    return r;
}

// The sample report of a run whose account's quota was shared: the service throttled 21 attempts
// (17 of the warm call's, 2 of the failed call's, 2 of the cancelled call's) and the pace, 9 calls/s
// at most, was cut 12 times.
inline report paced_report() {
    auto r = sample_report();
    r.pace = pace_figures{9, true, 12, 4.1, 5.9};
    r.calls[0].attempts = r.calls[0].run_attempts = 18;
    r.calls[0].throttled_attempts = 17;
    r.calls[1].attempts = r.calls[1].run_attempts = 5;
    r.calls[1].throttled_attempts = 2;
    r.calls[3].attempts = r.calls[3].run_attempts = 2;
    r.calls[3].throttled_attempts = 2;
    return r;
}

}  // namespace hotlive::test
