#include "engine/scope_registry.hpp"

namespace hotlive::detail {

condemned_scope* scope_registry::covering(std::string_view domain, std::string_view region) {
    if (account_) return &*account_;
    if (domains_.empty() && regions_.empty()) return nullptr;
    if (const auto found = domains_.find(domain); found != domains_.end()) return &scopes_[found->second];
    if (regions_.empty()) return nullptr;
    if (const auto found = regions_.find(std::pair{std::string(domain), std::string(region)});
        found != regions_.end()) {
        return &scopes_[found->second];
    }
    return nullptr;
}

condemned_scope* scope_registry::condemn(condemned_scope refusal) {
    switch (refusal.scope) {
        case refusal_scope::call:
            return nullptr;
        case refusal_scope::account:
            if (!account_) account_ = std::move(refusal);
            return &*account_;
        case refusal_scope::domain: {
            const auto [at, added] = domains_.try_emplace(refusal.domain, scopes_.size());
            if (added) scopes_.push_back(std::move(refusal));
            return &scopes_[at->second];
        }
        case refusal_scope::region: {
            const auto [at, added] = regions_.try_emplace(std::pair{refusal.domain, refusal.region}, scopes_.size());
            if (added) scopes_.push_back(std::move(refusal));
            return &scopes_[at->second];
        }
    }
    return nullptr;
}

std::vector<condemned_scope> scope_registry::all() const {
    std::vector<condemned_scope> every;
    every.reserve(scopes_.size() + 1);
    if (account_) every.push_back(*account_);
    every.insert(every.end(), scopes_.begin(), scopes_.end());
    return every;
}

}  // namespace hotlive::detail
