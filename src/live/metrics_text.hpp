// The run's state in the Prometheus text exposition format (version 0.0.4), for /metrics and
// --metrics-file: names, units and types after Prometheus's conventions (counters end in _total,
// times in seconds, timestamps as Unix seconds). Pure: the state in, the text out.
#pragma once

#include <hotlive/run_state.hpp>

#include <string>
#include <string_view>

namespace hotlive::live {

// The content type of the format.
inline constexpr std::string_view metrics_content_type = "text/plain; version=0.0.4; charset=utf-8";

[[nodiscard]] std::string metrics_text(const run_state& state);

// How an answer's verdict is named in the metrics' `outcome` label and in /status.json.
[[nodiscard]] std::string_view outcome_name(verdict what);

}  // namespace hotlive::live
