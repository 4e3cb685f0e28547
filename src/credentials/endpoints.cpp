#include "credentials/endpoints.hpp"

#include "credentials/chain.hpp"
#include "plan/endpoint.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include <algorithm>

namespace hotlive::detail {
namespace {

constexpr std::string_view metadata_address = "100.100.100.200";

bool is_port(std::string_view port) {
    return !port.empty() && port.size() <= 5 &&
           std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
           std::stoul(std::string{port}) >= 1 && std::stoul(std::string{port}) <= 65535;
}

// A region code as the endpoints spell them ("cn-hangzhou"): anything else would make a host name
// of someone else's choosing.
bool is_region(std::string_view region) {
    return !region.empty() && region.size() <= 32 && std::all_of(region.begin(), region.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

}  // namespace

std::optional<url_parts> parse_credential_url(std::string_view url, std::string& problem) {
    const auto parsed = boost::urls::parse_absolute_uri(url);
    if (!parsed) {
        problem = "is not an absolute URL";
        return std::nullopt;
    }
    const boost::urls::url_view& u = *parsed;
    url_parts out;
    if (u.scheme() == "https") {
        out.endpoint.tls = true;
    } else if (u.scheme() == "http") {
        out.endpoint.tls = false;
    } else {
        problem = "must start with https:// (or http:// to a loopback address)";
        return std::nullopt;
    }
    if (!u.has_authority() || u.host().empty() || u.has_userinfo() || u.has_fragment()) {
        problem = "must be scheme://host[:port][/path], without a user, password or fragment";
        return std::nullopt;
    }
    out.endpoint.host =
        u.host_type() == boost::urls::host_type::ipv6 ? std::string(u.encoded_host_address()) : std::string(u.host());
    if (u.has_port() && !is_port(u.port())) {
        problem = "has a port that is not a number from 1 to 65535";
        return std::nullopt;
    }
    out.endpoint.port = u.has_port() ? std::string(u.port()) : (out.endpoint.tls ? "443" : "80");
    if (!out.endpoint.tls && !is_loopback_host(out.endpoint.host)) {
        problem = "uses plain http:// to a host that is not a loopback address; use https://";
        return std::nullopt;
    }
    out.target = u.encoded_path().empty() ? std::string{"/"} : std::string(u.encoded_path());
    if (u.has_query()) out.target += "?" + std::string(u.encoded_query());
    return out;
}

std::optional<credential_endpoint> choose_sts_endpoint(const sts_settings& profile, std::string_view profile_field,
                                                       const environment_lookup& environment, std::string& problem) {
    const auto env_endpoint = environment_value(environment, "ALIBABA_CLOUD_STS_ENDPOINT");
    const bool from_profile = !profile.endpoint.empty();
    if (from_profile || env_endpoint) {
        const std::string value = from_profile ? profile.endpoint : *env_endpoint;
        const std::string field = from_profile ? std::string{profile_field} : "ALIBABA_CLOUD_STS_ENDPOINT";
        const bool url = value.find("://") != std::string::npos;
        std::string why;
        const auto parts = parse_credential_url(url ? value : "https://" + value, why);
        if (!parts) {
            problem = field + " " + why;
            return std::nullopt;
        }
        if (parts->target != "/") {
            problem =
                field + " must name a host (sts.cn-hangzhou.aliyuncs.com) or scheme://host[:port], without a path";
            return std::nullopt;
        }
        return parts->endpoint;
    }
    const auto env_region = environment_value(environment, "ALIBABA_CLOUD_STS_REGION");
    const std::string region = !profile.region.empty() ? profile.region : env_region.value_or("");
    if (region.empty()) return credential_endpoint{true, "sts.aliyuncs.com", "443"};
    if (!is_region(region)) {
        problem = (profile.region.empty() ? std::string{"ALIBABA_CLOUD_STS_REGION"} : "sts_region") +
                  " is not a region code such as cn-hangzhou";
        return std::nullopt;
    }
    const bool vpc = profile.vpc || environment_flag(environment, "ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED");
    return credential_endpoint{true, (vpc ? "sts-vpc." : "sts.") + region + ".aliyuncs.com", "443"};
}

std::optional<credential_endpoint> choose_metadata_endpoint(const environment_lookup& environment,
                                                            std::string& problem) {
    const auto override_url = environment_value(environment, metadata_override_variable);
    if (!override_url) return credential_endpoint{false, std::string{metadata_address}, "80"};
    std::string why;
    const auto parts = parse_credential_url(*override_url, why);
    if (!parts || parts->endpoint.tls || parts->target != "/") {
        problem = std::string{metadata_override_variable} +
                  " must be http://LOOPBACK-ADDRESS:PORT (it stands in for the metadata service in tests and "
                  "rehearsals)";
        return std::nullopt;
    }
    return parts->endpoint;
}

bool environment_flag(const environment_lookup& environment, std::string_view name) {
    auto value = environment_value(environment, name);
    if (!value) return false;
    std::transform(value->begin(), value->end(), value->begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
    return *value == "true";
}

}  // namespace hotlive::detail
