// The per-account QPS limit: at most `qps` admitted requests in any sliding one-second window,
// which is what the service's "10 calls/s per account" means to a client counting its calls.
// Requests refused here are not admissions: they do not fill the window.
//
// Each account keeps the times of its last `qps` admissions in a ring; a request is admitted
// when fewer than `qps` admissions fall in the second before it. Exact, and O(qps) memory per
// account. The clock is injected, so tests freeze it and count exactly.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace hotlive::emu {

class throttle {
public:
    using time_point = std::chrono::steady_clock::time_point;

    throttle(std::size_t accounts, std::uint32_t qps);

    [[nodiscard]] bool admit(std::size_t account, time_point now);

private:
    struct window {
        std::vector<time_point> admitted;  // a ring once full
        std::size_t oldest = 0;
    };

    std::uint32_t qps_;
    std::vector<window> windows_;
};

}  // namespace hotlive::emu
