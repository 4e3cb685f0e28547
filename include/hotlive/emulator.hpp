// The emulator: a local stand-in for the ApsaraVideo Live endpoint (HotLiveRtcStream, API
// version 2016-11-01), for tests, benchmarks and rehearsals. A real HTTP(S) server that verifies
// V3 and RPC V1 signatures, rejects replayed nonces and skewed timestamps, validates the API's
// parameters as the reference documents them, limits each account's QPS and injects faults from
// a seeded, reproducible schedule. On the same listener it issues temporary credentials as STS
// (AssumeRole, AssumeRoleWithOIDC) and the ECS metadata service (IMDS) do, and the Live API
// honours them until they expire. README.md, "The emulator", documents the wire contract: the
// config file, the fault rules, STS and IMDS, the request log and /_emulator/stats.
#pragma once

#include <hotlive/credentials.hpp>
#include <hotlive/diagnostic.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace boost::asio {
class io_context;
}

namespace hotlive {

// An account the emulator accepts requests from. The secret is used for verification only: it is
// never logged or printed. A disabled key is known but refused: its requests are answered
// InvalidAccessKeyId.Inactive once the AccessKeyId is found, before the timestamp and the
// signature are checked, so none of them is verified.
struct emulator_account {
    std::string access_key_id;
    secret_string access_key_secret;
    bool disabled = false;
};

// The account accepted when none is configured. Public on purpose: it guards nothing.
inline constexpr std::string_view demo_access_key_id = "hotlive-demo-id";
inline constexpr std::string_view demo_access_key_secret = "hotlive-demo-secret";

enum class fault_kind : unsigned char {
    internal_error,       // 500 InternalError
    service_unavailable,  // 503 ServiceUnavailable (+ Retry-After / x-acs-retry-after when set)
    throttle,             // 400 Throttling.User
    latency,              // the normal answer, after a delay
    reset,                // status line, headers and half the body, then RST
    truncate,             // Content-Length larger than the bytes sent, then close
    garbage_json,         // 200 with a body that is not JSON
    no_request_id,        // 200 with "{}"
    trickle,              // the normal answer, one byte per trickle_ms
};

[[nodiscard]] std::string_view to_string(fault_kind kind);
[[nodiscard]] std::span<const std::string_view> fault_kind_names();  // in the enum's order
[[nodiscard]] std::optional<fault_kind> parse_fault_kind(std::string_view text);

// Whether a probabilistic rule is drawn once per call (key) or once per attempt of a call.
enum class fault_scope : unsigned char { attempt, call };

// One rule of the fault schedule; the first rule that applies to a request wins. A rule applies
// to a verified request whose call (domain/app/stream@REGION) matches every `match_*` given,
// whose per-key attempt number is in `attempts` (any when empty), and whose seeded draw is below
// `probability`.
struct fault_rule {
    fault_kind kind = fault_kind::internal_error;
    std::optional<std::string> match_domain;
    std::optional<std::string> match_app;
    std::optional<std::string> match_stream;
    std::optional<std::string> match_region;
    std::vector<std::uint32_t> attempts;  // 1-based
    double probability = 1.0;             // in [0, 1]
    fault_scope per = fault_scope::attempt;
    std::uint32_t latency_min_ms = 1000;  // latency: a fixed delay, or a seeded draw in [min, max]
    std::uint32_t latency_max_ms = 1000;
    std::uint32_t trickle_ms = 1000;              // trickle: the pause after each byte
    std::optional<std::uint32_t> retry_after_s;   // service_unavailable: the Retry-After header
    std::optional<std::uint32_t> retry_after_ms;  // service_unavailable, throttle: x-acs-retry-after
};

// The emulator's notion of time. `wall` drives the Timestamp check, the nonce window and the Date
// header; `steady` drives the QPS limit and the log's t_ms. Empty functions mean the real clocks.
struct emulator_clocks {
    std::function<std::chrono::system_clock::time_point()> wall;
    std::function<std::chrono::steady_clock::time_point()> steady;
};

// Another client of each account, drawing on its QPS quota: one request every 1/rate seconds from
// the emulator's start, for `seconds` (none: as long as the emulator runs). Its requests are
// judged by the QPS limit like the account's own, and answered to no one: they are neither logged
// nor counted among the requests, only in emulator_stats::background.
struct emulator_background_load {
    double rate = 1;                       // requests a second, > 0 (2.5 is one every 400 ms)
    std::optional<std::uint32_t> seconds;  // > 0
};

// The demo role, OIDC provider and token, and ECS instance role, used when none is configured.
// Public on purpose, like the demo account: they guard nothing.
inline constexpr std::string_view demo_role_arn = "acs:ram::1234567890123456:role/hotlive-demo";
inline constexpr std::string_view demo_oidc_provider_arn = "acs:ram::1234567890123456:oidc-provider/hotlive-demo";
inline constexpr std::string_view demo_oidc_token = "hotlive-demo-oidc-token";
inline constexpr std::string_view demo_imds_role = "hotlive-demo-ecs-role";

// A RAM role STS lets callers assume. AssumeRole is allowed to a configured account listed in
// `allowed_users`, or to a session of a role listed in `allowed_roles` (role chaining);
// AssumeRoleWithOIDC to any configured OIDC provider's token.
struct emulator_role {
    std::string arn;                         // "acs:ram::1234567890123456:role/NAME"
    std::vector<std::string> allowed_users;  // AccessKeyIds of configured accounts
    std::vector<std::string> allowed_roles;  // role ARNs whose sessions may assume this one
    std::optional<std::string> external_id;  // when set, AssumeRole's ExternalId must equal it
    std::uint32_t max_session_s = 3600;      // DurationSeconds above it: InvalidParameter.DurationSeconds
};

// An OIDC identity provider: AssumeRoleWithOIDC accepts its ARN with one of `tokens` or the
// current content of `token_file` (re-read at every request, surrounding whitespace dropped), so a
// test can rotate the token as Kubernetes does.
struct emulator_oidc_provider {
    std::string arn;
    std::vector<secret_string> tokens;
    std::filesystem::path token_file;  // empty: none
};

// Which IMDS requests need a session token (PUT /latest/api/token): hardened refuses a GET
// without one (403), plain has no tokens (the PUT is answered 404, tokens sent are ignored),
// both takes either.
enum class imds_mode : unsigned char { both, hardened, plain };
[[nodiscard]] std::string_view to_string(imds_mode mode);
[[nodiscard]] std::optional<imds_mode> parse_imds_mode(std::string_view text);

// STS and IMDS are unreachable (503 ServiceUnavailable) from `from` for `length`, measured from
// the emulator's start on the steady clock (the log's t_ms).
struct emulator_sts_outage {
    std::chrono::seconds from{0};
    std::chrono::seconds length{0};  // > 0
};

struct emulator_config {
    std::string listen_host = "127.0.0.1";
    std::uint16_t listen_port = 0;  // 0: any free port
    // HTTPS when both are set: PEM certificate chain and private key.
    std::filesystem::path tls_certificate;
    std::filesystem::path tls_private_key;

    std::vector<emulator_account> accounts;  // empty: the demo account alone

    // Temporary credentials. The lifetime of every credential issued (AssumeRole's DurationSeconds
    // may shorten it); none: the demo role, which every account and its own sessions may assume,
    // and the demo OIDC provider with the demo token.
    std::chrono::seconds sts_duration{3600};
    std::optional<std::vector<emulator_role>> roles;
    std::optional<std::vector<emulator_oidc_provider>> oidc_providers;
    imds_mode imds = imds_mode::both;
    std::string imds_role{demo_imds_role};
    std::optional<emulator_sts_outage> sts_outage;

    // Out of the box every domain has the prefetch switch on, every region has nodes and RAM
    // allows every domain.
    std::optional<std::vector<std::string>> prefetch_on;         // when set: only these domains have it
    std::vector<std::string> prefetch_off;                       // these domains do not
    std::optional<std::vector<std::string>> regions_with_nodes;  // when set: only these regions
    std::vector<std::string> regions_without_nodes;              // these regions have none
    std::vector<std::string> ram_denied_domains;                 // 403 Forbidden.RAM for these domains

    std::uint32_t qps = 10;                                // per AccessKeyId, any sliding second; 0: no limit
    std::optional<std::uint32_t> throttle_retry_after_ms;  // x-acs-retry-after on Throttling.User
    // For every account whose key is not disabled (the demo account when none is configured).
    std::optional<emulator_background_load> background_load;

    std::uint64_t seed = 0;
    std::vector<fault_rule> faults;

    // Added to the wall clock: the server runs this far ahead of (or behind) its clients.
    std::chrono::seconds clock_offset{0};
    emulator_clocks clocks;

    // Benchmarks only: a replayed SignatureNonce is accepted, so one fixed signed request can be
    // sent over and over. Never a rehearsal setting.
    bool allow_replay = false;

    std::filesystem::path log_file;                  // JSON lines, one per request; empty: no log
    unsigned threads = 1;                            // io_context threads when the emulator runs its own
    std::chrono::milliseconds idle_timeout{30'000};  // a keep-alive connection with no request
};

// The other client of emulator_config::background_load, summed over the accounts it runs for.
struct emulator_background_stats {
    double rate = 0;
    std::optional<std::uint32_t> seconds;
    std::uint64_t sent = 0;  // admitted + throttled
    std::uint64_t admitted = 0;
    std::uint64_t throttled = 0;
};

// STS and IMDS requests, apart from the Live API's: credentials handed out by route, requests
// answered with an error (an outage's 503 among them) and distinct credentials issued.
struct emulator_sts_stats {
    std::uint64_t assume_role = 0;
    std::uint64_t assume_role_with_oidc = 0;
    std::uint64_t imds_credentials = 0;
    std::uint64_t refused = 0;
    std::uint64_t unavailable = 0;  // of the refused: answered 503 in an outage
    std::uint64_t issued = 0;
};

// Counters over every API request answered (GET /_emulator/stats serves the same).
struct emulator_stats {
    std::uint64_t requests = 0;
    std::map<std::string, std::uint64_t, std::less<>> by_verdict;  // success, throttled, fault, rejected
    std::map<std::string, std::uint64_t, std::less<>> by_code;     // "SignatureDoesNotMatch", …
    std::map<std::string, std::uint64_t, std::less<>> by_fault;    // "internal_error", …
    std::uint64_t keys_succeeded = 0;                              // distinct calls answered with an intact 200
    std::optional<emulator_background_stats> background;           // with a background load only
    emulator_sts_stats sts;
};

// Reads a YAML config file (README.md, "The emulator") into `config`, on top of what it holds.
// Returns every problem found, as FILE:LINE:COL diagnostics; `config` is unspecified on error.
[[nodiscard]] std::vector<diagnostic> load_emulator_config(const std::filesystem::path& file, emulator_config& config);
[[nodiscard]] std::vector<diagnostic> parse_emulator_config(std::string_view yaml, const std::string& file_name,
                                                            emulator_config& config);

class emulator {
public:
    // Runs on an io_context of its own, on config.threads threads started by start().
    explicit emulator(emulator_config config);
    // Runs on the caller's io_context, which the caller runs.
    emulator(boost::asio::io_context& context, emulator_config config);
    ~emulator();  // stop(), under the same rules
    emulator(const emulator&) = delete;
    emulator& operator=(const emulator&) = delete;

    struct endpoint {
        std::string host;  // as bound: "127.0.0.1", "::1"
        std::uint16_t port = 0;
        bool tls = false;
        std::string url;  // "http://127.0.0.1:PORT", "https://[::1]:PORT"
    };

    // Binds, listens and starts accepting. Throws boost::system::system_error (its code() says
    // why: address_in_use, …) when the address cannot be bound, and std::runtime_error when the
    // host is not an IP address, the TLS files cannot be used or the log cannot be opened.
    endpoint start();

    // Stops accepting, closes every connection, flushes the log. Idempotent, but not synchronised
    // with itself or start(): call them from one thread at a time, whichever it is.
    // On its own io_context, stop() joins the emulator's threads, so it must not run on one of
    // them (nor in anything they call, such as an emulator_clocks function): it would wait for
    // itself, or throw std::system_error joining its own thread. On the caller's io_context it
    // joins nothing, so a handler there may call it (hotlive emulate does, on SIGINT); that
    // context's run() returns once the closed connections have unwound.
    void stop();

    [[nodiscard]] emulator_stats stats() const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace hotlive
