// One HTTP request as the emulator reads it: a Beast parser that copies the request line, the
// fields and the body into one buffer per connection and keeps them as views. Nothing is
// allocated per request once the buffers have grown to the connection's largest request.
#pragma once

#include <hotlive/signer.hpp>

#include <boost/beast/http/basic_parser.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hotlive::emu {

// Bounds on what a client may send: a request larger than these is refused (431, 413).
inline constexpr std::uint32_t max_header_bytes = 64 * 1024;
inline constexpr std::uint64_t max_body_bytes = std::uint64_t{1024} * 1024;

class http_request {
public:
    [[nodiscard]] std::string_view method() const noexcept { return view(method_); }
    [[nodiscard]] std::string_view target() const noexcept { return view(target_); }
    [[nodiscard]] std::string_view path() const noexcept;   // the target before '?'
    [[nodiscard]] std::string_view query() const noexcept;  // after '?', without it
    [[nodiscard]] std::string_view body() const noexcept { return view(body_); }
    [[nodiscard]] const std::vector<header_view>& headers() const noexcept { return headers_; }
    // The first field of that name, any case; nullopt when absent.
    [[nodiscard]] std::optional<std::string_view> header(std::string_view name) const noexcept;
    [[nodiscard]] bool keep_alive() const noexcept { return keep_alive_; }

    // For building requests without a parser (tests of the service).
    void assign(std::string_view method, std::string_view target, const std::vector<header_view>& headers,
                std::string_view body, bool keep_alive = true);

private:
    friend class request_parser;

    struct range {
        std::uint32_t offset = 0;
        std::uint32_t size = 0;
    };

    void clear();
    range store(std::string_view text);
    void finish(bool keep_alive);
    [[nodiscard]] std::string_view view(range r) const noexcept {
        return std::string_view{arena_}.substr(r.offset, r.size);
    }

    std::string arena_;
    range method_, target_, body_;
    std::vector<std::pair<range, range>> fields_;
    std::vector<header_view> headers_;
    bool keep_alive_ = true;
};

// Parses one request into `out` (cleared first). One parser per request, as Beast requires.
class request_parser final : public boost::beast::http::basic_parser<true> {
public:
    explicit request_parser(http_request& out);

private:
    using error_code = boost::beast::error_code;
    using string_view = boost::beast::string_view;

    void on_request_impl(boost::beast::http::verb, string_view method, string_view target, int version,
                         error_code& ec) override;
    void on_response_impl(int, string_view, int, error_code&) override {}
    void on_field_impl(boost::beast::http::field, string_view name, string_view value, error_code& ec) override;
    void on_header_impl(error_code& ec) override;
    void on_body_init_impl(const boost::optional<std::uint64_t>& length, error_code& ec) override;
    std::size_t on_body_impl(string_view body, error_code& ec) override;
    void on_chunk_header_impl(std::uint64_t, string_view, error_code&) override {}
    std::size_t on_chunk_body_impl(std::uint64_t, string_view body, error_code& ec) override;
    void on_finish_impl(error_code& ec) override;

    http_request& out_;
    std::size_t body_start_ = 0;
};

}  // namespace hotlive::emu
