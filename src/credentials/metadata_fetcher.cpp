// The ECS instance RAM role from the metadata service, as credentials-go asks it: hardened mode
// first (PUT /latest/api/token, then the token in X-aliyun-ecs-metadata-token on each GET), the
// plain mode when no token is given unless ALIBABA_CLOUD_IMDSV1_DISABLED=true; 1 s timeouts, so a
// machine off ECS is not held up.
#include "credentials/credential_http.hpp"
#include "credentials/fetch_answers.hpp"
#include "credentials/fetchers.hpp"
#include "text/quote.hpp"

#include <algorithm>

namespace hotlive::detail {
namespace {

namespace net = boost::asio;
namespace http = boost::beast::http;

constexpr http_timeouts metadata_timeouts{std::chrono::seconds{1}, std::chrono::seconds{1}};
constexpr std::string_view token_ttl_seconds = "21600";  // the SDKs' six hours
constexpr std::string_view roles_path = "/latest/meta-data/ram/security-credentials/";

bool is_role_name(std::string_view name) {
    return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
               c == '_';
    });
}

class metadata_fetcher final : public credential_fetcher {
public:
    metadata_fetcher(const credential_resolution& r, net::any_io_executor executor)
        : executor_(std::move(executor)),
          role_name_(r.ecs_role_name),
          role_field_(field_name(r.source, "ram_role_name")),
          imdsv1_disabled_(r.imdsv1_disabled),
          endpoint_(r.metadata_endpoint),
          what_(r.source.description + ": the ECS metadata service at " + endpoint_.url()) {}

    net::awaitable<credential_fetch_result> fetch() override {
        const auto token = co_await get_token();
        if (const auto* failed = std::get_if<credential_fetch_failure>(&token)) co_return *failed;
        const auto& token_value = std::get<std::string>(token);

        std::string role = role_name_;
        if (role.empty()) {
            const auto named = co_await get(std::string{roles_path}, token_value);
            if (named.error != transport_error::none) co_return transport_failure(named.error, named.detail, what_);
            if (named.status == 404) {
                co_return credential_fetch_failure{true, "http_404",
                                                   what_ + ": no RAM role is attached to this instance"};
            }
            if (named.status != 200) {
                co_return credential_fetch_failure{
                    is_refusal(named.status, ""), "http_" + std::to_string(named.status),
                    what_ + ", asked for the role's name: HTTP " + std::to_string(named.status)};
            }
            role = named.body.substr(0, named.body.find_first_of("\r\n"));
            if (!is_role_name(role)) {
                co_return credential_fetch_failure{false, "bad_answer", what_ + ": the role name it gave is not one"};
            }
        }
        const auto answer = co_await get(std::string{roles_path} + role, token_value);
        const std::string what = what_ + ", role " + detail::quoted(role);
        if (answer.error != transport_error::none) co_return transport_failure(answer.error, answer.detail, what);
        if (answer.status == 404) {
            co_return credential_fetch_failure{
                true, "http_404",
                what + ": no such RAM role is attached to this instance (" +
                    (role_name_.empty() ? std::string{"named by the service"} : role_field_) + ")"};
        }
        co_return read_flat_answer(answer.status, answer.body, what);
    }

    [[nodiscard]] std::string describe() const override {
        return "EcsRamRole " +
               (role_name_.empty() ? std::string{"(the instance's role)"} : detail::quoted(role_name_)) + " via " +
               endpoint_.url();
    }

private:
    // The hardened mode's token; "" for the plain mode.
    net::awaitable<std::variant<std::string, credential_fetch_failure>> get_token() {
        http_call call{http::verb::put,
                       "/latest/api/token",
                       {{"X-aliyun-ecs-metadata-token-ttl-seconds", std::string{token_ttl_seconds}}},
                       {}};
        const auto answer =
            co_await exchange_once(executor_, endpoint_, {}, nullptr, std::move(call), metadata_timeouts);
        if (answer.error == transport_error::none && answer.status == 200 && !answer.body.empty())
            co_return answer.body;
        if (!imdsv1_disabled_) co_return std::string{};
        const std::string what =
            what_ + " gave no hardened-mode token and ALIBABA_CLOUD_IMDSV1_DISABLED=true forbids the plain mode";
        if (answer.error != transport_error::none) co_return transport_failure(answer.error, answer.detail, what);
        co_return credential_fetch_failure{is_refusal(answer.status, ""), "http_" + std::to_string(answer.status),
                                           what + " (HTTP " + std::to_string(answer.status) + ")"};
    }

    net::awaitable<http_answer> get(std::string target, const std::string& token) {
        http_call call{http::verb::get, std::move(target), {}, {}};
        if (!token.empty()) call.headers.emplace_back("X-aliyun-ecs-metadata-token", token);
        co_return co_await exchange_once(executor_, endpoint_, {}, nullptr, std::move(call), metadata_timeouts);
    }

    net::any_io_executor executor_;
    std::string role_name_;
    std::string role_field_;
    bool imdsv1_disabled_;
    credential_endpoint endpoint_;
    std::string what_;
};

}  // namespace

std::shared_ptr<credential_fetcher> make_metadata_fetcher(const credential_resolution& resolution,
                                                          net::any_io_executor executor) {
    return std::make_shared<metadata_fetcher>(resolution, std::move(executor));
}

}  // namespace hotlive::detail
