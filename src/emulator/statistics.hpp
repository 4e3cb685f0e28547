// Counters over the API requests answered, for GET /_emulator/stats and emulator::stats():
// per kind of answer (the log's verdict), per Code, per fault kind, and how many distinct calls
// got an intact 200; and apart from them, the background load's requests and STS's and IMDS's.
#pragma once

#include "emulator/request_log.hpp"

#include <hotlive/emulator.hpp>

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace hotlive::emu {

class statistics {
public:
    explicit statistics(const std::optional<emulator_background_load>& background);

    // Not thread-safe: the service serializes calls. `code` must outlive the statistics (the
    // codes are the catalogue's literals).
    void count(answer_kind outcome, std::string_view code, std::optional<fault_kind> fault);
    void count_key_succeeded() noexcept { ++keys_succeeded_; }
    // One request of the background load (none without one).
    void count_background(bool admitted) noexcept;
    // STS and IMDS requests, counted apart from the API requests.
    [[nodiscard]] emulator_sts_stats& sts() noexcept { return sts_; }

    [[nodiscard]] emulator_stats snapshot() const;
    // {"requests":N,"by_verdict":{…},"by_code":{…},"by_fault":{…},"keys_succeeded":N,
    //  "background":null or {"rate":R,"seconds":S or null,"sent":N,"admitted":N,"throttled":N},
    //  "sts":{"assume_role":N,"assume_role_with_oidc":N,"imds_credentials":N,"refused":N,
    //         "unavailable":N,"issued":N}}
    void append_json(std::string& out) const;

private:
    std::uint64_t requests_ = 0;
    std::array<std::uint64_t, answer_kind_count> by_answer_kind_{};
    std::map<std::string_view, std::uint64_t> by_code_;
    std::array<std::uint64_t, 9> by_fault_{};
    std::uint64_t keys_succeeded_ = 0;
    std::optional<emulator_background_stats> background_;
    emulator_sts_stats sts_;
};

}  // namespace hotlive::emu
