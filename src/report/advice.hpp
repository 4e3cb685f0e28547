// What an operator should do about a failed call's code, for the Markdown report (and the HTML
// one to come). Covers the spec's documented errors, the throttling and credential codes the
// service answers with, and hotlive's own transport verdicts.
#pragma once

#include <optional>
#include <string_view>

namespace hotlive::detail {

// One sentence (may hold Markdown code spans), or nullopt for a code without advice.
[[nodiscard]] std::optional<std::string_view> advice_for(std::string_view code);

}  // namespace hotlive::detail
