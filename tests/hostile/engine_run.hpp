// Runs a plan's calls through hotlive's run_session (what `hotlive run` runs), in this process,
// against http://host:port (https:// for a host that is not loopback), with a report and journal
// in a scratch folder.
#pragma once

#include <hotlive/call_result.hpp>
#include <hotlive/plan.hpp>

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace hotlive::test {

struct engine_run {
    bool finished = false;                 // the engine's run ended by itself within the limit
    std::chrono::milliseconds elapsed{0};  // until the run ended (or was drained after the limit)
    std::vector<call_result> results;      // in plan order, as the engine reported them
    std::size_t reported = 0;              // reports received (one per call if all is well)
    std::size_t connections_opened = 0;
};

// Every call of `p` against http://host:port, with the plan's limits, retry and timeouts. A run
// still going after `limit` is stopped (no new attempts) and drained, and comes back with
// finished = false: a call that never ends fails the test instead of hanging it.
[[nodiscard]] engine_run run_engine(const plan& p, const std::string& host, const std::string& port,
                                    std::chrono::milliseconds limit);

}  // namespace hotlive::test
