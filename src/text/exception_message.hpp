// What an exception that reaches the command line says to a person. Boost's system errors carry
// their source location ("[system:98 at /usr/include/boost/asio/…]"), which is Boost's business,
// not the user's.
#pragma once

#include <exception>
#include <string>

namespace hotlive::detail {

// e.what(), with a boost::system::system_error's error code rendered as its message alone:
// "bind: Address already in use".
[[nodiscard]] std::string message_of(const std::exception& e);

}  // namespace hotlive::detail
