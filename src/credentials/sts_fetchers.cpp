// STS: AssumeRole, signed with an AccessKey (RamRoleArn) or with a source profile's credentials
// (ChainableRamRoleArn), and AssumeRoleWithOIDC, unsigned, carrying the OIDC token. Both POST
// their parameters as a form (as credentials-go does), never in the URL: the token and the
// signature stay out of any proxy's log.
#include "credentials/credential_http.hpp"
#include "credentials/fetch_answers.hpp"
#include "credentials/fetchers.hpp"
#include "text/quote.hpp"
#include "time/rfc3339.hpp"

#include <hotlive/signer.hpp>

#include <fstream>
#include <iterator>

namespace hotlive::detail {
namespace {

namespace net = boost::asio;
namespace http = boost::beast::http;

constexpr std::string_view sts_version = "2015-04-01";
constexpr http_timeouts sts_timeouts{std::chrono::seconds{5}, std::chrono::seconds{10}};  // the SDKs'

std::string host_header(const credential_endpoint& endpoint) {
    const auto url = endpoint.url();
    return url.substr(url.find("://") + 3);
}

// What a role fetch's messages start with.
std::string role_what(const credential_resolution& r, std::string_view action) {
    return r.source.description + ": STS " + std::string{action} + " of " + field_name(r.source, "ram_role_arn") + " " +
           r.role_arn + " at " + r.sts_endpoint.url();
}

std::string session_name(const std::string& configured) {
    if (!configured.empty()) return configured;
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    return "hotlive-" + std::to_string(now.time_since_epoch().count());
}

credential_fetch_failure setup_failure(const std::string& what, const std::string& problem) {
    return {true, "ca_file", what + ": " + problem};
}

class assume_role_fetcher final : public credential_fetcher {
public:
    assume_role_fetcher(const credential_resolution& r, net::any_io_executor executor,
                        const credential_fetch_settings& settings, std::optional<credentials> keys,
                        std::shared_ptr<credential_fetcher> source)
        : executor_(std::move(executor)),
          ca_file_(settings.ca_file),
          proxy_(route_of(settings, r.sts_endpoint)),
          mode_(r.mode.value_or(credential_mode::ram_role_arn)),
          role_arn_(r.role_arn),
          session_name_(r.role_session_name),
          external_id_(r.external_id),
          policy_(r.policy),
          duration_(std::to_string(r.duration.count())),
          endpoint_(r.sts_endpoint),
          keys_(std::move(keys)),
          source_(std::move(source)),
          what_(role_what(r, "AssumeRole")) {}

    net::awaitable<credential_fetch_result> fetch() override {
        credentials signing = keys_.value_or(credentials{});
        if (source_) {
            auto fetched = co_await source_->fetch();
            if (auto* failed = std::get_if<credential_fetch_failure>(&fetched)) co_return std::move(*failed);
            signing = std::move(std::get<expiring_credentials>(fetched).value);
        }
        const std::string session = session_name(session_name_);
        std::vector<query_parameter> parameters{
            {"RoleArn", role_arn_}, {"RoleSessionName", session}, {"DurationSeconds", duration_}};
        if (!external_id_.empty()) parameters.push_back({"ExternalId", external_id_});
        if (!policy_.empty()) parameters.push_back({"Policy", policy_});
        const request_signer signer(signing, host_header(endpoint_), signature_version::v1);
        auto request = signer.sign_attempt({"AssumeRole", sts_version, parameters}, request_shape::post_form);

        http_call call{http::verb::post, std::move(request.target), {}, std::move(request.body)};
        for (auto& header : request.headers) call.headers.emplace_back(header.name, std::move(header.value));
        const auto answer = co_await exchange_once(executor_, endpoint_, ca_file_, proxy_ ? &*proxy_ : nullptr,
                                                   std::move(call), sts_timeouts);
        if (!answer.setup_problem.empty()) co_return setup_failure(what_, answer.setup_problem);
        if (answer.error != transport_error::none) co_return transport_failure(answer.error, answer.detail, what_);
        co_return read_sts_answer(answer.status, answer.body, what_);
    }

    [[nodiscard]] std::string describe() const override {
        std::string out = std::string{to_string(mode_)} + " " + role_arn_ + " via " + endpoint_.url();
        if (source_) out += ", signed with the credentials of " + source_->describe();
        return out;
    }

private:
    net::any_io_executor executor_;
    std::string ca_file_;
    std::optional<proxy_server> proxy_;
    credential_mode mode_;
    std::string role_arn_;
    std::string session_name_;
    std::string external_id_;
    std::string policy_;
    std::string duration_;
    credential_endpoint endpoint_;
    std::optional<credentials> keys_;
    std::shared_ptr<credential_fetcher> source_;
    std::string what_;
};

class oidc_fetcher final : public credential_fetcher {
public:
    oidc_fetcher(const credential_resolution& r, net::any_io_executor executor,
                 const credential_fetch_settings& settings)
        : executor_(std::move(executor)),
          ca_file_(settings.ca_file),
          proxy_(route_of(settings, r.sts_endpoint)),
          role_arn_(r.role_arn),
          provider_arn_(r.oidc_provider_arn),
          token_file_(r.oidc_token_file),
          token_field_(field_name(r.source, "oidc_token_file")),
          session_name_(r.role_session_name),
          policy_(r.policy),
          duration_(std::to_string(r.duration.count())),
          endpoint_(r.sts_endpoint),
          what_(role_what(r, "AssumeRoleWithOIDC")) {}

    net::awaitable<credential_fetch_result> fetch() override {
        // Read at every fetch: Kubernetes replaces the projected token well before it expires.
        std::ifstream in(token_file_, std::ios::binary);
        std::string token{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' '))
            token.pop_back();
        if (!in.good() && !in.eof()) token.clear();
        if (token.empty()) {
            co_return credential_fetch_failure{
                true, "oidc_token_file",
                what_ + ": cannot read a token from " + token_field_ + " " + detail::quoted(token_file_.string(), 256)};
        }
        const std::string session = session_name(session_name_);
        const std::string timestamp =
            format_rfc3339_utc(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
        std::vector<query_parameter> parameters{{"Action", "AssumeRoleWithOIDC"},
                                                {"Version", sts_version},
                                                {"Format", "JSON"},
                                                {"Timestamp", timestamp},
                                                {"RoleArn", role_arn_},
                                                {"OIDCProviderArn", provider_arn_},
                                                {"OIDCToken", token},
                                                {"RoleSessionName", session},
                                                {"DurationSeconds", duration_}};
        if (!policy_.empty()) parameters.push_back({"Policy", policy_});
        http_call call{http::verb::post,
                       "/",
                       {{"content-type", "application/x-www-form-urlencoded"}},
                       canonical_query_string(parameters)};
        const auto answer = co_await exchange_once(executor_, endpoint_, ca_file_, proxy_ ? &*proxy_ : nullptr,
                                                   std::move(call), sts_timeouts);
        if (!answer.setup_problem.empty()) co_return setup_failure(what_, answer.setup_problem);
        if (answer.error != transport_error::none) co_return transport_failure(answer.error, answer.detail, what_);
        co_return read_sts_answer(answer.status, answer.body, what_);
    }

    [[nodiscard]] std::string describe() const override {
        return "OIDC " + role_arn_ + " with " + provider_arn_ + " via " + endpoint_.url();
    }

private:
    net::any_io_executor executor_;
    std::string ca_file_;
    std::optional<proxy_server> proxy_;
    std::string role_arn_;
    std::string provider_arn_;
    std::filesystem::path token_file_;
    std::string token_field_;
    std::string session_name_;
    std::string policy_;
    std::string duration_;
    credential_endpoint endpoint_;
    std::string what_;
};

}  // namespace

std::shared_ptr<credential_fetcher> make_assume_role_fetcher(const credential_resolution& resolution,
                                                             net::any_io_executor executor,
                                                             const credential_fetch_settings& settings,
                                                             std::optional<credentials> keys,
                                                             std::shared_ptr<credential_fetcher> source) {
    return std::make_shared<assume_role_fetcher>(resolution, std::move(executor), settings, std::move(keys),
                                                 std::move(source));
}

std::shared_ptr<credential_fetcher> make_oidc_fetcher(const credential_resolution& resolution,
                                                      net::any_io_executor executor,
                                                      const credential_fetch_settings& settings) {
    return std::make_shared<oidc_fetcher>(resolution, std::move(executor), settings);
}

}  // namespace hotlive::detail
