// How a failed exchange's error_code reads as a transport_error: a timeout as timeout, the HTTP
// parser's refusals as bad_response, and every socket or TLS failure as connection_reset, never
// as a bad response.
#include "net/exchange_error.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/test/unit_test.hpp>

#include <openssl/err.h>
#include <openssl/ssl.h>

using namespace hotlive;
using hotlive::detail::connection_lost;
using hotlive::detail::exchange_error;
namespace net = boost::asio;
namespace http = boost::beast::http;
using boost::system::error_code;

BOOST_AUTO_TEST_CASE(the_attempts_deadline_is_a_timeout) {
    BOOST_TEST((exchange_error(boost::beast::error::timeout) == transport_error::timeout));
}

BOOST_AUTO_TEST_CASE(a_connection_the_peer_closed_or_broke_is_lost_and_reset) {
    for (const error_code ec :
         {error_code(http::error::end_of_stream), error_code(net::error::eof), error_code(net::error::connection_reset),
          error_code(net::error::broken_pipe), error_code(net::ssl::error::stream_truncated)}) {
        BOOST_TEST(connection_lost(ec), ec.message());
        BOOST_TEST((exchange_error(ec) == transport_error::connection_reset), ec.message());
    }
}

BOOST_AUTO_TEST_CASE(what_the_http_parser_refuses_is_a_bad_response) {
    for (const auto e :
         {http::error::partial_message, http::error::header_limit, http::error::body_limit, http::error::bad_version,
          http::error::bad_status, http::error::bad_field, http::error::bad_content_length, http::error::bad_chunk}) {
        const error_code ec = e;
        BOOST_TEST(!connection_lost(ec), ec.message());
        BOOST_TEST((exchange_error(ec) == transport_error::bad_response), ec.message());
    }
}

// Socket and TLS failures say the connection failed under the exchange, not that the server
// answered badly; none of them is the connection lost that a stale pooled connection shows.
BOOST_AUTO_TEST_CASE(other_socket_and_tls_errors_are_connection_failures_not_bad_responses) {
    const error_code tls_record(static_cast<int>(ERR_PACK(ERR_LIB_SSL, 0, SSL_R_DECRYPTION_FAILED_OR_BAD_RECORD_MAC)),
                                net::error::get_ssl_category());
    for (const error_code ec :
         {error_code(net::error::connection_aborted), error_code(net::error::network_unreachable),
          error_code(net::error::host_unreachable), error_code(net::error::timed_out),
          error_code(net::error::operation_aborted), error_code(net::error::not_connected), tls_record}) {
        BOOST_TEST(!connection_lost(ec), ec.message());
        BOOST_TEST((exchange_error(ec) == transport_error::connection_reset), ec.message());
    }
}

BOOST_AUTO_TEST_CASE(no_error_is_none) { BOOST_TEST((exchange_error(error_code{}) == transport_error::none)); }
