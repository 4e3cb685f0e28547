// message_of: what an exception that reaches the command line says, without Boost's source
// locations.
#include "text/exception_message.hpp"

#include <boost/system/system_error.hpp>
#include <boost/test/unit_test.hpp>

#include <cerrno>
#include <stdexcept>

using hotlive::detail::message_of;

BOOST_AUTO_TEST_CASE(a_boost_system_error_keeps_its_prefix_and_message_but_not_its_location) {
    static constexpr boost::source_location where = BOOST_CURRENT_LOCATION;
    const boost::system::error_code ec{EADDRINUSE, boost::system::system_category(), &where};
    const boost::system::system_error error{ec, "bind"};
    BOOST_TEST_REQUIRE(std::string(error.what()).find("[system:") != std::string::npos);  // what Boost says
    BOOST_TEST(message_of(error) == "bind: " + ec.message());
}

BOOST_AUTO_TEST_CASE(other_exceptions_say_what_they_say) {
    BOOST_TEST(message_of(std::runtime_error("cannot read plan.yaml")) == "cannot read plan.yaml");
}
