// transport_error's names and its error category. Plain C++ (Boost.System alone), so it is built
// into hotlive_core with the retry policy that reads it (net/core_sources.cmake).
#include <hotlive/transport.hpp>

namespace hotlive {
namespace {

// What a report says of each failure: the message of its error_code.
std::string_view description(transport_error e) {
    switch (e) {
        case transport_error::none:
            return "a complete answer was read";
        case transport_error::resolve_failed:
            return "the endpoint's host name did not resolve";
        case transport_error::connect_refused:
            return "the connection was refused";
        case transport_error::connect_timeout:
            return "no connection within the connect timeout";
        case transport_error::tls_verify_failed:
            return "the server's TLS certificate is not trusted for this host";
        case transport_error::tls_failed:
            return "the TLS handshake failed";
        case transport_error::timeout:
            return "no complete answer within the request timeout";
        case transport_error::connection_reset:
            return "the connection broke before the answer was complete";
        case transport_error::bad_response:
            return "the answer was not valid HTTP or exceeded the size limits";
        case transport_error::proxy_connect_failed:
            return "no connection through the proxy";
        case transport_error::proxy_refused:
            return "the proxy could not open a tunnel to the endpoint";
        case transport_error::proxy_forbidden:
            return "the proxy forbids connections to the endpoint";
        case transport_error::proxy_auth_failed:
            return "the proxy refused hotlive's proxy credentials";
    }
    return "an unknown transport error";
}

// error_category's destructor is neither virtual nor protected: categories are static objects,
// never deleted through the base (Boost's own categories silence the same warning).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnon-virtual-dtor"
// NOLINTNEXTLINE(cppcoreguidelines-virtual-class-destructor): a static object, never deleted through the base
class transport_error_category final : public boost::system::error_category {
public:
    [[nodiscard]] const char* name() const noexcept override { return "hotlive.transport"; }

    [[nodiscard]] std::string message(int value) const override {
        return std::string(description(static_cast<transport_error>(value)));
    }
};
#pragma GCC diagnostic pop

}  // namespace

std::string_view to_string(transport_error e) {
    switch (e) {
        case transport_error::none:
            return "none";
        case transport_error::resolve_failed:
            return "resolve_failed";
        case transport_error::connect_refused:
            return "connect_refused";
        case transport_error::connect_timeout:
            return "connect_timeout";
        case transport_error::tls_verify_failed:
            return "tls_verify_failed";
        case transport_error::tls_failed:
            return "tls_failed";
        case transport_error::timeout:
            return "timeout";
        case transport_error::connection_reset:
            return "connection_reset";
        case transport_error::bad_response:
            return "bad_response";
        case transport_error::proxy_connect_failed:
            return "proxy_connect_failed";
        case transport_error::proxy_refused:
            return "proxy_refused";
        case transport_error::proxy_forbidden:
            return "proxy_forbidden";
        case transport_error::proxy_auth_failed:
            return "proxy_auth_failed";
    }
    return "unknown";
}

const boost::system::error_category& transport_category() noexcept {
    static const transport_error_category category;
    return category;
}

boost::system::error_code make_error_code(transport_error e) noexcept {
    return {static_cast<int>(e), transport_category()};
}

}  // namespace hotlive
