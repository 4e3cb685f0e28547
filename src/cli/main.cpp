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
    add_regions(app, regions, exit_status);
    add_validate(app, validate, exit_status);
    add_plan(app, plan, exit_status);
    add_credentials(app, credentials, exit_status);

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
