// The engine: fans a plan's calls out over `concurrency` workers on one executor, each call
// paced by the rate limiter, signed afresh per attempt, retried per the plan's policy, and
// reported when it ends. stop() (SIGINT) starts no new attempt; attempts in flight end within
// their request timeout.
#pragma once

#include <hotlive/api_client.hpp>
#include <hotlive/attempt_record.hpp>
#include <hotlive/call_result.hpp>
#include <hotlive/credential_fetcher.hpp>
#include <hotlive/earlier_attempts.hpp>
#include <hotlive/expansion.hpp>
#include <hotlive/random_source.hpp>
#include <hotlive/refusal_scope.hpp>
#include <hotlive/report_contents.hpp>
#include <hotlive/run_observer.hpp>
#include <hotlive/signer.hpp>

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace hotlive {

// The calls from `first_call` on (up to the next wave's first) may not start before `at`.
struct wave_start_time {
    std::size_t first_call = 0;  // index into the span given to engine::run
    std::chrono::system_clock::time_point at;
};

// Called in the executor's thread with the call's index and the attempt. Returns false when the
// attempt could not be recorded (the journal's disk is full): the engine then sends nothing more
// (that attempt included) and ends the run as if stopped, with the code "journal_failed".
using attempt_handler = std::function<bool(std::size_t index, const attempt_record& attempt)>;

// Temporary credentials (RamRoleArn, OIDC, the ECS instance role, …), fetched again on the run's
// executor before they expire (credential_refresh.hpp) and used for the attempts signed after.
struct credential_renewal {
    std::shared_ptr<credential_fetcher> fetcher;
    std::optional<std::chrono::system_clock::time_point> expiration;  // of the signer's credentials
    std::string host;                                                 // for the signers of fetched ones
    signature_version version = signature_version::v3;
};

struct engine_settings {
    rate_limits limits;
    retry_policy retry;
    std::optional<std::chrono::system_clock::time_point> not_before;  // nothing starts earlier
    std::vector<wave_start_time> wave_starts;                         // by first_call; the calls in wave order
    std::optional<std::chrono::system_clock::time_point> deadline;    // no attempt starts later
    request_shape shape = request_shape::post_query;
    // Exactly once across a crash: every attempt goes to on_attempt before it is sent (to be
    // journalled with one write), an answer that did not warm the stream to on_answered when the
    // call goes on; the first attempt of a call in doubt in the run being resumed is a replay.
    attempt_handler on_attempt;
    // When set, on_attempt only stages the attempt's line, and the engine awaits this before
    // sending it: the attempts that leave in one turn of the event loop share one write. False:
    // the write failed, and the engine stops as when on_attempt returns false.
    std::function<boost::asio::awaitable<bool>()> attempts_written;
    attempt_handler on_answered;
    std::vector<replayed_attempt> replays;  // by call
    std::vector<earlier_attempts> earlier;  // by call
    // One final refusal condemns its scope (refusal_scope.hpp): the calls of it not sent yet are
    // skipped, and the credentials refused stop the run; the fan-out waits for the run's first
    // answer. false (--keep-going): every call is sent, as each is refused on its own.
    bool scoped_refusals = true;
    // None: the signer's credentials serve the whole run.
    std::optional<credential_renewal> renewal;
};

// When the call at `index` may start: its wave's time or not_before, whichever is later;
// nullopt when neither holds it back.
[[nodiscard]] std::optional<std::chrono::system_clock::time_point> start_of_call(const engine_settings& settings,
                                                                                 std::size_t index);

class engine {
public:
    engine(const plan& p, const request_signer& signer, api_client& client, engine_settings settings,
           random_source& random);
    ~engine();
    engine(const engine&) = delete;
    engine& operator=(const engine&) = delete;

    // Runs every call of `calls` to an end: succeeded, failed, not started (the deadline
    // passed, or stop() came first) or cancelled (stopped between attempts). Returns once every
    // worker has ended; cancelling it stops the run and waits for the attempts in flight. Each
    // event goes to `observer` (which must outlive the run), each result to its on_finished, and
    // is not kept: the engine holds only the calls in flight, so a run of a million calls costs
    // what `concurrency` calls cost.
    boost::asio::awaitable<void> run(std::span<const call_ref> calls, run_observer& observer);

    // No new attempt starts; waits for the limiter or a backoff end at once. The calls it keeps
    // from starting end with the code "stopped".
    void stop();
    [[nodiscard]] bool stopping() const;

    // How the run paced itself: the ceiling, and with adaptive pacing how often throttling cut
    // the pace and where it settled.
    [[nodiscard]] pace_figures pace() const;

    // The scopes the run condemned (the account's first), each with the calls it skipped.
    [[nodiscard]] std::vector<condemned_scope> condemned() const;

    // How often the credentials were fetched again during run(), and how often that failed.
    [[nodiscard]] std::size_t credential_refreshes() const;
    [[nodiscard]] std::size_t credential_refresh_failures() const;

    // What went wrong in hotlive itself during run(), if anything: an exception out of a call
    // (a handler that threw) ends that call as failed with code "internal_error" and stops the run.
    [[nodiscard]] std::optional<std::string> failure() const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

// The fields of a call_result that come from the plan (key, domain, app, stream, region).
[[nodiscard]] call_result describe_call(const plan& p, call_ref call);

}  // namespace hotlive
