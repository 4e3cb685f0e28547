// The emulator's brain, without I/O: given one parsed request, decide the answer, write it as
// HTTP bytes into the connection's buffer, log it and count it, and tell the connection how to
// deliver it (at once, late, one byte at a time, cut short). The connection performs the plan.
//
// Order of the checks, as the service's gateway runs them: path and method; scheme, API and
// version; AccessKeyId (known, then not disabled); timestamp; signature; nonce. A request that
// passes is *verified*: its call (domain/app/stream@REGION, when all four are given) gets its next
// attempt number, whether or not it is then throttled. Then the account's QPS limit, the fault
// schedule, and the API's own checks: its required parameters, RAM's authorization of the domain,
// the parameters' values, the domain's and the region's configuration.
//
// STS (AssumeRole, AssumeRoleWithOIDC: an RPC request to "/" naming one of them) and IMDS (paths
// under /latest/) are answered beside the API: they are counted in the stats' "sts" and not
// logged, and an outage (config.sts_outage) answers them 503. The credentials they issue sign API
// requests like an account's key, drawing on their owner's quota (sts_api.hpp, imds.hpp).
//
// The background load (--background-load) is drawn on the QPS limit lazily: before the limit
// judges a request, and before the statistics are read, every background arrival due by then is
// judged at its own time, in order. Exact at any clock speed, with no timer.
#pragma once

#include "emulator/accounts.hpp"
#include "emulator/background_load.hpp"
#include "emulator/fault_schedule.hpp"
#include "emulator/http_request.hpp"
#include "emulator/imds.hpp"
#include "emulator/issued_credentials.hpp"
#include "emulator/live_api.hpp"
#include "emulator/nonce_cache.hpp"
#include "emulator/request_log.hpp"
#include "emulator/statistics.hpp"
#include "emulator/sts_api.hpp"
#include "emulator/throttle.hpp"

#include <hotlive/emulator.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace hotlive::emu {

enum class delivery : unsigned char {
    normal,
    latency,   // wait `delay`, then send it all
    reset,     // send the head and half the body, then reset the connection
    truncate,  // send it all (its Content-Length promises more), then close
    trickle,   // send it one byte at a time, `delay` after each
};

struct response_plan {
    delivery how = delivery::normal;
    std::chrono::milliseconds delay{0};
    std::size_t head_size = 0;  // bytes of the buffer before the body
    bool close = false;         // close the connection once delivered
};

class service {
public:
    // Calls (distinct keys) whose attempts are counted; past this many, a new call's every
    // request counts as attempt 1 (about 40 bytes a call, so some 170 MB at the bound).
    static constexpr std::size_t max_tracked_calls = 4'194'304;

    explicit service(const emulator_config& config);

    // Thread-safe.
    response_plan handle(const http_request& request, std::string& out);
    // The answer to bytes that are not a request within the limits: 400, 413 or 431, then close.
    response_plan refuse(int status, std::string& out) const;

    // As of now: the background load's arrivals due by now are drawn first.
    [[nodiscard]] emulator_stats stats();
    void flush_log();

    [[nodiscard]] std::chrono::system_clock::time_point server_now() const;

private:
    struct call_state {
        std::uint32_t attempts = 0;
        bool succeeded = false;
    };
    struct answer {
        answer_kind outcome = answer_kind::rejected;
        api_error error = api_error::none;
        std::string_view missing;
        std::optional<fault_decision> fault;
    };

    [[nodiscard]] std::chrono::steady_clock::time_point steady_now() const;
    response_plan serve_control(const http_request& request, std::string_view date,
                                std::chrono::steady_clock::time_point steady, std::string& out);
    response_plan serve_sts(const http_request& request, const request_parameters& parameters, std::string_view action,
                            std::chrono::system_clock::time_point now, std::chrono::steady_clock::time_point steady,
                            std::string_view date, std::string& out);
    response_plan serve_imds(const http_request& request, std::chrono::system_clock::time_point now,
                             std::chrono::steady_clock::time_point steady, std::string_view date, std::string& out);
    [[nodiscard]] bool sts_unreachable(std::chrono::steady_clock::time_point steady) const;
    // Judges the background arrivals due by `now` on the QPS limit. Called with mutex_ held.
    void draw_background(std::chrono::steady_clock::time_point now);
    // Writes the answer, logs and counts it. Called with mutex_ held.
    response_plan conclude(log_record& record, const answer& a, call_state* call, bool keep_alive,
                           std::string_view date, std::string& out);

    emulator_clocks clocks_;
    std::chrono::seconds clock_offset_;
    std::chrono::steady_clock::time_point started_;
    bool allow_replay_;
    std::optional<std::uint32_t> throttle_retry_after_ms_;
    account_store accounts_;
    issued_credentials issued_;  // thread-safe on its own: verification reads it unlocked
    live_api api_;
    sts_api sts_;
    std::optional<emulator_sts_outage> sts_outage_;
    fault_schedule faults_;

    std::mutex mutex_;  // guards everything below
    nonce_cache nonces_;
    throttle throttle_;
    std::optional<background_load> background_;
    std::vector<std::size_t> background_accounts_;  // each has its own other client
    std::unordered_map<std::uint64_t, call_state> calls_;
    imds imds_;
    statistics statistics_;
    request_log log_;
};

}  // namespace hotlive::emu
