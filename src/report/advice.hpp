// What an operator should do about a failed (or skipped) call's code, for the Markdown and HTML
// reports. Covers the spec's documented errors, the throttling, credential and permission codes
// the service answers with, and hotlive's own transport verdicts.
#pragma once

#include <optional>
#include <string_view>

namespace hotlive::detail {

// One sentence (may hold Markdown code spans), or nullopt for a code without advice. Codes match
// exactly, but for the InvalidSecurityToken.* family, which shares one.
[[nodiscard]] std::optional<std::string_view> advice_for(std::string_view code);

}  // namespace hotlive::detail
