// The emulator's demo account as a run's credentials: its key with `secret` (by default the
// demo secret; another one is refused by the emulator as SignatureDoesNotMatch).
#pragma once

#include <hotlive/credentials.hpp>
#include <hotlive/emulator.hpp>

#include <string>

namespace hotlive::test {

inline credential_resolution demo_credentials(const std::string& secret = std::string(demo_access_key_secret)) {
    credential_resolution found;
    found.value.emplace();
    found.value->access_key_id = std::string(demo_access_key_id);
    found.value->access_key_secret = secret_string{secret};
    return found;
}

}  // namespace hotlive::test
