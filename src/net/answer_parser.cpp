#include "net/answer_parser.hpp"

#include "time/http_date.hpp"

#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>

namespace hotlive::detail {

namespace http = boost::beast::http;

void answer_parser::on_request_impl(http::verb, string_view, string_view, int, error_code& ec) {
    ec = http::error::bad_method;  // a response parser: never called
}

void answer_parser::on_response_impl(int code, string_view, int, error_code&) { status_ = code; }

void answer_parser::on_field_impl(http::field name, string_view name_string, string_view value, error_code&) {
    if (name == http::field::date) {
        if (!date_seen_) {
            if (const auto parsed = parse_http_date(std::string_view{value.data(), value.size()})) date_ = *parsed;
        }
        date_seen_ = true;
    } else if (name == http::field::retry_after) {
        if (!retry_after_) retry_after_.emplace(value.data(), value.size());
    } else if (name == http::field::unknown && boost::beast::iequals(name_string, "x-acs-retry-after")) {
        if (!acs_retry_after_) acs_retry_after_.emplace(value.data(), value.size());
    }
}

void answer_parser::on_header_impl(error_code&) {}

void answer_parser::on_body_init_impl(const boost::optional<std::uint64_t>& content_length, error_code&) {
    // basic_parser has checked the length against body_limit() already.
    if (content_length) body_.reserve(static_cast<std::size_t>(*content_length));
}

std::size_t answer_parser::on_body_impl(string_view body, error_code&) {
    body_.append(body.data(), body.size());
    return body.size();
}

void answer_parser::on_chunk_header_impl(std::uint64_t, string_view, error_code&) {}

std::size_t answer_parser::on_chunk_body_impl(std::uint64_t, string_view body, error_code&) {
    body_.append(body.data(), body.size());
    return body.size();
}

void answer_parser::on_finish_impl(error_code&) {}

}  // namespace hotlive::detail
