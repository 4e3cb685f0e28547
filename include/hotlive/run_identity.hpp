// What makes a report's results trustworthy for another run: the parameters each call was sent
// with, the set of calls a report covers, and the account that sent them. A resume trusts an
// earlier success only when all three match; a merge only reports of one version of a plan.
#pragma once

#include <hotlive/expansion.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hotlive {

// A digest (16 hex digits) of what a call sends: domain, app, stream, region, the two MSIDs and
// the two timeouts. Any change to them changes it.
[[nodiscard]] std::string parameters_digest(const plan& p, call_ref call);

// A digest of a set of calls (each its key and parameters_digest), independent of their order:
// "sha256:" and 32 hex digits. Holds 8 bytes a call until value().
class call_set_digest {
public:
    // `expected`: how many calls will be added (room is made for them at once).
    explicit call_set_digest(std::size_t expected = 0) { calls_.reserve(expected); }
    void add(std::string_view key, std::string_view parameters_digest);
    [[nodiscard]] std::string value();

private:
    std::vector<std::uint64_t> calls_;
};

// The digest of every call of `p` (whatever the shard a run covers).
[[nodiscard]] std::string plan_digest(const plan& p);
// The digest of `calls` of `p`: plan_digest() when they are all of its calls (expand(p)).
[[nodiscard]] std::string calls_digest(const plan& p, std::span<const call_ref> calls);

// Names the account a report's calls were sent for without naming its AccessKeyId:
// "sha256:" and 16 hex digits of a SHA-256 of the id. Not reversible to the id.
[[nodiscard]] std::string account_fingerprint(std::string_view access_key_id);

}  // namespace hotlive
