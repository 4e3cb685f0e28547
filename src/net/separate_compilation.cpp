// The one translation unit that compiles Asio, Asio.SSL and Beast (BOOST_*_SEPARATE_COMPILATION),
// so that no other unit pays for their implementation headers.
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
