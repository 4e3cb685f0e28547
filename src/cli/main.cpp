// hotlive: warm ApsaraVideo Live edge nodes before a broadcast. This file is the command line's
// grammar: subcommands, options, help texts. Each subcommand runs a run_* function.
#include "cli/commands.hpp"
#include "cli/help_formatter.hpp"
#include "cli/output.hpp"
#include "cli/top_help.hpp"
#include "cli/version_text.hpp"
#include "text/exception_message.hpp"

#include <hotlive/emulator.hpp>
#include <hotlive/exit_codes.hpp>

#include <CLI/CLI.hpp>

#include <exception>
#include <initializer_list>
#include <memory>
#include <string>

namespace hotlive::cli {
namespace {

// `--resume "$LAST"` with LAST unset must not quietly become a fresh run (nor --shard "" an
// unsharded one): an empty value is refused, never taken for the option's absence.
CLI::Validator not_empty() {
    return {[](const std::string& value) {
                return value.empty() ? std::string("an empty value; give one or leave the option out") : std::string();
            },
            "", "not empty"};
}

// The type names that tell help readers, and shell completion, what a value is: a file, or one
// of a few words ("{json,csv}").
CLI::Option* file_value(CLI::Option* option) { return option->type_name("FILE")->check(not_empty()); }

CLI::Option* one_of(CLI::Option* option, std::initializer_list<const char*> words) {
    std::string name = "{";
    for (const char* w : words) name.append(name.size() > 1 ? "," : "").append(w);
    return option->type_name(name + "}")->check(not_empty());
}

// --proxy and --no-proxy, of the commands that reach the network.
void add_proxy_options(CLI::App& command, proxy_options& options) {
    auto* proxy = command
                      .add_option("--proxy", options.proxy,
                                  "HTTP proxy, [http://][user:password@]host[:port] (beats the plan's proxy and "
                                  "HTTPS_PROXY; NO_PROXY still applies; the password is visible to ps: prefer "
                                  "HTTPS_PROXY)")
                      ->type_name("URL")
                      ->check(not_empty());
    command.add_flag("--no-proxy", options.no_proxy, "Connect directly, whatever the plan's proxy and HTTPS_PROXY say")
        ->excludes(proxy);
}

// CLI11 would show "UINT:INT in [0 - 100000]"; the range is said in words in the description.
CLI::Option* whole_number(CLI::Option* option, unsigned min, unsigned max) {
    option->description(option->get_description() + "; a whole number from " + std::to_string(min) + " to " +
                        std::to_string(max));
    return option->type_name("N")->check(CLI::Range(min, max).description(""));
}

completion_option describe(const CLI::Option& option) {
    completion_option d;
    for (const auto& n : option.get_lnames()) d.names.push_back("--" + n);
    for (const auto& n : option.get_snames()) d.names.push_back("-" + n);
    if (option.get_items_expected_max() == 0) return d;  // a flag
    const std::string type = option.get_type_name();
    if (type.starts_with("FILE")) {
        d.value = value_kind::file;
    } else if (type.starts_with("{") && type.find('}') != std::string::npos) {
        d.value = value_kind::choice;
        std::string word;
        for (const char c : type.substr(1, type.find('}') - 1)) {
            if (c != ',') {
                word.push_back(c);
                continue;
            }
            d.choices.push_back(word);
            word.clear();
        }
        d.choices.push_back(word);
        if (type.substr(type.find('}') + 1).starts_with(':')) d.choice_suffix = ":";  // "{a,b}:PROBABILITY"
    } else {
        d.value = value_kind::text;
    }
    return d;
}

// Every subcommand and option, as completion needs them.
void describe_grammar(const CLI::App& app, completion_options& out) {
    for (const auto* option : app.get_options()) out.global.push_back(describe(*option));
    for (const auto* command : app.get_subcommands([](const CLI::App*) { return true; })) {
        completion_command c{command->get_name(), {}, {}};
        for (const auto* option : command->get_options()) {
            if (option->nonpositional()) {
                c.options.push_back(describe(*option));
            } else {
                c.arguments = describe(*option);
            }
        }
        out.commands.push_back(std::move(c));
    }
}

void add_regions(CLI::App& app, regions_options& options, int& exit_status) {
    auto* command = app.add_subcommand("regions", "List the region codes HotLiveRtcStream accepts");
    auto* provinces_flag =
        command->add_flag("--provinces", options.provinces_only, "Only the 34 Chinese provincial codes");
    command->add_flag("--countries", options.countries_only, "Only the 170 country codes")->excludes(provinces_flag);
    command->add_flag("--json", options.json, "One JSON array of {code, name, kind}");
    command->footer(
        "Examples:\n  $ hotlive regions\n  $ hotlive regions --provinces\n  $ hotlive regions --json | jq -r "
        "'.[].code'");
    command->callback([&] { exit_status = run_regions(options); });
}

void add_validate(CLI::App& app, validate_options& options, int& exit_status) {
    auto* command = app.add_subcommand("validate", "Check plans whole and report every problem; sends nothing");
    file_value(command->add_option("PLAN", options.plans, "Plan files (YAML, format version 1)")->required());
    command->add_flag("--quiet", options.quiet, "Nothing but errors: no line per valid plan, no warnings");
    command->footer(
        "Errors are printed as FILE:LINE:COL: message; the exit code is 2 when any plan has one.\n\n"
        "Examples:\n  $ hotlive validate plans/new-year-gala.yaml\n  $ hotlive validate plans/*.yaml\n"
        "  $ hotlive validate --quiet plans/*.yaml && hotlive run plans/new-year-gala.yaml");
    command->callback([&] {
        configure_output({.quiet = options.quiet});
        exit_status = run_validate(options);
    });
}

void add_plan(CLI::App& app, plan_options& options, int& exit_status) {
    auto* command =
        app.add_subcommand("plan", "Dry run: list the calls a plan makes and how long they take; sends nothing");
    file_value(command->add_option("PLAN", options.plan, "Plan file (YAML, format version 1)")->required());
    command->add_flag("--json", options.json, "One JSON document: the calls, their count and the estimate");
    command->add_flag("--quiet", options.quiet, "No warnings about the plan on stderr, only errors");
    command->footer(
        "Examples:\n  $ hotlive plan plans/new-year-gala.yaml\n"
        "  $ hotlive plan plans/global-launch.yaml --json | jq '.count'\n"
        "  $ hotlive plan plans/sports-final.yaml | grep '@US '");
    command->callback([&] {
        configure_output({.quiet = options.quiet});
        exit_status = run_plan(options);
    });
}

void add_run(CLI::App& app, run_options& options, int& exit_status) {
    auto* command = app.add_subcommand("run", "Warm every call of a plan and write the report");
    file_value(command->add_option("PLAN", options.plan, "Plan file (YAML, format version 1)")->required());
    file_value(command->add_option("--report", options.report,
                                   "Report file (default: PLAN-NAME.report.json); its journal is REPORT.journal"));
    one_of(command->add_option("--format", options.format, "Report format (default: from the report's extension)"),
           {"json", "csv", "junit", "md", "html"});
    file_value(
        command->add_option("--resume", options.resume, "Send only what the run that wrote this report did not warm"));
    command->add_flag("--resume-other-plan", options.resume_other_plan,
                      "Let --resume take a report of a plan of another name (a renamed plan)");
    command->add_option("--endpoint", options.endpoint, "Override the plan's endpoint (http:// for loopback only)")
        ->check(not_empty());
    command->add_option("--profile", options.profile, "Credentials profile (beats the plan's and environment keys)")
        ->check(not_empty());
    file_value(command->add_option("--ca-file", options.ca_file, "Trust this CA file instead of the system store"));
    add_proxy_options(*command, options.proxy);
    whole_number(command->add_option("--rate", options.rate, "Calls per second (0: no limit); default the plan's"), 0,
                 100000);
    whole_number(
        command->add_option("--concurrency", options.concurrency, "Calls in flight at once; default the plan's"), 1,
        4096);
    one_of(command->add_option("--signature", options.signature, "v3 (ACS3-HMAC-SHA256, default) or v1 (HMAC-SHA1)"),
           {"v3", "v1"});
    auto* shard = command->add_option("--shard", options.shard, "Run share K of N (1-based), e.g. 2/4, at rate/N")
                      ->check(not_empty());
    whole_number(command->add_option("--shards", options.shards,
                                     "N shares; K from JOB_COMPLETION_INDEX (Kubernetes Indexed Job)"),
                 1, 100000)
        ->excludes(shard);
    command->add_flag("--no-adaptive", options.no_adaptive,
                      "A fixed pace at the rate: do not slow down when the service answers Throttling");
    command->add_flag("--keep-going", options.keep_going,
                      "Send every call even after a refusal shows its domain, region or account cannot warm");
    auto* ignore_schedule = command->add_flag("--ignore-schedule", options.ignore_schedule,
                                              "Rehearsal: start now and ignore the plan's schedule");
    command
        ->add_option("--event-start", options.event_start,
                     "Rehearsal: the show starts at this time (RFC 3339) or this long from now (+5m, +90s); "
                     "the waves, not_before and deadline move with it")
        ->check(not_empty())
        ->excludes(ignore_schedule);
    auto* listen = command
                       ->add_option("--listen", options.listen,
                                    "Serve a live view (wall-screen /, /metrics, /status.json) on ADDR:PORT while the "
                                    "run goes on; 127.0.0.1:0 picks a port; loopback unless another address is given")
                       ->check(not_empty());
    command
        ->add_option("--listen-linger", options.listen_linger,
                     "Keep serving the live view's final state this long after the run (30s, 5m)")
        ->check(not_empty())
        ->needs(listen);
    file_value(command->add_option("--metrics-file", options.metrics_file,
                                   "Write the metrics (Prometheus text) to this file every 10 s and at the end, "
                                   "atomically: for node_exporter's textfile collector (name it *.prom)"));
    auto* verbose = command->add_flag("--verbose", options.verbose, "A line per finished call");
    command->add_flag("--quiet", options.quiet, "Nothing but errors")->excludes(verbose);
    one_of(command
               ->add_option("--log-format", options.log_format,
                            "What goes to stderr: text, or one JSON object per line for log pipelines "
                            "(and the summary as one on stdout)")
               ->check(CLI::IsMember({"text", "json"}).description(""))
               ->envname("HOTLIVE_LOG_FORMAT"),
           {"text", "json"});
    command->footer(
        "Exit status:\n"
        "  0    every call warm\n"
        "  1    some call not warm: failed, not started, cancelled or skipped\n"
        "  2    invalid plan or usage (nothing sent)\n"
        "  3    cannot start: credentials, endpoint, TLS; or the service refused the credentials\n"
        "  74   the report or the journal could not be written\n"
        "  130  interrupted: the partial report is written; --resume carries on\n\n"
        "Examples:\n  $ hotlive run plans/new-year-gala.yaml --report gala.json\n"
        "  $ hotlive run plans/new-year-gala.yaml --resume gala.json --report gala.json\n"
        "  $ hotlive run plans/sports-final.yaml --shard 2/4 --report final-2.json\n"
        "  $ hotlive run plans/global-launch.yaml --log-format json --verbose 2>>run.log.jsonl\n"
        "  $ hotlive run plans/new-year-gala.yaml --listen 127.0.0.1:9464 --listen-linger 5m");
    command->callback([&] {
        configure_output(
            {.quiet = options.quiet, .format = options.log_format == "json" ? log_format::json : log_format::text});
        exit_status = run_run(options);
    });
}

void add_emulate(CLI::App& app, emulate_options& options, int& exit_status) {
    auto* command =
        app.add_subcommand("emulate", "Run a local stand-in for the Live endpoint, for tests and rehearsals");
    command->add_option("--listen", options.listen, "HOST:PORT to listen on; port 0 picks a free one")
        ->capture_default_str();
    command->add_option("--account", options.accounts,
                        "ID:SECRET of an accepted account (repeatable; test accounts only: the command line is "
                        "visible to other users). Default: hotlive-demo-id:hotlive-demo-secret");
    command
        ->add_option("--disabled-account", options.disabled_accounts,
                     "An account whose key is disabled: its requests are answered InvalidAccessKeyId.Inactive "
                     "(repeatable; like --account, test accounts only)")
        ->type_name("ID:SECRET");
    command
        ->add_option("--prefetch-off", options.prefetch_off,
                     "A domain without the prefetch switch: NoSpecialConfiguration (repeatable)")
        ->type_name("DOMAIN")
        ->check(not_empty());
    command
        ->add_option("--without-nodes", options.without_nodes,
                     "A region code with no nodes: CodeRegionHasNoNode (repeatable)")
        ->type_name("REGION")
        ->check(not_empty());
    command
        ->add_option("--ram-denied", options.ram_denied, "A domain a RAM policy denies: 403 Forbidden.RAM (repeatable)")
        ->type_name("DOMAIN")
        ->check(not_empty());
    file_value(command->add_option("--config", options.config,
                                   "YAML config: accounts, domains, regions, qps, background_load, seed, faults, "
                                   "sts_duration, roles, oidc_providers, imds, sts_outage"));
    command->add_option("--qps", options.qps,
                        "Calls per second per AccessKeyId before Throttling.User (0: no limit; default 10)");
    command->add_option("--throttle-retry-after-ms", options.throttle_retry_after_ms,
                        "Send x-acs-retry-after (milliseconds) with Throttling.User");
    command
        ->add_option("--background-load", options.background_load,
                     "Another client of each account using RATE calls/s of its --qps quota, from the start for "
                     "SECONDS (default: throughout); 2.5 is one call every 400 ms")
        ->type_name("RATE[:SECONDS]")
        ->check(not_empty());
    command
        ->add_option("--sts-duration", options.sts_duration,
                     "Lifetime of the temporary credentials STS and IMDS issue (default 1h; at most 12h)")
        ->type_name("DURATION")
        ->check(not_empty());
    command->add_option("--imds-mode", options.imds_mode, "IMDS session tokens: required, absent or either (default)")
        ->type_name("{hardened,plain,both}")
        ->check(CLI::IsMember({"hardened", "plain", "both"}));
    command
        ->add_option("--imds-role", options.imds_role,
                     "The ECS instance RAM role IMDS names (default hotlive-demo-ecs-role)")
        ->type_name("NAME")
        ->check(not_empty());
    command
        ->add_option("--sts-outage", options.sts_outage,
                     "STS and IMDS answer 503 from FROM_S seconds after the start, for FOR_S seconds")
        ->type_name("FROM_S:FOR_S")
        ->check(not_empty());
    auto* cert = file_value(command->add_option("--tls-cert", options.tls_cert, "PEM certificate chain: serve HTTPS"));
    auto* key = file_value(command->add_option("--tls-key", options.tls_key, "PEM private key of --tls-cert"));
    cert->needs(key);
    key->needs(cert);
    file_value(command->add_option("--log", options.log, "Write one JSON line per request to this file (no secrets)"));
    command->add_option("--seed", options.seed, "Seed of the fault schedule (default 0)");
    std::string fault_kinds;  // the type names the kinds, so that shell completion offers them
    for (const auto kind : fault_kind_names()) fault_kinds.append(fault_kinds.empty() ? "" : ",").append(kind);
    command->add_option("--fault", options.faults, "A per-attempt fault (repeatable); PROBABILITY from 0 to 1")
        ->type_name("{" + fault_kinds + "}:PROBABILITY")
        ->check(not_empty());
    command->add_option("--clock-offset", options.clock_offset_s,
                        "Run the server's clock this many seconds ahead (negative: behind) of the machine's");
    command->add_flag("--allow-replay", options.allow_replay,
                      "Benchmarks only: accept replayed SignatureNonces, so one signed request can be resent");
    whole_number(command->add_option("--threads", options.threads, "Threads serving connections (default 1)"), 1, 64);
    command->footer(
        "The first line on stdout is 'hotlive emulator listening on URL'. SIGINT or SIGTERM flushes the log\n"
        "and exits 0. README.md, \"The emulator\", documents the config, the faults and the log.\n\n"
        "Examples:\n  $ hotlive emulate --listen 127.0.0.1:0\n"
        "  $ hotlive emulate --config emulator.yaml --log requests.jsonl --fault internal_error:0.05\n"
        "  $ hotlive emulate --tls-cert cert.pem --tls-key key.pem --clock-offset 1200\n"
        "  $ hotlive emulate --ram-denied locked.example.com --without-nodes TIB --disabled-account old-id:old-secret\n"
        "  $ hotlive emulate --sts-duration 30s --imds-mode hardened --sts-outage 60:10");
    command->callback([&] { exit_status = run_emulate(options); });
}

void add_credentials(CLI::App& app, credentials_options& options, int& exit_status) {
    auto* command = app.add_subcommand("credentials", "Show which Alibaba Cloud credentials a run would use");
    command->add_option("--profile", options.profile,
                        "Profile of ~/.aliyun/config.json or ~/.alibabacloud/credentials (beats environment keys)");
    command->add_flag("--verbose", options.verbose,
                      "Also list every place looked at, in order, and fetch temporary credentials now");
    file_value(command->add_option("--ca-file", options.ca_file,
                                   "Trust this CA file for STS and a credentials URI instead of the system store"));
    add_proxy_options(*command, options.proxy);
    command->footer(
        "Looks at ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET/SECURITY_TOKEN (and the ALIBABACLOUD_* and ALICLOUD_*\n"
        "spellings), then OIDC (ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN,\n"
        "ALIBABA_CLOUD_OIDC_TOKEN_FILE), then ~/.aliyun/config.json, then ~/.alibabacloud/credentials,\n"
        "then the ECS instance role, then ALIBABA_CLOUD_CREDENTIALS_URI. Prints the source, the mode, the\n"
        "role ARN and the AccessKeyId masked; never prints a secret or a token. Exit 3 when no usable\n"
        "credentials are found or the source refuses them.\n\n"
        "Examples:\n  $ hotlive credentials\n  $ hotlive credentials --profile prod --verbose");
    command->callback([&] { exit_status = run_credentials(options); });
}

void add_report(CLI::App& app, report_options& options, int& exit_status) {
    auto* command =
        app.add_subcommand("report", "Re-render a report in another format, or merge the reports of a sharded run");
    file_value(command->add_option("REPORT", options.reports, "JSON reports (schema hotlive.report/1)")->required());
    one_of(command->add_option("--format", options.format,
                               "Output format (default: from --output's extension; to stdout, md on a terminal and "
                               "json otherwise)"),
           {"json", "csv", "junit", "md", "html"});
    file_value(command->add_option("--output,-o", options.output, "Write here, atomically (default: stdout)"));
    file_value(command->add_option("--plan", options.plan,
                                   "The plan file, to put merged calls in plan order (default: the reports' source)"));
    command->add_flag("--quiet", options.quiet, "Nothing but errors");
    command->footer(
        "One report is re-rendered. Several must be the N reports of one plan's `hotlive run --shard K/N`\n"
        "runs, each shard once and no call twice; they merge into the report of the whole plan (shard 1/1,\n"
        "earliest start, latest finish), its calls in plan order when the plan file is at hand, else shard by\n"
        "shard. Reports of different versions of a plan do not merge. With --plan, every call of that plan\n"
        "must be in some report: the missing are named and the exit code is 1. Exit 2 when a report cannot\n"
        "be read, the reports do not merge or --output is no place for a report, 74 when the output cannot\n"
        "be written.\n\n"
        "Examples:\n  $ hotlive report gala.json --output gala.html\n"
        "  $ hotlive report final-1.json final-2.json final-3.json final-4.json --output final.json\n"
        "  $ hotlive report final-*.json --plan plans/sports-final.yaml --format md");
    command->callback([&] {
        configure_output({.quiet = options.quiet});
        exit_status = run_report(options);
    });
}

void add_completion(CLI::App& app, completion_options& options, int& exit_status) {
    auto* command = app.add_subcommand("completion", "Print the shell completion script");
    one_of(command->add_option("SHELL", options.shell, "The shell (bash, the default)")
               ->check(CLI::IsMember({"bash"}).description("")),
           {"bash"});
    command->footer(
        "Completes subcommands, options, the values of --format and the like, and file names.\n\n"
        "Examples:\n  $ source <(hotlive completion bash)\n"
        "  $ hotlive completion bash > ~/.local/share/bash-completion/completions/hotlive");
    command->callback([&] {
        describe_grammar(app, options);
        exit_status = run_completion(options);
    });
}

}  // namespace
}  // namespace hotlive::cli

// NOLINTNEXTLINE(bugprone-exception-escape): before the try, only bad_alloc or a misdeclared option can throw
int main(int argc, char** argv) {
    using namespace hotlive::cli;
    CLI::App app{
        "Warm ApsaraVideo Live edge nodes before a broadcast: prefetch RTC streams "
        "into the regions of a YAML plan.",
        "hotlive"};
    app.formatter(std::make_shared<help_formatter>());  // before the subcommands, which take it over
    app.require_subcommand(1);
    app.footer(top_help_footer());
    app.set_version_flag("--version", version_text, "Print the version, commit, build and library versions; exit");

    int exit_status = hotlive::exit_code::success;
    // In the order of --help: the operator's path through a broadcast, then the tools.
    validate_options validate;
    add_validate(app, validate, exit_status);
    plan_options plan;
    add_plan(app, plan, exit_status);
    run_options run;
    add_run(app, run, exit_status);
    report_options report;
    add_report(app, report, exit_status);
    regions_options regions;
    add_regions(app, regions, exit_status);
    credentials_options credentials;
    add_credentials(app, credentials, exit_status);
    emulate_options emulate;
    add_emulate(app, emulate, exit_status);
    completion_options completion;
    add_completion(app, completion, exit_status);

    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) {
        return app.exit(e);  // --help, --version
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return hotlive::exit_code::invalid_input;
    } catch (const std::exception& e) {
        print_error(hotlive::detail::message_of(e));
        return hotlive::exit_code::cannot_start;
    }
    return exit_status;
}
