// NO_PROXY as curl reads it (lib/noproxy.c): names match themselves and every name under them,
// addresses match exactly or by CIDR prefix, and a name never matches an address.
#include <hotlive/proxy.hpp>

#include <boost/url/grammar/ci_string.hpp>
#include <boost/url/ipv4_address.hpp>
#include <boost/url/ipv6_address.hpp>

#include <array>
#include <charconv>
#include <cstdint>

namespace hotlive {
namespace {

using address_bytes = std::array<unsigned char, 16>;

struct address {
    address_bytes bytes{};
    unsigned bits = 0;  // 32 for IPv4, 128 for IPv6
};

std::string_view without_brackets(std::string_view text) {
    if (text.size() >= 2 && text.front() == '[' && text.back() == ']') return text.substr(1, text.size() - 2);
    return text;
}

// IPv4's 4 bytes or IPv6's 16, in network order.
template <typename Bytes>
address from_bytes(const Bytes& bytes) {
    address a;
    std::copy(bytes.begin(), bytes.end(), a.bytes.begin());
    a.bits = static_cast<unsigned>(bytes.size() * 8);
    return a;
}

std::optional<address> parse_address(std::string_view text) {
    if (const auto v4 = boost::urls::parse_ipv4_address(text)) return from_bytes(v4->to_bytes());
    if (const auto v6 = boost::urls::parse_ipv6_address(text)) return from_bytes(v6->to_bytes());
    return std::nullopt;
}

bool same_prefix(const address& host, const address& network, unsigned bits) {
    for (unsigned i = 0; i < bits / 8; ++i) {
        if (host.bytes.at(i) != network.bytes.at(i)) return false;
    }
    if (bits % 8 == 0) return true;
    const auto mask = static_cast<unsigned char>(0xFFU << (8 - bits % 8));
    return (host.bytes.at(bits / 8) & mask) == (network.bytes.at(bits / 8) & mask);
}

// "10.0.0.0/8", "192.168.1.7", "[fd00::1]", "fd00::/8".
bool address_matches(const address& host, std::string_view entry) {
    std::string_view network_text = entry;
    std::optional<unsigned> bits;
    if (const auto slash = entry.find('/'); slash != std::string_view::npos) {
        network_text = entry.substr(0, slash);
        const auto length = entry.substr(slash + 1);
        unsigned value = 0;
        const auto [end, ec] = std::from_chars(length.data(), length.data() + length.size(), value);
        if (ec != std::errc{} || end != length.data() + length.size()) return false;
        bits = value;
    }
    const auto network = parse_address(without_brackets(network_text));
    if (!network || network->bits != host.bits) return false;
    const unsigned prefix = bits.value_or(host.bits);
    return prefix <= host.bits && same_prefix(host, *network, prefix);
}

bool name_matches(std::string_view host, std::string_view entry) {
    if (entry.starts_with('.')) entry.remove_prefix(1);
    if (entry.ends_with('.')) entry.remove_suffix(1);
    if (entry.empty()) return false;
    if (host.size() == entry.size()) return boost::urls::grammar::ci_is_equal(host, entry);
    return host.size() > entry.size() && host[host.size() - entry.size() - 1] == '.' &&
           boost::urls::grammar::ci_is_equal(host.substr(host.size() - entry.size()), entry);
}

bool is_separator(char c) { return c == ',' || c == ' ' || c == '\t'; }

}  // namespace

bool no_proxy_matches(std::string_view list, std::string_view host) {
    while (!list.empty() && is_separator(list.front())) list.remove_prefix(1);
    while (!list.empty() && is_separator(list.back())) list.remove_suffix(1);
    if (list == "*") return true;
    host = without_brackets(host);
    if (host.ends_with('.')) host.remove_suffix(1);
    const auto host_address = parse_address(host);
    while (!list.empty()) {
        std::size_t end = 0;
        while (end < list.size() && !is_separator(list[end])) ++end;
        const std::string_view entry = list.substr(0, end);
        list.remove_prefix(end);
        while (!list.empty() && is_separator(list.front())) list.remove_prefix(1);
        if (entry.empty()) continue;
        if (host_address ? address_matches(*host_address, entry) : name_matches(host, entry)) return true;
    }
    return false;
}

}  // namespace hotlive
