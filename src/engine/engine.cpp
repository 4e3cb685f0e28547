#include <hotlive/engine.hpp>

#include <hotlive/rate_limiter.hpp>
#include <hotlive/run_identity.hpp>
#include <hotlive/send_window.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <array>
#include <string>
#include <utility>
#include <vector>

namespace hotlive {
namespace {

namespace net = boost::asio;
using namespace net::experimental::awaitable_operators;
using std::chrono::steady_clock;
using std::chrono::system_clock;

constexpr auto as_values = net::as_tuple(net::use_awaitable);
constexpr std::string_view action = "HotLiveRtcStream";
constexpr std::string_view api_version = "2016-11-01";

// The service remembers a SignatureNonce for 15 minutes; a replay any older might not be
// recognised, so it goes out as a fresh attempt (a minute is kept in hand for clocks and queues).
constexpr std::chrono::minutes replay_window{14};

// Whether the answer to a replayed attempt says the service knew its nonce: the attempt of the
// interrupted run reached it.
bool nonce_was_used(const attempt_outcome& outcome, const classification& c) {
    return outcome.error == transport_error::none && outcome.http_status == 400 && c.code == "SignatureNonceUsed";
}

// The API parameters of one call, viewing the plan's strings; the timeouts are formatted here.
struct call_parameters {
    std::string connection_timeout;
    std::string media_timeout;
    std::array<query_parameter, 8> items;
    std::size_t count = 0;

    call_parameters(const stream_target& t, const region& r) {
        const auto add = [&](std::string_view name, std::string_view value) { items[count++] = {name, value}; };
        add("DomainName", t.domain);
        add("AppName", t.app);
        add("StreamName", t.stream);
        add("RegionCode", r.code);
        add("AudioMsid", t.audio_msid);
        add("VideoMsid", t.video_msid);
        if (t.connection_timeout_ms) {
            connection_timeout = std::to_string(*t.connection_timeout_ms);
            add("ConnectionTimeout", connection_timeout);
        }
        if (t.media_timeout_ms) {
            media_timeout = std::to_string(*t.media_timeout_ms);
            add("MediaTimeout", media_timeout);
        }
    }
    call_parameters(const call_parameters&) = delete;
    call_parameters& operator=(const call_parameters&) = delete;
    ~call_parameters() = default;

    [[nodiscard]] std::span<const query_parameter> view() const { return {items.data(), count}; }
};

}  // namespace

call_result describe_call(const plan& p, call_ref call) {
    const stream_target& t = p.streams.at(call.target);
    call_result r;
    r.key = call_key(p, call);
    r.domain = t.domain;
    r.app = t.app;
    r.stream = t.stream;
    r.region = std::string(region_at(call.region).code);
    r.parameters_digest = parameters_digest(p, call);
    return r;
}

struct engine::impl {
    const plan& the_plan;
    const request_signer& signer;
    api_client& client;
    engine_settings settings;
    random_source& random;
    rate_limiter limiter;
    send_window sent;
    retry_budget budget;
    system_clock::duration clock_offset{0};  // learned from the server's Date when it rejects our time
    bool stopping = false;
    // Why: "stopped" (stop(), an interrupt) or "journal_failed" (an attempt could not be recorded).
    std::string_view stop_code = "stopped";
    std::optional<std::string> failure;            // the first fault of hotlive's own, if any
    std::optional<net::steady_timer> stop_signal;  // never expires; stop() cancels it, waking every wait

    std::span<const call_ref> calls;
    std::size_t next_call = 0;
    std::vector<std::pair<system_clock::time_point, steady_clock::time_point>> starts_in_steady;  // per wave
    call_finished_handler on_finished;

    impl(const plan& p, const request_signer& s, api_client& c, engine_settings st, random_source& r)
        : the_plan(p),
          signer(s),
          client(c),
          settings(std::move(st)),
          random(r),
          limiter(settings.limits.rate, settings.limits.burst, steady_clock::now()),
          sent(send_window::for_rate(settings.limits.rate, settings.limits.burst)) {}

    // Sleeps until `when`; false when stop() cut the sleep short.
    net::awaitable<bool> sleep_until(steady_clock::time_point when) {
        if (stopping) co_return false;
        if (when <= steady_clock::now()) co_return true;
        net::steady_timer timer(co_await net::this_coro::executor, when);
        co_await (timer.async_wait(as_values) || stop_signal->async_wait(as_values));
        co_return !stopping;
    }

    [[nodiscard]] bool past_deadline(system_clock::time_point at) const {
        return settings.deadline && at >= *settings.deadline;
    }

    void finish(std::size_t index, call_result& r, call_status status) const {
        r.status = status;
        r.run_attempts = r.attempts;
        const auto& earlier = settings.earlier;
        if (const auto found = std::lower_bound(earlier.begin(), earlier.end(), index,
                                                [](const earlier_attempts& e, std::size_t i) { return e.call < i; });
            found != earlier.end() && found->call == index) {
            r.attempts += found->attempts;
            if (found->first_attempt_at) r.first_attempt_at = found->first_attempt_at;
        }
        r.finished_at = system_clock::now();
        if (on_finished) on_finished(index, r);
    }

    // Ends a call that will not be attempted again, without an answer to show for it.
    void give_up(std::size_t index, call_result& r, std::string_view code, std::string message) const {
        if (r.attempts == 0) {
            r.code = std::string(code);
            r.message = std::move(message);
            finish(index, r, call_status::not_started);
            return;
        }
        // Keep the last answer's code beside the reason the retries stopped.
        r.message = std::string(code) + (r.code ? " after " + *r.code : std::string()) + ": " + message;
        r.code = std::string(code);
        finish(index, r, code == stop_code ? call_status::cancelled : call_status::failed);
    }

    // Ends a call the run's stop kept from its next attempt (`when`: "before this attempt", …).
    void stopped(std::size_t index, call_result& r, std::string_view when) const {
        give_up(index, r, stop_code,
                std::string(stop_code == "stopped" ? "the run was interrupted " : "the journal could not be written, ")
                    .append(when));
    }

    void stop(std::string_view code) {
        // A journal that fails during an interrupt is what the calls stopped from then on met.
        if (!stopping || code == "journal_failed") stop_code = code;
        stopping = true;
        if (stop_signal) stop_signal->cancel();
    }

    // A new attempt: a fresh nonce, the time now plus any skew learned from the server.
    [[nodiscard]] attempt_record fresh_attempt(const call_result& r) const {
        return {r.key, r.attempts + 1, make_nonce(),
                std::chrono::floor<std::chrono::seconds>(system_clock::now() + clock_offset)};
    }

    // The first attempt of a call in doubt (see replayed_attempt): the interrupted run's own nonce
    // and timestamp, while the service still remembers them.
    [[nodiscard]] std::optional<attempt_record> replay_of(std::size_t index, const call_result& r) const {
        const auto& replays = settings.replays;
        const auto found = std::lower_bound(replays.begin(), replays.end(), index,
                                            [](const replayed_attempt& a, std::size_t i) { return a.call < i; });
        if (found == replays.end() || found->call != index) return std::nullopt;
        if (system_clock::now() - found->timestamp >= replay_window) return std::nullopt;
        return attempt_record{r.key, 1, found->nonce, found->timestamp};
    }

    // The service had seen the replay's nonce: the interrupted run's attempt reached it, and only
    // its answer was lost. No new attempt: that one is taken to have warmed the stream.
    void finish_delivered_before(std::size_t index, call_result& r) {
        r.http_status = 0;  // the answer that counts was never received
        r.code.reset();
        r.request_id.reset();
        r.message =
            "the attempt sent before the run was interrupted reached the service (it recognised the nonce); its "
            "answer was lost";
        ++r.ambiguous_attempts;
        budget.on_success();
        finish(index, r, call_status::succeeded);
    }

    net::awaitable<void> run_call(std::size_t index) {
        const call_ref call = calls[index];
        // Held only while the call is in flight: a million-call run keeps `concurrency` of them.
        call_result r = describe_call(the_plan, call);
        const call_parameters parameters(the_plan.streams[call.target], region_at(call.region));
        api_call api{action, api_version, parameters.view(), std::nullopt};
        std::uint32_t retries = 0;

        for (;;) {
            if (stopping) co_return stopped(index, r, "before this attempt");
            if (past_deadline(system_clock::now())) {
                co_return give_up(index, r, "deadline", "the schedule's deadline passed before this attempt");
            }
            const bool slot_came = co_await wait_for_slot();
            if (!slot_came) co_return stopped(index, r, "before this attempt");
            if (past_deadline(system_clock::now())) {
                co_return give_up(index, r, "deadline", "the schedule's deadline passed before this attempt");
            }

            // Signed afresh every attempt (new nonce, new timestamp), but for the replay of a call in doubt.
            const std::optional<attempt_record> replay = r.attempts == 0 ? replay_of(index, r) : std::nullopt;
            const attempt_record attempt = replay ? *replay : fresh_attempt(r);
            // Journalled before it goes, so that a crash cannot hide a delivered attempt; one that
            // cannot be journalled is not sent, nor is anything after it.
            if (settings.on_attempt && !settings.on_attempt(index, attempt)) {
                stop("journal_failed");
                co_return stopped(index, r, "so this attempt was not sent");
            }
            const signed_request request = signer.sign(api, settings.shape, attempt.timestamp, attempt.nonce);
            if (r.attempts == 0) r.first_attempt_at = system_clock::now();
            ++r.attempts;
            attempt_timing timing;
            const attempt_outcome outcome = co_await client.send(request, &timing);
            const classification c = classify(outcome, system_clock::now());
            r.latency_ms = static_cast<std::uint64_t>(timing.latency.count());
            if (replay && nonce_was_used(outcome, c)) co_return finish_delivered_before(index, r);

            r.http_status = outcome.http_status;
            r.code = c.code.empty() ? std::nullopt : std::optional<std::string>(c.code);
            r.message = c.message.empty() ? std::nullopt : std::optional<std::string>(c.message);
            r.request_id = c.request_id.empty() ? std::nullopt : std::optional<std::string>(c.request_id);
            if (c.ambiguous) ++r.ambiguous_attempts;

            if (c.what == verdict::success) {
                budget.on_success();
                co_return finish(index, r, call_status::succeeded);
            }
            if (c.what == verdict::fail || r.attempts >= settings.retry.max_attempts) {
                co_return finish(index, r, call_status::failed);
            }
            // Answered and not warm: the call goes on, and this attempt is no longer in doubt.
            if (!c.ambiguous && settings.on_answered && !settings.on_answered(index, attempt)) {
                stop("journal_failed");
                co_return stopped(index, r, "so no further attempt was sent");
            }
            if (c.what == verdict::retry_now) {
                clock_offset = *c.clock_skew;  // the next attempt carries the server's time
                if (settings.on_clock_offset) {
                    settings.on_clock_offset(std::chrono::duration_cast<std::chrono::milliseconds>(clock_offset));
                }
                api.retry = retry_announcement{r.attempts, 0};
                continue;
            }
            budget.on_retryable_failure();
            if (!budget.allows_retry()) {
                co_return give_up(index, r, "retry_budget_exhausted",
                                  "too many failures across the run to retry now; --resume sends it again");
            }
            ++retries;
            const auto delay =
                backoff_delay(settings.retry, retries, c.what == verdict::retry_throttled, outcome.retry_after, random);
            if (past_deadline(system_clock::now() + delay)) {
                co_return give_up(index, r, "deadline", "the next retry would start after the schedule's deadline");
            }
            const bool backoff_ended = co_await sleep_until(steady_clock::now() + delay);
            if (!backoff_ended) co_return stopped(index, r, "while waiting to retry");
            api.retry = retry_announcement{r.attempts, static_cast<std::uint64_t>(delay.count())};
        }
    }

    // Waits for a slot of the rate limiter, then for the send window: a worker that woke late for
    // its slot goes out as soon as the wire's last second allows, not at once. The window is
    // looked at again after each sleep: another worker may have taken the opening meanwhile.
    net::awaitable<bool> wait_for_slot() {
        // GCC 12 miscompiles a co_await inside an if condition: results are named first.
        const bool slot_came = co_await sleep_until(limiter.reserve(steady_clock::now()));
        if (!slot_came) co_return false;
        for (auto opens = sent.earliest(steady_clock::now()); opens > steady_clock::now();
             opens = sent.earliest(steady_clock::now())) {
            const bool woke = co_await sleep_until(opens);
            if (!woke) co_return false;
        }
        sent.record(steady_clock::now());
        co_return true;
    }

    // When the call at `index` wakes for its start `at` (wall-clock, as the schedule's times are;
    // timers are steady). A start is converted once, so the calls of a wave share one instant,
    // and call i wakes i nanoseconds after it: timers due at the same instant fire in no set
    // order, and the first to wake books the first limiter slot, so this keeps the wire in plan
    // order (a million-call wave spreads over a millisecond).
    steady_clock::time_point wake_time(system_clock::time_point at, std::size_t index) {
        auto known = std::find_if(starts_in_steady.begin(), starts_in_steady.end(),
                                  [&](const auto& start) { return start.first == at; });
        if (known == starts_in_steady.end()) {
            const auto wait = std::chrono::duration_cast<steady_clock::duration>(at - system_clock::now());
            known = starts_in_steady.emplace(starts_in_steady.end(), at, steady_clock::now() + wait);
        }
        return known->second + std::chrono::nanoseconds{index};
    }

    // The call at `index` failed with an exception of hotlive's own: it ends failed with code
    // "internal_error" (its attempt may have been sent: the journal says so, and --resume asks),
    // and the run stops.
    void end_with_fault(std::size_t index, const std::exception_ptr& fault) {
        std::string what = "unknown exception";
        try {
            std::rethrow_exception(fault);
        } catch (const std::exception& e) {
            what = e.what();
        } catch (...) {
            // Not a std::exception: `what` says so.
        }
        if (!failure) failure = what;
        stop("stopped");
        call_result r = describe_call(the_plan, calls[index]);
        r.code = "internal_error";
        r.message = "hotlive failed while it ran this call (" + what + "); the run stopped";
        try {
            finish(index, r, call_status::failed);
        } catch (...) {
            // The handler that threw once throws again: this call goes unreported, the run stops.
        }
    }

    // Workers take the calls in order; a worker that takes a later wave's first call waits for
    // that wave while the others finish the current one.
    net::awaitable<void> worker() {
        while (next_call < calls.size() && !stopping) {
            const std::size_t index = next_call++;
            if (const auto start = start_of_call(settings, index); start && *start > system_clock::now()) {
                const bool started = co_await sleep_until(wake_time(*start, index));
                if (!started) {
                    call_result r = describe_call(the_plan, calls[index]);
                    stopped(index, r, "before this attempt");
                    continue;
                }
            }
            // A fault of hotlive's own (a handler that throws, memory) ends this call and stops
            // the run, instead of leaving the call unreported and the other workers running on.
            std::exception_ptr fault;
            try {
                co_await run_call(index);
            } catch (...) {
                fault = std::current_exception();
            }
            if (fault) end_with_fault(index, fault);
        }
        // Stopped: the calls nobody took end as not started.
        while (next_call < calls.size()) {
            const std::size_t index = next_call++;
            call_result r = describe_call(the_plan, calls[index]);
            stopped(index, r, "before this attempt");
        }
    }
};

engine::engine(const plan& p, const request_signer& signer, api_client& client, engine_settings settings,
               random_source& random)
    : impl_(std::make_unique<impl>(p, signer, client, std::move(settings), random)) {}

engine::~engine() = default;

std::optional<system_clock::time_point> start_of_call(const engine_settings& settings, std::size_t index) {
    const auto& waves = settings.wave_starts;
    const auto after = std::upper_bound(waves.begin(), waves.end(), index,
                                        [](std::size_t i, const wave_start_time& w) { return i < w.first_call; });
    if (after == waves.begin()) return settings.not_before;
    const auto wave = std::prev(after)->at;
    return settings.not_before ? std::max(wave, *settings.not_before) : wave;
}

boost::asio::awaitable<void> engine::run(std::span<const call_ref> calls, call_finished_handler on_finished) {
    auto& s = *impl_;
    const auto executor = co_await net::this_coro::executor;
    s.stop_signal.emplace(executor, steady_clock::time_point::max());
    s.calls = calls;
    s.on_finished = std::move(on_finished);
    s.next_call = 0;

    // One coroutine per worker, joined here: run() returns only once the last has ended, so the
    // workers never outlive what they use. A cancellation of run() (`co_await (run(…) || timer)`)
    // stops the run (no new attempt) and still waits for the attempts in flight, each bounded by
    // its request timeout; it is answered, not thrown.
    co_await net::this_coro::throw_if_cancelled(false);
    const std::size_t workers = std::min<std::size_t>(s.settings.limits.concurrency, calls.size());
    std::size_t running = workers;
    net::steady_timer all_done(executor, steady_clock::time_point::max());
    for (std::size_t i = 0; i < workers; ++i) {
        net::co_spawn(executor, s.worker(), [&](const std::exception_ptr&) {
            // worker() lets no exception out (see there): only its end is news here.
            if (--running == 0) all_done.cancel();
        });
    }
    while (running > 0) {
        co_await all_done.async_wait(as_values);
        if (running > 0) s.stop("stopped");  // woken by a cancellation of run(), not by the last worker
    }
}

std::optional<std::string> engine::failure() const { return impl_->failure; }

void engine::stop() { impl_->stop("stopped"); }

bool engine::stopping() const { return impl_->stopping; }

}  // namespace hotlive
