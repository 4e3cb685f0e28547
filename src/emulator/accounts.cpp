#include "emulator/accounts.hpp"

#include <algorithm>

namespace hotlive::emu {

account_store::account_store(const std::vector<emulator_account>& accounts) {
    if (accounts.empty()) {
        accounts_.emplace(std::string{demo_access_key_id},
                          account_entry{0, signing_key{demo_access_key_secret}, false});
        return;
    }
    for (const auto& account : accounts) {
        const auto found = accounts_.find(account.access_key_id);
        if (found != accounts_.end()) {
            found->second.key = signing_key{account.access_key_secret.reveal()};
            found->second.disabled = account.disabled;
        } else {
            const std::size_t index = accounts_.size();
            accounts_.emplace(account.access_key_id,
                              account_entry{index, signing_key{account.access_key_secret.reveal()}, account.disabled});
        }
    }
}

const account_entry* account_store::find(std::string_view access_key_id) const {
    const auto found = accounts_.find(access_key_id);
    return found == accounts_.end() ? nullptr : &found->second;
}

std::vector<std::size_t> account_store::enabled() const {
    std::vector<std::size_t> out;
    for (const auto& [id, entry] : accounts_) {
        if (!entry.disabled) out.push_back(entry.index);
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace hotlive::emu
