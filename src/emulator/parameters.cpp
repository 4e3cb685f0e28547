#include "emulator/parameters.hpp"

namespace hotlive::emu {
namespace {

int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

void append_form_decoded(std::string& out, std::string_view encoded) {
    for (std::size_t i = 0; i < encoded.size(); ++i) {
        const char c = encoded[i];
        if (c == '+') {
            out.push_back(' ');
        } else if (c == '%' && i + 2 < encoded.size() && hex_value(encoded[i + 1]) >= 0 &&
                   hex_value(encoded[i + 2]) >= 0) {
            out.push_back(static_cast<char>(hex_value(encoded[i + 1]) * 16 + hex_value(encoded[i + 2])));
            i += 2;
        } else {
            out.push_back(c);
        }
    }
}

void request_parameters::decode_into(std::string_view encoded) {
    while (!encoded.empty()) {
        const auto amp = encoded.find('&');
        const std::string_view item = encoded.substr(0, amp);
        encoded = amp == std::string_view::npos ? std::string_view{} : encoded.substr(amp + 1);
        if (item.empty()) continue;
        const auto equals = item.find('=');
        const std::size_t name_start = decoded_.size();
        append_form_decoded(decoded_, item.substr(0, equals));
        const std::size_t value_start = decoded_.size();
        if (equals != std::string_view::npos) append_form_decoded(decoded_, item.substr(equals + 1));
        // Views stay valid: parse() reserved room for every decoded byte, so no reallocation.
        const std::string_view all{decoded_};
        list_.push_back({all.substr(name_start, value_start - name_start), all.substr(value_start)});
    }
}

void request_parameters::parse(std::string_view query, std::string_view form) {
    decoded_.clear();
    decoded_.reserve(query.size() + form.size());  // decoding never lengthens text
    list_.clear();
    decode_into(query);
    query_count_ = list_.size();
    decode_into(form);
}

std::optional<std::string_view> request_parameters::find(std::string_view name) const noexcept {
    for (const auto& p : list_) {
        if (p.name == name) return p.value;
    }
    return std::nullopt;
}

}  // namespace hotlive::emu
