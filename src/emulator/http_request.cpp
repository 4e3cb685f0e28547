#include "emulator/http_request.hpp"

#include "signing/ascii.hpp"

namespace hotlive::emu {

std::string_view http_request::path() const noexcept {
    const std::string_view t = target();
    return t.substr(0, t.find('?'));
}

std::string_view http_request::query() const noexcept {
    const std::string_view t = target();
    const auto question = t.find('?');
    return question == std::string_view::npos ? std::string_view{} : t.substr(question + 1);
}

std::optional<std::string_view> http_request::header(std::string_view name) const noexcept {
    for (const auto& h : headers_) {
        if (detail::iequals_ascii(h.name, name)) return h.value;
    }
    return std::nullopt;
}

void http_request::clear() {
    arena_.clear();
    method_ = target_ = body_ = {};
    fields_.clear();
    headers_.clear();
    keep_alive_ = true;
}

http_request::range http_request::store(std::string_view text) {
    const range r{static_cast<std::uint32_t>(arena_.size()), static_cast<std::uint32_t>(text.size())};
    arena_.append(text);
    return r;
}

void http_request::finish(bool keep_alive) {
    keep_alive_ = keep_alive;
    headers_.clear();
    for (const auto& [name, value] : fields_) headers_.push_back({view(name), view(value)});
}

void http_request::assign(std::string_view method, std::string_view target, const std::vector<header_view>& headers,
                          std::string_view body, bool keep_alive) {
    clear();
    method_ = store(method);
    target_ = store(target);
    for (const auto& h : headers) fields_.emplace_back(store(h.name), store(h.value));
    body_ = store(body);
    finish(keep_alive);
}

request_parser::request_parser(http_request& out) : out_(out) {
    out_.clear();
    header_limit(max_header_bytes);
    body_limit(max_body_bytes);
}

void request_parser::on_request_impl(boost::beast::http::verb, string_view method, string_view target, int,
                                     error_code&) {
    out_.method_ = out_.store(method);
    out_.target_ = out_.store(target);
}

void request_parser::on_field_impl(boost::beast::http::field, string_view name, string_view value, error_code&) {
    const auto stored_name = out_.store(name);
    out_.fields_.emplace_back(stored_name, out_.store(value));
}

void request_parser::on_header_impl(error_code&) {}

void request_parser::on_body_init_impl(const boost::optional<std::uint64_t>& length, error_code&) {
    body_start_ = out_.arena_.size();
    if (length) out_.arena_.reserve(out_.arena_.size() + static_cast<std::size_t>(*length));
}

std::size_t request_parser::on_body_impl(string_view body, error_code&) {
    out_.arena_.append(body);
    return body.size();
}

std::size_t request_parser::on_chunk_body_impl(std::uint64_t, string_view body, error_code&) {
    out_.arena_.append(body);
    return body.size();
}

void request_parser::on_finish_impl(error_code&) {
    if (body_start_ == 0) body_start_ = out_.arena_.size();
    out_.body_ = {static_cast<std::uint32_t>(body_start_),
                  static_cast<std::uint32_t>(out_.arena_.size() - body_start_)};
    out_.finish(keep_alive());
}

}  // namespace hotlive::emu
