// The subcommands of the hotlive executable, as plain functions of their options. Parsing the
// command line is main.cpp's job alone, so CLI11 (header-only and heavy) is compiled once.
#pragma once

#include "cli/egress_choice.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hotlive::cli {

struct regions_options {
    bool provinces_only = false;
    bool countries_only = false;
    bool json = false;
};
[[nodiscard]] int run_regions(const regions_options& options);

struct validate_options {
    std::vector<std::string> plans;
    bool quiet = false;  // no "ok" lines: the exit code and the errors say it all
};
[[nodiscard]] int run_validate(const validate_options& options);

struct plan_options {
    std::string plan;
    bool json = false;
    bool quiet = false;  // the dry run's output is the point: --quiet only drops warnings (main applies it)
};
[[nodiscard]] int run_plan(const plan_options& options);

struct run_options {
    std::string plan;
    std::string report;              // default: "<plan name>.report.json"
    std::string format;              // json, csv, junit, md; default from the report's extension
    std::string resume;              // a report (and its journal) of an earlier run of the plan
    bool resume_other_plan = false;  // --resume a report of a plan of another name
    std::string endpoint;
    std::string profile;
    std::string ca_file;
    proxy_options proxy;
    std::optional<std::uint32_t> rate;
    std::optional<std::uint32_t> concurrency;
    std::string signature = "v3";
    std::optional<std::string> shard;     // "K/N"
    std::optional<std::uint32_t> shards;  // N, with K from JOB_COMPLETION_INDEX (0-based)
    bool ignore_schedule = false;
    bool keep_going = false;    // no scoped refusals: every call is sent
    bool no_adaptive = false;   // a fixed pace at the rate, whatever the plan's limits.adaptive
    std::string event_start;    // overrides the plan's: RFC 3339, or "+DURATION" from now
    std::string listen;         // the live view's ADDR:PORT; empty: none
    std::string listen_linger;  // how long the live view outlives the run: 30s, 5m
    std::string metrics_file;   // the metrics, for node_exporter's textfile collector; empty: none
    bool verbose = false;
    bool quiet = false;
    std::string log_format = "text";  // text or json; main applies it (configure_output) before run_run
};
[[nodiscard]] int run_run(const run_options& options);

struct emulate_options {
    std::string listen = "127.0.0.1:8080";
    std::vector<std::string> accounts;           // ID:SECRET
    std::vector<std::string> disabled_accounts;  // ID:SECRET, answered InvalidAccessKeyId.Inactive
    std::vector<std::string> prefetch_off;       // domains answered NoSpecialConfiguration
    std::vector<std::string> without_nodes;      // region codes answered CodeRegionHasNoNode
    std::vector<std::string> ram_denied;         // domains answered Forbidden.RAM
    std::optional<std::uint32_t> qps;
    std::optional<std::uint32_t> throttle_retry_after_ms;
    std::string background_load;  // RATE[:SECONDS]; empty: the config file's, if any
    std::string sts_duration;     // 30s, 15m, 1h; empty: the config file's, else 1h
    std::string imds_mode;        // hardened, plain, both; empty: the config file's, else both
    std::string imds_role;        // empty: the config file's, else hotlive-demo-ecs-role
    std::string sts_outage;       // FROM_S:FOR_S; empty: the config file's, if any
    std::string tls_cert;
    std::string tls_key;
    std::string config;
    std::string log;
    std::optional<std::uint64_t> seed;
    std::vector<std::string> faults;  // KIND:PROBABILITY
    std::int64_t clock_offset_s = 0;
    bool allow_replay = false;
    unsigned threads = 1;
};
[[nodiscard]] int run_emulate(const emulate_options& options);

struct credentials_options {
    std::string profile;
    std::string ca_file;  // for STS and a credentials URI over TLS; empty: the system store
    proxy_options proxy;  // for STS and a credentials URI
    bool verbose = false;
};
[[nodiscard]] int run_credentials(const credentials_options& options);

// hotlive report REPORT...: re-render one report, or merge the reports of a sharded run.
struct report_options {
    std::vector<std::string> reports;  // JSON reports (hotlive.report/1)
    std::string format;                // default: from --output's extension; else md on a terminal, json otherwise
    std::string output;                // default: stdout
    std::string plan;                  // the plan file, to put merged calls in plan order; default: the reports' source
    bool quiet = false;
};
[[nodiscard]] int run_report(const report_options& options);

// What shell completion knows of the grammar; main.cpp reads it off the parser, so that the
// script never lags behind the options.
enum class value_kind { none, file, choice, text };

struct completion_option {
    std::vector<std::string> names;  // "--format", "-h"; empty for a positional argument
    value_kind value = value_kind::none;
    std::vector<std::string> choices;  // for value_kind::choice
    std::string choice_suffix;         // ":" when more follows the choice, as in --fault KIND:PROBABILITY
};

struct completion_command {
    std::string name;
    std::vector<completion_option> options;
    completion_option arguments;  // the positional arguments; value_kind::none when it takes none
};

struct completion_options {
    std::string shell = "bash";
    std::vector<completion_option> global;  // --help, --version
    std::vector<completion_command> commands;
};
[[nodiscard]] int run_completion(const completion_options& options);

}  // namespace hotlive::cli
