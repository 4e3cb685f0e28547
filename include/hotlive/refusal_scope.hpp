// How far a final refusal reaches: the calls that the same answer would refuse too. One
// refusal condemns its scope, and the calls of it not yet sent are skipped instead of spending
// the account's quota on answers already known.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace hotlive {

enum class refusal_scope : unsigned char {
    call,     // only this call (InvalidParam, and any code not listed below)
    region,   // the call's domain in the call's region: CodeRegionHasNoNode
    domain,   // every call of the domain: its prefetch switch is off (NoSpecialConfiguration), or the
              // RAM policy, which is on the domain resource, denies it (Forbidden.RAM, NoPermission)
    account,  // every call: the AccessKey, the signature or the STS token is refused, or the proxy
              // refuses the run (proxy_auth_failed, proxy_forbidden)
};

[[nodiscard]] std::string_view to_string(refusal_scope scope);

// The scope of a service error code that is not worth retrying (classify()'s verdict::fail).
[[nodiscard]] refusal_scope scope_of_refusal(std::string_view code);

// A condemned scope and the answer that condemned it.
struct condemned_scope {
    refusal_scope scope = refusal_scope::call;
    std::string domain;  // domain and region scopes
    std::string region;  // region scope
    std::string code;    // the service's Code
    std::string message;
    std::string by_key;  // the call whose answer it was
    std::optional<std::string> by_request_id;
    std::size_t skipped = 0;  // calls not sent because of it
};

}  // namespace hotlive
