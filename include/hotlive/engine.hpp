// The engine: fans a plan's calls out over `concurrency` workers on one executor, each call
// paced by the rate limiter, signed afresh per attempt, retried per the plan's policy, and
// reported when it ends. stop() (SIGINT) starts no new attempt; attempts in flight end within
// their request timeout.
#pragma once

#include <hotlive/api_client.hpp>
#include <hotlive/expansion.hpp>
#include <hotlive/random_source.hpp>
#include <hotlive/report.hpp>
#include <hotlive/signer.hpp>

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <span>

namespace hotlive {

struct engine_settings {
    rate_limits limits;
    retry_policy retry;
    std::optional<std::chrono::system_clock::time_point> not_before;  // nothing starts earlier
    std::optional<std::chrono::system_clock::time_point> deadline;    // no attempt starts later
    request_shape shape = request_shape::post_query;
};

// Called once for every call as it ends (in the executor's thread), in completion order:
// `index` is the call's position in the span given to run().
using call_finished_handler = std::function<void(std::size_t index, const call_result& result)>;

class engine {
public:
    engine(const plan& p, const request_signer& signer, api_client& client, engine_settings settings,
           random_source& random);
    ~engine();
    engine(const engine&) = delete;
    engine& operator=(const engine&) = delete;

    // Runs every call of `calls` to an end: succeeded, failed, not started (the deadline
    // passed, or stop() came first) or cancelled (stopped between attempts). Each result goes to
    // `on_finished` and is not kept: the engine holds only the calls in flight, so a run of a
    // million calls costs what `concurrency` calls cost.
    boost::asio::awaitable<void> run(std::span<const call_ref> calls, call_finished_handler on_finished);

    // No new attempt starts; waits for the limiter or a backoff end at once.
    void stop();
    [[nodiscard]] bool stopping() const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

// The fields of a call_result that come from the plan (key, domain, app, stream, region).
[[nodiscard]] call_result describe_call(const plan& p, call_ref call);

}  // namespace hotlive
