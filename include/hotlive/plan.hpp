// A warm-up plan (format version 1, DESIGN.md "Plan format"): which streams to prefetch into
// which regions, and how fast, how persistently and when to do it.
//
// load_plan_* validates the whole document before returning a plan: either every value is
// usable, or `value` is empty and `diagnostics` names every problem with its line and column.
#pragma once

#include <hotlive/diagnostic.hpp>
#include <hotlive/proxy.hpp>
#include <hotlive/regions.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hotlive {

using milliseconds = std::chrono::milliseconds;

// The HotLiveRtcStream parameters of one stream entry, defaults applied, and its regions.
struct stream_target {
    std::string domain;
    std::string app;
    std::string stream;
    std::string audio_msid;
    std::string video_msid;
    std::optional<std::uint64_t> connection_timeout_ms;  // API ConnectionTimeout; unset: omitted
    std::optional<std::uint64_t> media_timeout_ms;       // API MediaTimeout; unset: omitted
    std::vector<region_index> regions;                   // resolved, each once, in plan order
    int line = 0;                                        // where the entry starts in the plan
};

struct rate_limits {
    std::uint32_t rate = 9;          // calls per second; the account quota is 10/s
    std::uint32_t burst = 1;         // calls that may start back to back
    std::uint32_t concurrency = 16;  // calls in flight at once
    // `rate` is a ceiling the pace comes down from when the service answers Throttling (other
    // callers share the account's quota) and climbs back to (adaptive_rate.hpp); false: a fixed rate.
    bool adaptive = true;
};

struct retry_policy {
    std::uint32_t max_attempts = 3;             // first attempt included; throttled ones are not counted
    milliseconds base_delay{100};               // InternalError, 5xx, lost connections
    milliseconds throttle_base_delay{1000};     // Throttling*
    milliseconds max_delay{20000};              // cap of every backoff
    std::uint32_t max_throttled_attempts = 10;  // answered Throttling*: "not now", bounded apart
};

struct timeout_policy {
    milliseconds connect{5000};
    milliseconds request{10000};  // one attempt, from sending to the whole response
};

// A wave of an event warm-up: the calls it selects start at event_start + offset, not before.
// A call belongs to the first wave that selects it; every call belongs to one.
struct wave {
    std::string name;                   // as written, or "wave N"
    std::chrono::seconds offset{};      // from event_start: T-30m is -1800 s
    std::vector<region_index> regions;  // empty: every region
    std::vector<std::string> streams;   // stream names; empty: every stream
    std::size_t line = 0;
};

struct schedule_window {
    std::optional<std::chrono::sys_seconds> not_before;   // no call starts earlier
    std::optional<std::chrono::sys_seconds> deadline;     // no attempt starts later
    std::optional<std::chrono::sys_seconds> event_start;  // the show; set whenever waves are
    std::vector<wave> waves;                              // in time order; empty: one start for all
};

struct plan {
    std::string source;  // the file it was read from, for messages and reports
    std::string name;
    std::string endpoint = "https://live.aliyuncs.com";
    std::optional<std::string> credentials_profile;
    proxy_choice proxy;  // the `proxy:` key: a URL without credentials, or false (direct); proxy.hpp
    std::vector<stream_target> streams;
    rate_limits limits;
    retry_policy retry;
    timeout_policy timeouts;
    schedule_window schedule;
};

struct plan_result {
    std::optional<plan> value;            // set only when no diagnostic is an error
    std::vector<diagnostic> diagnostics;  // errors and warnings, in document order
};

// Plans larger than this are refused before parsing; a real plan is a few kilobytes.
inline constexpr std::size_t max_plan_bytes = std::size_t{10} * 1024 * 1024;

[[nodiscard]] plan_result load_plan_file(const std::filesystem::path& path);
[[nodiscard]] plan_result load_plan_text(std::string_view text, std::string source_name);

}  // namespace hotlive
