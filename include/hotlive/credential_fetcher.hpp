// Fetching the temporary credentials of a resolved source (credentials.hpp): STS AssumeRole and
// AssumeRoleWithOIDC, the ECS metadata service, a credentials URI, an external process.
//
// A fetch is one attempt, asynchronous on the executor it was made for, and reports failure as a
// value: `refused` when the source said no (a role that does not exist, a disabled key, an
// expired OIDC token, an answer that can never be right) — final, an account-wide refusal — and
// not refused when trying again may help (no connection, a timeout, a 5xx, throttling). Nothing
// here retries or caches: when to fetch again is the caller's.
//
// No secret, token or OIDC token appears in a failure's message or in describe(): of an answer
// only its HTTP status and a code shaped like Alibaba Cloud's are repeated, never its message or
// body, and an external process's output never.
#pragma once

#include <hotlive/credentials.hpp>
#include <hotlive/proxy.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <variant>

namespace hotlive {

struct expiring_credentials {
    credentials value;
    std::optional<std::chrono::system_clock::time_point> expiration;  // none: long-lived
};

struct credential_fetch_failure {
    bool refused = false;  // the source said no (role not found, OIDC token expired, key disabled…): final, an
                           // account-wide refusal
    std::string code;      // the service's code when there is one ("EntityNotExist.Role"), else a transport word
                           // ("timeout")
    std::string message;   // for people, naming the source and field; never a secret
};

using credential_fetch_result = std::variant<expiring_credentials, credential_fetch_failure>;

// Fetches the credentials of one resolved source, again at each call (a refresh is a new fetch).
class credential_fetcher {
public:
    virtual ~credential_fetcher() = default;
    virtual boost::asio::awaitable<credential_fetch_result> fetch() = 0;
    [[nodiscard]] virtual std::string describe() const = 0;  // "RamRoleArn acs:ram::…:role/x via sts.aliyuncs.com",
                                                             // never a secret
};

struct credential_fetch_settings {
    std::string ca_file;                               // as --ca-file: empty for the system store
    std::chrono::milliseconds process_timeout{60000};  // External: the process is killed after it
    hotlive::egress egress;                            // STS and credentials URIs go as it says; the ECS
                                                       // metadata service, always directly
};

// The fetcher of a resolution's source on `executor` (null for long-lived keys and a fixed STS
// token: credential_resolution::value is then all there is). The fetcher keeps what it needs of
// the resolution; it must be used from its executor only, one fetch at a time.
std::shared_ptr<credential_fetcher> make_fetcher(const credential_resolution& resolution,
                                                 boost::asio::any_io_executor executor,
                                                 const credential_fetch_settings& settings = {});

}  // namespace hotlive
