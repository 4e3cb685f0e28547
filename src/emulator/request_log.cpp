#include "emulator/request_log.hpp"

#include "text/json_text.hpp"

#include <array>
#include <cerrno>
#include <charconv>
#include <stdexcept>
#include <system_error>

namespace hotlive::emu {
namespace {

void append_integer(std::string& out, std::int64_t n) {
    std::array<char, 24> digits{};
    const auto [end, ec] = std::to_chars(digits.data(), digits.data() + digits.size(), n);
    out.append(digits.data(), end);
}

}  // namespace

std::string_view to_string(answer_kind kind) {
    static constexpr std::array<std::string_view, answer_kind_count> names{"success", "throttled", "fault", "rejected"};
    return names.at(static_cast<std::size_t>(kind));
}

void append_log_line(std::string& out, const log_record& r) {
    out.append(R"({"t_ms":)");
    append_integer(out, r.t_ms);
    out.append(R"(,"method":)");
    detail::append_json_string(out, r.method);
    out.append(R"(,"scheme":)");
    if (r.scheme) {
        out.append(*r.scheme == signature_scheme::v3 ? R"("v3")" : R"("v1")");
    } else {
        out.append("null");
    }
    out.append(R"(,"key":)");
    if (r.key.empty()) {
        out.append("null");
    } else {
        detail::append_json_string(out, r.key);
    }
    out.append(R"(,"attempt":)");
    if (r.attempt) {
        append_integer(out, *r.attempt);
    } else {
        out.append("null");
    }
    out.append(R"(,"nonce":)");
    if (r.nonce) {
        detail::append_json_string(out, *r.nonce);
    } else {
        out.append("null");
    }
    out.append(R"(,"verdict":")").append(to_string(r.outcome));
    out.append(R"(","status":)");
    append_integer(out, r.status);
    out.append(R"(,"code":)");
    if (r.code.empty()) {
        out.append("null");
    } else {
        detail::append_json_string(out, r.code);
    }
    out.append(R"(,"fault":)");
    if (r.fault) {
        out.push_back('"');
        out.append(to_string(*r.fault)).push_back('"');
    } else {
        out.append("null");
    }
    out.append(R"(,"request_id":)");
    detail::append_json_string(out, r.request_id);
    out.append(R"(,"credential":)");
    if (r.credential.empty()) {
        out.append("null");
    } else {
        detail::append_json_string(out, r.credential);
    }
    out.append(R"(,"credential_expired":)");
    out.append(!r.credential_expired ? "null" : *r.credential_expired ? "true" : "false");
    out.append("}\n");
}

request_log::request_log(const std::filesystem::path& file) {
    if (file.empty()) return;
    file_ = std::fopen(file.c_str(), "we");
    if (file_ == nullptr) {
        throw std::runtime_error("cannot open the log " + file.string() + ": " +
                                 std::generic_category().message(errno));
    }
}

request_log::~request_log() {
    if (file_ != nullptr) (void)std::fclose(file_);  // flushes
}

void request_log::write(const log_record& record) {
    if (file_ == nullptr) return;
    line_.clear();
    append_log_line(line_, record);
    (void)std::fwrite(line_.data(), 1, line_.size(), file_);
    if (++unflushed_ >= flush_every) flush();
}

void request_log::flush() {
    if (file_ == nullptr) return;
    (void)std::fflush(file_);
    unflushed_ = 0;
}

}  // namespace hotlive::emu
