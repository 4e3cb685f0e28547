// The emulator's configuration from text: the YAML file of --config and the command line's
// compact forms (--account ID:SECRET, --disabled-account ID:SECRET, --fault KIND:PROBABILITY,
// --listen HOST:PORT, --background-load RATE[:SECONDS], --sts-duration 30s,
// --sts-outage FROM_S:FOR_S).
#pragma once

#include <hotlive/emulator.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hotlive::emu {

// Each returns nullopt and sets `error` (a sentence that never repeats a secret) when the text is
// not of its form.
[[nodiscard]] std::optional<emulator_account> parse_account_flag(std::string_view text, std::string& error);
// The same form, for an account whose key is disabled (InvalidAccessKeyId.Inactive).
[[nodiscard]] std::optional<emulator_account> parse_disabled_account_flag(std::string_view text, std::string& error);
// A per-attempt rule; latency waits 1000 ms and trickle sends a byte per 1000 ms.
[[nodiscard]] std::optional<fault_rule> parse_fault_flag(std::string_view text, std::string& error);

// A credential lifetime: a whole number of seconds, minutes or hours, "30s", "15m", "1h", from 1 s
// to max_sts_duration (12 h, STS's longest MaxSessionDuration).
inline constexpr std::chrono::seconds max_sts_duration{43'200};
[[nodiscard]] std::optional<std::chrono::seconds> parse_sts_duration(std::string_view text);
[[nodiscard]] std::optional<std::chrono::seconds> parse_sts_duration_flag(std::string_view text, std::string& error);

// FROM_S:FOR_S, whole seconds, FOR_S above 0: STS and IMDS unreachable from FROM_S for FOR_S.
[[nodiscard]] std::optional<emulator_sts_outage> parse_sts_outage_flag(std::string_view text, std::string& error);

// RATE[:SECONDS]: see parse_background_rate; SECONDS a whole number from 1 to 4294967295.
[[nodiscard]] std::optional<emulator_background_load> parse_background_load_flag(std::string_view text,
                                                                                 std::string& error);

struct listen_address {
    std::string host;
    std::uint16_t port = 0;
};
// "127.0.0.1:0", "[::1]:8080", "localhost:8080".
[[nodiscard]] std::optional<listen_address> parse_listen_address(std::string_view text, std::string& error);

// Why `code` is not a RegionCode of the API reference ("'Zhejiang' is not a region code of the API
// reference; did you mean ZHJ (Zhejiang)?"), or nullopt when it is one. Names are not codes.
[[nodiscard]] std::optional<std::string> region_code_problem(std::string_view code);

// A probability written as a decimal number in [0, 1]: "0.05", "1", "0".
[[nodiscard]] std::optional<double> parse_probability(std::string_view text);

// A background load's requests a second: a decimal number above 0, at most max_background_rate
// (beyond which its arrivals would be closer than a microsecond): "4", "2.5", "0.1".
inline constexpr double max_background_rate = 1'000'000;
[[nodiscard]] std::optional<double> parse_background_rate(std::string_view text);

}  // namespace hotlive::emu
