// hotlive run PLAN: warm every call of the plan (or of its shard), journal each as it ends,
// and write the report.
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/plan_loading.hpp"
#include "cli/run_progress.hpp"
#include "cli/run_summary.hpp"
#include "cli/schedule_warnings.hpp"
#include "plan/endpoint.hpp"
#include "time/event_offset.hpp"
#include "time/rfc3339.hpp"

#include <hotlive/api_client.hpp>
#include <hotlive/credentials.hpp>
#include <hotlive/engine.hpp>
#include <hotlive/exit_codes.hpp>
#include <hotlive/expansion.hpp>
#include <hotlive/journalled_calls.hpp>

#include <fmt/format.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
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
    std::uint64_t hash = 0xcbf29ce484222325ull;  // FNV-1a
    for (const char c : key) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ull;
    }
    return static_cast<std::uint32_t>(hash % count) + 1;
}

std::optional<report_format> format_for(const run_options& options, const std::string& path) {
    if (!options.format.empty()) return parse_report_format(options.format);
    return report_format_for(path);
}

// What an earlier run achieved, and the calls it may have delivered without learning it.
struct earlier_run {
    std::unordered_map<std::string, call_result> results;
    std::unordered_map<std::string, attempt_record> in_doubt;
};

// An earlier run's report, then its journal (newer) on top.
std::optional<earlier_run> earlier_results(const std::string& path) {
    earlier_run earlier;
    auto& results = earlier.results;
    bool found = false;
    // Only a JSON report can be read back; a report in another format has its journal, which
    // holds every call of the runs that wrote it.
    const bool readable = std::filesystem::path(path).extension() == ".json";
    if (std::filesystem::exists(path) && (readable || !std::filesystem::exists(path + ".journal"))) {
        auto read = read_report(path);
        if (!read.value) {
            print_error("cannot resume from " + path + ": " + read.error);
            return std::nullopt;
        }
        for (auto& c : read.value->calls) results[c.key] = std::move(c);
        found = true;
    }
    const std::string journal = path + ".journal";
    if (std::filesystem::exists(journal)) {
        auto read = read_journal(journal);
        if (!read.error.empty()) {
            print_error("cannot resume from " + journal + ": " + read.error);
            return std::nullopt;
        }
        for (auto& c : read.results) results[c.key] = std::move(c);
        for (auto& a : read.in_doubt) earlier.in_doubt[a.key] = std::move(a);
        found = true;
    }
    if (!found) {
        print_error("nothing to resume from: neither " + path + " nor " + journal + " exists");
        return std::nullopt;
    }
    return earlier;
}

// The replays of the calls in doubt among `calls` (in their final order): each one's first attempt
// asks the service whether the interrupted run's attempt arrived.
std::vector<replayed_attempt> replays_in_doubt(const plan& p, std::span<const call_ref> calls,
                                               std::unordered_map<std::string, attempt_record>& in_doubt) {
    std::vector<replayed_attempt> replays;
    for (std::size_t i = 0; i < calls.size() && replays.size() < in_doubt.size(); ++i) {
        if (const auto found = in_doubt.find(call_key(p, calls[i])); found != in_doubt.end()) {
            replays.push_back({i, std::move(found->second.nonce), found->second.timestamp});
        }
    }
    return replays;
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
    auto loaded = load_plan_reporting(options.plan);
    if (!loaded) return exit_code::invalid_input;
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

    // ---- which calls this run makes
    std::vector<call_ref> calls;
    std::vector<std::uint32_t> row_of_call;                    // each call's row in the report (plan order)
    std::vector<std::pair<std::size_t, call_result>> carried;  // succeeded in the run being resumed, by row
    std::size_t rows = 0;
    std::optional<earlier_run> earlier;
    if (!options.resume.empty()) {
        earlier = earlier_results(options.resume);
        if (!earlier) return exit_code::invalid_input;
    }
    for (const auto c : expand(p)) {
        const std::string key = call_key(p, c);
        if (shard.share.count > 1 && shard_of(key, shard.share.count) != shard.share.index) continue;
        if (earlier) {
            if (const auto it = earlier->results.find(key);
                it != earlier->results.end() && it->second.status == call_status::succeeded) {
                carried.emplace_back(rows++, std::move(it->second));
                continue;
            }
        }
        row_of_call.push_back(static_cast<std::uint32_t>(rows++));
        calls.push_back(c);
    }
    std::vector<std::size_t> calls_per_wave;
    if (!options.ignore_schedule) calls_per_wave = order_by_wave(p, calls, row_of_call);
    std::vector<replayed_attempt> replays;
    if (earlier) replays = replays_in_doubt(p, calls, earlier->in_doubt);
    earlier.reset();

    // ---- credentials and the connection, before the first call
    const auto creds = resolve_process_credentials(
        options.profile.empty() ? std::nullopt : std::optional<std::string>(options.profile), p.credentials_profile);
    for (const auto& w : creds.warnings) print_warning(w);
    if (!creds.value) {
        print_error(creds.error);
        return exit_code::cannot_start;
    }
    const auto& e = *endpoint.value;
    const bool default_port = e.port == (e.tls ? "443" : "80");
    const std::string host_header =
        default_port ? e.host : (e.host.find(':') != std::string::npos ? "[" + e.host + "]" : e.host) + ":" + e.port;
    const request_signer signer(*creds.value, host_header,
                                options.signature == "v1" ? signature_version::v1 : signature_version::v3);

    engine_settings settings;
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

    net::io_context io;
    client_config client_settings;
    client_settings.tls = e.tls;
    client_settings.host = e.host;
    client_settings.port = e.port;
    client_settings.ca_file = options.ca_file;
    client_settings.connect_timeout = p.timeouts.connect;
    client_settings.request_timeout = p.timeouts.request;
    client_settings.max_idle_connections = settings.limits.concurrency;
    std::optional<api_client> client;
    try {
        client.emplace(io.get_executor(), client_settings);
    } catch (const std::exception& error) {
        print_error(error.what());
        return exit_code::cannot_start;
    }

    // A fresh run starts a fresh journal; resuming into the same report appends to its journal.
    // The report is read back from the journal when the run ends.
    const std::string journal_path = report_path + ".journal";
    if (options.resume != report_path) std::filesystem::remove(journal_path);
    journal_writer journal(journal_path);
    if (!journal.ok()) {
        print_error("cannot write the journal: " + journal.error());
        return exit_code::io_error;
    }
    journalled_calls report_calls(journal_path, rows);
    run_summary summary;
    for (auto& [row, result] : carried) {
        summary.add(result);
        report_calls.set_in_memory(row, std::move(result));
    }
    carried.clear();

    // ---- the run
    const verbosity level = options.quiet ? verbosity::quiet : options.verbose ? verbosity::verbose : verbosity::normal;
    // A scheduled run started early counts down to its first call.
    run_progress progress(calls.size(), level, start_of_call(settings, 0));
    bool journal_failed = false;
    // Each attempt is journalled before it is sent (and when answered without warming, if the call
    // goes on), so that --resume can ask the service about the calls a crash left in doubt.
    settings.on_attempt = [&](std::size_t, const attempt_record& attempt) {
        if (!journal.append_attempt(attempt)) journal_failed = true;
    };
    settings.on_answered = [&](std::size_t, const attempt_record& attempt) {
        if (!journal.append_answered(attempt)) journal_failed = true;
    };
    settings.replays = std::move(replays);
    seeded_random random;
    engine run(p, signer, *client, settings, random);
    bool interrupted = false;

    net::signal_set signals(io, SIGINT, SIGTERM);
    std::function<void(boost::system::error_code, int)> on_signal = [&](boost::system::error_code ec, int) {
        if (ec) return;
        if (interrupted) std::_Exit(exit_code::interrupted);  // a second signal: the journal has everything
        interrupted = true;
        if (level != verbosity::quiet) {
            progress.finish();
            print_warning("interrupted: no new attempts; waiting for those in flight (Ctrl-C again to quit now)");
        }
        run.stop();
        signals.async_wait(on_signal);
    };
    signals.async_wait(on_signal);

    bool finished = false;
    report_info r;
    r.plan = p.name;
    r.source = p.source;
    r.endpoint = endpoint_url;
    r.shard = shard.share;
    r.started_at = std::chrono::system_clock::now();

    net::co_spawn(
        io,
        [&]() -> net::awaitable<void> {
            co_await run.run(calls, [&](std::size_t index, const call_result& result) {
                journal_position where;
                if (journal.append(result, &where)) {
                    report_calls.set_journalled(row_of_call[index], where);
                } else {
                    journal_failed = true;
                    report_calls.set_in_memory(row_of_call[index], result);
                }
                summary.add(result);
                progress.on_finished(result);
            });
            finished = true;
            signals.cancel();
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
                progress.tick();
                tick.expires_after(std::chrono::milliseconds{200});
                co_await tick.async_wait(net::use_awaitable);
            }
        },
        net::detached);
    io.run();
    progress.finish();
    r.finished_at = std::chrono::system_clock::now();

    // ---- the report: the calls of this share, in plan order
    if (const auto error = write_report(report_path, report_view{r, summary.totals(), report_calls}, *format)) {
        print_error("cannot write the report: " + *error + " (the journal " + journal_path + " has every result)");
        return exit_code::io_error;
    }
    if (journal_failed) print_warning("some results could not be written to the journal " + journal_path);
    if (level != verbosity::quiet) summary.print(r, report_path);

    if (interrupted) return exit_code::interrupted;
    const auto& totals = summary.totals();
    return totals.succeeded == totals.calls ? exit_code::success : exit_code::some_failed;
}

}  // namespace hotlive::cli
