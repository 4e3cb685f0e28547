#include "live/live_view.hpp"

#include "live/metrics_text.hpp"
#include "live/status_json.hpp"
#include "live/wall_screen.hpp"

#include <algorithm>
#include <charconv>

namespace hotlive::live {
namespace {

// Nothing but what hotlive itself serves, and nothing may frame the page.
constexpr std::string_view content_security_policy =
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

http_answer with_body(int status, std::string_view content_type, std::string body) {
    http_answer a;
    a.status = status;
    a.headers = {{"Content-Type", std::string{content_type}},
                 {"Cache-Control", "no-store"},
                 {"X-Content-Type-Options", "nosniff"},
                 {"Referrer-Policy", "no-referrer"},
                 {"Content-Security-Policy", std::string{content_security_policy}}};
    a.body = std::move(body);
    return a;
}

http_answer plain(int status, std::string_view text) {
    return with_body(status, "text/plain; charset=utf-8", std::string{text} + "\n");
}

// The value of `since=` in a query; 0 when absent or not a number.
std::size_t since_of(std::string_view query) {
    for (std::size_t start = 0; start <= query.size();) {
        const auto end = std::min(query.find('&', start), query.size());
        const std::string_view pair = query.substr(start, end - start);
        if (pair.starts_with("since=")) {
            std::size_t value = 0;
            const auto digits = pair.substr(6);
            const auto [last, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
            return error == std::errc{} && last == digits.data() + digits.size() ? value : 0;
        }
        start = end + 1;
    }
    return 0;
}

}  // namespace

http_answer live_view::answer(std::string_view method, std::string_view target, wall_time now) {
    if (method != "GET" && method != "HEAD") {
        auto a = plain(405, "the live view is read-only: GET and HEAD only");
        a.headers.emplace_back("Allow", "GET, HEAD");
        return a;
    }
    const auto question = target.find('?');
    const std::string_view path = target.substr(0, question);
    const std::string_view query =
        question == std::string_view::npos ? std::string_view{} : target.substr(question + 1);
    if (path == "/" || path == "/index.html")
        return with_body(200, "text/html; charset=utf-8", std::string{wall_screen_html});
    if (path == "/wall.js") return with_body(200, "text/javascript; charset=utf-8", std::string{wall_screen_script});
    if (path == "/wall.css") return with_body(200, "text/css; charset=utf-8", std::string{wall_screen_style});
    if (path == "/metrics") return with_body(200, metrics_content_type, metrics_text(state_));
    if (path == "/status.json") return with_body(200, "application/json", status_json(state_, now, since_of(query)));
    if (path == "/grid.json") {
        if (grid_.empty()) grid_ = grid_json(state_.outline());
        return with_body(200, "application/json", grid_);
    }
    return plain(404, "not found: the live view serves /, /metrics, /status.json and /grid.json");
}

http_answer live_view::refusal(int status) {
    switch (status) {
        case 431:
            return plain(431, "request header fields too large");
        case 413:
            return plain(413, "a request to the live view has no body");
        default:
            return plain(400, "bad request");
    }
}

}  // namespace hotlive::live
