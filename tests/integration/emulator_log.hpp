// The emulator's request log (one JSON object per line), read back for assertions about what
// went over the wire.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hotlive::test {

struct logged_request {
    std::int64_t t_ms = 0;
    std::string key;  // empty when the request named no call
    std::uint32_t attempt = 0;
    std::string nonce;
    std::string verdict;  // success, throttled, fault, rejected
    int status = 0;
    std::string code;
    std::string fault;
};

[[nodiscard]] std::vector<logged_request> read_emulator_log(const std::filesystem::path& path);

// The most requests whose t_ms fall within any window of `window_ms` (a sliding window).
[[nodiscard]] std::size_t max_in_window(const std::vector<logged_request>& log, std::int64_t window_ms);

// Successes per key.
[[nodiscard]] std::map<std::string, int> successes_by_key(const std::vector<logged_request>& log);

}  // namespace hotlive::test
