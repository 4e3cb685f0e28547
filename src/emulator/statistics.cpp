#include "emulator/statistics.hpp"

#include "text/json_text.hpp"

#include <charconv>

namespace hotlive::emu {

statistics::statistics(const std::optional<emulator_background_load>& background) {
    if (background) background_ = emulator_background_stats{background->rate, background->seconds};
}

void statistics::count(answer_kind outcome, std::string_view code, std::optional<fault_kind> fault) {
    ++requests_;
    ++by_answer_kind_.at(static_cast<std::size_t>(outcome));
    if (!code.empty()) ++by_code_[code];
    if (fault) ++by_fault_.at(static_cast<std::size_t>(*fault));
}

void statistics::count_background(bool admitted) noexcept {
    if (!background_) return;
    ++background_->sent;
    ++(admitted ? background_->admitted : background_->throttled);
}

emulator_stats statistics::snapshot() const {
    emulator_stats s;
    s.requests = requests_;
    for (std::size_t i = 0; i < answer_kind_count; ++i) {
        s.by_verdict.emplace(std::string{to_string(static_cast<answer_kind>(i))}, by_answer_kind_[i]);
    }
    for (const auto& [code, n] : by_code_) s.by_code.emplace(std::string{code}, n);
    for (std::size_t i = 0; i < by_fault_.size(); ++i) {
        if (by_fault_[i] != 0) s.by_fault.emplace(std::string{to_string(static_cast<fault_kind>(i))}, by_fault_[i]);
    }
    s.keys_succeeded = keys_succeeded_;
    s.background = background_;
    s.sts = sts_;
    return s;
}

void statistics::append_json(std::string& out) const {
    const emulator_stats s = snapshot();
    const auto append_map = [&](std::string_view name, const auto& map) {
        out.append(",\"").append(name).append("\":{");
        bool first = true;
        for (const auto& [key, n] : map) {
            if (!first) out.push_back(',');
            first = false;
            detail::append_json_string(out, key);
            out.push_back(':');
            out.append(std::to_string(n));
        }
        out.push_back('}');
    };
    out.append("{\"requests\":").append(std::to_string(s.requests));
    append_map("by_verdict", s.by_verdict);
    append_map("by_code", s.by_code);
    append_map("by_fault", s.by_fault);
    out.append(",\"keys_succeeded\":").append(std::to_string(s.keys_succeeded));
    out.append(",\"background\":");
    if (!s.background) {
        out.append("null");
    } else {
        const emulator_background_stats& b = *s.background;
        std::array<char, 32> rate{};  // the shortest text that reads back as the same double: 4, 2.5
        char* const rate_end = std::to_chars(rate.data(), rate.data() + rate.size(), b.rate).ptr;
        out.append("{\"rate\":").append(rate.data(), rate_end);
        out.append(",\"seconds\":").append(b.seconds ? std::to_string(*b.seconds) : "null");
        out.append(",\"sent\":").append(std::to_string(b.sent));
        out.append(",\"admitted\":").append(std::to_string(b.admitted));
        out.append(",\"throttled\":").append(std::to_string(b.throttled)).append("}");
    }
    const emulator_sts_stats& t = s.sts;
    out.append(",\"sts\":{\"assume_role\":").append(std::to_string(t.assume_role));
    out.append(",\"assume_role_with_oidc\":").append(std::to_string(t.assume_role_with_oidc));
    out.append(",\"imds_credentials\":").append(std::to_string(t.imds_credentials));
    out.append(",\"refused\":").append(std::to_string(t.refused));
    out.append(",\"unavailable\":").append(std::to_string(t.unavailable));
    out.append(",\"issued\":").append(std::to_string(t.issued)).append("}}");
}

}  // namespace hotlive::emu
