// The scopes a run has learnt cannot warm (refusal_scope.hpp): the first final refusal of a
// scope condemns it, and call_fsm asks here before it spends a slot on a call. Plain data, no
// I/O; one per run, on the engine's thread.
#pragma once

#include <hotlive/refusal_scope.hpp>

#include <cstddef>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hotlive::detail {

class scope_registry {
public:
    // The condemned_scope that covers a call of `domain` in `region`, if any: the account's first.
    [[nodiscard]] condemned_scope* covering(std::string_view domain, std::string_view region);

    // Condemns the scope of an answer (a no-op for refusal_scope::call, or for a scope already
    // condemned: the first refusal is the one reported). Returns the scope's condemned_scope.
    condemned_scope* condemn(condemned_scope refusal);

    [[nodiscard]] bool account_condemned() const { return account_.has_value(); }
    // Every condemned_scope, in the order learnt (the account's, if any, first).
    [[nodiscard]] std::vector<condemned_scope> all() const;

private:
    std::optional<condemned_scope> account_;
    std::deque<condemned_scope> scopes_;  // stable addresses
    std::map<std::string, std::size_t, std::less<>> domains_;
    std::map<std::pair<std::string, std::string>, std::size_t, std::less<>> regions_;
};

}  // namespace hotlive::detail
