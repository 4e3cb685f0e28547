// The ECS instance metadata service (IMDS, 100.100.100.200 on an instance), as far as the instance
// RAM role goes, on the emulator's listener:
//
//   PUT /latest/api/token, X-aliyun-ecs-metadata-token-ttl-seconds: 1…21600  → a session token
//   GET /latest/meta-data/ram/security-credentials/      → the role's name
//   GET /latest/meta-data/ram/security-credentials/ROLE  → {"AccessKeyId","AccessKeySecret",
//       "Expiration","SecurityToken","LastUpdated","Code":"Success"}
//
// GETs carry the session token in X-aliyun-ecs-metadata-token. Hardened mode refuses a GET without
// one (403), and any mode but plain an unknown or expired one (401); plain mode has no tokens (the
// PUT is answered 404, so a client falls back to plain GETs) and ignores those sent.
//
// As on ECS, the role's credential is handed out again until it nears its expiry: a new one is
// issued once less than half its lifetime is left. Its requests draw on the first configured
// account's quota.
#pragma once

#include "emulator/http_request.hpp"
#include "emulator/issued_credentials.hpp"

#include <hotlive/emulator.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace hotlive::emu {

struct imds_answer {
    int status = 200;
    std::string body;
    std::string_view content_type = "text/plain";
    bool served_credentials = false;  // the role's credential was answered
    bool issued = false;              // a new one, at that
};

class imds {
public:
    static constexpr std::uint32_t max_token_ttl_s = 21'600;
    // Beyond this many live session tokens, the one that expires first is forgotten.
    static constexpr std::size_t max_tokens = 65'536;

    imds(imds_mode mode, std::string role_name, std::chrono::seconds lifetime);

    [[nodiscard]] static bool handles(std::string_view path) noexcept { return path.starts_with("/latest/"); }

    // Not thread-safe: the service serializes calls.
    [[nodiscard]] imds_answer answer(const http_request& request, std::chrono::system_clock::time_point now,
                                     issued_credentials& store);

private:
    // 0 when the request may read metadata, else the status that refuses it.
    [[nodiscard]] int refusal(const http_request& request, std::chrono::system_clock::time_point now) const;
    [[nodiscard]] imds_answer new_token(const http_request& request, std::chrono::system_clock::time_point now);
    [[nodiscard]] imds_answer role_credentials(std::chrono::system_clock::time_point now, issued_credentials& store);

    imds_mode mode_;
    std::string role_name_;
    std::chrono::seconds lifetime_;
    std::unordered_map<std::string, std::chrono::system_clock::time_point> tokens_;  // → expiry
    std::shared_ptr<const issued_credential> current_;
    std::chrono::sys_seconds last_updated_{};
};

}  // namespace hotlive::emu
