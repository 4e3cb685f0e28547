#include "credentials/credentials_file.hpp"

#include <cerrno>
#include <fstream>
#include <iterator>
#include <system_error>

namespace hotlive::detail {
namespace {

std::string octal_mode(unsigned mode) {
    std::string out = "0000";
    for (std::size_t i = 4; i-- > 1; mode >>= 3) out[i] = static_cast<char>('0' + (mode & 7U));
    return out;
}

void warn_if_open_to_others(const std::filesystem::path& file, std::filesystem::perms perms,
                            credential_resolution& out) {
    const auto mode = static_cast<unsigned>(perms) & 0777U;
    if ((mode & 077U) == 0) return;
    const std::string_view who = (mode & 007U) != 0 ? "others" : "its group";
    const std::string_view how = (mode & 044U) != 0 ? "readable" : "accessible";
    out.warnings.push_back(file.string() + " is " + std::string{how} + " by " + std::string{who} + " (mode " +
                           octal_mode(mode) + "); run chmod 600 " + file.string());
}

}  // namespace

credentials_file read_credentials_file(const std::filesystem::path& file, credential_resolution& out) {
    credentials_file result;
    std::error_code ec;
    const auto status = std::filesystem::status(file, ec);
    if (status.type() == std::filesystem::file_type::not_found) {
        out.steps.push_back(file.string() + ": does not exist");
        return result;
    }
    if (ec) {
        out.error = "cannot read " + file.string() + ": " + ec.message();
        result.status = lookup_result::failed;
        return result;
    }
    if (!std::filesystem::is_regular_file(status)) {
        out.error = "cannot read " + file.string() + ": not a regular file";
        result.status = lookup_result::failed;
        return result;
    }
    std::ifstream in(file, std::ios::binary);
    if (in) result.text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (!in && !in.eof()) {
        out.error = "cannot read " + file.string() + ": " + std::generic_category().message(errno);
        result.status = lookup_result::failed;
        return result;
    }
    warn_if_open_to_others(file, status.permissions(), out);
    result.status = lookup_result::found;
    return result;
}

}  // namespace hotlive::detail
