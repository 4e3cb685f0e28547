// Choosing the proxy of each connection: the command line, the plan, then the environment.
#include <hotlive/proxy.hpp>

#include <array>

namespace hotlive {
namespace {

// The ECS metadata service: the instance's own, never behind a proxy.
constexpr std::string_view metadata_address = "100.100.100.200";

// The first variable set and non-empty, and its name.
std::optional<std::pair<std::string, std::string>> first_set(const environment_lookup& environment,
                                                             std::initializer_list<std::string_view> names) {
    for (const auto name : names) {
        if (auto value = environment(name); value && !value->empty()) {
            return std::pair{std::string(name), std::move(*value)};
        }
    }
    return std::nullopt;
}

std::string proxy_line(const proxy_server& proxy, const std::string& origin) {
    return "through proxy " + proxy.url() + " (" + origin + (proxy.authenticates() ? ", Basic authentication" : "") +
           ")";
}

}  // namespace

const proxy_server* egress::proxy_for(bool tls, std::string_view host) const {
    const auto& proxy = tls ? https_proxy : http_proxy;
    if (!proxy || host == metadata_address || no_proxy_matches(no_proxy, host)) return nullptr;
    return &*proxy;
}

std::string egress::describe() const {
    std::string line;
    if (!https_proxy && !http_proxy) {
        line = "direct";
        if (!https_origin.empty()) line += " (" + https_origin + ")";
    } else if (https_proxy && http_proxy && https_proxy->url() == http_proxy->url() && https_origin == http_origin) {
        line = proxy_line(*https_proxy, https_origin);
    } else {
        line = "https:// " + (https_proxy ? proxy_line(*https_proxy, https_origin) : std::string("direct")) +
               "; http:// " + (http_proxy ? proxy_line(*http_proxy, http_origin) : std::string("direct"));
    }
    if ((https_proxy || http_proxy) && !no_proxy.empty())
        line += "; not for " + no_proxy + " (" + no_proxy_origin + ")";
    return line;
}

egress_result choose_egress(const environment_lookup& environment, const proxy_choice& command_line,
                            const proxy_choice& plan) {
    egress chosen;
    if (auto list = first_set(environment, {"no_proxy", "NO_PROXY"})) {
        chosen.no_proxy_origin = std::move(list->first);
        chosen.no_proxy = std::move(list->second);
    }
    const bool from_command_line = command_line.what != proxy_choice::kind::unset;
    const proxy_choice& choice = from_command_line ? command_line : plan;
    if (choice.what == proxy_choice::kind::direct) {
        chosen.https_origin = chosen.http_origin = from_command_line ? "--no-proxy" : "the plan's proxy: false";
        return {std::move(chosen), {}};
    }
    if (choice.what == proxy_choice::kind::proxy) {
        const std::string origin = from_command_line ? "--proxy" : "the plan's proxy";
        auto parsed = parse_proxy_url(choice.url);
        if (!parsed.value) return {std::nullopt, origin + " " + parsed.error};
        chosen.https_proxy = chosen.http_proxy = std::move(parsed.value);
        chosen.https_origin = chosen.http_origin = origin;
        return {std::move(chosen), {}};
    }

    const auto read = [&](std::initializer_list<std::string_view> names, std::optional<proxy_server>& proxy,
                          std::string& origin) -> std::string {
        auto found = first_set(environment, names);
        if (!found) return {};
        auto parsed = parse_proxy_url(found->second);
        if (!parsed.value) return found->first + " " + parsed.error;
        proxy = std::move(parsed.value);
        origin = std::move(found->first);
        return {};
    };
    if (auto error =
            read({"https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"}, chosen.https_proxy, chosen.https_origin);
        !error.empty()) {
        return {std::nullopt, std::move(error)};
    }
    if (auto error = read({"http_proxy", "all_proxy", "ALL_PROXY"}, chosen.http_proxy, chosen.http_origin);
        !error.empty()) {
        return {std::nullopt, std::move(error)};
    }
    if (const auto upper = environment("HTTP_PROXY"); upper && !upper->empty() && chosen.http_origin != "http_proxy") {
        chosen.notes.emplace_back(
            "HTTP_PROXY is not read, as curl does not read it (a CGI server sets it from a request's Proxy header): "
            "set http_proxy for http:// servers");
    }
    return {std::move(chosen), {}};
}

}  // namespace hotlive
