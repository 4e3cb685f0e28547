// How a run paced itself under the account's quota, as one sentence a person reads in the
// Markdown and HTML reports alike (as status_word is for statuses): "The account's quota was
// shared: the service throttled 21 attempts, so hotlive cut its pace 12 times and settled at 5.9
// calls/s of the 9 allowed (lowest 4.1 calls/s)."
#pragma once

#include "hotlive/report_contents.hpp"

#include <cstddef>
#include <optional>
#include <string>

namespace hotlive::detail {

// Empty when there is nothing to say: no pace figures (a report older than them), an adaptive
// pace never cut, or a fixed pace never throttled.
[[nodiscard]] std::string pace_sentence(const std::optional<pace_figures>& pace, std::size_t throttled_attempts);

}  // namespace hotlive::detail
