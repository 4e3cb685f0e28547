#include "emulator/service.hpp"

#include "signing/ascii.hpp"

#include <functional>

namespace hotlive::emu {
namespace {

constexpr std::string_view form_type = "application/x-www-form-urlencoded";

std::uint64_t hash_of(std::string_view a, std::string_view b) {
    const std::uint64_t h1 = std::hash<std::string_view>{}(a);
    const std::uint64_t h2 = std::hash<std::string_view>{}(b);
    return (h1 * 0x9e3779b97f4a7c15ULL) ^ (h2 + 0x7f4a7c159e3779b9ULL + (h1 << 6) + (h1 >> 2));
}

bool is_form(const http_request& request) {
    const auto type = request.header("content-type");
    if (!type || type->size() < form_type.size()) return false;
    return detail::iequals_ascii(type->substr(0, form_type.size()), form_type);
}

// The fault kinds that replace the answer; the others deliver it differently.
bool replaces_answer(fault_kind kind) {
    return kind == fault_kind::internal_error || kind == fault_kind::service_unavailable ||
           kind == fault_kind::throttle || kind == fault_kind::garbage_json || kind == fault_kind::no_request_id;
}

}  // namespace

service::service(const emulator_config& config)
    : clocks_(config.clocks),
      clock_offset_(config.clock_offset),
      allow_replay_(config.allow_replay),
      throttle_retry_after_ms_(config.throttle_retry_after_ms),
      accounts_(config.accounts),
      api_(config),
      sts_(config),
      sts_outage_(config.sts_outage),
      faults_(config.faults, config.seed),
      throttle_(accounts_.size(), config.qps),
      imds_(config.imds, config.imds_role, config.sts_duration),
      statistics_(config.background_load),
      log_(config.log_file) {
    started_ = steady_now();
    // The log's t_ms and the background load share this origin.
    if (config.background_load) {
        const auto& load = *config.background_load;
        background_.emplace(started_, load.rate,
                            load.seconds ? std::optional{std::chrono::seconds{*load.seconds}} : std::nullopt);
        background_accounts_ = accounts_.enabled();
    }
}

std::chrono::system_clock::time_point service::server_now() const {
    return (clocks_.wall ? clocks_.wall() : std::chrono::system_clock::now()) + clock_offset_;
}

std::chrono::steady_clock::time_point service::steady_now() const {
    return clocks_.steady ? clocks_.steady() : std::chrono::steady_clock::now();
}

response_plan service::handle(const http_request& request, std::string& out) {
    out.clear();
    const auto now = server_now();
    const auto steady = steady_now();
    const std::string_view date = imf_fixdate(now);
    if (request.path().starts_with("/_emulator/")) return serve_control(request, date, steady, out);
    if (imds::handles(request.path())) return serve_imds(request, now, steady, date, out);

    const request_id id = make_request_id();
    log_record record;
    record.t_ms = std::chrono::duration_cast<std::chrono::milliseconds>(steady - started_).count();
    record.method = request.method();
    record.request_id = id.view();
    const bool keep_alive = request.keep_alive();

    answer a;
    if (request.path() != "/") {
        a.error = api_error::invalid_action;
    } else if (request.method() != "POST" && request.method() != "GET") {
        a.error = api_error::unsupported_http_method;
    }
    if (a.error != api_error::none) {
        const std::lock_guard lock{mutex_};
        return conclude(record, a, nullptr, keep_alive, date, out);
    }

    thread_local request_parameters parameters;
    parameters.parse(request.query(), request.method() == "POST" && is_form(request) ? request.body() : "");
    const std::string_view action = request.header("x-acs-action").value_or(parameters.find("Action").value_or(""));
    if (action == assume_role_action || action == assume_role_with_oidc_action) {
        return serve_sts(request, parameters, action, now, steady, date, out);
    }
    // The call this request is for, when it names one (logged even when the request is refused).
    thread_local std::string key;
    key.clear();
    call_identity call;
    const auto domain = parameters.find("DomainName");
    const auto app = parameters.find("AppName");
    const auto stream = parameters.find("StreamName");
    const auto region = parameters.find("RegionCode");
    const bool has_key =
        domain && app && stream && region && !domain->empty() && !app->empty() && !stream->empty() && !region->empty();
    if (has_key) {
        key.append(*domain).append("/").append(*app).append("/").append(*stream).append("@").append(*region);
        call = {*domain, *app, *stream, *region, key};
        record.key = key;
    }

    const verification v = verify_request(request, parameters, {accounts_, issued_}, now);
    record.scheme = v.scheme;
    record.nonce = v.nonce;
    if (v.temporary) {
        record.credential = "sts";
        record.credential_expired = v.temporary_expired;
    } else if (v.account_key) {
        record.credential = "access_key";
    }
    if (v.error != api_error::none) {
        a.error = v.error;
        a.missing = v.missing;
        const std::lock_guard lock{mutex_};
        return conclude(record, a, nullptr, keep_alive, date, out);
    }

    const std::lock_guard lock{mutex_};
    if (!allow_replay_ && !nonces_.insert(hash_of(v.access_key_id, v.nonce.value_or("")), now)) {
        a.error = api_error::signature_nonce_used;
        return conclude(record, a, nullptr, keep_alive, date, out);
    }

    call_state* state = nullptr;
    call_state untracked;
    if (has_key) {
        const std::uint64_t key_hash = std::hash<std::string_view>{}(key);
        const auto found = calls_.find(key_hash);
        if (found != calls_.end()) {
            state = &found->second;
        } else if (calls_.size() < max_tracked_calls) {
            state = &calls_[key_hash];
        } else {
            state = &untracked;
        }
        ++state->attempts;
        record.attempt = state->attempts;
    }

    draw_background(steady);
    if (!throttle_.admit(v.account_index, steady)) {
        a.outcome = answer_kind::throttled;
        a.error = api_error::throttling_user;
        return conclude(record, a, state, keep_alive, date, out);
    }
    if (has_key && !faults_.empty()) a.fault = faults_.decide(call, state->attempts);
    if (a.fault && replaces_answer(a.fault->kind)) {
        a.outcome = answer_kind::fault;
        if (a.fault->kind == fault_kind::internal_error) a.error = api_error::internal_error;
        if (a.fault->kind == fault_kind::service_unavailable) a.error = api_error::service_unavailable;
        if (a.fault->kind == fault_kind::throttle) a.error = api_error::throttling_user;
        return conclude(record, a, state, keep_alive, date, out);
    }

    const api_answer api = api_.answer(parameters);
    a.error = api.error;
    a.missing = api.missing;
    a.outcome = api.error == api_error::none ? answer_kind::success : answer_kind::rejected;
    return conclude(record, a, state, keep_alive, date, out);
}

response_plan service::conclude(log_record& record, const answer& a, call_state* call, bool keep_alive,
                                std::string_view date, std::string& out) {
    thread_local std::string body;
    body.clear();
    const error_info& info = describe(a.error);
    const std::optional<fault_kind> fault_kind_of = a.fault ? std::optional{a.fault->kind} : std::nullopt;

    response_plan plan;
    response_head head;
    head.date = date;
    head.status = info.status;
    head.request_id = record.request_id;
    if (a.fault && a.fault->kind == fault_kind::garbage_json) {
        head.status = 200;
        body.append(R"({"RequestId":")").append(record.request_id).append(R"(" <<not JSON>>)");
    } else if (a.fault && a.fault->kind == fault_kind::no_request_id) {
        head.status = 200;
        head.request_id = {};
        body.append("{}");
    } else if (a.error == api_error::none) {
        append_success_body(body, record.request_id);
    } else if (a.error == api_error::missing_parameter) {
        append_error_body(body, record.request_id, info.code, missing_parameter_message(a.missing));
    } else {
        append_error_body(body, record.request_id, info.code, info.message);
    }

    if (a.error == api_error::throttling_user) {
        head.acs_retry_after_ms =
            a.fault && a.fault->retry_after_ms ? a.fault->retry_after_ms : throttle_retry_after_ms_;
    }
    if (a.error == api_error::service_unavailable) {
        head.retry_after_s = a.fault->retry_after_s;
        head.acs_retry_after_ms = a.fault->retry_after_ms;
    }
    if (a.fault) {
        switch (a.fault->kind) {
            case fault_kind::latency:
                plan.how = delivery::latency;
                plan.delay = a.fault->delay;
                break;
            case fault_kind::trickle:
                plan.how = delivery::trickle;
                plan.delay = a.fault->delay;
                break;
            case fault_kind::reset:
                plan.how = delivery::reset;
                plan.close = true;
                break;
            case fault_kind::truncate:
                plan.how = delivery::truncate;
                plan.close = true;
                head.declared_length = 2 * body.size() + 100;
                break;
            default:
                break;
        }
    }
    // reset and truncate break the answer whatever it was: the log calls them faults.
    answer_kind outcome = a.outcome;
    if (plan.how == delivery::reset || plan.how == delivery::truncate) outcome = answer_kind::fault;
    plan.close = plan.close || !keep_alive;
    head.keep_alive = !plan.close;

    append_head(out, head, body.size());
    plan.head_size = out.size();
    out.append(body);

    record.outcome = outcome;
    record.status = head.status;
    record.code = info.code;
    record.fault = fault_kind_of;
    if (a.fault && (a.fault->kind == fault_kind::garbage_json || a.fault->kind == fault_kind::no_request_id)) {
        record.code = {};
    }
    log_.write(record);
    statistics_.count(outcome, record.code, fault_kind_of);
    if (outcome == answer_kind::success && call != nullptr && !call->succeeded) {
        call->succeeded = true;
        statistics_.count_key_succeeded();
    }
    return plan;
}

void service::draw_background(std::chrono::steady_clock::time_point now) {
    if (!background_) return;
    const auto due = background_->due(now);
    for (std::uint64_t k = due.first; k < due.first + due.count; ++k) {
        const auto at = background_->at(k);
        for (const std::size_t account : background_accounts_)
            statistics_.count_background(throttle_.admit(account, at));
    }
}

response_plan service::serve_control(const http_request& request, std::string_view date,
                                     std::chrono::steady_clock::time_point steady, std::string& out) {
    thread_local std::string body;
    body.clear();
    response_head head;
    head.date = date;
    head.keep_alive = request.keep_alive();
    if (request.path() == "/_emulator/stats" && request.method() == "GET") {
        const std::lock_guard lock{mutex_};
        draw_background(steady);
        statistics_.append_json(body);
    } else {
        head.status = 404;
        body.append(R"({"Code":"NotFound","Message":"The emulator serves GET /_emulator/stats."})");
    }
    append_head(out, head, body.size());
    response_plan plan;
    plan.head_size = out.size();
    plan.close = !head.keep_alive;
    out.append(body);
    return plan;
}

bool service::sts_unreachable(std::chrono::steady_clock::time_point steady) const {
    if (!sts_outage_) return false;
    const auto since_start = steady - started_;
    return since_start >= sts_outage_->from && since_start < sts_outage_->from + sts_outage_->length;
}

response_plan service::serve_sts(const http_request& request, const request_parameters& parameters,
                                 std::string_view action, std::chrono::system_clock::time_point now,
                                 std::chrono::steady_clock::time_point steady, std::string_view date,
                                 std::string& out) {
    const request_id id = make_request_id();
    const std::lock_guard lock{mutex_};
    emulator_sts_stats& counts = statistics_.sts();
    sts_answer a;
    if (sts_unreachable(steady)) {
        a.error = api_error::service_unavailable;
        ++counts.unavailable;
    } else if (action == assume_role_action) {
        const verification v =
            verify_request(request, parameters, {accounts_, issued_}, now, {assume_role_action, sts_version});
        if (v.error != api_error::none) {
            a = sts_refusal(v.error, v.missing);
        } else if (!allow_replay_ && !nonces_.insert(hash_of(v.access_key_id, v.nonce.value_or("")), now)) {
            a.error = api_error::signature_nonce_used;
        } else {
            a = sts_.assume_role(parameters, v, now, issued_);
        }
    } else {
        // Unsigned: the version is all there is to check before the token.
        const auto version = request.header("x-acs-version").value_or(parameters.find("Version").value_or(""));
        if (version.empty()) {
            a = sts_refusal(api_error::missing_parameter, "Version");
        } else if (version != sts_version) {
            a.error = api_error::invalid_version;
        } else {
            a = sts_.assume_role_with_oidc(parameters, now, issued_);
        }
    }

    thread_local std::string body;
    body.clear();
    const error_info& info = describe(a.error);
    if (a.error == api_error::none) {
        append_sts_success_body(body, id.view(), a);
        ++counts.issued;
        ++(action == assume_role_action ? counts.assume_role : counts.assume_role_with_oidc);
    } else {
        const std::string message =
            a.error == api_error::missing_parameter ? missing_parameter_message(a.missing) : std::string{};
        append_error_body(body, id.view(), info.code, message.empty() ? info.message : message, sts_host_id);
        ++counts.refused;
    }
    response_head head;
    head.status = info.status;
    head.date = date;
    head.keep_alive = request.keep_alive();
    head.request_id = id.view();
    append_head(out, head, body.size());
    response_plan plan;
    plan.head_size = out.size();
    plan.close = !head.keep_alive;
    out.append(body);
    return plan;
}

response_plan service::serve_imds(const http_request& request, std::chrono::system_clock::time_point now,
                                  std::chrono::steady_clock::time_point steady, std::string_view date,
                                  std::string& out) {
    const std::lock_guard lock{mutex_};
    emulator_sts_stats& counts = statistics_.sts();
    imds_answer a;
    if (sts_unreachable(steady)) {
        a.status = 503;
        a.body = "Service Unavailable";
        ++counts.unavailable;
    } else {
        a = imds_.answer(request, now, issued_);
    }
    if (a.status != 200) ++counts.refused;
    if (a.served_credentials) ++counts.imds_credentials;
    if (a.issued) ++counts.issued;
    response_head head;
    head.status = a.status;
    head.date = date;
    head.keep_alive = request.keep_alive();
    head.content_type = a.content_type;
    append_head(out, head, a.body.size());
    response_plan plan;
    plan.head_size = out.size();
    plan.close = !head.keep_alive;
    out.append(a.body);
    return plan;
}

response_plan service::refuse(int status, std::string& out) const {
    out.clear();
    const request_id id = make_request_id();
    std::string body;
    const std::string_view code = status == 431   ? "RequestHeaderFieldsTooLarge"
                                  : status == 413 ? "RequestEntityTooLarge"
                                                  : "BadRequest";
    append_error_body(body, id.view(), code, "The request could not be read within the emulator's limits.");
    response_head head;
    head.status = status;
    head.date = imf_fixdate(server_now());
    head.keep_alive = false;
    head.request_id = id.view();
    append_head(out, head, body.size());
    response_plan plan;
    plan.head_size = out.size();
    plan.close = true;
    out.append(body);
    return plan;
}

emulator_stats service::stats() {
    const auto now = steady_now();
    const std::lock_guard lock{mutex_};
    draw_background(now);
    return statistics_.snapshot();
}

void service::flush_log() {
    const std::lock_guard lock{mutex_};
    log_.flush();
}

}  // namespace hotlive::emu
