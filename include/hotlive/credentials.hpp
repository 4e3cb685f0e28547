// Alibaba Cloud credentials and where they come from.
//
// The chain, first match wins:
//   1. Environment: ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET /
//      ALIBABA_CLOUD_SECURITY_TOKEN, each falling back to the aliyun CLI's ALIBABACLOUD_* and
//      ALICLOUD_* spellings. An ID without a secret (or the reverse) is an error, not a reason
//      to look further: the user meant to use the environment.
//   2. The aliyun CLI's ~/.aliyun/config.json, modes AK and StsToken.
//   3. ~/.alibabacloud/credentials (INI), types access_key and sts.
//
// Which profile of the files: --profile, else the plan's credentials.profile, else
// ALIBABA_CLOUD_PROFILE (or ALIBABACLOUD_PROFILE, ALICLOUD_PROFILE), else config.json's
// "current", else "default".
//
// Environment keys versus a named profile: a profile named for this run (--profile or the
// plan) beats environment keys, as --profile does in the aliyun CLI — the operator chose an
// account for this plan, and keys left over in a shell must not silently redirect it. A profile
// named only by ALIBABA_CLOUD_PROFILE does not: that variable and the keys are both ambient, the
// keys are the more specific, and the Alibaba Cloud credential tools read environment keys
// before the profile files too. Ignored environment keys are recorded in `steps`.
//
// Keys are never read from the command line or a plan.
#pragma once

#include <filesystem>
#include <functional>
#include <iosfwd>
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

enum class credential_origin { environment, aliyun_cli_config, credentials_file };

struct credential_source {
    credential_origin origin = credential_origin::environment;
    // For people: "environment variables ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET"
    // or "/home/x/.aliyun/config.json, profile \"prod\" (mode StsToken)". Never a secret.
    std::string description;
    std::filesystem::path file;  // empty for the environment
    std::string profile;         // empty for the environment
};

// Looks up an environment variable; nullopt when unset.
using environment_lookup = std::function<std::optional<std::string>(std::string_view name)>;

struct credential_query {
    std::optional<std::string> cli_profile;   // --profile
    std::optional<std::string> plan_profile;  // the plan's credentials.profile
    environment_lookup environment;           // required
    std::filesystem::path home;               // empty when HOME is unset: no files are read
};

struct credential_resolution {
    std::optional<credentials> value;
    credential_source source;           // set with value
    std::vector<std::string> warnings;  // e.g. a credentials file readable by others
    std::vector<std::string> steps;     // each place looked and what was found, in order
    std::string error;                  // set without value; names every place looked
};

// Empty variables count as unset. Never throws for a missing, unreadable or malformed file:
// that is an `error`. No message quotes a file's content.
[[nodiscard]] credential_resolution resolve_credentials(const credential_query& query);

// resolve_credentials with the process environment (getenv) and $HOME.
[[nodiscard]] credential_resolution resolve_process_credentials(std::optional<std::string> cli_profile,
                                                                std::optional<std::string> plan_profile);

}  // namespace hotlive
