#include "text/suggest.hpp"

#include <algorithm>
#include <numeric>
#include <tuple>

namespace hotlive::detail {
namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::size_t common_prefix(std::string_view a, std::string_view b) {
    std::size_t n = 0;
    while (n < a.size() && n < b.size() && lower(a[n]) == lower(b[n])) ++n;
    return n;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
    // Three rolling rows: the transposition case looks two rows back.
    std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
    std::iota(previous.begin(), previous.end(), std::size_t{0});
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) && lower(a[i - 2]) == lower(b[j - 1])) {
                current[j] = std::min(current[j], before[j - 2] + 1);
            }
        }
        std::swap(before, previous);
        std::swap(previous, current);
    }
    return previous[b.size()];
}

std::vector<std::string_view> nearest(std::string_view word, std::span<const std::string_view> candidates,
                                      std::size_t limit) {
    const std::size_t reach = std::clamp<std::size_t>(word.size() / 3, 1, 3);
    // The length difference is a lower bound of the distance: skipping what cannot be within
    // reach keeps a megabyte-long word from costing minutes.
    struct scored {
        std::size_t distance;
        std::size_t prefix;
        std::string_view text;
    };
    std::vector<scored> matches;
    for (const auto candidate : candidates) {
        const std::size_t length_gap =
            word.size() > candidate.size() ? word.size() - candidate.size() : candidate.size() - word.size();
        if (length_gap > reach) continue;
        const std::size_t d = edit_distance(word, candidate);
        if (d <= reach) matches.push_back({d, common_prefix(word, candidate), candidate});
    }
    std::stable_sort(matches.begin(), matches.end(), [](const scored& x, const scored& y) {
        return std::tie(x.distance, y.prefix) < std::tie(y.distance, x.prefix);
    });
    std::vector<std::string_view> best;
    for (const auto& m : matches) {
        if (best.size() == limit) break;
        // Only the equally good: a worse match beside a good one is noise.
        if (m.distance != matches.front().distance || m.prefix != matches.front().prefix) break;
        if (std::find(best.begin(), best.end(), m.text) == best.end()) best.push_back(m.text);
    }
    return best;
}

std::string did_you_mean(const std::vector<std::string>& quoted_suggestions) {
    if (quoted_suggestions.empty()) return {};
    std::string text = " did you mean ";
    for (std::size_t i = 0; i < quoted_suggestions.size(); ++i) {
        if (i > 0) text += (i + 1 == quoted_suggestions.size()) ? " or " : ", ";
        text += quoted_suggestions[i];
    }
    text += '?';
    return text;
}

}  // namespace hotlive::detail
