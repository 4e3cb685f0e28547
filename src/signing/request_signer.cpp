#include "signing/schemes.hpp"
#include "time/rfc3339.hpp"

namespace hotlive {

request_signer::request_signer(credentials creds, std::string host, signature_version version)
    : credentials_(std::move(creds)),
      key_(credentials_.access_key_secret.reveal()),
      host_(std::move(host)),
      version_(version) {}

signed_request request_signer::sign(const api_call& call, request_shape shape,
                                    std::chrono::system_clock::time_point timestamp, std::string_view nonce) const {
    const std::string date = detail::format_rfc3339_utc(std::chrono::floor<std::chrono::seconds>(timestamp));
    const detail::signing_context context{credentials_, key_, host_, call, shape, date, nonce};
    return version_ == signature_version::v3 ? detail::sign_acs3(context) : detail::sign_rpc_v1(context);
}

signed_request request_signer::sign_attempt(const api_call& call, request_shape shape,
                                            std::chrono::system_clock::duration clock_offset) const {
    return sign(call, shape, std::chrono::system_clock::now() + clock_offset, make_nonce());
}

}  // namespace hotlive
