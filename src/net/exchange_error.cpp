#include "net/exchange_error.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>

namespace hotlive::detail {

namespace net = boost::asio;
namespace http = boost::beast::http;
using boost::system::error_code;

bool connection_lost(const error_code& ec) {
    return ec == http::error::end_of_stream || ec == net::error::eof || ec == net::error::connection_reset ||
           ec == net::error::broken_pipe || ec == net::ssl::error::stream_truncated;
}

transport_error exchange_error(const error_code& ec) {
    if (!ec) return transport_error::none;
    if (ec == boost::beast::error::timeout) return transport_error::timeout;
    if (connection_lost(ec)) return transport_error::connection_reset;
    // Over the limits, cut short mid-body (partial_message), or not HTTP at all.
    if (ec.category() == make_error_code(http::error::partial_message).category()) return transport_error::bad_response;
    return transport_error::connection_reset;
}

}  // namespace hotlive::detail
