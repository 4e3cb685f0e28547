// The subcommands of the hotlive executable, as plain functions of their options. Parsing the
// command line is main.cpp's job alone, so CLI11 (header-only and heavy) is compiled once.
#pragma once

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
};
[[nodiscard]] int run_validate(const validate_options& options);

struct plan_options {
    std::string plan;
    bool json = false;
};
[[nodiscard]] int run_plan(const plan_options& options);

struct run_options {
    std::string plan;
    std::string report;  // default: "<plan name>.report.json"
    std::string format;  // json, csv, junit, md; default from the report's extension
    std::string resume;  // a report (and its journal) of an earlier run of the plan
    std::string endpoint;
    std::string profile;
    std::string ca_file;
    std::optional<std::uint32_t> rate;
    std::optional<std::uint32_t> concurrency;
    std::string signature = "v3";
    std::string shard;                    // "K/N"
    std::optional<std::uint32_t> shards;  // N, with K from JOB_COMPLETION_INDEX (0-based)
    bool ignore_schedule = false;
    bool verbose = false;
    bool quiet = false;
};
[[nodiscard]] int run_run(const run_options& options);

struct emulate_options {
    std::string listen = "127.0.0.1:8080";
    std::vector<std::string> accounts;  // ID:SECRET
    std::optional<std::uint32_t> qps;
    std::optional<std::uint32_t> throttle_retry_after_ms;
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
    bool verbose = false;
};
[[nodiscard]] int run_credentials(const credentials_options& options);

}  // namespace hotlive::cli
