// The emulator's command-line forms (--account ID:SECRET, --fault KIND:PROBABILITY, …) and the
// value checks the config file shares with them (region codes, probabilities, rates).
#include "emulator/config.hpp"

#include <hotlive/regions.hpp>

#include <charconv>
#include <cmath>

namespace hotlive::emu {

std::optional<std::string> region_code_problem(std::string_view code) {
    const auto index = find_region(code);
    if (index && region_at(*index).code == code) return std::nullopt;
    return "'" + std::string{code} + "' is not a region code of the API reference" +
           (index ? "; did you mean " + describe(region_at(*index)) + "?" : std::string{});
}

std::optional<double> parse_probability(std::string_view text) {
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value) || value < 0 || value > 1) {
        return std::nullopt;
    }
    return value;
}

std::optional<double> parse_background_rate(std::string_view text) {
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value) || value <= 0 ||
        value > max_background_rate) {
        return std::nullopt;
    }
    return value;
}

namespace {

// ID:SECRET, split at the first colon: a secret may hold colons, an AccessKeyId does not.
std::optional<emulator_account> account_of(std::string_view text, std::string_view flag, bool disabled,
                                           std::string& error) {
    const auto colon = text.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size()) {
        error = std::string{flag} + " takes ID:SECRET, both non-empty";
        return std::nullopt;
    }
    return emulator_account{std::string{text.substr(0, colon)}, secret_string{std::string{text.substr(colon + 1)}},
                            disabled};
}

}  // namespace

std::optional<emulator_account> parse_account_flag(std::string_view text, std::string& error) {
    return account_of(text, "--account", false, error);
}

std::optional<emulator_account> parse_disabled_account_flag(std::string_view text, std::string& error) {
    return account_of(text, "--disabled-account", true, error);
}

std::optional<fault_rule> parse_fault_flag(std::string_view text, std::string& error) {
    const auto colon = text.rfind(':');
    const auto kind = parse_fault_kind(text.substr(0, colon));
    const auto probability = colon == std::string_view::npos ? std::nullopt : parse_probability(text.substr(colon + 1));
    if (!kind || !probability) {
        error =
            "--fault takes KIND:PROBABILITY, KIND one of internal_error, service_unavailable, throttle, latency, "
            "reset, truncate, garbage_json, no_request_id, trickle and PROBABILITY from 0 to 1; got '" +
            std::string{text} + "'";
        return std::nullopt;
    }
    fault_rule rule;
    rule.kind = *kind;
    rule.probability = *probability;
    rule.per = fault_scope::attempt;
    return rule;
}

std::optional<std::chrono::seconds> parse_sts_duration(std::string_view text) {
    if (text.size() < 2) return std::nullopt;
    const char unit = text.back();
    const std::int64_t scale = unit == 's' ? 1 : unit == 'm' ? 60 : unit == 'h' ? 3600 : 0;
    std::int64_t n = 0;
    const std::string_view digits = text.substr(0, text.size() - 1);
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (scale == 0 || ec != std::errc{} || end != digits.data() + digits.size() || n <= 0 ||
        n > max_sts_duration.count() / scale) {
        return std::nullopt;
    }
    return std::chrono::seconds{n * scale};
}

std::optional<std::chrono::seconds> parse_sts_duration_flag(std::string_view text, std::string& error) {
    const auto duration = parse_sts_duration(text);
    if (!duration) {
        error = "--sts-duration takes a whole number of seconds, minutes or hours (30s, 15m, 1h), at most 12h; got '" +
                std::string{text} + "'";
    }
    return duration;
}

std::optional<emulator_sts_outage> parse_sts_outage_flag(std::string_view text, std::string& error) {
    const auto colon = text.find(':');
    std::uint32_t from = 0;
    std::uint32_t length = 0;
    bool ok = colon != std::string_view::npos;
    if (ok) {
        const std::string_view a = text.substr(0, colon);
        const std::string_view b = text.substr(colon + 1);
        const auto ra = std::from_chars(a.data(), a.data() + a.size(), from);
        const auto rb = std::from_chars(b.data(), b.data() + b.size(), length);
        ok = !a.empty() && !b.empty() && ra.ec == std::errc{} && ra.ptr == a.data() + a.size() &&
             rb.ec == std::errc{} && rb.ptr == b.data() + b.size() && length > 0;
    }
    if (!ok) {
        error = "--sts-outage takes FROM_S:FOR_S, whole seconds from the emulator's start, FOR_S above 0; got '" +
                std::string{text} + "'";
        return std::nullopt;
    }
    return emulator_sts_outage{std::chrono::seconds{from}, std::chrono::seconds{length}};
}

std::optional<emulator_background_load> parse_background_load_flag(std::string_view text, std::string& error) {
    const auto colon = text.find(':');
    const auto rate = parse_background_rate(text.substr(0, colon));
    std::optional<std::uint32_t> seconds;
    bool seconds_ok = colon == std::string_view::npos;
    if (!seconds_ok) {
        const std::string_view s = text.substr(colon + 1);
        std::uint32_t n = 0;
        const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
        seconds_ok = !s.empty() && ec == std::errc{} && end == s.data() + s.size() && n > 0;
        seconds = n;
    }
    if (!rate || !seconds_ok) {
        error =
            "--background-load takes RATE[:SECONDS], RATE requests a second above 0 (2.5 allowed) and at most "
            "1000000, SECONDS a whole number above 0; got '" +
            std::string{text} + "'";
        return std::nullopt;
    }
    return emulator_background_load{*rate, seconds};
}

std::optional<listen_address> parse_listen_address(std::string_view text, std::string& error) {
    const auto colon = text.rfind(':');
    std::string_view host = colon == std::string_view::npos ? std::string_view{} : text.substr(0, colon);
    const std::string_view port_text = colon == std::string_view::npos ? std::string_view{} : text.substr(colon + 1);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    unsigned port = 0;
    const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (host.empty() || port_text.empty() || ec != std::errc{} || end != port_text.data() + port_text.size() ||
        port > 65535) {
        error = "--listen takes HOST:PORT (127.0.0.1:0 for any free port), got '" + std::string{text} + "'";
        return std::nullopt;
    }
    return listen_address{std::string{host}, static_cast<std::uint16_t>(port)};
}

}  // namespace hotlive::emu
