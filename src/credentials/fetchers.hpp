// The fetchers behind make_fetcher, one per kind of source.
#pragma once

#include <hotlive/credential_fetcher.hpp>

#include <memory>
#include <optional>
#include <string>

namespace hotlive::detail {

// The proxy a fetch from `endpoint` goes through, if any.
[[nodiscard]] inline std::optional<proxy_server> route_of(const credential_fetch_settings& settings,
                                                          const credential_endpoint& endpoint) {
    const proxy_server* proxy = settings.egress.proxy_for(endpoint.tls, endpoint.host);
    return proxy != nullptr ? std::optional<proxy_server>(*proxy) : std::nullopt;
}

// STS AssumeRole (RamRoleArn, ChainableRamRoleArn), signed (RPC V1) with `keys`, or with what
// `source` fetches at each call when it is set.
[[nodiscard]] std::shared_ptr<credential_fetcher> make_assume_role_fetcher(const credential_resolution& resolution,
                                                                           boost::asio::any_io_executor executor,
                                                                           const credential_fetch_settings& settings,
                                                                           std::optional<credentials> keys,
                                                                           std::shared_ptr<credential_fetcher> source);

// STS AssumeRoleWithOIDC, unsigned, with the token file read at each call.
[[nodiscard]] std::shared_ptr<credential_fetcher> make_oidc_fetcher(const credential_resolution& resolution,
                                                                    boost::asio::any_io_executor executor,
                                                                    const credential_fetch_settings& settings);

// The ECS metadata service: hardened mode, then plain unless IMDSv1 is disabled.
[[nodiscard]] std::shared_ptr<credential_fetcher> make_metadata_fetcher(const credential_resolution& resolution,
                                                                        boost::asio::any_io_executor executor);

// A credentials URI.
[[nodiscard]] std::shared_ptr<credential_fetcher> make_uri_fetcher(const credential_resolution& resolution,
                                                                   boost::asio::any_io_executor executor,
                                                                   const credential_fetch_settings& settings);

// An External process, run without a shell.
[[nodiscard]] std::shared_ptr<credential_fetcher> make_process_fetcher(const credential_resolution& resolution,
                                                                       boost::asio::any_io_executor executor,
                                                                       const credential_fetch_settings& settings);

// What a source calls a field ("ram_role_arn" in config.json, "role_arn" in the INI file,
// ALIBABA_CLOUD_ROLE_ARN in the environment), for messages. `canonical` is config.json's name.
[[nodiscard]] std::string field_name(const credential_source& source, std::string_view canonical);

}  // namespace hotlive::detail
