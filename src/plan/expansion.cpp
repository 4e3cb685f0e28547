#include <hotlive/expansion.hpp>

namespace hotlive {

std::vector<call_ref> expand(const plan& p) {
    std::vector<call_ref> calls;
    calls.reserve(call_count(p));
    for (std::size_t t = 0; t < p.streams.size(); ++t) {
        for (const auto region : p.streams[t].regions) calls.push_back({static_cast<std::uint32_t>(t), region});
    }
    return calls;
}

std::string call_key(const plan& p, call_ref call) {
    const stream_target& t = p.streams.at(call.target);
    const auto code = region_at(call.region).code;
    std::string key;
    key.reserve(t.domain.size() + t.app.size() + t.stream.size() + code.size() + 3);
    key.append(t.domain).append(1, '/').append(t.app).append(1, '/').append(t.stream).append(1, '@').append(code);
    return key;
}

std::size_t call_count(const plan& p) {
    std::size_t n = 0;
    for (const auto& t : p.streams) n += t.regions.size();
    return n;
}

std::chrono::milliseconds estimated_duration(std::size_t calls, const rate_limits& limits) {
    if (limits.rate == 0 || calls <= limits.burst) return std::chrono::milliseconds{0};
    const auto paced = calls - limits.burst;
    return std::chrono::milliseconds{static_cast<std::int64_t>((paced * 1000 + limits.rate - 1) / limits.rate)};
}

}  // namespace hotlive
