// A plan expanded into its calls: one HotLiveRtcStream call per (domain, app, stream, region).
#pragma once

#include <hotlive/plan.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hotlive {

// Compact on purpose: a million-call plan is a million of these.
struct call_ref {
    std::uint32_t target;  // index into plan::streams
    region_index region;
};

// Every call of the plan, streams in plan order, each stream's regions in plan order. The
// loader has already collapsed duplicates, so every key occurs once.
[[nodiscard]] std::vector<call_ref> expand(const plan& p);

// "domain/app/stream@REGION", the key reports and journals use.
[[nodiscard]] std::string call_key(const plan& p, call_ref call);

[[nodiscard]] std::size_t call_count(const plan& p);

// The index of the first wave of p.schedule.waves that selects the call; nullopt when none does
// (the loader refuses such plans) or the plan has no waves.
[[nodiscard]] std::optional<std::size_t> wave_of(const plan& p, call_ref call);

// When a wave's calls may start: event_start + the wave's offset.
[[nodiscard]] std::chrono::sys_seconds wave_start(const plan& p, std::size_t wave);

}  // namespace hotlive
