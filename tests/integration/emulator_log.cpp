#include "integration/emulator_log.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <fstream>
#include <stdexcept>

namespace hotlive::test {

std::vector<logged_request> read_emulator_log(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read the emulator log " + path.string());
    std::vector<logged_request> log;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        const auto object = boost::json::parse(line).as_object();
        const auto text = [&](const char* name) {
            const auto* v = object.if_contains(name);
            return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
        };
        logged_request r;
        r.t_ms = object.at("t_ms").to_number<std::int64_t>();
        r.key = text("key");
        if (const auto* a = object.if_contains("attempt"); a != nullptr && !a->is_null()) {
            r.attempt = a->to_number<std::uint32_t>();
        }
        r.nonce = text("nonce");
        r.verdict = text("verdict");
        r.status = object.at("status").to_number<int>();
        r.code = text("code");
        r.fault = text("fault");
        log.push_back(std::move(r));
    }
    return log;
}

std::size_t max_in_window(const std::vector<logged_request>& log, std::int64_t window_ms) {
    std::vector<std::int64_t> times;
    for (const auto& r : log) times.push_back(r.t_ms);
    std::sort(times.begin(), times.end());
    std::size_t best = 0, first = 0;
    for (std::size_t i = 0; i < times.size(); ++i) {
        while (times[i] - times[first] >= window_ms) ++first;
        best = std::max(best, i - first + 1);
    }
    return best;
}

std::map<std::string, int> successes_by_key(const std::vector<logged_request>& log) {
    std::map<std::string, int> counts;
    for (const auto& r : log) {
        if (r.verdict == "success") ++counts[r.key];
    }
    return counts;
}

}  // namespace hotlive::test
