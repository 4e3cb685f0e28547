// The accounts the emulator accepts: AccessKeyId → the HMAC keys of its secret, derived once at
// start-up, whether the key is disabled, and a dense index per account for the per-account state
// (the QPS limit).
#pragma once

#include <hotlive/emulator.hpp>
#include <hotlive/signer.hpp>

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace hotlive::emu {

struct account_entry {
    std::size_t index = 0;
    signing_key key;
    bool disabled = false;  // InvalidAccessKeyId.Inactive
};

class account_store {
public:
    // With no accounts, the demo account alone. A repeated AccessKeyId keeps its last secret and
    // its last `disabled`.
    explicit account_store(const std::vector<emulator_account>& accounts);

    [[nodiscard]] const account_entry* find(std::string_view access_key_id) const;
    [[nodiscard]] std::size_t size() const noexcept { return accounts_.size(); }
    // The indices of the accounts whose key is not disabled, ascending.
    [[nodiscard]] std::vector<std::size_t> enabled() const;

private:
    struct transparent_hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, account_entry, transparent_hash, std::equal_to<>> accounts_;
};

}  // namespace hotlive::emu
