// Alibaba Cloud credentials and where they come from.
//
// The chain, first match wins (the official default chain's order: aliyun/credentials-go's
// providers/default.go, credentials-java and -python alike):
//   1. Environment keys: ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET /
//      ALIBABA_CLOUD_SECURITY_TOKEN, each falling back to the aliyun CLI's ALIBABACLOUD_* and
//      ALICLOUD_* spellings. An ID without a secret (or the reverse) is an error, not a reason
//      to look further: the user meant to use the environment.
//   2. OIDC (RRSA on ACK): ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN,
//      ALIBABA_CLOUD_OIDC_TOKEN_FILE (all three, or none), ALIBABA_CLOUD_ROLE_SESSION_NAME optional.
//   3. The aliyun CLI's ~/.aliyun/config.json, modes AK, StsToken, RamRoleArn,
//      ChainableRamRoleArn, EcsRamRole, OIDC, CredentialsURI and External.
//   4. ~/.alibabacloud/credentials (INI; ALIBABA_CLOUD_CREDENTIALS_FILE names another), types
//      access_key, sts, ram_role_arn, ecs_ram_role, oidc_role_arn and credentials_uri.
//   5. The ECS instance RAM role (ALIBABA_CLOUD_ECS_METADATA names it, else the metadata
//      service does), unless ALIBABA_CLOUD_ECS_METADATA_DISABLED=true. Resolving reads no network,
//      so this step is a guess checked at the first fetch; when ALIBABA_CLOUD_CREDENTIALS_URI is
//      set too, the URI is the fallback if the metadata service does not answer, as in the SDKs.
//   6. ALIBABA_CLOUD_CREDENTIALS_URI.
//
// Which profile of the files: --profile, else the plan's credentials.profile, else
// ALIBABA_CLOUD_PROFILE (or ALIBABACLOUD_PROFILE, ALICLOUD_PROFILE), else config.json's
// "current", else "default".
//
// Environment versus a named profile: a profile named for this run (--profile or the plan) beats
// environment keys and the OIDC variables, as --profile does in the aliyun CLI — the operator
// chose an account for this plan, and variables left over in a shell (or a pod) must not
// silently redirect it; a named profile that is not found is an error, never a reason to try the
// instance role. A profile named only by ALIBABA_CLOUD_PROFILE does not: that variable and the
// keys are both ambient, the keys are the more specific, and the official chain reads them first.
// Ignored variables are recorded in `steps`.
//
// Keys are never read from the command line or a plan.
#pragma once

#include <hotlive/environment.hpp>

#include <chrono>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hotlive {

// A secret that is hard to print by accident: it streams as "[redacted]", has no fmt formatter
// (formatting one does not compile), and the value is reached only through reveal(), which
// stands out in review.
class secret_string {
public:
    secret_string() = default;
    explicit secret_string(std::string value) noexcept : value_(std::move(value)) {}

    [[nodiscard]] std::string_view reveal() const noexcept { return value_; }
    [[nodiscard]] bool empty() const noexcept { return value_.empty(); }

private:
    std::string value_;
};

std::ostream& operator<<(std::ostream& out, const secret_string& secret);  // "[redacted]"

// Deliberately without operator<< or a formatter; print mask_access_key_id(access_key_id).
struct credentials {
    std::string access_key_id;
    secret_string access_key_secret;
    secret_string security_token;  // empty for long-term AccessKey pairs
};

// "****************abcd": every character but the last four replaced by '*'. IDs of fewer than
// eight characters are masked completely, since four characters would be most of them.
[[nodiscard]] std::string mask_access_key_id(std::string_view access_key_id);

// Where a resolution was found. instance_metadata: the chain's guess at the ECS instance role,
// nothing else being configured.
enum class credential_origin { environment, aliyun_cli_config, credentials_file, instance_metadata };

struct credential_source {
    credential_origin origin = credential_origin::environment;
    // For people: "environment variables ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET"
    // or "/home/x/.aliyun/config.json, profile \"prod\" (mode StsToken)". Never a secret.
    std::string description;
    std::filesystem::path file;  // empty for the environment
    std::string profile;         // empty for the environment
};

// The aliyun CLI's mode names; the INI file's types map onto them (access_key is AK, sts is
// StsToken, ram_role_arn RamRoleArn, ecs_ram_role EcsRamRole, oidc_role_arn OIDC, credentials_uri
// CredentialsURI).
enum class credential_mode {
    access_key,
    sts_token,
    ram_role_arn,
    chainable_ram_role_arn,
    ecs_ram_role,
    oidc,
    credentials_uri,
    external,
};

// "AK", "StsToken", "RamRoleArn", "ChainableRamRoleArn", "EcsRamRole", "OIDC", "CredentialsURI",
// "External".
[[nodiscard]] std::string_view to_string(credential_mode mode);

// AK and StsToken are read as they are; every other mode is fetched (credential_fetcher.hpp).
[[nodiscard]] bool is_fetched(credential_mode mode);

// A server a fetcher talks to: https, or plain http to a loopback address (tests, rehearsals
// against hotlive emulate) or to the ECS metadata service.
struct credential_endpoint {
    bool tls = true;
    std::string host;  // without brackets for IPv6
    std::string port;

    // "https://sts.aliyuncs.com", the port shown when it is not the scheme's.
    [[nodiscard]] std::string url() const;
};

struct credential_query {
    std::optional<std::string> cli_profile;   // --profile
    std::optional<std::string> plan_profile;  // the plan's credentials.profile
    environment_lookup environment;           // required
    std::filesystem::path home;               // empty when HOME is unset: only ALIBABA_CLOUD_CREDENTIALS_FILE is read
};

struct credential_resolution {
    std::optional<credential_mode> mode;  // set when a source was found, `error` otherwise
    std::optional<credentials> value;     // AK and StsToken: all there is; none for fetched modes
    credential_source source;             // set with mode
    std::vector<std::string> warnings;    // e.g. a credentials file readable by others
    std::vector<std::string> steps;       // each place looked and what was found, in order
    std::string error;                    // set without mode; names every place looked

    // What make_fetcher needs for the fetched modes; the fields a mode does not use stay empty.
    std::optional<credentials> signing_keys;  // RamRoleArn: the profile's AccessKey, which signs AssumeRole
    // ChainableRamRoleArn: the source profile, whose credentials (fetched ones too) sign AssumeRole.
    std::shared_ptr<const credential_resolution> source_profile;
    std::string role_arn;                 // RamRoleArn, ChainableRamRoleArn, OIDC
    std::string role_session_name;        // empty: "hotlive-" and the Unix time of the fetch
    std::string external_id;              // RamRoleArn, ChainableRamRoleArn; empty: none sent
    std::string policy;                   // an optional policy narrowing the role; empty: none sent
    std::chrono::seconds duration{3600};  // DurationSeconds asked of STS
    credential_endpoint sts_endpoint;
    std::string oidc_provider_arn;
    std::filesystem::path oidc_token_file;     // OIDC: read again at every fetch (Kubernetes rotates it)
    std::string ecs_role_name;                 // EcsRamRole; empty: the metadata service names it
    bool imdsv1_disabled = false;              // EcsRamRole: hardened mode only (ALIBABA_CLOUD_IMDSV1_DISABLED)
    credential_endpoint metadata_endpoint;     // EcsRamRole: http://100.100.100.200 or the test override
    credential_endpoint uri_endpoint;          // CredentialsURI
    secret_string uri_target;                  // its path and query, which may carry a token
    std::vector<std::string> process_command;  // External: argv, run without a shell
    // The ECS guess with ALIBABA_CLOUD_CREDENTIALS_URI set: the URI, if the metadata service does
    // not answer.
    std::shared_ptr<const credential_resolution> fallback;
};

// Empty variables count as unset. Never throws for a missing, unreadable or malformed file:
// that is an `error`. No message quotes a file's content. Reads no network and runs nothing.
[[nodiscard]] credential_resolution resolve_credentials(const credential_query& query);

// resolve_credentials with the process environment (getenv) and $HOME.
[[nodiscard]] credential_resolution resolve_process_credentials(std::optional<std::string> cli_profile,
                                                                std::optional<std::string> plan_profile);

}  // namespace hotlive
