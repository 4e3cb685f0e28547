// One `hotlive run`, as a library: a plan and the run's options in, the journal and the report out.
//
// prepare() does everything that can refuse the run before anything is sent — the event-start
// shift, the endpoint, the report's paths and the journal's lock, the credentials, the TLS set-up,
// the shard's calls and its share of the rate, the resume of an earlier report, the calls in wave
// order — and says why when it refuses. run() then warms every call, journals each attempt and
// result, and writes the report. The command line parses its options and shows what happens;
// tests drive the same session.
#pragma once

#include <hotlive/credentials.hpp>
#include <hotlive/engine.hpp>
#include <hotlive/plan.hpp>
#include <hotlive/proxy.hpp>
#include <hotlive/refusal_scope.hpp>
#include <hotlive/report_contents.hpp>
#include <hotlive/report_format.hpp>
#include <hotlive/run_observer.hpp>
#include <hotlive/run_state.hpp>
#include <hotlive/signer.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace hotlive {

// The live view (README "The live view"): an HTTP server on the run's thread, read-only.
struct live_view_options {
    std::string host = "127.0.0.1";  // loopback unless another address is given
    std::uint16_t port = 0;          // 0: any free port
    // How long it keeps serving the final state after the last call ended (Ctrl-C ends it).
    std::chrono::milliseconds linger{0};
};

struct session_options {
    std::string endpoint;  // empty: the plan's
    signature_version signature = signature_version::v3;
    std::string ca_file;           // empty: the system's CA store
    hotlive::egress egress;        // direct or through a proxy, to the endpoint, STS and credential URIs
    std::filesystem::path report;  // the report; the journal is REPORT.journal beside it
    report_format format = report_format::json;
    std::string resume;                 // an earlier run's report to go on from, or empty
    bool resume_other_plan = false;     // accept a report of a plan with another name
    shard_share shard;                  // this run's share of the plan's calls
    std::optional<std::uint32_t> rate;  // instead of the plan's (and of a shard's part of it)
    std::optional<std::uint32_t> concurrency;
    std::optional<bool> adaptive;  // instead of the plan's limits.adaptive (--no-adaptive: false)
    bool ignore_schedule = false;  // start at once: no waves, not_before or deadline
    // Send every call even after a refusal proved its scope cannot warm (as make -k): no
    // condemned scopes, no skipped calls, no probing order.
    bool keep_going = false;
    std::optional<std::chrono::sys_seconds> event_start;  // moves the plan's whole schedule
    // Where the credentials come from, asked once by prepare() after the paths are checked.
    std::function<credential_resolution()> credentials;
    // Polled while an earlier run is read: true stops prepare() there, with nothing sent.
    std::function<bool()> interrupted;
    std::optional<std::uint64_t> random_seed;  // backoff jitter; by default from the CSPRNG
    std::optional<live_view_options> live_view;
    // The run's metrics (as the live view's /metrics), written atomically every 10 s and at the
    // end, for node_exporter's textfile collector; empty: none.
    std::filesystem::path metrics_file;
    std::string version;  // hotlive's, for the live view and the metrics
};

// Why a session does not run; nothing was sent.
struct session_refusal {
    std::string message;
    int exit_code = 0;         // exit_codes.hpp: invalid_input, cannot_start, io_error, interrupted
    bool interrupted = false;  // `interrupted` said so while an earlier run was read
};

struct session_outcome {
    // success, some_failed, cannot_start (the credentials were refused), interrupted (stop()) or io_error
    int exit_code = 0;
    std::vector<std::string> errors;    // what went wrong, in order, each a sentence for the operator
    std::vector<std::string> warnings;  // what went wrong beside the calls (the metrics file)
    bool report_written = false;
    std::size_t connections_opened = 0;
    std::vector<condemned_scope> condemned;  // the scopes refused, the account's first
    pace_figures pace;                       // how the run paced itself under the quota
};

class run_session {
public:
    run_session(plan p, session_options options);
    ~run_session();
    run_session(const run_session&) = delete;
    run_session& operator=(const run_session&) = delete;

    // Everything before the first call (see above). Warnings go to `warn` as they are found.
    [[nodiscard]] std::optional<session_refusal> prepare(const std::function<void(const std::string&)>& warn);

    // After prepare(): the plan as run (its schedule moved), the run's facts, the calls it sends
    // (in wave order), how many of them each wave has (empty without waves or with
    // ignore_schedule), the engine's settings (rate, waves, deadline) and the run's counts.
    [[nodiscard]] const plan& the_plan() const;
    [[nodiscard]] const report_info& info() const;
    [[nodiscard]] std::size_t calls_to_send() const;
    [[nodiscard]] std::span<const std::size_t> calls_per_wave() const;
    [[nodiscard]] const engine_settings& settings() const;
    [[nodiscard]] const run_state& state() const;
    [[nodiscard]] const std::filesystem::path& journal_path() const;
    // The live view's address, "http://ADDR:PORT/", once prepare() has bound it; empty without one.
    [[nodiscard]] const std::string& live_view_url() const;
    // Why the journal could not be written, once it could not (the run stops sending then).
    [[nodiscard]] const std::string& journal_error() const;

    // Runs every call and writes the report. `observer` sees the engine's events with each call's
    // row in the report (after the run's state has counted them); `tick` is called on the run's
    // thread every 200 ms and once before the first call, where a caller polls for interrupts.
    [[nodiscard]] session_outcome run(run_observer& observer, const std::function<void()>& tick);

    // After run(), with live_view_options::linger: the live view goes on serving the final state
    // that long, or until `interrupted` (polled five times a second) says so, then closes.
    void linger(const std::function<bool()>& interrupted);

    // No new attempt; those in flight end within their timeout, the rest end not started or
    // cancelled, and the report is written. From the run's thread (tick, observer).
    void stop();
    [[nodiscard]] bool stopped() const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace hotlive
