// What `hotlive run` shows while it runs: a redrawn status line on a terminal, plain log lines
// otherwise, nothing with --quiet, and a line per finished call with --verbose. With
// --log-format json (output_configuration()) every one of these is a JSON object on a line.
#pragma once

#include "cli/recent_rate.hpp"

#include <hotlive/report.hpp>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

namespace hotlive::cli {

enum class verbosity { quiet, normal, verbose };

// "12/70 done, 10 warm, 0 failed, 9.0 calls/s, ETA 6 s": the ETA is the calls not done yet at
// `calls_per_second`; both are left out while the rate is not known yet (recent_rate).
[[nodiscard]] std::string progress_line(std::size_t done, std::size_t total, std::size_t warm, std::size_t failed,
                                        std::optional<double> calls_per_second);

class run_progress {
public:
    // `starts_at`: the schedule's not_before, counted down to on a terminal until it comes.
    run_progress(std::size_t total, verbosity level,
                 std::optional<std::chrono::system_clock::time_point> starts_at = std::nullopt);

    void on_finished(const call_result& result);
    // Called periodically; draws at most a few times a second.
    void tick();
    // Clears the status line before the summary.
    void finish();

    [[nodiscard]] std::size_t done() const { return done_; }

private:
    void draw();
    void log_progress();
    [[nodiscard]] std::optional<double> calls_per_second();

    std::size_t total_;
    verbosity level_;
    bool terminal_;  // a redrawn status line: stderr is a terminal and the log is text
    bool json_;
    std::size_t done_ = 0;
    recent_rate sent_;  // calls done after at least one attempt (a deadline ends calls unsent)
    std::size_t succeeded_ = 0;
    std::size_t failed_ = 0;
    std::chrono::steady_clock::time_point last_draw_;
    std::size_t last_logged_tenth_ = 0;
    std::optional<std::chrono::system_clock::time_point> starts_at_;
};

}  // namespace hotlive::cli
