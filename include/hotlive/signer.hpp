// Signing of Alibaba Cloud RPC-style API requests: V3 (ACS3-HMAC-SHA256) and the RPC V1
// scheme (HMAC-SHA1, SignatureVersion=1.0), for the client that sends requests and for the
// emulator that verifies them. Both sides run the same canonicalization code: the client's
// request_signer and the emulator's acs3_signature / rpc_v1_signature end in one function per
// scheme, so a signer bug cannot hide behind a matching verifier bug in a second copy.
//
// Encoding follows the signature specs: RFC 3986 unreserved characters (A-Za-z0-9-_.~) are kept,
// every other byte of the UTF-8 text becomes %XX in upper-case hex (space is %20, never '+').
//
// Nothing here throws on a request's content; the only exceptions are std::bad_alloc and
// std::runtime_error when OpenSSL itself fails (no HMAC, no entropy), which is a broken host,
// not a bad request.
#pragma once

#include <hotlive/credentials.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hotlive {

namespace detail {
class hmac_key;
}

// One query or form parameter, not encoded.
struct query_parameter {
    std::string_view name;
    std::string_view value;
};

// One HTTP header as received, name in any case.
struct header_view {
    std::string_view name;
    std::string_view value;
};

// RFC 3986 percent-encoding of `text` as the signature specs define it.
[[nodiscard]] std::string percent_encode(std::string_view text);

// "k1=v1&k2=v2": every name and value percent-encoded, sorted by encoded name (byte order),
// equal names by encoded value. This is both the canonical query of the signatures and the
// query string (or form body) that is sent.
[[nodiscard]] std::string canonical_query_string(std::span<const query_parameter> parameters);

// Lower-case hex SHA-256, the V3 x-acs-content-sha256 of a body.
[[nodiscard]] std::string sha256_hex(std::string_view data);

// The HMAC keys derived from one AccessKeySecret, set up once and reused for every request
// (the emulator keeps one per configured account). Safe to use from several threads at once.
class signing_key {
public:
    explicit signing_key(std::string_view access_key_secret);
    ~signing_key();
    signing_key(signing_key&&) noexcept;
    signing_key& operator=(signing_key&&) noexcept;
    signing_key(const signing_key&) = delete;
    signing_key& operator=(const signing_key&) = delete;

    [[nodiscard]] const detail::hmac_key& v1() const noexcept;  // HMAC-SHA1, key secret + "&"
    [[nodiscard]] const detail::hmac_key& v3() const noexcept;  // HMAC-SHA256, key secret

private:
    std::unique_ptr<detail::hmac_key> v1_;
    std::unique_ptr<detail::hmac_key> v3_;
};

// ---- V3, ACS3-HMAC-SHA256 ------------------------------------------------------------------

// A V3 request as the verifier sees it.
struct acs3_request_view {
    std::string_view method;                 // "POST", "GET"
    std::string_view path = "/";             // canonical URI; "/" for RPC-style APIs
    std::span<const query_parameter> query;  // decoded query parameters as received
    std::span<const header_view> headers;    // every header received
    std::string_view signed_headers;         // "host;x-acs-action;...", from Authorization
    std::string_view hashed_payload;         // the x-acs-content-sha256 value
};

// Method, URI, canonical query, "name:value" per signed header (values trimmed; a header sent
// several times is joined with ','), a blank line, the signed-header list, the payload hash;
// lines joined by '\n'. Signed headers are taken in the order the list gives them.
[[nodiscard]] std::string acs3_canonical_request(const acs3_request_view& request);

// "ACS3-HMAC-SHA256\n" + hex(sha256(canonical_request)).
[[nodiscard]] std::string acs3_string_to_sign(std::string_view canonical_request);

// Lower-case hex HMAC-SHA256 of the string to sign.
[[nodiscard]] std::string acs3_signature(const signing_key& key, const acs3_request_view& request);

// The parts of "ACS3-HMAC-SHA256 Credential=ID,SignedHeaders=a;b,Signature=hex"; views into
// the header value.
struct acs3_authorization {
    std::string_view access_key_id;
    std::string_view signed_headers;
    std::string_view signature;
};

[[nodiscard]] std::optional<acs3_authorization> parse_acs3_authorization(std::string_view header_value);

// ---- RPC V1, HMAC-SHA1 ------------------------------------------------------------------------

// METHOD + "&%2F&" + percent_encode(canonical query of every parameter except "Signature").
[[nodiscard]] std::string rpc_v1_string_to_sign(std::string_view method, std::span<const query_parameter> parameters);

// Base64 HMAC-SHA1 (key secret + "&") of rpc_v1_string_to_sign; a received "Signature"
// parameter is ignored, so the verifier can pass the request's parameters as they came.
[[nodiscard]] std::string rpc_v1_signature(const signing_key& key, std::string_view method,
                                           std::span<const query_parameter> parameters);

// ---- Signing outgoing requests ----------------------------------------------------------------

enum class signature_version { v3, v1 };

// Where the API parameters go. Official SDKs send RPC-style V3 calls as POST with the
// parameters in the query string; some send a form body.
enum class request_shape {
    post_query,  // POST, parameters in the query string, empty body
    post_form,   // POST, parameters in an application/x-www-form-urlencoded body
    get_query,   // GET, parameters in the query string
};

// What a retry announces, as the aliyun CLI and the current official SDKs send it: the headers
// x-acs-retry-attempts (this retry's number, 1 for the first retry) and x-acs-retry-delay (the
// milliseconds waited before it). V3 signs them with the other x-acs-* headers.
struct retry_announcement {
    std::uint32_t retry = 0;
    std::uint64_t delay_ms = 0;
};

// One RPC API call before signing.
struct api_call {
    std::string_view action;                       // "HotLiveRtcStream"
    std::string_view version;                      // "2016-11-01"
    std::span<const query_parameter> parameters;   // the API's own parameters
    std::optional<retry_announcement> retry = {};  // set on every attempt but the first
};

// One header to send. Names are lower-case string literals (static storage).
struct http_header {
    std::string_view name;
    std::string value;
};

// Everything the transport needs; it adds only Content-Length.
struct signed_request {
    std::string_view method;           // "POST" or "GET"
    std::string target;                // "/?query" or "/"
    std::vector<http_header> headers;  // host, content-type of a form; V3: x-acs-*, authorization
    std::string body;                  // the form body of request_shape::post_form, else empty
};

// A fresh SignatureNonce: a random UUID version 4 ("xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx",
// lower case) from OpenSSL's RAND_bytes, drawn 256 nonces at a time (per thread; emptied in a
// forked child).
[[nodiscard]] std::string make_nonce();

// Signs calls with one set of credentials for one endpoint. `host` is the Host header value,
// with ":port" when the port is not the scheme's default (V3 signs it). The HMAC keys are
// derived once, here. const member functions may run concurrently.
class request_signer {
public:
    request_signer(credentials creds, std::string host, signature_version version);

    // Deterministic signing: the caller supplies the time (x-acs-date / Timestamp, whole
    // seconds UTC) and the nonce.
    [[nodiscard]] signed_request sign(const api_call& call, request_shape shape,
                                      std::chrono::system_clock::time_point timestamp, std::string_view nonce) const;

    // A new attempt: now + clock_offset (to correct a known skew against the server's clock)
    // and a fresh nonce. Every retry must come through here again.
    [[nodiscard]] signed_request sign_attempt(const api_call& call, request_shape shape,
                                              std::chrono::system_clock::duration clock_offset = {}) const;

    [[nodiscard]] signature_version version() const noexcept { return version_; }
    [[nodiscard]] const std::string& access_key_id() const noexcept { return credentials_.access_key_id; }

private:
    credentials credentials_;
    signing_key key_;
    std::string host_;
    signature_version version_;
};

// ---- Redaction, for logs ------------------------------------------------------------------------

// A query string or form body fit for a log: the values of Signature, SecurityToken and
// AccessKeySecret become "[redacted]" and AccessKeyId is masked (mask_access_key_id).
[[nodiscard]] std::string redact_query_string(std::string_view query);

// The value to log for a header: "[redacted]" for Authorization and x-acs-security-token
// (any case), the value itself otherwise.
[[nodiscard]] std::string_view redact_header_value(std::string_view name, std::string_view value);

}  // namespace hotlive
