// RPC V1 signature, HMAC-SHA1 with SignatureVersion=1.0 (Alibaba Cloud "Request syntax and
// signature method V2 for RPC APIs").
#include "signing/crypto.hpp"
#include "signing/percent_encoding.hpp"
#include "signing/schemes.hpp"

#include <vector>

namespace hotlive {
namespace {

// The one canonicalization, shared by signing and verification.
std::string string_to_sign_of(std::string_view method, std::string_view canonical_query) {
    std::string out;
    out.reserve(method.size() + 5 + canonical_query.size() * 5 / 4);
    out.append(method).append("&%2F&");
    detail::append_percent_encoded(out, canonical_query);
    return out;
}

void append_signature(std::string& out, const signing_key& key, std::string_view string_to_sign) {
    detail::append_base64(out, key.v1().compute(string_to_sign).view());
}

}  // namespace

std::string rpc_v1_string_to_sign(std::string_view method, std::span<const query_parameter> parameters) {
    std::vector<query_parameter> signed_parameters;
    signed_parameters.reserve(parameters.size());
    for (const auto& p : parameters) {
        if (p.name != "Signature") signed_parameters.push_back(p);
    }
    return string_to_sign_of(method, canonical_query_string(signed_parameters));
}

std::string rpc_v1_signature(const signing_key& key, std::string_view method,
                             std::span<const query_parameter> parameters) {
    std::string out;
    append_signature(out, key, rpc_v1_string_to_sign(method, parameters));
    return out;
}

namespace detail {

signed_request sign_rpc_v1(const signing_context& context) {
    signed_request out;
    out.method = context.shape == request_shape::get_query ? "GET" : "POST";

    std::vector<query_parameter> parameters;
    parameters.reserve(context.call.parameters.size() + 9);
    parameters.push_back({"Action", context.call.action});
    parameters.push_back({"Version", context.call.version});
    parameters.push_back({"Format", "JSON"});
    parameters.push_back({"AccessKeyId", context.creds.access_key_id});
    parameters.push_back({"SignatureMethod", "HMAC-SHA1"});
    parameters.push_back({"SignatureVersion", "1.0"});
    parameters.push_back({"SignatureNonce", context.nonce});
    parameters.push_back({"Timestamp", context.timestamp});
    if (!context.creds.security_token.empty()) {
        parameters.push_back({"SecurityToken", context.creds.security_token.reveal()});
    }
    parameters.insert(parameters.end(), context.call.parameters.begin(), context.call.parameters.end());

    std::string query;
    append_canonical_query(query, parameters);
    std::string signature;
    append_signature(signature, context.key, string_to_sign_of(out.method, query));
    query.append("&Signature=");
    append_percent_encoded(query, signature);

    out.headers.push_back({"host", std::string{context.host}});
    // V1 signs parameters only; the retry headers travel unsigned, as the official tools send them.
    if (context.call.retry) {
        out.headers.push_back({"x-acs-retry-attempts", std::to_string(context.call.retry->retry)});
        out.headers.push_back({"x-acs-retry-delay", std::to_string(context.call.retry->delay_ms)});
    }
    if (context.shape == request_shape::post_form) {
        out.target.push_back('/');  // not `= "/"`: GCC 12 -O2 misreports that as -Wrestrict (bug 105651)
        out.body = std::move(query);
        out.headers.push_back({"content-type", std::string{form_content_type}});
    } else {
        out.target.reserve(2 + query.size());
        out.target.append("/?").append(query);
    }
    return out;
}

}  // namespace detail
}  // namespace hotlive
