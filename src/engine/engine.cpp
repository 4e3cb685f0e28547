#include <hotlive/engine.hpp>

#include "engine/adaptive_rate.hpp"
#include "engine/call_fsm.hpp"
#include "engine/credential_refresh.hpp"
#include "engine/turn_queue.hpp"

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
#include <cmath>
#include <stdexcept>
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
constexpr std::string_view action_name = "HotLiveRtcStream";
constexpr std::string_view api_version = "2016-11-01";

// The API parameters of one call, viewing the plan's strings; the timeouts are formatted here.
struct call_parameters {
    std::string connection_timeout;
    std::string media_timeout;
    std::array<query_parameter, 8> items;
    std::size_t count = 0;

    call_parameters(const stream_target& t, const region& r) {
        const auto add = [&](std::string_view name, std::string_view value) {
            // Six parameters and two optional ones: a ninth is a bug here, not a plan's doing.
            if (count == items.size()) throw std::length_error("HotLiveRtcStream takes at most 8 parameters");
            items[count++] = {name, value};
        };
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
    const request_signer& first_signer;
    std::optional<request_signer> renewed_signer;  // the credentials fetched last, once fetched
    const request_signer* signer = &first_signer;  // the one attempts are signed with now
    detail::credential_refresh refresh;
    api_client& client;
    engine_settings settings;
    detail::call_rules rules;
    detail::scope_registry scopes;
    rate_limiter limiter;
    std::optional<detail::adaptive_rate> pace;  // none: the fixed rate of limits.rate
    double pace_told = 0;                       // the pace the observer was last told
    detail::turn_queue turns;
    send_window sent;
    std::optional<std::string> failure;            // the first fault of hotlive's own, if any
    std::optional<net::steady_timer> stop_signal;  // never expires; stop() cancels it, waking every wait
    // With scoped refusals, the fan-out waits for the run's first answer (or its first call's end).
    bool first_answer_seen = false;
    std::optional<net::steady_timer> first_answer;  // never expires; cancelled then
    // Never expire: the first is cancelled to fetch credentials at once (or at the run's end), the
    // second when fresh ones arrive, waking the workers that wait for them.
    std::optional<net::steady_timer> fetch_now;
    std::optional<net::steady_timer> credentials_came;
    bool workers_done = false;

    std::span<const call_ref> calls;
    std::size_t next_call = 0;
    std::vector<std::pair<system_clock::time_point, steady_clock::time_point>> starts_in_steady;  // per wave
    run_observer* observer = nullptr;

    impl(const plan& p, const request_signer& s, api_client& c, engine_settings st, random_source& r)
        : the_plan(p),
          first_signer(s),
          client(c),
          settings(std::move(st)),
          limiter(settings.limits.rate, settings.limits.burst, steady_clock::now()),
          sent(send_window::for_rate(settings.limits.rate, settings.limits.burst)) {
        rules.retry = settings.retry;
        rules.deadline = settings.deadline;
        rules.replays = settings.replays;
        rules.earlier = settings.earlier;
        rules.random = &r;
        rules.new_nonce = make_nonce;
        if (settings.scoped_refusals) rules.scopes = &scopes;
        rules.pace_adapts = settings.limits.adaptive;
        if (settings.limits.adaptive) pace.emplace(settings.limits.rate, steady_clock::now());
        pace_told = settings.limits.rate;
        rules.credentials_renew = settings.renewal.has_value();
        (void)refresh.on_fetched(settings.renewal ? settings.renewal->expiration : std::nullopt, system_clock::now());
    }

    // Sleeps until `when`; false when stop() cut the sleep short.
    net::awaitable<bool> sleep_until(steady_clock::time_point when) {
        if (rules.stop.requested) co_return false;
        if (when <= steady_clock::now()) co_return true;
        net::steady_timer timer(co_await net::this_coro::executor, when);
        co_await (timer.async_wait(as_values) || stop_signal->async_wait(as_values));
        co_return !rules.stop.requested;
    }

    void stop(std::string_view code) {
        rules.stop.request(code);
        if (stop_signal) stop_signal->cancel();
    }

    void open_fan_out() {
        if (first_answer_seen) return;
        first_answer_seen = true;
        if (first_answer) first_answer->cancel();
    }

    // Until the run's first answer a call goes alone, so that a refusal of the account (or of
    // the first call's scope) is learnt before the fan-out spends the quota on it. False when
    // the run stopped meanwhile.
    net::awaitable<bool> wait_for_first_answer() {
        if (first_answer_seen || rules.stop.requested) co_return !rules.stop.requested;
        co_await (first_answer->async_wait(as_values) || stop_signal->async_wait(as_values));
        co_return !rules.stop.requested;
    }

    void finish(std::size_t index, const detail::call_fsm& call) {
        open_fan_out();
        // A call that stopped the run (its attempt could not be journalled) wakes every wait.
        if (rules.stop.requested && stop_signal) stop_signal->cancel();
        observer->on_finished(index, call.result());
    }

    void backing_off(std::size_t index, const detail::call_fsm& call, const detail::call_action& backoff) const {
        observer->on_backoff(index, backoff.delay, call.last_answer().what == verdict::retry_throttled);
    }

    // Performs the actions of the call's state machine (call_fsm.hpp), which makes every decision.
    net::awaitable<void> run_call(std::size_t index) {
        const call_ref call = calls[index];
        // Held only while the call is in flight: a million-call run keeps `concurrency` of them.
        detail::call_fsm fsm(rules, index, describe_call(the_plan, call));
        const call_parameters parameters(the_plan.streams[call.target], region_at(call.region));
        using kind = detail::call_action::kind;
        for (auto action = fsm.start(system_clock::now());;) {
            switch (action.what) {
                case kind::wait_for_slot: {
                    const bool slot_came = co_await wait_for_slot();
                    action = slot_came ? fsm.on_slot(system_clock::now()) : fsm.on_stop(system_clock::now());
                    break;
                }
                case kind::journal_attempt: {
                    bool journalled = !settings.on_attempt || settings.on_attempt(index, fsm.attempt());
                    if (journalled && settings.attempts_written) journalled = co_await settings.attempts_written();
                    action = fsm.on_journalled(journalled, system_clock::now());
                    break;
                }
                case kind::send: {
                    // Journalled, and the credentials may have come near their end meanwhile.
                    bool may_send = true;
                    while (may_send && !refresh.may_sign(system_clock::now())) {
                        may_send = co_await wait_for_credentials();
                    }
                    if (!may_send) {
                        action = fsm.on_stop(system_clock::now());
                        break;
                    }
                    const attempt_record& attempt = fsm.attempt();
                    const api_call api{action_name, api_version, parameters.view(), fsm.announcement()};
                    signed_request request = signer->sign(api, settings.shape, attempt.timestamp, attempt.nonce);
                    const std::size_t signed_with = refresh.generation();
                    observer->on_attempt_sent(index, attempt);
                    const auto sent_at = steady_clock::now();
                    const attempt_result attempted = co_await client.send(std::move(request));
                    action = fsm.on_answer(attempted.outcome, attempted.timing.latency, system_clock::now());
                    open_fan_out();
                    observer->on_answer(index, fsm.last_answer(), attempted.timing.latency);
                    if (settings.renewal && fsm.last_answer().code == detail::expired_token_code) {
                        refresh.on_expired_answer(signed_with, system_clock::now());
                        fetch_now->cancel();
                    }
                    const bool too_fast = fsm.last_answer().what == verdict::retry_throttled;
                    if (const auto now = steady_clock::now(); pace && pace->on_answer(too_fast, sent_at, now)) {
                        tell_pace(pace->allowed(now), true);
                    }
                    if (action.what == kind::sleep) backing_off(index, fsm, action);
                    break;
                }
                case kind::journal_answered:
                    action = fsm.on_journalled(!settings.on_answered || settings.on_answered(index, fsm.attempt()),
                                               system_clock::now());
                    if (action.what == kind::sleep) backing_off(index, fsm, action);
                    break;
                case kind::sleep: {
                    const bool backoff_ended = co_await sleep_until(steady_clock::now() + action.delay);
                    action = backoff_ended ? fsm.on_timer(system_clock::now()) : fsm.on_stop(system_clock::now());
                    break;
                }
                case kind::finish:
                    co_return finish(index, fsm);
            }
            if (const auto offset = fsm.clock_corrected()) {
                observer->on_clock_offset(std::chrono::duration_cast<std::chrono::milliseconds>(*offset));
            }
        }
    }

    // Tells the observer the pace `allowed` now, when it moved by a tenth of a call per second
    // or a throttle cut it.
    void tell_pace(double allowed, bool cut) {
        if (!cut && std::abs(allowed - pace_told) < 0.1) return;
        pace_told = allowed;
        observer->on_pace(allowed);
    }

    // Waits for the worker's turn (turn_queue.hpp), then for a slot at the pace allowed while it
    // waits, then for the send window: a worker that woke late for its slot goes out as soon as
    // the wire's last second allows, not at once. The window is looked at again after each
    // sleep: another worker may have taken the opening meanwhile.
    net::awaitable<bool> wait_for_slot() {
        const auto asked = steady_clock::now();
        // No attempt is signed with credentials that expire before it arrives: sending pauses.
        while (!refresh.may_sign(system_clock::now())) {
            const bool came = co_await wait_for_credentials();
            if (!came) co_return false;
        }
        // GCC 12 miscompiles a co_await inside an if condition: results are named first.
        const bool my_turn = co_await turns.take(*stop_signal, [this] { return rules.stop.requested; });
        if (!my_turn) co_return false;
        struct turn_given_back {
            detail::turn_queue& turns;
            explicit turn_given_back(detail::turn_queue& queue) : turns(queue) {}
            turn_given_back(const turn_given_back&) = delete;
            turn_given_back& operator=(const turn_given_back&) = delete;
            turn_given_back(turn_given_back&&) = delete;
            turn_given_back& operator=(turn_given_back&&) = delete;
            ~turn_given_back() { turns.give_back(); }
        } const handing_over{turns};
        // A slot taken late is taken as of its start (try_acquire_on_time): the send window below
        // keeps the wire honest.
        for (;;) {
            const auto now = steady_clock::now();
            if (pace) {
                const double allowed = pace->allowed(now);
                limiter.set_rate(allowed);
                tell_pace(allowed, false);
            }
            if (limiter.try_acquire_on_time(now)) break;
            const bool slot_came = co_await sleep_until(limiter.next_slot(now));
            if (!slot_came) co_return false;
        }
        for (auto opens = sent.earliest(steady_clock::now()); opens > steady_clock::now();
             opens = sent.earliest(steady_clock::now())) {
            const bool woke = co_await sleep_until(opens);
            if (!woke) co_return false;
        }
        const auto granted = steady_clock::now();
        sent.record(granted);
        if (pace) pace->on_sent(granted);
        if (granted > asked) observer->on_limiter_wait(granted - asked);
        co_return true;
    }

    // Until fresh credentials come (or the schedule's deadline passes: the call then ends on it);
    // false when the run stopped.
    net::awaitable<bool> wait_for_credentials() {
        if (rules.stop.requested) co_return false;
        net::steady_timer deadline(co_await net::this_coro::executor, steady_clock::time_point::max());
        if (settings.deadline) deadline.expires_after(*settings.deadline - system_clock::now());
        co_await (credentials_came->async_wait(as_values) || stop_signal->async_wait(as_values) ||
                  deadline.async_wait(as_values));
        co_return !rules.stop.requested;
    }

    // Sleeps until `when` on the wall clock the credentials' Expiration is written in, or until
    // fetch_now is cancelled; false when the run stopped or its workers are done.
    net::awaitable<bool> sleep_until_fetch(system_clock::time_point when) {
        if (rules.stop.requested || workers_done) co_return false;
        const auto wait = std::chrono::duration_cast<steady_clock::duration>(when - system_clock::now());
        if (wait > steady_clock::duration::zero()) {
            net::steady_timer timer(co_await net::this_coro::executor, steady_clock::now() + wait);
            co_await (timer.async_wait(as_values) || fetch_now->async_wait(as_values) ||
                      stop_signal->async_wait(as_values));
        }
        co_return !rules.stop.requested && !workers_done;
    }

    // Fetches the credentials again when credential_refresh says so, while the workers run. A
    // refusal is the account's: the run stops as it does for credentials refused to a call.
    net::awaitable<void> keep_credentials_fresh() {
        const auto& renewal = *settings.renewal;
        for (auto due = refresh.next_fetch(); due; due = refresh.next_fetch()) {
            const bool go = co_await sleep_until_fetch(*due);
            if (!go) co_return;
            if (system_clock::now() < *refresh.next_fetch()) continue;  // woken for another reason
            // Cut short when the workers are done: nothing is left to sign.
            // Asio's || flattens the fetch's variant: credentials, a failure, or the timer.
            auto fetched = co_await (renewal.fetcher->fetch() || fetch_now->async_wait(as_values));
            if (fetched.index() == 2) {
                if (workers_done || rules.stop.requested) co_return;
                continue;  // an expired answer asked for a fetch at once: this one starts again
            }
            const auto now = system_clock::now();
            if (auto* fresh = std::get_if<expiring_credentials>(&fetched)) {
                if (refresh.on_fetched(fresh->expiration, now)) {
                    renewed_signer.emplace(std::move(fresh->value), renewal.host, renewal.version);
                    signer = &*renewed_signer;
                    credentials_came->cancel();
                }
                continue;
            }
            const auto& refused = std::get<credential_fetch_failure>(fetched);
            if (!refused.refused) {
                refresh.on_fetch_failed(now);
                continue;
            }
            condemned_scope refusal;
            refusal.scope = refusal_scope::account;
            refusal.code = refused.code;
            refusal.message = refused.message;
            refusal.by_key = "the credentials' refresh (" + renewal.fetcher->describe() + ")";
            scopes.condemn(std::move(refusal));
            stop("credentials_refused");
            co_return;
        }
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
        detail::call_fsm call(rules, index, describe_call(the_plan, calls[index]));
        (void)call.on_fault(what, system_clock::now());
        try {
            finish(index, call);
        } catch (...) {
            // The handler that threw once throws again: this call goes unreported, the run stops.
        }
    }

    // Ends a call that was never started because the run stopped first.
    void end_unstarted(std::size_t index) {
        detail::call_fsm call(rules, index, describe_call(the_plan, calls[index]));
        (void)call.start(system_clock::now());  // the run's stop ends it at once
        finish(index, call);
    }

    // Workers take the calls in order; a worker that takes a later wave's first call waits for
    // that wave while the others finish the current one.
    net::awaitable<void> worker() {
        while (next_call < calls.size() && !rules.stop.requested) {
            if (next_call > 0 && !first_answer_seen) {
                // Waiting before taking a call: when the fan-out opens, the workers take calls
                // in the order they book their limiter slots, so the wire keeps the calls' order.
                const bool fan_out = co_await wait_for_first_answer();
                if (!fan_out) break;
                continue;
            }
            const std::size_t index = next_call++;
            if (const auto start = start_of_call(settings, index); start && *start > system_clock::now()) {
                const bool started = co_await sleep_until(wake_time(*start, index));
                if (!started) {
                    end_unstarted(index);
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
            end_unstarted(next_call++);
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

boost::asio::awaitable<void> engine::run(std::span<const call_ref> calls, run_observer& observer) {
    auto& s = *impl_;
    const auto executor = co_await net::this_coro::executor;
    s.stop_signal.emplace(executor, steady_clock::time_point::max());
    s.first_answer.emplace(executor, steady_clock::time_point::max());
    s.fetch_now.emplace(executor, steady_clock::time_point::max());
    s.credentials_came.emplace(executor, steady_clock::time_point::max());
    s.first_answer_seen = !s.settings.scoped_refusals;
    s.calls = calls;
    s.observer = &observer;
    s.next_call = 0;

    // One coroutine per worker, joined here: run() returns only once the last has ended, so the
    // workers never outlive what they use. A cancellation of run() (`co_await (run(…) || timer)`)
    // stops the run (no new attempt) and still waits for the attempts in flight, each bounded by
    // its request timeout; it is answered, not thrown.
    co_await net::this_coro::throw_if_cancelled(false);
    const std::size_t workers = std::min<std::size_t>(s.settings.limits.concurrency, calls.size());
    std::size_t workers_running = workers;
    std::size_t running = workers;
    net::steady_timer all_done(executor, steady_clock::time_point::max());
    const auto ended = [&] {
        if (--running == 0) all_done.cancel();
    };
    for (std::size_t i = 0; i < workers; ++i) {
        net::co_spawn(executor, s.worker(), [&](const std::exception_ptr&) {
            // worker() lets no exception out (see there): only its end is news here.
            if (--workers_running == 0) {
                s.workers_done = true;
                s.fetch_now->cancel();  // the credentials' coroutine ends too
            }
            ended();
        });
    }
    if (s.settings.renewal && workers > 0) {
        ++running;
        net::co_spawn(executor, s.keep_credentials_fresh(), [&](const std::exception_ptr& fault) {
            if (fault && !s.failure) s.failure = "the credentials' refresh failed";
            if (fault) s.stop("stopped");
            ended();
        });
    }
    while (running > 0) {
        co_await all_done.async_wait(as_values);
        if (running > 0) s.stop("stopped");  // woken by a cancellation of run(), not by the last worker
    }
}

std::vector<condemned_scope> engine::condemned() const { return impl_->scopes.all(); }

pace_figures engine::pace() const {
    if (impl_->pace) return impl_->pace->figures();
    pace_figures fixed;
    fixed.ceiling = impl_->settings.limits.rate;
    fixed.adaptive = false;
    return fixed;
}

std::optional<std::string> engine::failure() const { return impl_->failure; }

std::size_t engine::credential_refreshes() const {
    // The first fetch was the session's, before the run.
    return impl_->refresh.fetches() > 0 ? impl_->refresh.fetches() - 1 : 0;
}

std::size_t engine::credential_refresh_failures() const { return impl_->refresh.failures(); }

void engine::stop() { impl_->stop("stopped"); }

bool engine::stopping() const { return impl_->rules.stop.requested; }

}  // namespace hotlive
