#include "emulator/imds.hpp"

#include "time/rfc3339.hpp"

#include <algorithm>
#include <array>
#include <charconv>

namespace hotlive {

std::string_view to_string(imds_mode mode) {
    static constexpr std::array<std::string_view, 3> names{"both", "hardened", "plain"};
    return names.at(static_cast<std::size_t>(mode));
}

std::optional<imds_mode> parse_imds_mode(std::string_view text) {
    for (const auto mode : {imds_mode::both, imds_mode::hardened, imds_mode::plain}) {
        if (to_string(mode) == text) return mode;
    }
    return std::nullopt;
}

}  // namespace hotlive

namespace hotlive::emu {
namespace {

constexpr std::string_view credentials_path = "/latest/meta-data/ram/security-credentials/";
constexpr std::string_view role_arn_prefix = "acs:ram::1234567890123456:role/";

imds_answer status_only(int status, std::string_view text) { return {status, std::string{text}}; }

}  // namespace

imds::imds(imds_mode mode, std::string role_name, std::chrono::seconds lifetime)
    : mode_(mode), role_name_(std::move(role_name)), lifetime_(lifetime) {}

imds_answer imds::answer(const http_request& request, std::chrono::system_clock::time_point now,
                         issued_credentials& store) {
    const std::string_view path = request.path();
    if (path == "/latest/api/token") {
        if (mode_ == imds_mode::plain) return status_only(404, "Not Found");
        if (request.method() != "PUT") return status_only(405, "Method Not Allowed");
        return new_token(request, now);
    }
    if (request.method() != "GET") return status_only(405, "Method Not Allowed");
    if (const int status = refusal(request, now); status != 0) {
        return status_only(status, status == 403 ? "Forbidden" : "Unauthorized");
    }
    if (path == credentials_path) return {200, role_name_};
    if (path.starts_with(credentials_path) && path.substr(credentials_path.size()) == role_name_) {
        return role_credentials(now, store);
    }
    return status_only(404, "Not Found");
}

int imds::refusal(const http_request& request, std::chrono::system_clock::time_point now) const {
    if (mode_ == imds_mode::plain) return 0;
    const auto token = request.header("x-aliyun-ecs-metadata-token");
    if (!token) return mode_ == imds_mode::hardened ? 403 : 0;
    const auto found = tokens_.find(std::string{*token});
    return found != tokens_.end() && now < found->second ? 0 : 401;
}

imds_answer imds::new_token(const http_request& request, std::chrono::system_clock::time_point now) {
    const auto ttl_text = request.header("x-aliyun-ecs-metadata-token-ttl-seconds");
    std::uint32_t ttl = 0;
    if (ttl_text) {
        const auto [end, ec] = std::from_chars(ttl_text->data(), ttl_text->data() + ttl_text->size(), ttl);
        if (ec != std::errc{} || end != ttl_text->data() + ttl_text->size()) ttl = 0;
    }
    if (ttl == 0 || ttl > max_token_ttl_s) return status_only(400, "Bad Request");
    std::erase_if(tokens_, [&](const auto& entry) { return entry.second <= now; });
    if (tokens_.size() >= max_tokens) {
        tokens_.erase(std::min_element(tokens_.begin(), tokens_.end(),
                                       [](const auto& a, const auto& b) { return a.second < b.second; }));
    }
    std::string token = random_alphanumeric(56);
    tokens_.emplace(token, now + std::chrono::seconds{ttl});
    return {200, std::move(token)};
}

imds_answer imds::role_credentials(std::chrono::system_clock::time_point now, issued_credentials& store) {
    const auto second = std::chrono::floor<std::chrono::seconds>(now);
    imds_answer a{200, {}, "application/json;charset=utf-8", true};
    if (!current_ || current_->expiration - second < lifetime_ / 2) {
        current_ = store.issue(std::string{role_arn_prefix} + role_name_, 0, second + lifetime_);
        last_updated_ = second;
        a.issued = true;
    }
    a.body.append(R"({"AccessKeyId":")").append(current_->access_key_id);
    a.body.append(R"(","AccessKeySecret":")").append(current_->access_key_secret.reveal());
    a.body.append(R"(","Expiration":")").append(detail::format_rfc3339_utc(current_->expiration));
    a.body.append(R"(","SecurityToken":")").append(current_->security_token.reveal());
    a.body.append(R"(","LastUpdated":")").append(detail::format_rfc3339_utc(last_updated_));
    a.body.append(R"(","Code":"Success"})");
    return a;
}

}  // namespace hotlive::emu
