// The Boost.Test entry point, compiled once for every suite.
#define BOOST_TEST_MODULE hotlive
#include <boost/test/unit_test.hpp>
