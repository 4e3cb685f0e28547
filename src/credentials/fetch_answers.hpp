// What a credential server or process answered, read into credentials or a classified failure.
// Pure functions, so every answer's reading is tested without a server.
//
// Refused (final) versus not: an HTTP 4xx is the server's verdict on what we asked — a role that
// does not exist, a key that is disabled, an expired OIDC token — and asking again cannot change
// it, except throttling (429, Throttling.*), 408 and a reused nonce. A 5xx, a timeout, a lost
// connection or an unreadable 200 (a proxy's page) may go away.
#pragma once

#include <hotlive/credential_fetcher.hpp>
#include <hotlive/transport.hpp>

#include <string>
#include <string_view>

namespace hotlive::detail {

// `what` starts every message: "/home/u/.aliyun/config.json, profile 'x' (mode RamRoleArn): STS
// AssumeRole of ram_role_arn acs:ram::1:role/x at https://sts.aliyuncs.com". Of an answer, only
// the HTTP status and a service code shaped like one are repeated: never its Message or body,
// which a server may fill with what it was sent (an OIDC token, a signature's inputs).

// STS AssumeRole / AssumeRoleWithOIDC: {"Credentials": {"AccessKeyId", "AccessKeySecret",
// "SecurityToken", "Expiration"}} or {"Code", "Message"}.
[[nodiscard]] credential_fetch_result read_sts_answer(int status, std::string_view body, std::string_view what);

// The ECS metadata service's and a credentials URI's answer: {"Code": "Success", "AccessKeyId",
// "AccessKeySecret", "SecurityToken", "Expiration"}. A body is never repeated.
[[nodiscard]] credential_fetch_result read_flat_answer(int status, std::string_view body, std::string_view what);

// An External process's stdout, in the aliyun CLI's shape: {"mode": "AK" | "StsToken",
// "access_key_id", "access_key_secret", "sts_token", "expiration"?}. Never repeated.
[[nodiscard]] credential_fetch_result read_process_output(std::string_view output, std::string_view what);

// A failure before any answer: refused only when a proxy refuses hotlive (407, 403).
[[nodiscard]] credential_fetch_failure transport_failure(transport_error error, std::string_view detail,
                                                         std::string_view what);

// Whether an HTTP status and service code are the server's final word.
[[nodiscard]] bool is_refusal(int status, std::string_view code);

}  // namespace hotlive::detail
