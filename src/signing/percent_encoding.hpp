// Percent-encoding and canonical query strings, written into a caller's buffer so that the
// signers build each request in a few allocations.
#pragma once

#include <hotlive/signer.hpp>

#include <span>
#include <string>
#include <string_view>

namespace hotlive::detail {

void append_percent_encoded(std::string& out, std::string_view text);

void append_canonical_query(std::string& out, std::span<const query_parameter> parameters);

}  // namespace hotlive::detail
