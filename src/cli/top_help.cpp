#include "cli/top_help.hpp"

namespace hotlive::cli {

// The layout is help2man's: a heading ending in ':' at column 0, then entries indented with their
// text two spaces after the tag or on the next lines indented by 20 or more; "$ " marks examples.
std::string top_help_footer() {
    return R"(Run 'hotlive COMMAND --help' for a command's options and examples; README.md is the manual.

Exit status:
  0    every call warm; or the command did what it was asked
  1    some call not warm: failed, not started, cancelled or skipped (report --plan: a call missing)
  2    invalid plan or usage, or a report that cannot be read or written there; nothing was sent
  3    cannot start: credentials, endpoint, TLS; or the service refused the credentials
  74   the report or the journal could not be written
  130  interrupted (SIGINT, SIGTERM): the partial report is written; run --resume carries on

Environment:
  ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET, ALIBABA_CLOUD_SECURITY_TOKEN
                          Keys, when no profile is named for the run (also spelt ALIBABACLOUD_*
                          and ALICLOUD_*)
  ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE
                          An OIDC role, as ACK's RRSA sets it in a pod (ALIBABA_CLOUD_ROLE_SESSION_NAME
                          optional)
  ALIBABA_CLOUD_PROFILE   The profile, when neither --profile nor the plan names one
  ALIBABA_CLOUD_CREDENTIALS_FILE
                          Another file than ~/.alibabacloud/credentials
  ALIBABA_CLOUD_ECS_METADATA, ALIBABA_CLOUD_ECS_METADATA_DISABLED, ALIBABA_CLOUD_IMDSV1_DISABLED
                          The ECS instance role: its name; true to skip it; true to refuse the
                          metadata service's plain mode
  ALIBABA_CLOUD_CREDENTIALS_URI
                          A URI that hands out credentials, the chain's last step
  ALIBABA_CLOUD_STS_ENDPOINT, ALIBABA_CLOUD_STS_REGION, ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED
                          Which STS endpoint temporary credentials come from
  https_proxy, HTTPS_PROXY, http_proxy, all_proxy, ALL_PROXY
                          The HTTP proxy for https:// servers (the Live API, STS), for http://
                          ones, and for both, as curl reads them (never HTTP_PROXY); beaten by
                          the plan's proxy, --proxy and --no-proxy
  no_proxy, NO_PROXY      Names, addresses and CIDR ranges reached directly, as curl matches them
  JOB_COMPLETION_INDEX    run --shards N: this process's share, 0-based (a Kubernetes Indexed Job)
  HOTLIVE_LOG_FORMAT      run --log-format: text or json
  NO_COLOR, TERM          NO_COLOR=1 or TERM=dumb: no colour on a terminal

Files:
  ~/.aliyun/config.json   The aliyun CLI's profiles (--profile, a plan's credentials.profile)
  ~/.alibabacloud/credentials
                          Alibaba Cloud's credentials file (INI profiles)
  REPORT.journal          Beside a run's report: each result as it comes, for --resume
  /usr/share/hotlive/hotlive-plan.schema.json
                          The plan format as a JSON Schema, for editors (Debian package)
  /usr/share/doc/hotlive/examples/
                          Example plans (Debian package)

Examples:
  $ hotlive validate plans/new-year-gala.yaml
  $ hotlive plan plans/new-year-gala.yaml
  $ hotlive run plans/new-year-gala.yaml --report gala.json
  $ source <(hotlive completion bash))";
}

}  // namespace hotlive::cli
