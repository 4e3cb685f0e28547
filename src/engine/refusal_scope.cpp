#include <hotlive/refusal_scope.hpp>

#include <algorithm>
#include <array>

namespace hotlive {
namespace {

// Credential errors, from Alibaba Cloud's common error codes of RPC-style APIs (OpenAPI
// documentation, "Common error codes" / 公共错误码; the same codes the official SDKs' credential
// and signature checks answer): the key is unknown, disabled or mismatched, the signature is
// wrong or incomplete, or the STS token is expired, malformed or not the key's. None of them
// depends on the call; every other call of the run would get the same answer.
constexpr std::array<std::string_view, 7> account_codes{
    "InvalidAccessKeyId.NotFound",  // 404: the AccessKey ID does not exist
    "InvalidAccessKeyId.Inactive",  // 400: the AccessKey is disabled
    "InvalidAccessKeyId",           // the bare form some gateways answer
    "Forbidden.AccessKeyDisabled",  // 403: the AccessKey is disabled
    "SignatureDoesNotMatch",        // 400: the secret does not sign as the service expects
    "IncompleteSignature",          // 400: the signature does not conform to the standard
    "MissingSecurityToken",         // an STS AccessKey sent without its token
};
// InvalidSecurityToken.Expired, .Malformed, .MismatchWithAccessKey: every STS token refusal.
constexpr std::string_view security_token_prefix = "InvalidSecurityToken";

// HotLiveRtcStream's documented errors (the API reference, "Error codes") and RAM's: the prefetch
// switch and RAM policies (acs:live:*:{accountId}:domain/{DomainName}) are the domain's.
constexpr std::array<std::string_view, 3> domain_codes{"NoSpecialConfiguration", "Forbidden.RAM", "NoPermission"};

}  // namespace

std::string_view to_string(refusal_scope scope) {
    switch (scope) {
        case refusal_scope::call:
            return "call";
        case refusal_scope::region:
            return "region";
        case refusal_scope::domain:
            return "domain";
        case refusal_scope::account:
            return "account";
    }
    return "call";
}

refusal_scope scope_of_refusal(std::string_view code) {
    if (std::find(account_codes.begin(), account_codes.end(), code) != account_codes.end() ||
        code.starts_with(security_token_prefix)) {
        return refusal_scope::account;
    }
    if (std::find(domain_codes.begin(), domain_codes.end(), code) != domain_codes.end()) return refusal_scope::domain;
    if (code == "CodeRegionHasNoNode") return refusal_scope::region;
    return refusal_scope::call;
}

}  // namespace hotlive
