// What the live view answers (README "The live view"), as plain data: a request's method and
// target in, the status, headers and body out. Only reads the run's state; the server
// (server.hpp) only moves bytes.
#pragma once

#include <hotlive/run_state.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hotlive::live {

struct http_answer {
    int status = 200;
    std::vector<std::pair<std::string_view, std::string>> headers;  // Content-Type among them
    std::string body;                                               // sent for GET, not for HEAD
};

class live_view {
public:
    explicit live_view(const run_state& state) : state_(state) {}

    [[nodiscard]] http_answer answer(std::string_view method, std::string_view target, wall_time now);
    // For a request that could not be read: 400, 413 or 431 (a request header too large).
    [[nodiscard]] static http_answer refusal(int status);

private:
    const run_state& state_;
    std::string grid_;  // grid_json(), made at the first ask: the outline does not change
};

}  // namespace hotlive::live
