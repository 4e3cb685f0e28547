// The keys of plan format 1, mapping by mapping. The loader reads plans with these lists, and
// tests compare them with plans/hotlive-plan.schema.json, so editors offer exactly these keys.
#pragma once

#include <array>
#include <span>
#include <string_view>

namespace hotlive::detail {

inline constexpr std::array<std::string_view, 12> top_level_keys{
    "version",       "name",    "endpoint", "proxy", "credentials", "defaults",
    "region_groups", "streams", "limits",   "retry", "timeouts",    "schedule"};
// "stream" first: 'defaults' takes every key but it (a default stream name makes no sense).
inline constexpr std::array<std::string_view, 8> stream_keys{
    "stream", "domain", "app", "audio_msid", "video_msid", "connection_timeout_ms", "media_timeout_ms", "regions"};
inline constexpr std::span<const std::string_view> defaults_keys = std::span(stream_keys).subspan(1);
inline constexpr std::array<std::string_view, 4> limits_keys{"rate", "burst", "concurrency", "adaptive"};
inline constexpr std::array<std::string_view, 5> retry_keys{"max_attempts", "base_delay_ms", "throttle_base_delay_ms",
                                                            "max_delay_ms", "max_throttled_attempts"};
inline constexpr std::array<std::string_view, 2> timeouts_keys{"connect_ms", "request_ms"};
inline constexpr std::array<std::string_view, 4> schedule_keys{"not_before", "deadline", "event_start", "waves"};
inline constexpr std::array<std::string_view, 4> wave_keys{"name", "at", "regions", "streams"};
inline constexpr std::array<std::string_view, 1> credentials_keys{"profile"};

// A mapping with fixed keys and where it stands: "" is the plan itself, "streams[]" an entry of
// the list. `region_groups` has the operator's own keys and is not listed.
struct plan_mapping {
    std::string_view path;
    std::span<const std::string_view> keys;
};

inline constexpr std::array<plan_mapping, 9> plan_mappings{{
    {"", top_level_keys},
    {"credentials", credentials_keys},
    {"defaults", defaults_keys},
    {"streams[]", stream_keys},
    {"limits", limits_keys},
    {"retry", retry_keys},
    {"timeouts", timeouts_keys},
    {"schedule", schedule_keys},
    {"schedule.waves[]", wave_keys},
}};

}  // namespace hotlive::detail
