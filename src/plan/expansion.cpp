#include <hotlive/expansion.hpp>

#include <algorithm>

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

std::optional<std::size_t> wave_of(const plan& p, call_ref call) {
    const auto& waves = p.schedule.waves;
    const stream_target& target = p.streams[call.target];
    for (std::size_t i = 0; i < waves.size(); ++i) {
        const wave& w = waves[i];
        if (!w.regions.empty() && std::find(w.regions.begin(), w.regions.end(), call.region) == w.regions.end())
            continue;
        if (!w.streams.empty() && std::find(w.streams.begin(), w.streams.end(), target.stream) == w.streams.end()) {
            continue;
        }
        return i;
    }
    return std::nullopt;
}

std::chrono::sys_seconds wave_start(const plan& p, std::size_t wave) {
    return p.schedule.event_start.value_or(std::chrono::sys_seconds{}) + p.schedule.waves.at(wave).offset;
}

}  // namespace hotlive
