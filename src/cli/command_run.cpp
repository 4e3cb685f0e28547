// hotlive run PLAN: parses the options, runs a run_session (run_session.hpp: the calls, the
// journal, the report) and shows it — warnings, the progress line, the summary — and turns
// Ctrl-C into the session's stop.
#include "cli/commands.hpp"
#include "cli/interrupts.hpp"
#include "cli/output.hpp"
#include "cli/plan_loading.hpp"
#include "cli/run_progress.hpp"
#include "cli/run_summary.hpp"
#include "cli/schedule_warnings.hpp"
#include "emulator/config.hpp"
#include "time/event_offset.hpp"
#include "time/rfc3339.hpp"

#include <hotlive/build_info.hpp>
#include <hotlive/credentials.hpp>
#include <hotlive/exit_codes.hpp>
#include <hotlive/run_session.hpp>

#include <fmt/format.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>

namespace hotlive::cli {
namespace {

struct shard_choice {
    shard_share share;
    bool valid = true;
    std::string error;
};

// A whole decimal number, nothing around it (sscanf's %u would take "-1" and wrap past 2^32).
bool parse_unsigned(std::string_view text, unsigned& value) {
    const char* end = text.data() + text.size();
    const auto [last, error] = std::from_chars(text.data(), end, value);
    return error == std::errc{} && last == end;
}

shard_choice choose_shard(const run_options& options) {
    shard_choice choice;
    if (options.shard) {
        const std::string_view text = *options.shard;
        const auto slash = text.find('/');
        unsigned k = 0, n = 0;
        if (slash == std::string_view::npos || !parse_unsigned(text.substr(0, slash), k) ||
            !parse_unsigned(text.substr(slash + 1), n) || n == 0 || k == 0 || k > n) {
            return {{}, false, "--shard takes K/N with 1 <= K <= N, e.g. 2/4; got '" + *options.shard + "'"};
        }
        choice.share = {k, n};
    } else if (options.shards) {
        // NOLINTNEXTLINE(concurrency-mt-unsafe): hotlive never sets environment variables
        const char* index = std::getenv("JOB_COMPLETION_INDEX");
        unsigned k = 0;
        if (index == nullptr || !parse_unsigned(index, k) || k >= *options.shards) {
            return {{}, false, "--shards needs JOB_COMPLETION_INDEX set to 0.." + std::to_string(*options.shards - 1)};
        }
        choice.share = {k + 1, *options.shards};
    }
    return choice;
}

std::optional<report_format> format_for(const run_options& options, const std::string& path) {
    if (!options.format.empty()) return parse_report_format(options.format);
    return report_format_for(path);
}

// A service clock further off than this means the waves, timed on this machine's clock, are not
// when the operator thinks they are.
constexpr std::chrono::seconds skew_worth_a_warning{5};

std::string clock_skew_warning(std::chrono::milliseconds service_ahead_by) {
    const auto seconds = static_cast<double>(std::chrono::abs(service_ahead_by).count()) / 1000.0;
    return fmt::format(
        "the service's clock is {:.1f} s {} this machine's (it refused a request as InvalidTimeStamp.Expired): "
        "requests now carry the service's time, but the waves and the deadline run on this machine's clock; set "
        "its time right (NTP)",
        seconds, service_ahead_by.count() > 0 ? "ahead of" : "behind");
}

int interrupted_before_sending(const std::string& during) {
    // An error, not a warning: it is why the exit code is 130, even under --quiet.
    print_error("interrupted while " + during + ": nothing was sent");
    return exit_code::interrupted;
}

struct event_start_choice {
    std::chrono::sys_seconds value;
    std::string error;
};

// --event-start: a time, or "+5m" from now; for a plan whose waves count from event_start.
// The session refuses it for a plan without waves.
event_start_choice event_start_for(const std::string& text) {
    if (text.starts_with('+')) {
        if (const auto offset = detail::parse_event_offset("T" + text)) {
            return {std::chrono::ceil<std::chrono::seconds>(std::chrono::system_clock::now()) + *offset, {}};
        }
    } else if (const auto t = detail::parse_rfc3339(text)) {
        return {*t, {}};
    }
    return {{},
            "--event-start takes a time such as 2026-12-31T20:00:00+08:00, or a delay from now such as +5m or "
            "+90s; got '" +
                text + "'"};
}

// What the run waits for, for the progress line: each wave with calls (at its start, or
// not_before if later), or without waves not_before alone.
std::vector<awaited_start> awaited_starts(const plan& p, const engine_settings& settings,
                                          std::span<const std::size_t> calls_per_wave, std::size_t calls) {
    std::vector<awaited_start> starts;
    std::size_t calls_before = 0;
    for (std::size_t wave = 0; wave < calls_per_wave.size(); ++wave) {
        if (calls_per_wave[wave] == 0) continue;
        const auto& name = p.schedule.waves[wave].name;
        starts.push_back({name.empty() ? fmt::format("wave {}", wave + 1) : fmt::format("wave '{}'", name),
                          *start_of_call(settings, calls_before), calls_before, calls_per_wave[wave]});
        calls_before += calls_per_wave[wave];
    }
    if (calls_per_wave.empty() && settings.not_before) {
        starts.push_back({"the run", *settings.not_before, 0, calls});
    }
    return starts;
}

// What the operator sees of the run's events: the progress line, the summary's causes, and a
// warning when the service's clock is far from this machine's. The counts are the session's.
class run_display final : public run_observer {
public:
    run_display(run_progress& progress, run_summary& summary) : progress_(progress), summary_(summary) {}

    void on_clock_offset(std::chrono::milliseconds service_ahead_by) override {
        if (warned_ || std::chrono::abs(service_ahead_by) < skew_worth_a_warning) return;
        warned_ = true;
        progress_.finish();
        print_warning(clock_skew_warning(service_ahead_by));
    }
    void on_finished(std::size_t /*row*/, const call_result& result) override {
        summary_.add(result);
        progress_.on_finished(result);
    }

private:
    run_progress& progress_;
    run_summary& summary_;
    bool warned_ = false;
};

struct live_view_choice {
    std::optional<live_view_options> value;
    std::string error;
};

// --listen ADDR:PORT (a port alone listens on loopback) and --listen-linger DURATION.
live_view_choice live_view_for(const run_options& options) {
    if (options.listen.empty()) return {};
    const bool port_only = options.listen.find(':') == std::string::npos;
    std::string error;
    const auto address = emu::parse_listen_address(port_only ? "127.0.0.1:" + options.listen : options.listen, error);
    if (!address)
        return {std::nullopt, "--listen takes ADDR:PORT (127.0.0.1:0 for any free port), got '" + options.listen + "'"};
    live_view_options live{address->host, address->port, {}};
    if (!options.listen_linger.empty()) {
        const auto linger = detail::parse_event_offset("T+" + options.listen_linger);
        if (!linger || options.listen_linger.starts_with('+') || options.listen_linger.starts_with('-')) {
            return {std::nullopt,
                    "--listen-linger takes a duration such as 30s, 5m or 1h30m; got '" + options.listen_linger + "'"};
        }
        live.linger = *linger;
    }
    return {live, {}};
}

}  // namespace

int run_run(const run_options& options) {
    // Before anything slow (a big plan, a resume of a million calls): no interrupt is lost.
    interrupts::install();
    interrupts::set_last_words("hotlive: interrupted again: quitting; nothing was sent");
    auto loaded = load_plan_reporting(options.plan);
    if (!loaded) return exit_code::invalid_input;
    if (interrupts::count() > 0) return interrupted_before_sending("loading the plan");

    // ---- the command line's choices, all checked before anything is sent
    session_options settings;
    if (!options.event_start.empty()) {
        const auto moved = event_start_for(options.event_start);
        if (!moved.error.empty()) {
            print_error(moved.error);
            return exit_code::invalid_input;
        }
        settings.event_start = moved.value;
    }
    const auto shard = choose_shard(options);
    if (!shard.valid) {
        print_error(shard.error);
        return exit_code::invalid_input;
    }
    settings.shard = shard.share;
    settings.endpoint = options.endpoint;
    if (options.signature != "v3" && options.signature != "v1") {
        print_error("--signature takes v3 or v1, got '" + options.signature + "'");
        return exit_code::invalid_input;
    }
    settings.signature = options.signature == "v1" ? signature_version::v1 : signature_version::v3;
    const std::string report_path = options.report.empty() ? loaded->name + ".report.json" : options.report;
    const auto format = format_for(options, report_path);
    if (!format) {
        print_error("--format takes json, csv, junit, md or html, got '" + options.format + "'");
        return exit_code::invalid_input;
    }
    settings.report = report_path;
    settings.format = *format;
    settings.resume = options.resume;
    settings.resume_other_plan = options.resume_other_plan;
    settings.ca_file = options.ca_file;
    auto egress = choose_egress_reporting(options.proxy, loaded->proxy, options.verbose);
    if (!egress) return exit_code::invalid_input;
    settings.egress = std::move(*egress);
    settings.rate = options.rate;
    settings.concurrency = options.concurrency;
    settings.ignore_schedule = options.ignore_schedule;
    settings.keep_going = options.keep_going;
    if (options.no_adaptive) settings.adaptive = false;
    settings.credentials = [&] {
        return resolve_process_credentials(
            options.profile.empty() ? std::nullopt : std::optional<std::string>(options.profile),
            loaded->credentials_profile);
    };
    settings.interrupted = [] { return interrupts::count() > 0; };
    const auto live = live_view_for(options);
    if (!live.error.empty()) {
        print_error(live.error);
        return exit_code::invalid_input;
    }
    settings.live_view = live.value;
    if (const auto& host = live.value ? live.value->host : std::string{};
        !host.empty() && !host.starts_with("127.") && host != "::1" && host != "localhost" && !options.quiet) {
        print_warning("the live view on " + options.listen +
                      " is reachable beyond this machine, with no TLS and no login: it shows the plan's stream and "
                      "region names and the run's counts (never a key)");
    }
    settings.metrics_file = options.metrics_file;
    settings.version = std::string{this_build().version};

    run_session session(std::move(*loaded), std::move(settings));
    if (const auto refused = session.prepare([](const std::string& w) { print_warning(w); })) {
        if (refused->interrupted) return interrupted_before_sending(refused->message);
        print_error(refused->message);
        return refused->exit_code;
    }
    const plan& p = session.the_plan();
    const engine_settings& engine = session.settings();
    if (!options.ignore_schedule) {
        const auto now = std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
        for (const auto& warning :
             schedule_warnings(p, session.calls_to_send(), session.calls_per_wave(), engine.limits, now)) {
            print_warning(warning);
        }
    }

    // Even under --quiet: a script or a person is waiting for the address.
    const std::string& url = session.live_view_url();
    if (!url.empty() && output_configuration().format == log_format::json) {
        json_log_line("info", "live_view").add("url", url).print();
    } else if (!url.empty()) {
        fmt::print(stderr, "hotlive: live view on {}\n", url);
        (void)std::fflush(stderr);
    }

    // ---- the run
    const verbosity level = options.quiet ? verbosity::quiet : options.verbose ? verbosity::verbose : verbosity::normal;
    // A scheduled run started early counts down to its first call.
    run_progress progress(session.state(), level,
                          awaited_starts(p, engine, session.calls_per_wave(), session.calls_to_send()),
                          engine.limits.rate);
    run_summary summary;
    run_display display(progress, summary);
    const std::string journal_path = session.journal_path().string();
    // A second interrupt quits at once; the journal is whole up to it, and a resume finishes the job.
    const std::string resume_command =
        fmt::format("hotlive run {} --report {} --resume {}", options.plan, report_path, report_path);
    interrupts::set_last_words(fmt::format(
        "hotlive: interrupted again: quitting now, without the report; the journal {} holds every call that ended "
        "and every attempt sent: `{}` writes the report and warms the rest",
        journal_path, resume_command));
    bool journal_failure_seen = false;
    // Polled with the progress line: an interrupt stops new attempts and lets those in flight end.
    const auto tick = [&] {
        if (!journal_failure_seen && !session.journal_error().empty()) {
            journal_failure_seen = true;
            // From now on results may exist only in memory: quitting at once would lose them.
            interrupts::set_last_words(
                "hotlive: interrupted again: quitting now; the journal could not be written, so the results of the "
                "calls that ended since are lost, and --resume sends those calls again (one the journal shows as "
                "sent is asked about first)");
        }
        if (!session.stopped() && interrupts::count() > 0) {
            progress.interrupted();
            if (level != verbosity::quiet) {
                print_warning("interrupted: no new attempts; waiting for those in flight (Ctrl-C again to quit now)");
            }
            session.stop();
        }
        progress.tick();
    };
    const session_outcome outcome = session.run(display, tick);
    progress.finish();
    if (outcome.exit_code != exit_code::io_error) {
        interrupts::set_last_words(fmt::format(
            "hotlive: interrupted again: quitting before the report is written; the journal {} has every result: "
            "`{}` writes it",
            journal_path, resume_command));
    }
    for (const auto& warning : outcome.warnings) print_warning(warning);
    for (const auto& error : outcome.errors) print_error(error);
    if (outcome.exit_code == exit_code::io_error) return outcome.exit_code;
    if (level != verbosity::quiet) {
        summary.print(session.info(), session.state().totals(), outcome.condemned, report_path);
    } else if (outcome.exit_code == exit_code::cannot_start) {
        // Why the exit code is 3, even under --quiet.
        print_error(refused_scope_line(outcome.condemned.front(), options.plan, report_path));
    }
    if (live.value && live.value->linger.count() > 0 && !session.stopped()) {
        interrupts::set_last_words("hotlive: interrupted again: quitting");
        const auto at_first = interrupts::count();
        session.linger([&] { return interrupts::count() > at_first; });
    }
    return outcome.exit_code;
}

}  // namespace hotlive::cli
