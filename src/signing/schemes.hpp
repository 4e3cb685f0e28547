// The two signature schemes' signing side, behind request_signer.
#pragma once

#include <hotlive/signer.hpp>

#include <string_view>

namespace hotlive::detail {

// One attempt to sign: every input, already in wire form where that matters.
struct signing_context {
    const credentials& creds;
    const signing_key& key;
    std::string_view host;
    const api_call& call;
    request_shape shape;
    std::string_view timestamp;  // "2023-10-26T10:22:32Z"
    std::string_view nonce;
};

[[nodiscard]] signed_request sign_acs3(const signing_context& context);
[[nodiscard]] signed_request sign_rpc_v1(const signing_context& context);

inline constexpr std::string_view form_content_type = "application/x-www-form-urlencoded";

}  // namespace hotlive::detail
