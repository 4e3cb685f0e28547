// One call as a JSON object: an element of a report's "calls" and a line of the journal.
#pragma once

#include "hotlive/call_result.hpp"

#include <boost/json/value.hpp>

#include <optional>
#include <string>

namespace hotlive::detail {

// Appends the call's compact JSON object, every field present (absent optionals as null) but
// "skipped_because", which only a skipped call has.
void append_call_json(std::string& out, const call_result& call);

// Reads a call object back. Every field of append_call_json must be present with its type (null
// where optional), but run_attempts, throttled_attempts (0 when absent) and parameters_digest,
// which older reports and journals lack;
// "skipped_because" must be on a skipped call and on no other. Unknown fields are ignored, so a
// later hotlive may add some. On failure, returns nullopt and sets `error` to the field and the
// reason ("attempts: expected ...").
[[nodiscard]] std::optional<call_result> call_from_json(const boost::json::value& value, std::string& error);

}  // namespace hotlive::detail
