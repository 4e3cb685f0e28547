// hotlive credentials [--profile NAME] [--verbose] [--ca-file FILE] [--proxy URL|--no-proxy]: which
// credentials a run would use and where they come from, without showing them: the AccessKeyId masked, the secret,
// any STS token and any OIDC token never. Temporary credentials are fetched only with --verbose,
// or when the source is the chain's guess at the ECS instance role: that guess is worth saying
// only once the metadata service has answered.
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "engine/credential_refresh.hpp"
#include "time/rfc3339.hpp"

#include <hotlive/credential_fetcher.hpp>
#include <hotlive/credentials.hpp>
#include <hotlive/exit_codes.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <fmt/format.h>

namespace hotlive::cli {
namespace {

credential_fetch_result fetch_once(boost::asio::io_context& io, credential_fetcher& fetcher) {
    auto result = boost::asio::co_spawn(io, fetcher.fetch(), boost::asio::use_future);
    io.run();
    return result.get();
}

std::string expiry(const std::optional<std::chrono::system_clock::time_point>& expiration) {
    if (!expiration) return "none (long-lived)";
    const auto left = std::chrono::duration_cast<std::chrono::minutes>(*expiration - std::chrono::system_clock::now());
    return detail::format_rfc3339_utc(std::chrono::floor<std::chrono::seconds>(*expiration)) + " (in " +
           std::to_string(left.count()) + " min)";
}

// When a run would fetch them again (credential_refresh.hpp), for temporary credentials.
std::string renewal(const std::optional<std::chrono::system_clock::time_point>& expiration) {
    if (!expiration) return {};
    detail::credential_refresh refresh;
    if (!refresh.on_fetched(expiration, std::chrono::system_clock::now()))
        return "renewed: at once (they are at their end)\n";
    return "renewed: " + detail::format_rfc3339_utc(std::chrono::floor<std::chrono::seconds>(*refresh.next_fetch())) +
           " (a run fetches them again then, ahead of the expiry)\n";
}

}  // namespace

int run_credentials(const credentials_options& options) {
    const auto resolution = resolve_process_credentials(
        options.profile.empty() ? std::nullopt : std::optional<std::string>{options.profile}, std::nullopt);
    if (options.verbose) {
        for (const auto& step : resolution.steps) fmt::print("looked at {}\n", step);
    }
    for (const auto& warning : resolution.warnings) print_warning(warning);
    if (!resolution.mode) {
        print_error(resolution.error);
        return exit_code::cannot_start;
    }
    const credential_mode mode = *resolution.mode;
    std::string out = "source: " + resolution.source.description + "\nmode: " + std::string{to_string(mode)} + "\n";
    if (!resolution.role_arn.empty()) out += "role arn: " + resolution.role_arn + "\n";
    if (resolution.source_profile) {
        out += "source profile: " + resolution.source_profile->source.description + "\n";
    }
    if (resolution.value) {
        out += "access key id: " + mask_access_key_id(resolution.value->access_key_id) +
               "\nsecurity token: " + (resolution.value->security_token.empty() ? "none" : "present") + "\n";
    }
    if (resolution.signing_keys) {
        out += "access key id: " + mask_access_key_id(resolution.signing_keys->access_key_id) + " (signs AssumeRole)\n";
    }
    if (!is_fetched(mode)) {
        fmt::print("{}", out);
        return exit_code::success;
    }

    auto egress = choose_egress_reporting(options.proxy, {}, false);
    if (!egress) return exit_code::invalid_input;
    boost::asio::io_context io;
    credential_fetch_settings fetching;
    fetching.ca_file = options.ca_file;
    fetching.egress = std::move(*egress);
    const auto fetcher = make_fetcher(resolution, io.get_executor(), fetching);
    out += "temporary credentials: from " + fetcher->describe() + "\n";
    if (options.verbose && (fetching.egress.https_proxy || fetching.egress.http_proxy)) {
        out += "egress: " + fetching.egress.describe() + "\n";
    }
    const bool guessed = resolution.source.origin == credential_origin::instance_metadata;
    if (!options.verbose && !guessed) {
        fmt::print("{}expires: not fetched (--verbose fetches them now)\n", out);
        return exit_code::success;
    }
    if (!guessed) fmt::print("{}", out);
    const auto fetched = fetch_once(io, *fetcher);
    if (const auto* failed = std::get_if<credential_fetch_failure>(&fetched)) {
        const std::string& message = failed->message;
        if (guessed) {
            std::string looked;
            for (const auto& step : resolution.steps) looked += (looked.empty() ? "" : "; ") + step;
            print_error("no credentials found; looked at: " + looked + "; " + message);
            return exit_code::cannot_start;
        }
        print_error(message + (failed->refused ? " (refused)" : " (may be temporary; try again)"));
        return exit_code::cannot_start;
    }
    const auto& got = std::get<expiring_credentials>(fetched);
    fmt::print("{}temporary access key id: {}\nexpires: {}\n{}", guessed ? out : std::string{},
               mask_access_key_id(got.value.access_key_id), expiry(got.expiration), renewal(got.expiration));
    return exit_code::success;
}

}  // namespace hotlive::cli
