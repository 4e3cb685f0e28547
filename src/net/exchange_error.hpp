// How a failed exchange (a request written, its answer read, over a connection already open)
// reads as a transport_error. Only the HTTP parser's own refusals are bad responses: an error of
// the socket or of TLS says the connection failed, not that the server answered badly.
#pragma once

#include <hotlive/transport.hpp>

#include <boost/system/error_code.hpp>

namespace hotlive::detail {

// The peer closed or broke the connection: end of stream, EOF, reset, broken pipe, or a TLS
// stream cut without close_notify.
[[nodiscard]] bool connection_lost(const boost::system::error_code& ec);

// timeout: the attempt's deadline (the stream's expiry) passed. bad_response: the HTTP parser
// refused what arrived (not HTTP, over the size limits, cut short mid-message). connection_reset:
// anything else, the connection lost included: the socket or TLS failed under the exchange
// (unreachable, aborted, a kernel TCP timeout, a bad TLS record, the attempt cancelled). No
// error is none.
[[nodiscard]] transport_error exchange_error(const boost::system::error_code& ec);

}  // namespace hotlive::detail
