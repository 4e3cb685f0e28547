// transport_error as a boost::system error code: its names (what reports and journals carry) and
// its category's messages (what a report says of a failed call).
#include <hotlive/retry.hpp>
#include <hotlive/transport.hpp>

#include <boost/test/unit_test.hpp>

#include <string>
#include <utility>
#include <vector>

using namespace hotlive;

namespace {

const std::vector<std::pair<transport_error, std::string>> names{
    {transport_error::none, "none"},
    {transport_error::resolve_failed, "resolve_failed"},
    {transport_error::connect_refused, "connect_refused"},
    {transport_error::connect_timeout, "connect_timeout"},
    {transport_error::tls_verify_failed, "tls_verify_failed"},
    {transport_error::tls_failed, "tls_failed"},
    {transport_error::timeout, "timeout"},
    {transport_error::connection_reset, "connection_reset"},
    {transport_error::bad_response, "bad_response"},
};

}  // namespace

BOOST_AUTO_TEST_CASE(every_transport_error_keeps_the_name_reports_carry) {
    for (const auto& [error, name] : names) BOOST_TEST(to_string(error) == name);
}

BOOST_AUTO_TEST_CASE(a_transport_error_is_an_error_code_of_the_hotlive_transport_category) {
    const boost::system::error_code ec = transport_error::connect_refused;
    BOOST_TEST(std::string(ec.category().name()) == "hotlive.transport");
    BOOST_TEST((ec.category() == transport_category()));
    BOOST_TEST((ec == transport_error::connect_refused));
    BOOST_TEST((ec != transport_error::timeout));
    BOOST_TEST(ec.message() == "the connection was refused");
    BOOST_TEST(!make_error_code(transport_error::none).failed());
    for (const auto& [error, name] : names) {
        if (error != transport_error::none) BOOST_TEST(make_error_code(error).failed());
    }
}

// One text per failure: the category's message is what classify() reports.
BOOST_AUTO_TEST_CASE(the_category_messages_are_what_a_failed_call_reports) {
    const auto now = std::chrono::system_clock::now();
    for (const auto& [error, name] : names) {
        if (error == transport_error::none) continue;
        attempt_outcome outcome;
        outcome.error = error;
        const classification c = classify(outcome, now);
        BOOST_TEST(c.code == name);
        BOOST_TEST(c.message == make_error_code(error).message());
        BOOST_TEST(!c.message.empty());
    }
    BOOST_TEST(make_error_code(transport_error::tls_verify_failed).message() ==
               "the server's TLS certificate is not trusted for this host");
    BOOST_TEST(make_error_code(transport_error::bad_response).message() ==
               "the answer was not valid HTTP or exceeded the size limits");
}
