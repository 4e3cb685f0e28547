#include "cli/run_progress.hpp"

#include "cli/output.hpp"
#include "report/timestamp.hpp"
#include "text/quote.hpp"

#include <fmt/format.h>

#include <unistd.h>

#include <cmath>
#include <cstdio>

namespace hotlive::cli {
namespace {

std::string eta_text(double seconds) {
    if (seconds < 0 || seconds > 360000) return "-";
    const long s = std::lround(seconds);
    if (s < 60) return fmt::format("{} s", s);
    if (s < 3600) return fmt::format("{} min {:02} s", s / 60, s % 60);
    return fmt::format("{} h {:02} min", s / 3600, (s % 3600) / 60);
}

}  // namespace

std::string progress_line(std::size_t done, std::size_t total, std::size_t warm, std::size_t failed,
                          std::optional<double> calls_per_second, std::optional<pace_shown> pace) {
    std::string line = fmt::format("{}/{} done, {} warm, {} failed", done, total, warm, failed);
    if (!calls_per_second) return line;
    const double rate = *calls_per_second;
    const double eta = rate > 0 ? static_cast<double>(total - done) / rate : -1;
    line += fmt::format(", {:.1f} calls/s", rate);
    if (pace) line += fmt::format(", rate {:.1f}/{:g}", pace->allowed, pace->ceiling);
    return line + fmt::format(", ETA {}", eta_text(eta));
}

std::optional<pace_shown> run_progress::held_back() const {
    const auto allowed = state_.pace();
    // Shown from a tenth below the ceiling: a pace climbing back is at the ceiling for the eye.
    if (!allowed || ceiling_ <= 0 || *allowed > ceiling_ - 0.05) return std::nullopt;
    return pace_shown{*allowed, ceiling_};
}

long seconds_until(std::chrono::system_clock::time_point at, std::chrono::system_clock::time_point now) {
    return static_cast<long>(std::chrono::ceil<std::chrono::seconds>(at - now).count());
}

run_progress::run_progress(const run_state& state, verbosity level, std::vector<awaited_start> starts, double ceiling)
    : state_(state),
      level_(level),
      terminal_(output_configuration().format == log_format::text && ::isatty(STDERR_FILENO) == 1),
      json_(output_configuration().format == log_format::json),
      last_draw_(std::chrono::steady_clock::now()),
      starts_(std::move(starts)),
      ceiling_(ceiling) {
    if (level_ == verbosity::quiet) return;
    if (json_) json_log_line("info", "run_started").add("calls", state_.calls_to_send()).print();
    const auto now = std::chrono::system_clock::now();
    if (const auto* first = waiting_for(now)) announce(*first, now);
}

const awaited_start* run_progress::waiting_for(std::chrono::system_clock::time_point now) const {
    for (const auto& start : starts_) {
        if (start.calls_before == state_.ended() && start.at > now) return &start;
    }
    return nullptr;
}

// One line when a wait begins: the terminal's status line counts down from there.
void run_progress::announce(const awaited_start& start, std::chrono::system_clock::time_point now) const {
    std::string at;
    detail::append_timestamp(at, start.at);
    const long seconds = seconds_until(start.at, now);
    if (json_) {
        json_log_line("info", "waiting")
            .add("for", start.name)
            .add("calls", start.calls)
            .add("starts_at", at)
            .add("in_s", seconds)
            .print();
        return;
    }
    if (terminal_) (void)std::fputs("\r\033[K", stderr);
    fmt::print(stderr, "hotlive: {} ({} call{}) starts at {}, in {} (Ctrl-C to stop)\n", start.name, start.calls,
               start.calls == 1 ? "" : "s", at, eta_text(static_cast<double>(seconds)));
}

void run_progress::interrupted() {
    finish();
    interrupted_ = true;
}

std::optional<double> run_progress::calls_per_second() { return sent_.per_second(std::chrono::steady_clock::now()); }

void run_progress::on_finished(const call_result& result) {
    const bool sent = result.run_attempts > 0;  // by this run (a resume's call carries earlier attempts)
    if (interrupted_ && !sent) return;          // stopped before it was sent: not progress
    if (sent) sent_.add(std::chrono::steady_clock::now());
    if (level_ == verbosity::verbose && json_) {
        json_log_line line(result.status == call_status::succeeded ? "info" : "warn", "call_finished");
        line.add("key", result.key).add("status", to_string(result.status)).add("attempts", result.attempts);
        line.add("http_status", result.http_status).add("code", result.code).add("message", result.message);
        line.add("request_id", result.request_id);
        if (result.latency_ms) line.add("latency_ms", *result.latency_ms);
        line.print();
    } else if (level_ == verbosity::verbose) {
        if (terminal_) (void)std::fputs("\r\033[K", stderr);
        // The code and request id are the server's text: escaped, so that they cannot drive the
        // terminal or forge a line.
        fmt::print(stderr, "{} {} attempts={} {}{}\n", to_string(result.status), result.key, result.attempts,
                   detail::printable(result.code.value_or("")),
                   result.request_id ? " request_id=" + detail::printable(*result.request_id) : "");
    }
    if (interrupted_) return;
    if (level_ != verbosity::quiet && !terminal_) {
        const auto now = std::chrono::system_clock::now();
        if (const auto* next = waiting_for(now); next != nullptr && next->calls_before == state_.ended())
            announce(*next, now);
    }
    if (!terminal_ && level_ != verbosity::quiet && state_.calls_to_send() > 0) {
        const std::size_t tenth = state_.ended() * 10 / state_.calls_to_send();
        if (tenth > last_logged_tenth_) {
            last_logged_tenth_ = tenth;
            if (json_) {
                log_progress();
            } else {
                draw();
            }
        }
    }
}

void run_progress::tick() {
    if (level_ == verbosity::quiet || !terminal_ || interrupted_) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - last_draw_ < std::chrono::milliseconds{200}) return;
    last_draw_ = now;
    draw();
}

void run_progress::finish() {
    if (level_ != verbosity::quiet && terminal_) (void)std::fputs("\r\033[K", stderr);
}

void run_progress::log_progress() {
    const auto rate = calls_per_second();
    json_log_line line("info", "progress");
    line.add("done", state_.ended())
        .add("total", state_.calls_to_send())
        .add("succeeded", state_.warm())
        .add("failed", state_.failed());
    if (rate) line.add("calls_per_s", *rate);
    if (rate && *rate > 0) line.add("eta_s", static_cast<double>(state_.calls_to_send() - state_.ended()) / *rate);
    if (const auto pace = held_back()) line.add("pace_per_s", pace->allowed).add("pace_ceiling_per_s", pace->ceiling);
    line.print();
}

void run_progress::draw() {
    const auto now = std::chrono::system_clock::now();
    if (const auto* next = waiting_for(now)) {
        // The countdown: nothing else can happen until it ends.
        if (terminal_) {
            fmt::print(stderr, "\r\033[K{}/{} done, {} warm, {} failed; {} starts in {}", state_.ended(),
                       state_.calls_to_send(), state_.warm(), state_.failed(), next->name,
                       eta_text(static_cast<double>(seconds_until(next->at, now))));
            (void)std::fflush(stderr);
        }
        return;
    }
    const std::string line = progress_line(state_.ended(), state_.calls_to_send(), state_.warm(), state_.failed(),
                                           calls_per_second(), held_back());
    if (terminal_) {
        fmt::print(stderr, "\r\033[K{}", line);
    } else {
        fmt::print(stderr, "hotlive: {}\n", line);
    }
    (void)std::fflush(stderr);
}

}  // namespace hotlive::cli
