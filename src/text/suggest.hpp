// "Did you mean …?": the nearest known words to a word that matched nothing.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hotlive::detail {

// Optimal-string-alignment distance (insertions, deletions, substitutions and transpositions of
// adjacent characters), ignoring ASCII case: "regoins" is 1 away from "regions".
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidates that plausibly were meant: the smallest distance within a typo's reach (a
// third of the word's length, at least 1, at most 3), ties broken by the longest common prefix
// ("HK" → "HKG" before "HR"), at most `limit` of them, best first.
[[nodiscard]] std::vector<std::string_view> nearest(std::string_view word, std::span<const std::string_view> candidates,
                                                    std::size_t limit = 3);

// " did you mean 'a', 'b' or 'c'?" (with a leading space), or "" when there is nothing to say.
[[nodiscard]] std::string did_you_mean(const std::vector<std::string>& quoted_suggestions);

}  // namespace hotlive::detail
