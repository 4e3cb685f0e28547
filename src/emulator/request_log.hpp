// The request log (--log FILE): one JSON object per line per API request, written when its
// answer is decided. The engine's tests read it as the server's side of the story, so its
// fields are a contract (README.md, "The emulator"):
//
//   {"t_ms":12,"method":"POST","scheme":"v3","key":"d/app/s@ZHJ","attempt":1,"nonce":"…",
//    "verdict":"success","status":200,"code":null,"fault":null,"request_id":"…",
//    "credential":"sts","credential_expired":false}
//
// Never a secret, a security token, a signature, an Authorization header or an AccessKeyId.
// STS and IMDS requests are not logged (the stats count them). Lines are buffered and flushed at
// least every 64 lines, on flush() and when the log is destroyed.
#pragma once

#include "emulator/verification.hpp"

#include <hotlive/emulator.hpp>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace hotlive::emu {

// How the emulator answered a request: the log's "verdict" field (and the stats' "by_verdict").
// Not the client's retry verdict (hotlive::verdict, retry.hpp).
enum class answer_kind : unsigned char { success, throttled, fault, rejected };
inline constexpr std::size_t answer_kind_count = 4;
[[nodiscard]] std::string_view to_string(answer_kind kind);

struct log_record {
    std::int64_t t_ms = 0;
    std::string_view method;
    std::optional<signature_scheme> scheme;
    std::string_view key;  // empty: null
    std::optional<std::uint32_t> attempt;
    std::optional<std::string_view> nonce;
    answer_kind outcome = answer_kind::rejected;
    int status = 0;
    std::string_view code;  // empty: null
    std::optional<fault_kind> fault;
    std::string_view request_id;
    // What the AccessKeyId is: "access_key" (an account's), "sts" (one the emulator issued), or
    // empty (null: unknown, or none sent); for "sts", whether it had expired at arrival.
    std::string_view credential;
    std::optional<bool> credential_expired;
};

// The JSON line for `record`, with its '\n'.
void append_log_line(std::string& out, const log_record& record);

class request_log {
public:
    static constexpr unsigned flush_every = 64;

    // Truncates `file`; an empty path logs nothing. Throws std::runtime_error when the file cannot be opened.
    explicit request_log(const std::filesystem::path& file);
    ~request_log();
    request_log(const request_log&) = delete;
    request_log& operator=(const request_log&) = delete;

    // Not thread-safe: the service serializes calls.
    void write(const log_record& record);
    void flush();

private:
    std::FILE* file_ = nullptr;
    std::string line_;
    unsigned unflushed_ = 0;
};

}  // namespace hotlive::emu
