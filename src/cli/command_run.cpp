// hotlive run PLAN: warm every call of the plan (or of its shard), journal each as it ends,
// and write the report.
#include "cli/commands.hpp"
#include "cli/earlier_run.hpp"
#include "cli/exception_message.hpp"
#include "cli/interrupts.hpp"
#include "cli/output.hpp"
#include "cli/plan_loading.hpp"
#include "cli/report_destination.hpp"
#include "cli/run_progress.hpp"
#include "cli/run_summary.hpp"
#include "cli/schedule_warnings.hpp"
#include "plan/endpoint.hpp"
#include "text/fnv1a.hpp"
#include "time/event_offset.hpp"
#include "time/rfc3339.hpp"

#include <hotlive/api_client.hpp>
#include <hotlive/credentials.hpp>
#include <hotlive/engine.hpp>
#include <hotlive/exit_codes.hpp>
#include <hotlive/expansion.hpp>
#include <hotlive/journalled_calls.hpp>
#include <hotlive/run_identity.hpp>

#include <fmt/format.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <charconv>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <unordered_map>

namespace hotlive::cli {
namespace {

namespace net = boost::asio;

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

// The shard a call belongs to, from its key alone: stable when the plan is reordered.
std::uint32_t shard_of(std::string_view key, std::uint32_t count) {
    return static_cast<std::uint32_t>(detail::fnv1a64(key) % count) + 1;
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

// What the journal got: a run whose journal failed must say exactly what the journal holds.
struct journal_account {
    std::string first_error;
    std::size_t results_journalled = 0;
    std::size_t results_not_journalled = 0;

    bool note(bool written, const journal_writer& journal) {
        if (!written && first_error.empty()) {
            first_error = journal.error();
            // From now on results may exist only in memory: quitting at once would lose them.
            interrupts::set_last_words(
                "hotlive: interrupted again: quitting now; the journal could not be written, so the results of the "
                "calls that ended since are lost, and --resume sends those calls again (one the journal shows as "
                "sent is asked about first)");
        }
        return written;
    }
    bool note_result(bool written, const journal_writer& journal) {
        ++(written ? results_journalled : results_not_journalled);
        return note(written, journal);
    }

    [[nodiscard]] std::string what_it_holds(const std::string& journal_path, const std::string& report_path,
                                            const std::optional<std::string>& report_error) const {
        std::string text = fmt::format(
            "the journal {} could not be written ({}), so no attempt was sent after that; it holds the results of {} "
            "of the {} calls that ended in this run",
            journal_path, first_error, results_journalled, results_journalled + results_not_journalled);
        if (results_not_journalled == 0) return text;
        if (!report_error)
            return text + fmt::format("; the other {} are in the report {}", results_not_journalled, report_path);
        return text + fmt::format(
                          "; the report could not be written either ({}): the other {} results are lost, and --resume "
                          "sends their calls again (a call the journal shows as sent is asked about first)",
                          *report_error, results_not_journalled);
    }
};

// Why the report (and what is written beside it) cannot go where the options say; empty when it can.
std::string report_paths_problem(const plan& p, const std::string& report_path, report_format format,
                                 const std::optional<resume_files>& resumed) {
    if (resumed && format != report_format::json && same_file(report_path, resumed->json)) {
        return "--report " + report_path + " is the report --resume reads, and --format " +
               std::string(to_string(format)) +
               " would replace the only JSON copy of it: write this format elsewhere (e.g. --report " + report_path +
               "." + std::string(to_string(format)) + ")";
    }
    if (auto problem = destination_problem(report_path, "--report", {p.source}); !problem.empty()) return problem;
    if (auto problem = destination_problem(report_path + ".journal", "the journal"); !problem.empty()) return problem;
    if (format != report_format::json) {
        if (auto problem = destination_problem(json_copy_of(report_path), "the JSON copy of the report", {p.source});
            !problem.empty()) {
            return problem;
        }
    }
    return {};
}

struct event_start_choice {
    std::chrono::sys_seconds value;
    std::string error;
};

// --event-start: a time, or "+5m" from now; for a plan whose waves count from event_start.
event_start_choice event_start_for(const std::string& text, const plan& p) {
    if (p.schedule.waves.empty()) {
        return {{}, "--event-start moves the plan's waves, and " + p.source + " has none (schedule.waves)"};
    }
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

// Puts the calls in the order of their waves (plan order within a wave); each call keeps its row.
// Returns how many calls each wave has (nothing when the plan has no waves).
std::vector<std::size_t> order_by_wave(const plan& p, std::vector<call_ref>& calls, std::vector<std::uint32_t>& rows) {
    std::vector<std::size_t> calls_per_wave(p.schedule.waves.size());
    if (p.schedule.waves.empty()) return calls_per_wave;
    std::vector<std::uint32_t> order(calls.size());
    std::vector<std::uint32_t> waves(calls.size());
    for (std::uint32_t i = 0; i < calls.size(); ++i) {
        order[i] = i;
        // The loader refuses a plan with a call in no wave.
        waves[i] = static_cast<std::uint32_t>(*wave_of(p, calls[i]));
        ++calls_per_wave[waves[i]];
    }
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return waves[a] < waves[b]; });
    std::vector<call_ref> ordered_calls(calls.size());
    std::vector<std::uint32_t> ordered_rows(rows.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        ordered_calls[i] = calls[order[i]];
        ordered_rows[i] = rows[order[i]];
    }
    calls = std::move(ordered_calls);
    rows = std::move(ordered_rows);
    return calls_per_wave;
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

// Where each wave that has calls begins among calls in wave order, and when.
std::vector<wave_start_time> wave_start_times(const plan& p, std::span<const std::size_t> calls_per_wave) {
    std::vector<wave_start_time> starts;
    std::size_t first_call = 0;
    for (std::size_t wave = 0; wave < calls_per_wave.size(); ++wave) {
        if (calls_per_wave[wave] == 0) continue;
        starts.push_back({first_call, wave_start(p, wave)});
        first_call += calls_per_wave[wave];
    }
    return starts;
}

}  // namespace

int run_run(const run_options& options) {
    // Before anything slow (a big plan, a resume of a million calls): no interrupt is lost.
    interrupts::install();
    interrupts::set_last_words("hotlive: interrupted again: quitting; nothing was sent");
    auto loaded = load_plan_reporting(options.plan);
    if (!loaded) return exit_code::invalid_input;
    if (interrupts::count() > 0) return interrupted_before_sending("loading the plan");
    if (!options.event_start.empty()) {
        const auto moved = event_start_for(options.event_start, *loaded);
        if (!moved.error.empty()) {
            print_error(moved.error);
            return exit_code::invalid_input;
        }
        // The whole schedule moves with the show: waves, not_before and deadline keep their places.
        auto& schedule = loaded->schedule;
        const auto shift = moved.value - schedule.event_start.value_or(moved.value);
        schedule.event_start = moved.value;
        if (schedule.not_before) *schedule.not_before += shift;
        if (schedule.deadline) *schedule.deadline += shift;
    }
    const plan& p = *loaded;

    // ---- the command line's choices, all checked before anything is sent
    const auto shard = choose_shard(options);
    if (!shard.valid) {
        print_error(shard.error);
        return exit_code::invalid_input;
    }
    const std::string endpoint_url = options.endpoint.empty() ? p.endpoint : options.endpoint;
    const auto endpoint = detail::parse_endpoint(endpoint_url);
    if (!endpoint.value) {
        print_error("--endpoint: " + endpoint.error);
        return exit_code::invalid_input;
    }
    if (options.signature != "v3" && options.signature != "v1") {
        print_error("--signature takes v3 or v1, got '" + options.signature + "'");
        return exit_code::invalid_input;
    }
    const std::string report_path = options.report.empty() ? p.name + ".report.json" : options.report;
    const auto format = format_for(options, report_path);
    if (!format) {
        print_error("--format takes json, csv, junit, md or html, got '" + options.format + "'");
        return exit_code::invalid_input;
    }
    // What a resume reads, looked at before this run opens (and so creates) its own journal.
    std::optional<resume_files> resumed;
    if (!options.resume.empty()) resumed = files_to_resume(options.resume);
    const std::string journal_path = report_path + ".journal";
    const bool resume_in_place =
        resumed && (same_file(resumed->journal, journal_path) || same_file(options.resume, report_path));
    if (const auto problem = report_paths_problem(p, report_path, *format, resumed); !problem.empty()) {
        print_error(problem);
        return exit_code::invalid_input;
    }
    // Locked before the resume reads it (a resume in place reads this very journal) and before
    // anything is sent; emptied only when the run is about to start.
    journal_writer journal(journal_path);
    if (!journal.ok()) {
        print_error(journal.locked_by_another()
                        ? "another hotlive run is writing the report " + report_path + " (its journal " + journal_path +
                              " is locked): wait for it to end, or give this run another --report"
                        : journal.error() + "; nothing was sent");
        return exit_code::invalid_input;
    }

    // ---- credentials, before anything is read or sent: the account is part of what a resume checks
    const auto creds = resolve_process_credentials(
        options.profile.empty() ? std::nullopt : std::optional<std::string>(options.profile), p.credentials_profile);
    for (const auto& w : creds.warnings) print_warning(w);
    if (!creds.value) {
        print_error(creds.error);
        return exit_code::cannot_start;
    }

    // ---- the connection, the last check before a journal is touched
    const auto& e = *endpoint.value;
    net::io_context io;
    client_config client_settings;
    client_settings.tls = e.tls;
    client_settings.host = e.host;
    client_settings.port = e.port;
    client_settings.ca_file = options.ca_file;
    client_settings.connect_timeout = p.timeouts.connect;
    client_settings.request_timeout = p.timeouts.request;
    client_settings.max_idle_connections = options.concurrency.value_or(p.limits.concurrency);
    std::optional<api_client> client;
    try {
        client.emplace(io.get_executor(), client_settings);
    } catch (const std::exception& error) {
        print_error(message_of(error));
        return exit_code::cannot_start;
    }

    // ---- which calls this run makes: its share of the plan (the report's rows), less what is warm
    std::vector<call_ref> share;
    for (const auto c : expand(p)) {
        if (shard.share.count > 1 && shard_of(call_key(p, c), shard.share.count) != shard.share.index) continue;
        share.push_back(c);
    }
    report_info r;
    r.plan = p.name;
    r.source = p.source;
    r.endpoint = endpoint_url;
    r.shard = shard.share;
    r.account = account_fingerprint(creds.value->access_key_id);
    r.plan_digest = plan_digest(p);
    {
        call_set_digest digest;
        for (const auto c : share) digest.add(call_key(p, c), parameters_digest(p, c));
        r.calls_digest = digest.value();
    }
    r.last_run_started_at = std::chrono::system_clock::now();
    r.started_at = r.last_run_started_at;

    std::optional<earlier_run> earlier;
    if (!options.resume.empty()) {
        const run_identity self{p.name, endpoint_url, r.account, shard.share, options.resume_other_plan};
        earlier = read_earlier_run(options.resume, *resumed, p, share, self, journal, resume_in_place);
        if (earlier->interrupted) return interrupted_before_sending("reading " + options.resume);
        for (const auto& w : earlier->warnings) print_warning(w);
        if (!earlier->error.empty()) {
            print_error(earlier->error);
            return earlier->io_failure ? exit_code::io_error : exit_code::invalid_input;
        }
        if (earlier->first_started_at && *earlier->first_started_at < *r.started_at) {
            r.started_at = earlier->first_started_at;
        }
    }
    // A fresh run starts a fresh journal (a resume has emptied it or appends to it), then says who runs.
    if ((!earlier && !journal.start_fresh()) || !journal.append_run(r)) {
        print_error(journal.error() + " (" + journal_path + "); nothing was sent");
        return exit_code::io_error;
    }

    // The report is read back from the journal when the run ends: a warm call's result is there already.
    journalled_calls report_calls(journal_path, share.size());
    run_summary summary;
    std::vector<call_ref> calls;
    std::vector<std::uint32_t> row_of_call;  // each call's row in the report (plan order)
    for (std::uint32_t row = 0; row < share.size(); ++row) {
        if (earlier && earlier->calls[row].what == earlier_call::kind::warm) {
            report_calls.set_journalled(row, earlier->calls[row].in_journal);
            call_result warm;
            warm.status = call_status::succeeded;
            warm.attempts = earlier->calls[row].attempts;
            warm.run_attempts = earlier->calls[row].run_attempts;
            summary.add(warm);
            continue;
        }
        row_of_call.push_back(row);
        calls.push_back(share[row]);
    }
    share = {};
    std::vector<std::size_t> calls_per_wave;
    if (!options.ignore_schedule) calls_per_wave = order_by_wave(p, calls, row_of_call);

    const bool default_port = e.port == (e.tls ? "443" : "80");
    const std::string host_header =
        default_port ? e.host : (e.host.find(':') != std::string::npos ? "[" + e.host + "]" : e.host) + ":" + e.port;
    const request_signer signer(*creds.value, host_header,
                                options.signature == "v1" ? signature_version::v1 : signature_version::v3);

    engine_settings settings;
    if (earlier) {
        // What the earlier runs did, by this run's call index (calls are in wave order now).
        std::unordered_map<std::uint32_t, attempt_record> in_doubt;
        for (auto& [row, attempt] : earlier->in_doubt) in_doubt.emplace(row, std::move(attempt));
        for (std::size_t i = 0; i < calls.size(); ++i) {
            const earlier_call& before = earlier->calls[row_of_call[i]];
            if (before.attempts > 0) {
                std::optional<wall_time> first;
                if (before.first_attempt_ms >= 0) first = wall_time{std::chrono::milliseconds{before.first_attempt_ms}};
                settings.earlier.push_back({i, before.attempts, first});
            }
            if (const auto found = in_doubt.find(row_of_call[i]); found != in_doubt.end()) {
                settings.replays.push_back({i, std::move(found->second.nonce), found->second.timestamp});
            }
        }
        earlier.reset();
    }
    settings.limits = p.limits;
    if (shard.share.count > 1 && !options.rate && p.limits.rate > 0) {
        // The quota is the account's: N shards share it. Rounded down, never above it. (0: no limit.)
        settings.limits.rate = std::max<std::uint32_t>(1, p.limits.rate / shard.share.count);
    }
    if (options.rate) settings.limits.rate = *options.rate;
    if (options.concurrency) settings.limits.concurrency = *options.concurrency;
    settings.retry = p.retry;
    if (!options.ignore_schedule) {
        if (p.schedule.not_before) settings.not_before = *p.schedule.not_before;
        if (p.schedule.deadline) settings.deadline = *p.schedule.deadline;
        settings.wave_starts = wave_start_times(p, calls_per_wave);
        const auto now = std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
        for (const auto& warning : schedule_warnings(p, calls.size(), calls_per_wave, settings.limits, now)) {
            print_warning(warning);
        }
    }

    // ---- the run
    const verbosity level = options.quiet ? verbosity::quiet : options.verbose ? verbosity::verbose : verbosity::normal;
    // A scheduled run started early counts down to its first call.
    run_progress progress(calls.size(), level, awaited_starts(p, settings, calls_per_wave, calls.size()));
    journal_account journalled;
    // Each attempt is journalled before it is sent (and when answered without warming, if the call
    // goes on), so that --resume can ask the service about the calls a crash left in doubt. An
    // attempt that cannot be journalled is not sent: the engine stops there.
    settings.on_attempt = [&](std::size_t, const attempt_record& attempt) {
        return journalled.note(journal.append_attempt(attempt), journal);
    };
    settings.on_answered = [&](std::size_t, const attempt_record& attempt) {
        return journalled.note(journal.append_answered(attempt), journal);
    };
    bool skew_warned = false;
    settings.on_clock_offset = [&](std::chrono::milliseconds service_ahead_by) {
        r.clock_offset_ms = service_ahead_by.count();
        if (!skew_warned && std::chrono::abs(service_ahead_by) >= skew_worth_a_warning) {
            skew_warned = true;
            progress.finish();
            print_warning(clock_skew_warning(service_ahead_by));
        }
    };
    seeded_random random;
    engine run(p, signer, *client, settings, random);
    bool interrupted = false;
    // A second interrupt quits at once; the journal is whole up to it, and a resume finishes the job.
    const std::string resume_command =
        fmt::format("hotlive run {} --report {} --resume {}", options.plan, report_path, report_path);
    interrupts::set_last_words(fmt::format(
        "hotlive: interrupted again: quitting now, without the report; the journal {} holds every call that ended "
        "and every attempt sent: `{}` writes the report and warms the rest",
        journal_path, resume_command));
    // Polled with the progress line: an interrupt stops new attempts and lets those in flight end.
    const auto stop_if_interrupted = [&] {
        if (interrupted || interrupts::count() == 0) return;
        interrupted = true;
        progress.interrupted();
        if (level != verbosity::quiet) {
            print_warning("interrupted: no new attempts; waiting for those in flight (Ctrl-C again to quit now)");
        }
        run.stop();
    };

    bool finished = false;

    stop_if_interrupted();  // one that came while the run was prepared: no attempt at all
    net::co_spawn(
        io,
        [&]() -> net::awaitable<void> {
            co_await run.run(calls, [&](std::size_t index, const call_result& result) {
                journal_position where;
                if (journalled.note_result(journal.append(result, &where), journal)) {
                    report_calls.set_journalled(row_of_call[index], where);
                } else {
                    report_calls.set_in_memory(row_of_call[index], result);
                }
                summary.add(result);
                progress.on_finished(result);
            });
            finished = true;
            client->shutdown();
        },
        [](const std::exception_ptr& error) {
            if (error) std::rethrow_exception(error);
        });
    net::co_spawn(
        io,
        [&]() -> net::awaitable<void> {
            net::steady_timer tick(co_await net::this_coro::executor);
            while (!finished) {
                stop_if_interrupted();
                progress.tick();
                tick.expires_after(std::chrono::milliseconds{200});
                co_await tick.async_wait(net::use_awaitable);
            }
        },
        net::detached);
    io.run();
    stop_if_interrupted();  // one that came as the last call ended
    progress.finish();
    r.finished_at = std::chrono::system_clock::now();
    if (journalled.first_error.empty()) {
        interrupts::set_last_words(fmt::format(
            "hotlive: interrupted again: quitting before the report is written; the journal {} has every result: "
            "`{}` writes it",
            journal_path, resume_command));
    }

    // ---- the report: the calls of this share, in plan order
    const report_view written{r, summary.totals(), report_calls};
    auto error = write_report(report_path, written, *format);
    if (!error && *format != report_format::json) {
        error = write_report(json_copy_of(report_path), written, report_format::json);
    }
    if (const auto fault = run.failure()) {
        print_error("hotlive failed while it ran a call (" + *fault +
                    "), so the run stopped; that call is failed with code internal_error, and --resume sends it again "
                    "(asking the service first if its attempt may have gone out)");
    }
    if (!journalled.first_error.empty()) {
        print_error(journalled.what_it_holds(journal_path, report_path, error));
        return exit_code::io_error;
    }
    if (error) {
        print_error("cannot write the report: " + *error + " (the journal " + journal_path + " has every result)");
        return exit_code::io_error;
    }
    if (level != verbosity::quiet) summary.print(r, report_path);

    if (interrupted) return exit_code::interrupted;
    const auto& totals = summary.totals();
    return totals.succeeded == totals.calls ? exit_code::success : exit_code::some_failed;
}

}  // namespace hotlive::cli
