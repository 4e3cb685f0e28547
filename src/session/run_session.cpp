#include <hotlive/run_session.hpp>

#include "live/live_view.hpp"
#include "live/metrics_text.hpp"
#include "live/server.hpp"
#include "plan/endpoint.hpp"
#include "report/call_json.hpp"
#include "report/report_destination.hpp"
#include "session/earlier_run.hpp"
#include "session/group_commit.hpp"
#include "text/exception_message.hpp"
#include "text/fnv1a.hpp"

#include <hotlive/api_client.hpp>
#include <hotlive/atomic_file.hpp>
#include <hotlive/credential_fetcher.hpp>
#include <hotlive/exit_codes.hpp>
#include <hotlive/expansion.hpp>
#include <hotlive/journal.hpp>
#include <hotlive/journalled_calls.hpp>
#include <hotlive/random_source.hpp>
#include <hotlive/regions.hpp>
#include <hotlive/report_writer.hpp>
#include <hotlive/run_identity.hpp>

#include <fmt/format.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/parse.hpp>
#include <boost/system/system_error.hpp>

#include <algorithm>
#include <numeric>
#include <unordered_map>

namespace hotlive {
namespace {

namespace net = boost::asio;

// The shard a call belongs to, from its key alone: stable when the plan is reordered.
std::uint32_t shard_of(std::string_view key, std::uint32_t count) {
    return static_cast<std::uint32_t>(detail::fnv1a64(key) % count) + 1;
}

// Why the report (and what is written beside it) cannot go where the options say; empty when it can.
std::string report_paths_problem(const plan& p, const std::filesystem::path& report, report_format format,
                                 const std::optional<detail::resume_files>& resumed) {
    const std::string report_path = report.string();
    if (resumed && format != report_format::json && detail::same_file(report, resumed->json)) {
        return "--report " + report_path + " is the report --resume reads, and --format " +
               std::string(to_string(format)) +
               " would replace the only JSON copy of it: write this format elsewhere (e.g. --report " + report_path +
               "." + std::string(to_string(format)) + ")";
    }
    if (auto problem = detail::destination_problem(report, "--report", {p.source}); !problem.empty()) return problem;
    if (auto problem = detail::destination_problem(report_path + ".journal", "the journal"); !problem.empty()) {
        return problem;
    }
    if (format != report_format::json) {
        if (auto problem = detail::destination_problem(json_copy_of(report), "the JSON copy of the report", {p.source});
            !problem.empty()) {
            return problem;
        }
    }
    return {};
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

// Within each wave (the whole run without waves), the calls that find out first: the first call
// of every domain, then the first of every domain and region, then the rest, each in plan order.
// A scope's refusal is then learnt before its bulk goes out: a domain that cannot warm costs its
// first call and what the other workers took meanwhile.
void order_to_find_out_early(const plan& p, std::vector<call_ref>& calls, std::vector<std::uint32_t>& rows,
                             std::span<const std::size_t> calls_per_wave) {
    std::vector<std::size_t> wave_sizes(calls_per_wave.begin(), calls_per_wave.end());
    if (wave_sizes.empty()) wave_sizes.push_back(calls.size());
    // Each stream's domain as a small number, found once per stream: calls are many, domains few.
    std::vector<std::uint32_t> domain_of(p.streams.size());
    std::unordered_map<std::string_view, std::uint32_t> domain_ids;
    for (std::size_t t = 0; t < p.streams.size(); ++t) {
        const auto next_id = static_cast<std::uint32_t>(domain_ids.size());
        domain_of[t] = domain_ids.try_emplace(p.streams[t].domain, next_id).first->second;
    }
    const std::size_t regions = all_regions().size();
    std::size_t begin = 0;
    for (const std::size_t size : wave_sizes) {
        // In place: the calls that go first are few (domains, domain × region pairs), so they are
        // copied aside and the rest slide back, instead of a second copy of a million calls.
        std::vector<std::uint8_t> rank(size, 2);  // 0: a domain's first, 1: a domain and region's first
        std::vector<bool> domain_seen(domain_ids.size());
        std::vector<bool> pair_seen(domain_ids.size() * regions);  // a bit per domain and region
        std::size_t firsts = 0;
        for (std::size_t i = 0; i < size; ++i) {
            const call_ref c = calls[begin + i];
            const std::uint32_t domain = domain_of[c.target];
            const std::size_t pair = std::size_t{domain} * regions + c.region;
            const bool new_pair = !pair_seen[pair];
            pair_seen[pair] = true;
            if (!domain_seen[domain]) {
                domain_seen[domain] = true;
                rank[i] = 0;
            } else if (new_pair) {
                rank[i] = 1;
            }
            if (rank[i] < 2) ++firsts;
        }
        std::vector<std::pair<call_ref, std::uint32_t>> first_calls;
        first_calls.reserve(firsts);
        for (std::uint8_t pass = 0; pass < 2; ++pass) {
            for (std::size_t i = 0; i < size; ++i) {
                if (rank[i] == pass) first_calls.emplace_back(calls[begin + i], rows[begin + i]);
            }
        }
        // The rest keep their order at the back; going backwards, a slot is read before it is written.
        std::size_t back = size;
        for (std::size_t i = size; i-- > 0;) {
            if (rank[i] < 2) continue;
            --back;
            calls[begin + back] = calls[begin + i];
            rows[begin + back] = rows[begin + i];
        }
        for (std::size_t i = 0; i < first_calls.size(); ++i) {
            calls[begin + i] = first_calls[i].first;
            rows[begin + i] = first_calls[i].second;
        }
        begin += size;
    }
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

// What the journal got: a run whose journal failed must say exactly what the journal holds.
struct journal_account {
    std::string first_error;
    std::size_t results_journalled = 0;
    std::size_t results_not_journalled = 0;

    bool note(bool written, const journal_writer& journal) {
        if (!written && first_error.empty()) first_error = journal.error();
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

session_refusal refuse(std::string message, int code) { return {std::move(message), code, false}; }

// How often --metrics-file is written while the run goes on (node_exporter reads it at its scrapes).
constexpr std::chrono::seconds metrics_period{10};

}  // namespace

struct run_session::impl final : run_observer {
    plan the_plan;
    session_options options;
    report_info info;
    std::filesystem::path journal_path;
    std::optional<journal_writer> journal;
    journal_account journalled;
    // The journal's lines of one turn of the event loop go with one write (group_commit.hpp);
    // the results among them are the report's once written.
    std::optional<detail::group_commit> journal_commits;
    std::vector<std::pair<std::uint32_t, journal_position>> results_staged;  // row, line
    std::optional<request_signer> signer;
    net::io_context io;
    std::optional<api_client> client;
    std::vector<call_ref> calls;             // to send, in wave order
    std::vector<std::uint32_t> row_of_call;  // each call's row in the report (plan order)
    std::vector<std::size_t> calls_per_wave;
    std::optional<journalled_calls> report_calls;
    engine_settings settings;
    run_state state;
    std::optional<live::live_view> view;
    std::optional<live::server> live;
    std::string live_url;
    std::string metrics_error;  // the first time the metrics file could not be written
    std::optional<net::steady_timer> metrics_timer;
    bool finished = false;   // the engine's last call ended
    bool live_open = false;  // the live view serves (from run() until the run or its linger ends)
    std::optional<seeded_random> random;
    std::optional<engine> the_engine;
    engine* running = nullptr;
    bool stop_requested = false;
    run_observer* observer = nullptr;  // the caller's, during run()

    impl(plan p, session_options o) : the_plan(std::move(p)), options(std::move(o)) {}

    std::optional<session_refusal> prepare(const std::function<void(const std::string&)>& warn);

    // ---- the engine's events: counted, journalled, then told to the caller with the call's row
    void on_attempt_sent(std::size_t index, const attempt_record& attempt) override {
        state.on_attempt_sent(row_of_call[index], attempt);
        observer->on_attempt_sent(row_of_call[index], attempt);
    }
    void on_answer(std::size_t index, const classification& answer, std::chrono::milliseconds latency) override {
        state.on_answer(row_of_call[index], answer, latency);
        observer->on_answer(row_of_call[index], answer, latency);
    }
    void on_backoff(std::size_t index, std::chrono::milliseconds delay, bool throttled) override {
        state.on_backoff(row_of_call[index], delay, throttled);
        observer->on_backoff(row_of_call[index], delay, throttled);
    }
    void on_limiter_wait(std::chrono::steady_clock::duration waited) override {
        state.on_limiter_wait(waited);
        observer->on_limiter_wait(waited);
    }
    void on_pace(double allowed_per_second) override {
        state.on_pace(allowed_per_second);
        observer->on_pace(allowed_per_second);
    }
    void on_clock_offset(std::chrono::milliseconds service_ahead_by) override {
        info.clock_offset_ms = service_ahead_by.count();
        state.on_clock_offset(service_ahead_by);
        observer->on_clock_offset(service_ahead_by);
    }
    void on_finished(std::size_t index, const call_result& result) override {
        const std::uint32_t row = row_of_call[index];
        journal_position where;
        if (journal->stage(result, &where)) {
            results_staged.emplace_back(row, where);
            journal_commits->schedule();
        } else {
            (void)journalled.note_result(false, *journal);
            report_calls->set_in_memory(row, result);
        }
        state.on_finished(row, result);
        observer->on_finished(row, result);
    }

    // Writes the journal's staged lines: the results among them are the report's from the journal
    // then, or from memory when the write failed.
    bool commit_journal() {
        const bool written = journalled.note(journal->commit(), *journal);
        for (const auto& [row, where] : results_staged) {
            (void)journalled.note_result(written, *journal);
            if (written) {
                report_calls->set_journalled(row, where);
            } else {
                report_calls->set_in_memory(row, unwritten_result(where));
            }
        }
        results_staged.clear();
        return written;
    }

    // A result whose line the journal could not write, read back from that line (a full disk is
    // rare enough for the parse; keeping every result in memory until its write is not).
    [[nodiscard]] call_result unwritten_result(journal_position where) const {
        boost::system::error_code ec;
        const auto value = boost::json::parse(journal->unwritten(where), ec);
        std::string problem;
        auto result = ec ? std::nullopt : detail::call_from_json(value, problem);
        if (!result) throw std::logic_error("a journal line hotlive rendered does not read back: " + problem);
        return std::move(*result);
    }

    session_outcome run(run_observer& caller, const std::function<void()>& tick);
    void write_metrics();
    net::awaitable<void> write_metrics_every(std::chrono::seconds period);
    // Whether the live view shows the final state a while after the run (linger()).
    [[nodiscard]] bool lingers() const {
        return live && options.live_view->linger > std::chrono::milliseconds::zero() && !stop_requested;
    }
    void close_live_view();
};

std::optional<session_refusal> run_session::impl::prepare(const std::function<void(const std::string&)>& warn) {
    plan& p = the_plan;
    if (options.event_start) {
        if (p.schedule.waves.empty()) {
            return refuse("--event-start moves the plan's waves, and " + p.source + " has none (schedule.waves)",
                          exit_code::invalid_input);
        }
        // The whole schedule moves with the show: waves, not_before and deadline keep their places.
        auto& schedule = p.schedule;
        const auto shift = *options.event_start - schedule.event_start.value_or(*options.event_start);
        schedule.event_start = *options.event_start;
        if (schedule.not_before) *schedule.not_before += shift;
        if (schedule.deadline) *schedule.deadline += shift;
    }

    const std::string endpoint_url = options.endpoint.empty() ? p.endpoint : options.endpoint;
    const auto endpoint = detail::parse_endpoint(endpoint_url);
    if (!endpoint.value) return refuse("--endpoint: " + endpoint.error, exit_code::invalid_input);

    // What a resume reads, looked at before this run opens (and so creates) its own journal.
    std::optional<detail::resume_files> resumed;
    if (!options.resume.empty()) resumed = detail::files_to_resume(options.resume);
    const std::string report_path = options.report.string();
    journal_path = report_path + ".journal";
    const bool resume_in_place = resumed && (detail::same_file(resumed->journal, journal_path) ||
                                             detail::same_file(options.resume, options.report));
    if (auto problem = report_paths_problem(p, options.report, options.format, resumed); !problem.empty()) {
        return refuse(std::move(problem), exit_code::invalid_input);
    }
    if (!options.metrics_file.empty()) {
        if (auto problem = detail::destination_problem(options.metrics_file, "--metrics-file", {p.source});
            !problem.empty()) {
            return refuse(std::move(problem), exit_code::invalid_input);
        }
    }
    // The live view's address is taken now, so a port in use refuses the run before anything is
    // written; it accepts once the run starts.
    if (options.live_view) {
        view.emplace(state);
        live.emplace(io, *view, [] { return std::chrono::system_clock::now(); });
        try {
            live_url = live->open(options.live_view->host, options.live_view->port);
        } catch (const std::exception& error) {
            return refuse("the live view " + detail::message_of(error), exit_code::cannot_start);
        }
    }
    // Locked before the resume reads it (a resume in place reads this very journal) and before
    // anything is sent; emptied only when the run is about to start.
    journal.emplace(journal_path);
    if (!journal->ok()) {
        return refuse(journal->locked_by_another()
                          ? "another hotlive run is writing the report " + report_path + " (its journal " +
                                journal_path.string() +
                                " is locked): wait for it to end, or give this run another --report"
                          : journal->error() + "; nothing was sent",
                      exit_code::invalid_input);
    }

    // ---- credentials, before anything is read or sent: the account is part of what a resume checks
    const auto creds = options.credentials();
    for (const auto& w : creds.warnings) warn(w);
    // Keys given as they are (a value without a mode) are long-lived keys too.
    if (!creds.mode && !creds.value) return refuse(creds.error, exit_code::cannot_start);
    std::optional<credentials> keys = creds.value;
    std::optional<std::chrono::system_clock::time_point> keys_expire;
    std::shared_ptr<credential_fetcher> fetcher;
    if (creds.mode && is_fetched(*creds.mode)) {
        // Temporary credentials: the first fetch now, before anything is written or sent; the
        // engine fetches them again as they near their Expiration.
        credential_fetch_settings fetching;
        fetching.ca_file = options.ca_file;
        fetching.egress = options.egress;
        fetcher = make_fetcher(creds, io.get_executor(), fetching);
        std::optional<credential_fetch_result> fetched;
        net::co_spawn(io, fetcher->fetch(), [&](const std::exception_ptr& fault, credential_fetch_result result) {
            if (!fault) fetched = std::move(result);
        });
        io.run();
        io.restart();
        if (!fetched)
            return refuse("fetching the credentials failed (" + fetcher->describe() + ")", exit_code::cannot_start);
        if (const auto* failed = std::get_if<credential_fetch_failure>(&*fetched)) {
            std::string message = failed->message;
            if (creds.source.origin == credential_origin::instance_metadata) {
                // The chain's last guess: nothing was configured at all.
                std::string looked;
                for (const auto& step : creds.steps) looked += (looked.empty() ? "" : "; ") + step;
                message = "no credentials found; looked at: " + looked + "; " + message;
            } else {
                message += failed->refused ? " (refused)" : " (may be temporary; try again)";
            }
            return refuse(message + "; nothing was sent", exit_code::cannot_start);
        }
        auto& got = std::get<expiring_credentials>(*fetched);
        keys = std::move(got.value);
        keys_expire = got.expiration;
    }

    // ---- the connection, the last check before a journal is touched
    const auto& e = *endpoint.value;
    client_config client_settings;
    client_settings.tls = e.tls;
    client_settings.host = e.host;
    client_settings.port = e.port;
    client_settings.ca_file = options.ca_file;
    client_settings.connect_timeout = p.timeouts.connect;
    client_settings.request_timeout = p.timeouts.request;
    client_settings.max_idle_connections = options.concurrency.value_or(p.limits.concurrency);
    if (const proxy_server* proxy = options.egress.proxy_for(e.tls, e.host)) client_settings.proxy = *proxy;
    try {
        client.emplace(io.get_executor(), client_settings);
    } catch (const std::exception& error) {
        return refuse(detail::message_of(error), exit_code::cannot_start);
    }

    // ---- which calls this run makes: its share of the plan (the report's rows), less what is warm
    const shard_share shard = options.shard;
    std::vector<call_ref> share = expand(p);
    info.plan_digest = calls_digest(p, share);  // every call, before the shard's are picked
    if (shard.count > 1) {
        std::erase_if(share, [&](call_ref c) { return shard_of(call_key(p, c), shard.count) != shard.index; });
    }
    info.calls_digest = shard.count > 1 ? calls_digest(p, share) : info.plan_digest;
    info.plan = p.name;
    info.source = p.source;
    info.endpoint = endpoint_url;
    info.shard = shard;
    // Temporary keys change at every fetch: the account of a run on them is the role (or the
    // source) they come from, which a resume finds again.
    info.account = account_fingerprint(!fetcher                  ? keys->access_key_id
                                       : !creds.role_arn.empty() ? creds.role_arn
                                                                 : creds.source.description);
    info.last_run_started_at = std::chrono::system_clock::now();
    info.started_at = info.last_run_started_at;

    std::optional<detail::earlier_run> earlier;
    if (!options.resume.empty()) {
        const detail::run_identity self{p.name, endpoint_url, info.account, shard, options.resume_other_plan};
        earlier = detail::read_earlier_run(options.resume, *resumed, p, share, self, *journal, resume_in_place,
                                           options.interrupted);
        if (earlier->interrupted) return session_refusal{"reading " + options.resume, exit_code::interrupted, true};
        for (const auto& w : earlier->warnings) warn(w);
        if (!earlier->error.empty()) {
            return refuse(earlier->error, earlier->io_failure ? exit_code::io_error : exit_code::invalid_input);
        }
        if (earlier->first_started_at && *earlier->first_started_at < *info.started_at) {
            info.started_at = earlier->first_started_at;
        }
    }
    // A fresh run starts a fresh journal (a resume has emptied it or appends to it), then says who runs.
    if ((!earlier && !journal->start_fresh()) || !journal->append_run(info)) {
        return refuse(journal->error() + " (" + journal_path.string() + "); nothing was sent", exit_code::io_error);
    }

    run_outline outline = outline_grid(p, share);
    outline.plan = p.name;
    outline.shard = shard;
    outline.version = options.version;
    state.set_outline(std::move(outline));

    // The report is read back from the journal when the run ends: a warm call's result is there already.
    report_calls.emplace(journal_path, share.size());
    if (!earlier) {
        // Every call of the share goes, in row order: the share becomes the list (a million calls
        // are 8 MB, not held twice).
        row_of_call.resize(share.size());
        std::iota(row_of_call.begin(), row_of_call.end(), std::uint32_t{0});
        calls = std::move(share);
    } else {
        for (std::uint32_t row = 0; row < share.size(); ++row) {
            if (earlier->calls[row].what == detail::earlier_call::kind::warm) {
                report_calls->set_journalled(row, earlier->calls[row].in_journal);
                call_result warm;
                warm.status = call_status::succeeded;
                warm.attempts = earlier->calls[row].attempts;
                warm.run_attempts = earlier->calls[row].run_attempts;
                warm.throttled_attempts = earlier->calls[row].throttled_attempts;
                state.carry_over(row, warm);
                continue;
            }
            row_of_call.push_back(row);
            calls.push_back(share[row]);
        }
        share = {};
    }
    if (!options.ignore_schedule) calls_per_wave = order_by_wave(p, calls, row_of_call);
    if (!options.keep_going) order_to_find_out_early(p, calls, row_of_call, calls_per_wave);
    state.set_calls_to_send(calls.size());

    const bool default_port = e.port == (e.tls ? "443" : "80");
    const std::string host_header =
        default_port ? e.host : (e.host.find(':') != std::string::npos ? "[" + e.host + "]" : e.host) + ":" + e.port;
    signer.emplace(*keys, host_header, options.signature);
    if (fetcher) settings.renewal = credential_renewal{fetcher, keys_expire, host_header, options.signature};

    if (earlier) {
        // What the earlier runs did, by this run's call index (calls are in wave order now).
        std::unordered_map<std::uint32_t, attempt_record> in_doubt;
        for (auto& [row, attempt] : earlier->in_doubt) in_doubt.emplace(row, std::move(attempt));
        for (std::size_t i = 0; i < calls.size(); ++i) {
            const detail::earlier_call& before = earlier->calls[row_of_call[i]];
            if (before.attempts > 0) {
                std::optional<wall_time> first;
                if (before.first_attempt_ms >= 0) first = wall_time{std::chrono::milliseconds{before.first_attempt_ms}};
                settings.earlier.push_back({i, before.attempts, first});
            }
            if (const auto found = in_doubt.find(row_of_call[i]); found != in_doubt.end()) {
                settings.replays.push_back({i, std::move(found->second.nonce), found->second.timestamp});
            }
        }
    }
    settings.limits = p.limits;
    if (shard.count > 1 && !options.rate && p.limits.rate > 0) {
        // The quota is the account's: N shards share it. Rounded down, never above it. (0: no limit.)
        settings.limits.rate = std::max<std::uint32_t>(1, p.limits.rate / shard.count);
    }
    if (options.rate) settings.limits.rate = *options.rate;
    if (options.concurrency) settings.limits.concurrency = *options.concurrency;
    if (options.adaptive) settings.limits.adaptive = *options.adaptive;
    settings.retry = p.retry;
    settings.scoped_refusals = !options.keep_going;
    if (!options.ignore_schedule) {
        if (p.schedule.not_before) settings.not_before = *p.schedule.not_before;
        if (p.schedule.deadline) settings.deadline = *p.schedule.deadline;
        settings.wave_starts = wave_start_times(p, calls_per_wave);
    }
    // Each attempt is journalled before it is sent (and when answered without warming, if the call
    // goes on), so that --resume can ask the service about the calls a crash left in doubt. An
    // attempt that cannot be journalled is not sent: the engine stops there.
    // The lines of one turn of the event loop are written together, the attempts' before any of
    // them is sent; an answer's line goes with the next attempt's at the latest.
    journal_commits.emplace(io.get_executor(), [this] { return commit_journal(); });
    settings.on_attempt = [this](std::size_t, const attempt_record& attempt) {
        return journalled.note(journal->stage_attempt(attempt), *journal);
    };
    settings.attempts_written = [this] { return journal_commits->written(); };
    settings.on_answered = [this](std::size_t, const attempt_record& attempt) {
        const bool staged = journal->stage_answered(attempt);
        if (staged) journal_commits->schedule();
        return journalled.note(staged, *journal);
    };

    // What the live view shows of the schedule: each wave with calls, from when its first call may go.
    std::vector<wave_outline> waves;
    std::size_t first_call = 0;
    for (std::size_t wave = 0; wave < calls_per_wave.size(); ++wave) {
        if (calls_per_wave[wave] == 0) continue;
        waves.push_back({p.schedule.waves[wave].name,
                         start_of_call(settings, first_call).value_or(wall_time{wave_start(p, wave)}),
                         calls_per_wave[wave]});
        first_call += calls_per_wave[wave];
    }
    state.set_schedule(settings.limits.rate, std::move(waves));
    return std::nullopt;
}

void run_session::impl::write_metrics() {
    if (options.metrics_file.empty()) return;
    if (auto error = write_file_atomically(options.metrics_file, live::metrics_text(state));
        error && metrics_error.empty()) {
        metrics_error = *error;
    }
}

net::awaitable<void> run_session::impl::write_metrics_every(std::chrono::seconds period) {
    while (!finished) {
        metrics_timer->expires_after(period);
        co_await metrics_timer->async_wait(net::as_tuple(net::use_awaitable));
        if (!finished) write_metrics();
    }
}

void run_session::impl::close_live_view() {
    if (!live_open) return;
    live_open = false;
    live->stop();
    io.restart();
    io.run();  // the connections' last steps, and whatever the run left
}

session_outcome run_session::impl::run(run_observer& caller, const std::function<void()>& tick) {
    observer = &caller;
    if (options.random_seed) {
        random.emplace(*options.random_seed);
    } else {
        random.emplace();
    }
    // Kept beyond run(): while the live view lingers, the engine's last handlers may still be queued.
    engine& run = the_engine.emplace(the_plan, *signer, *client, settings, *random);
    running = &run;
    if (stop_requested) run.stop();
    tick();  // one that came while the run was prepared: no attempt at all
    state.set_started(std::chrono::system_clock::now());
    write_metrics();
    if (live) {
        live->start();
        live_open = true;
    }
    if (!options.metrics_file.empty()) {
        metrics_timer.emplace(io);
        net::co_spawn(io, write_metrics_every(metrics_period), net::detached);
    }
    net::co_spawn(
        io,
        [&]() -> net::awaitable<void> {
            co_await run.run(calls, *this);
            (void)journal_commits->flush_now();  // the last results, before the report reads them
            finished = true;
            client->shutdown();
            state.set_ended(std::chrono::system_clock::now());
            write_metrics();
            if (metrics_timer) metrics_timer->cancel();
            if (!lingers() && live) {
                live->stop();
                live_open = false;
            }
        },
        [](const std::exception_ptr& error) {
            if (error) std::rethrow_exception(error);
        });
    net::co_spawn(
        io,
        [&]() -> net::awaitable<void> {
            net::steady_timer timer(co_await net::this_coro::executor);
            while (!finished) {
                tick();
                timer.expires_after(std::chrono::milliseconds{200});
                co_await timer.async_wait(net::use_awaitable);
            }
        },
        net::detached);
    // Until the last call ended; the live view may go on serving (linger()), else the rest drains.
    while (!finished && io.run_one() > 0) {
    }
    if (!live_open) io.run();
    tick();  // one that came as the last call ended
    running = nullptr;
    info.finished_at = std::chrono::system_clock::now();
    info.pace = run.pace();

    // ---- the report: the calls of this share, in plan order
    session_outcome outcome;
    outcome.connections_opened = client->connections_opened();
    outcome.condemned = run.condemned();
    outcome.pace = *info.pace;
    if (!metrics_error.empty()) outcome.warnings.push_back("the metrics file could not be written: " + metrics_error);
    const std::string report_path = options.report.string();
    const report_view written{info, state.totals(), *report_calls};
    auto error = write_report(options.report, written, options.format);
    if (!error && options.format != report_format::json) {
        error = write_report(json_copy_of(options.report), written, report_format::json);
    }
    outcome.report_written = !error;
    if (const auto fault = run.failure()) {
        outcome.errors.push_back(
            "hotlive failed while it ran a call (" + *fault +
            "), so the run stopped; that call is failed with code internal_error, and --resume sends it again "
            "(asking the service first if its attempt may have gone out)");
    }
    if (!journalled.first_error.empty()) {
        outcome.errors.push_back(journalled.what_it_holds(journal_path.string(), report_path, error));
        outcome.exit_code = exit_code::io_error;
        return outcome;
    }
    if (error) {
        outcome.errors.push_back("cannot write the report: " + *error + " (the journal " + journal_path.string() +
                                 " has every result)");
        outcome.exit_code = exit_code::io_error;
        return outcome;
    }
    const auto& totals = state.totals();
    // The credentials refused: nothing of the run could warm, and the fix is the operator's.
    const bool credentials_refused =
        !outcome.condemned.empty() && outcome.condemned.front().scope == refusal_scope::account;
    outcome.exit_code = credentials_refused                ? exit_code::cannot_start
                        : stop_requested                   ? exit_code::interrupted
                        : totals.succeeded == totals.calls ? exit_code::success
                                                           : exit_code::some_failed;
    return outcome;
}

run_session::run_session(plan p, session_options options)
    : impl_(std::make_unique<impl>(std::move(p), std::move(options))) {}

run_session::~run_session() { impl_->close_live_view(); }

void run_session::linger(const std::function<bool()>& interrupted) {
    auto& s = *impl_;
    if (!s.live_open) return;
    const auto end = std::chrono::steady_clock::now() + s.options.live_view->linger;
    while (std::chrono::steady_clock::now() < end && !interrupted()) {
        s.io.run_one_for(std::chrono::milliseconds{200});
    }
    s.close_live_view();
}

std::optional<session_refusal> run_session::prepare(const std::function<void(const std::string&)>& warn) {
    return impl_->prepare(warn);
}

const plan& run_session::the_plan() const { return impl_->the_plan; }
const report_info& run_session::info() const { return impl_->info; }
std::size_t run_session::calls_to_send() const { return impl_->calls.size(); }
std::span<const std::size_t> run_session::calls_per_wave() const { return impl_->calls_per_wave; }
const engine_settings& run_session::settings() const { return impl_->settings; }
const run_state& run_session::state() const { return impl_->state; }
const std::filesystem::path& run_session::journal_path() const { return impl_->journal_path; }
const std::string& run_session::live_view_url() const { return impl_->live_url; }
const std::string& run_session::journal_error() const { return impl_->journalled.first_error; }

session_outcome run_session::run(run_observer& observer, const std::function<void()>& tick) {
    return impl_->run(observer, tick);
}

void run_session::stop() {
    impl_->stop_requested = true;
    if (impl_->running != nullptr) impl_->running->stop();
}

bool run_session::stopped() const { return impl_->stop_requested; }

}  // namespace hotlive
