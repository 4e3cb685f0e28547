// What `hotlive run` shows while it runs: a redrawn status line on a terminal, plain log lines
// otherwise, nothing with --quiet, and a line per finished call with --verbose. With
// --log-format json (output_configuration()) every one of these is a JSON object on a line.
#pragma once

#include "cli/recent_rate.hpp"

#include <hotlive/call_result.hpp>
#include <hotlive/run_state.hpp>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace hotlive::cli {

enum class verbosity { quiet, normal, verbose };

// The pace adaptive pacing allows now, against the plan's ceiling (calls/s).
struct pace_shown {
    double allowed = 0;
    double ceiling = 0;
};

// "12/70 done, 10 warm, 0 failed, 9.0 calls/s, ETA 6 s": the ETA is the calls not done yet at
// `calls_per_second`; both are left out while the rate is not known yet (recent_rate). While
// throttling holds the pace below the ceiling it says so: "…, 5.6 calls/s, rate 5.8/9, ETA 50 s".
[[nodiscard]] std::string progress_line(std::size_t done, std::size_t total, std::size_t warm, std::size_t failed,
                                        std::optional<double> calls_per_second, std::optional<pace_shown> pace = {});

// A moment the run waits for: a wave's start (or, without waves, not_before), after the calls
// before it. Counted down to while nothing else can happen.
struct awaited_start {
    std::string name;  // "wave 'key provinces'", or "the run" (not_before)
    std::chrono::system_clock::time_point at;
    std::size_t calls_before = 0;  // the calls that come first (all of them done: nothing else to show)
    std::size_t calls = 0;         // that start then
};

// The whole seconds left until `at`, rounded up: "30 s" until a whole 30 s is not left, so the
// countdown, the first message and the plan's forecast agree.
[[nodiscard]] long seconds_until(std::chrono::system_clock::time_point at, std::chrono::system_clock::time_point now);

class run_progress {
public:
    // `state`: the run's counts, which this shows (updated before on_finished is called).
    // `starts`: the waits of the schedule, in order (none for a run that starts at once).
    // `ceiling`: the pace the run may not exceed (limits.rate; 0: none).
    run_progress(const run_state& state, verbosity level, std::vector<awaited_start> starts = {}, double ceiling = 0);

    void on_finished(const call_result& result);
    // Called periodically; draws at most a few times a second.
    void tick();
    // Clears the status line before the summary.
    void finish();
    // The run was interrupted: the calls that end now were never sent, so the line stops where
    // it stands rather than counting them as progress (the summary says what they are).
    void interrupted();

private:
    void draw();
    void log_progress();
    // The start being waited for now: every call before it is done, and it is still ahead.
    [[nodiscard]] const awaited_start* waiting_for(std::chrono::system_clock::time_point now) const;
    void announce(const awaited_start& start, std::chrono::system_clock::time_point now) const;
    [[nodiscard]] std::optional<double> calls_per_second();
    // The pace allowed, while throttling holds it below the ceiling.
    [[nodiscard]] std::optional<pace_shown> held_back() const;

    const run_state& state_;
    verbosity level_;
    bool terminal_;  // a redrawn status line: stderr is a terminal and the log is text
    bool json_;
    recent_rate sent_;  // calls done after at least one attempt (a deadline ends calls unsent)
    std::chrono::steady_clock::time_point last_draw_;
    std::size_t last_logged_tenth_ = 0;
    std::vector<awaited_start> starts_;
    double ceiling_;
    bool interrupted_ = false;
};

}  // namespace hotlive::cli
