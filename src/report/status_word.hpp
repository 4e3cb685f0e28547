// A call status as a person reads it in a report ("warm", "not started"), where the JSON
// report's own value ("succeeded", "not_started") is to_string(call_status).
#pragma once

#include "hotlive/call_result.hpp"

#include <string_view>

namespace hotlive::detail {

[[nodiscard]] std::string_view status_word(call_status status);

}  // namespace hotlive::detail
