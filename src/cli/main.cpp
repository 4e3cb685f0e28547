// hotlive: warm ApsaraVideo Live edge nodes before a broadcast. This file is the command line's
// grammar: subcommands, options, help texts. Each subcommand runs a run_* function.
#include "cli/commands.hpp"
#include "cli/output.hpp"

#include <hotlive/exit_codes.hpp>

#include <CLI/CLI.hpp>

#include <exception>

namespace hotlive::cli {
namespace {

void add_regions(CLI::App& app, regions_options& options, int& exit_status) {
    auto* command = app.add_subcommand("regions", "List the region codes HotLiveRtcStream accepts");
    auto* provinces_flag =
        command->add_flag("--provinces", options.provinces_only, "Only the 34 Chinese provincial codes");
    command->add_flag("--countries", options.countries_only, "Only the 170 country codes")->excludes(provinces_flag);
    command->add_flag("--json", options.json, "One JSON array of {code, name, kind}");
    command->footer(
        "Examples:\n  hotlive regions\n  hotlive regions --provinces\n  hotlive regions --json | jq -r '.[].code'");
    command->callback([&] { exit_status = run_regions(options); });
}

void add_validate(CLI::App& app, validate_options& options, int& exit_status) {
    auto* command = app.add_subcommand("validate", "Check plans whole and report every problem; sends nothing");
    command->add_option("PLAN", options.plans, "Plan files (YAML, format version 1)")->required();
    command->footer(
        "Errors are printed as FILE:LINE:COL: message; the exit code is 2 when any plan has one.\n\n"
        "Examples:\n  hotlive validate plans/new-year-gala.yaml\n  hotlive validate plans/*.yaml");
    command->callback([&] { exit_status = run_validate(options); });
}

void add_plan(CLI::App& app, plan_options& options, int& exit_status) {
    auto* command =
        app.add_subcommand("plan", "Dry run: list the calls a plan makes and how long they take; sends nothing");
    command->add_option("PLAN", options.plan, "Plan file (YAML, format version 1)")->required();
    command->add_flag("--json", options.json, "One JSON document: the calls, their count and the estimate");
    command->footer(
        "Examples:\n  hotlive plan plans/new-year-gala.yaml\n"
        "  hotlive plan plans/global-launch.yaml --json | jq '.count'");
    command->callback([&] { exit_status = run_plan(options); });
}

void add_run(CLI::App& app, run_options& options, int& exit_status) {
    auto* command = app.add_subcommand("run", "Warm every call of a plan and write the report");
    command->add_option("PLAN", options.plan, "Plan file (YAML, format version 1)")->required();
    command->add_option("--report", options.report,
                        "Report file (default: PLAN-NAME.report.json); its journal is REPORT.journal");
    command->add_option("--format", options.format,
                        "json, csv, junit, md or html (default: from the report's extension)");
    command->add_option("--resume", options.resume, "Send only what the run that wrote this report did not warm");
    command->add_option("--endpoint", options.endpoint, "Override the plan's endpoint (http:// for loopback only)");
    command->add_option("--profile", options.profile, "Credentials profile (beats the plan's and environment keys)");
    command->add_option("--ca-file", options.ca_file, "Trust this CA file instead of the system store");
    command->add_option("--rate", options.rate, "Calls per second (0: no limit); default the plan's");
    command->add_option("--concurrency", options.concurrency, "Calls in flight at once; default the plan's")
        ->check(CLI::Range(1, 4096));
    command->add_option("--signature", options.signature, "v3 (ACS3-HMAC-SHA256, default) or v1 (HMAC-SHA1)");
    auto* shard = command->add_option("--shard", options.shard, "Run share K of N (1-based), e.g. 2/4, at rate/N");
    command->add_option("--shards", options.shards, "N shares; K from JOB_COMPLETION_INDEX (Kubernetes Indexed Job)")
        ->excludes(shard)
        ->check(CLI::Range(1, 100000));
    command->add_flag("--ignore-schedule", options.ignore_schedule,
                      "Rehearsal: start now and ignore the plan's not_before and deadline");
    auto* verbose = command->add_flag("--verbose", options.verbose, "A line per finished call");
    command->add_flag("--quiet", options.quiet, "Nothing but errors")->excludes(verbose);
    command->footer(
        "Exit codes: 0 every call warm, 1 some call not warm, 2 invalid plan or usage, 3 cannot start\n"
        "(credentials, endpoint, TLS), 74 the report could not be written, 130 interrupted (resumable).\n\n"
        "Examples:\n  hotlive run plans/new-year-gala.yaml --report gala.json\n"
        "  hotlive run plans/new-year-gala.yaml --resume gala.json --report gala.json\n"
        "  hotlive run plans/sports-final.yaml --shard 2/4 --report final-2.json");
    command->callback([&] { exit_status = run_run(options); });
}

void add_emulate(CLI::App& app, emulate_options& options, int& exit_status) {
    auto* command =
        app.add_subcommand("emulate", "Run a local stand-in for the Live endpoint, for tests and rehearsals");
    command->add_option("--listen", options.listen, "HOST:PORT to listen on; port 0 picks a free one")
        ->capture_default_str();
    command->add_option("--account", options.accounts,
                        "ID:SECRET of an accepted account (repeatable; test accounts only: the command line is "
                        "visible to other users). Default: hotlive-demo-id:hotlive-demo-secret");
    command->add_option("--config", options.config, "YAML config: accounts, domains, regions, qps, seed, faults");
    command->add_option("--qps", options.qps,
                        "Calls per second per AccessKeyId before Throttling.User (0: no limit; default 10)");
    command->add_option("--throttle-retry-after-ms", options.throttle_retry_after_ms,
                        "Send x-acs-retry-after (milliseconds) with Throttling.User");
    auto* cert = command->add_option("--tls-cert", options.tls_cert, "PEM certificate chain: serve HTTPS");
    auto* key = command->add_option("--tls-key", options.tls_key, "PEM private key of --tls-cert");
    cert->needs(key);
    key->needs(cert);
    command->add_option("--log", options.log, "Write one JSON line per request to this file (no secrets)");
    command->add_option("--seed", options.seed, "Seed of the fault schedule (default 0)");
    command->add_option("--fault", options.faults,
                        "KIND:PROBABILITY, a per-attempt fault (repeatable): internal_error, service_unavailable, "
                        "throttle, latency, reset, truncate, garbage_json, no_request_id, trickle");
    command->add_option("--clock-offset", options.clock_offset_s,
                        "Run the server's clock this many seconds ahead (negative: behind) of the machine's");
    command->add_flag("--allow-replay", options.allow_replay,
                      "Benchmarks only: accept replayed SignatureNonces, so one signed request can be resent");
    command->add_option("--threads", options.threads, "Threads serving connections (default 1)")
        ->check(CLI::Range(1, 64));
    command->footer(
        "The first line on stdout is 'hotlive emulator listening on URL'. SIGINT or SIGTERM flushes the log\n"
        "and exits 0. README.md, \"The emulator\", documents the config, the faults and the log.\n\n"
        "Examples:\n  hotlive emulate --listen 127.0.0.1:0\n"
        "  hotlive emulate --config emulator.yaml --log requests.jsonl --fault internal_error:0.05\n"
        "  hotlive emulate --tls-cert cert.pem --tls-key key.pem --clock-offset 1200");
    command->callback([&] { exit_status = run_emulate(options); });
}

void add_credentials(CLI::App& app, credentials_options& options, int& exit_status) {
    auto* command = app.add_subcommand("credentials", "Show which Alibaba Cloud credentials a run would use");
    command->add_option("--profile", options.profile,
                        "Profile of ~/.aliyun/config.json or ~/.alibabacloud/credentials (beats environment keys)");
    command->add_flag("--verbose", options.verbose, "Also list every place looked at, in order");
    command->footer(
        "Looks at ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET/SECURITY_TOKEN (and the ALIBABACLOUD_* and ALICLOUD_*\n"
        "spellings), then ~/.aliyun/config.json, then ~/.alibabacloud/credentials. Prints the AccessKeyId\n"
        "masked; never prints a secret or a token. Exit 3 when no usable credentials are found.\n\n"
        "Examples:\n  hotlive credentials\n  hotlive credentials --profile prod --verbose");
    command->callback([&] { exit_status = run_credentials(options); });
}

}  // namespace
}  // namespace hotlive::cli

int main(int argc, char** argv) {
    using namespace hotlive::cli;
    CLI::App app{
        "Warm ApsaraVideo Live edge nodes before a broadcast: prefetch RTC streams "
        "into the regions of a YAML plan.",
        "hotlive"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "hotlive 0.1.0");

    int exit_status = hotlive::exit_code::success;
    regions_options regions;
    validate_options validate;
    plan_options plan;
    credentials_options credentials;
    run_options run;
    add_regions(app, regions, exit_status);
    add_validate(app, validate, exit_status);
    add_plan(app, plan, exit_status);
    add_run(app, run, exit_status);
    add_credentials(app, credentials, exit_status);
    emulate_options emulate;
    add_emulate(app, emulate, exit_status);

    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) {
        return app.exit(e);  // --help, --version
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return hotlive::exit_code::invalid_input;
    } catch (const std::exception& e) {
        print_error(e.what());
        return hotlive::exit_code::cannot_start;
    }
    return exit_status;
}
