#include <hotlive/credentials.hpp>

#include <ostream>

namespace hotlive {

std::ostream& operator<<(std::ostream& out, const secret_string&) { return out << "[redacted]"; }

std::string mask_access_key_id(std::string_view access_key_id) {
    constexpr std::size_t visible = 4;
    constexpr std::size_t shortest_partly_shown = 8;
    std::string out(access_key_id.size(), '*');
    if (access_key_id.size() >= shortest_partly_shown) {
        out.replace(out.size() - visible, visible, access_key_id.substr(access_key_id.size() - visible));
    }
    return out;
}

}  // namespace hotlive
