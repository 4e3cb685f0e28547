// A credentials URI (ALIBABA_CLOUD_CREDENTIALS_URI, CredentialsURI profiles): one GET, answered
// {"Code": "Success", "AccessKeyId", "AccessKeySecret", "SecurityToken", "Expiration"}. Only the
// URI's scheme, host and port are ever shown: its path or query may carry a token.
#include "credentials/credential_http.hpp"
#include "credentials/fetch_answers.hpp"
#include "credentials/fetchers.hpp"

namespace hotlive::detail {
namespace {

namespace net = boost::asio;
namespace http = boost::beast::http;

constexpr http_timeouts uri_timeouts{std::chrono::seconds{5}, std::chrono::seconds{10}};  // the SDKs'

class uri_fetcher final : public credential_fetcher {
public:
    uri_fetcher(const credential_resolution& r, net::any_io_executor executor,
                const credential_fetch_settings& settings)
        : executor_(std::move(executor)),
          ca_file_(settings.ca_file),
          proxy_(route_of(settings, r.uri_endpoint)),
          endpoint_(r.uri_endpoint),
          target_(r.uri_target),
          what_(r.source.description + ": the credentials URI at " + endpoint_.url()) {}

    net::awaitable<credential_fetch_result> fetch() override {
        http_call call{http::verb::get, std::string{target_.reveal()}, {}, {}};
        const auto answer = co_await exchange_once(executor_, endpoint_, ca_file_, proxy_ ? &*proxy_ : nullptr,
                                                   std::move(call), uri_timeouts);
        if (!answer.setup_problem.empty())
            co_return credential_fetch_failure{true, "ca_file", what_ + ": " + answer.setup_problem};
        if (answer.error != transport_error::none) co_return transport_failure(answer.error, answer.detail, what_);
        co_return read_flat_answer(answer.status, answer.body, what_);
    }

    [[nodiscard]] std::string describe() const override { return "CredentialsURI " + endpoint_.url(); }

private:
    net::any_io_executor executor_;
    std::string ca_file_;
    std::optional<proxy_server> proxy_;
    credential_endpoint endpoint_;
    secret_string target_;
    std::string what_;
};

}  // namespace

std::shared_ptr<credential_fetcher> make_uri_fetcher(const credential_resolution& resolution,
                                                     net::any_io_executor executor,
                                                     const credential_fetch_settings& settings) {
    return std::make_shared<uri_fetcher>(resolution, std::move(executor), settings);
}

}  // namespace hotlive::detail
