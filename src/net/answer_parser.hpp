// The service's answer as the client needs it, parsed by Beast's basic_parser without building a
// header container: the status, the first Date, Retry-After and x-acs-retry-after values, the
// body, and keep-alive (basic_parser's own). Beast's response_parser allocated each of the
// answer's header fields.
#pragma once

#include <boost/beast/http/basic_parser.hpp>

#include <chrono>
#include <optional>
#include <string>

namespace hotlive::detail {

class answer_parser final : public boost::beast::http::basic_parser<false> {
public:
    using string_view = boost::beast::string_view;
    using error_code = boost::beast::error_code;

    [[nodiscard]] int status() const { return status_; }
    [[nodiscard]] const std::optional<std::chrono::system_clock::time_point>& date() const { return date_; }
    [[nodiscard]] const std::optional<std::string>& retry_after() const { return retry_after_; }
    [[nodiscard]] const std::optional<std::string>& acs_retry_after() const { return acs_retry_after_; }
    [[nodiscard]] std::string& body() { return body_; }

private:
    void on_request_impl(boost::beast::http::verb, string_view, string_view, int, error_code& ec) override;
    void on_response_impl(int code, string_view reason, int version, error_code& ec) override;
    void on_field_impl(boost::beast::http::field name, string_view name_string, string_view value,
                       error_code& ec) override;
    void on_header_impl(error_code& ec) override;
    void on_body_init_impl(const boost::optional<std::uint64_t>& content_length, error_code& ec) override;
    std::size_t on_body_impl(string_view body, error_code& ec) override;
    void on_chunk_header_impl(std::uint64_t size, string_view extensions, error_code& ec) override;
    std::size_t on_chunk_body_impl(std::uint64_t remain, string_view body, error_code& ec) override;
    void on_finish_impl(error_code& ec) override;

    int status_ = 0;
    bool date_seen_ = false;  // the first Date counts, as a header container's find() gives it
    std::optional<std::chrono::system_clock::time_point> date_;
    std::optional<std::string> retry_after_;
    std::optional<std::string> acs_retry_after_;
    std::string body_;
};

}  // namespace hotlive::detail
