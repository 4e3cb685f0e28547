// make_fetcher: the fetcher of each fetched mode, and the chain's ECS guess with
// ALIBABA_CLOUD_CREDENTIALS_URI behind it.
#include "credentials/fetchers.hpp"
#include "credentials/profile_fields.hpp"

namespace hotlive {
namespace {

namespace net = boost::asio;

// The metadata service first; the URI when the service does not answer at the first fetch (not
// on ECS), as the SDKs' chain falls through. The one that answered first is kept.
class first_answering_fetcher final : public credential_fetcher {
public:
    first_answering_fetcher(std::shared_ptr<credential_fetcher> primary, std::shared_ptr<credential_fetcher> fallback)
        : primary_(std::move(primary)), fallback_(std::move(fallback)) {}

    net::awaitable<credential_fetch_result> fetch() override {
        if (chosen_) co_return co_await chosen_->fetch();
        auto first = co_await primary_->fetch();
        const auto* failed = std::get_if<credential_fetch_failure>(&first);
        if (failed == nullptr) chosen_ = primary_;
        if (failed == nullptr || failed->refused) co_return first;
        auto second = co_await fallback_->fetch();
        if (auto* also = std::get_if<credential_fetch_failure>(&second)) {
            also->message = failed->message + "; then " + also->message;
            co_return second;
        }
        chosen_ = fallback_;
        co_return second;
    }

    [[nodiscard]] std::string describe() const override {
        return chosen_ ? chosen_->describe() : primary_->describe() + ", else " + fallback_->describe();
    }

private:
    std::shared_ptr<credential_fetcher> primary_;
    std::shared_ptr<credential_fetcher> fallback_;
    std::shared_ptr<credential_fetcher> chosen_;
};

}  // namespace

namespace detail {

std::string field_name(const credential_source& source, std::string_view canonical) {
    if (source.origin == credential_origin::aliyun_cli_config) return std::string{canonical};
    if (source.origin == credential_origin::credentials_file) {
        const auto& names = credentials_ini_names;
        if (canonical == "ram_role_arn") return std::string{names.role_arn};
        if (canonical == "oidc_token_file") return std::string{names.oidc_token_file};
        if (canonical == "ram_role_name") return std::string{names.role_name};
        return std::string{canonical};
    }
    if (canonical == "ram_role_arn") return "ALIBABA_CLOUD_ROLE_ARN";
    if (canonical == "oidc_token_file") return "ALIBABA_CLOUD_OIDC_TOKEN_FILE";
    if (canonical == "ram_role_name") return "ALIBABA_CLOUD_ECS_METADATA";
    return std::string{canonical};
}

}  // namespace detail

std::shared_ptr<credential_fetcher> make_fetcher(const credential_resolution& resolution, net::any_io_executor executor,
                                                 const credential_fetch_settings& settings) {
    if (!resolution.mode || !is_fetched(*resolution.mode)) return nullptr;
    switch (*resolution.mode) {
        case credential_mode::ram_role_arn:
            return detail::make_assume_role_fetcher(resolution, std::move(executor), settings, resolution.signing_keys,
                                                    nullptr);
        case credential_mode::chainable_ram_role_arn: {
            const auto& source = *resolution.source_profile;
            auto source_fetcher = make_fetcher(source, executor, settings);
            return detail::make_assume_role_fetcher(resolution, std::move(executor), settings,
                                                    source_fetcher ? std::nullopt : source.value,
                                                    std::move(source_fetcher));
        }
        case credential_mode::oidc:
            return detail::make_oidc_fetcher(resolution, std::move(executor), settings);
        case credential_mode::ecs_ram_role: {
            auto metadata = detail::make_metadata_fetcher(resolution, executor);
            if (!resolution.fallback) return metadata;
            return std::make_shared<first_answering_fetcher>(std::move(metadata),
                                                             make_fetcher(*resolution.fallback, executor, settings));
        }
        case credential_mode::credentials_uri:
            return detail::make_uri_fetcher(resolution, std::move(executor), settings);
        case credential_mode::external:
            return detail::make_process_fetcher(resolution, std::move(executor), settings);
        case credential_mode::access_key:
        case credential_mode::sts_token:
            break;
    }
    return nullptr;
}

}  // namespace hotlive
