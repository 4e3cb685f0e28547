// The answer's body: the strict fast path for the common success body, and Boost.JSON for the
// rest, read the same (the fuzz target response_parser checks the same on random bodies).
#include "engine/service_answer.hpp"

#include <boost/test/unit_test.hpp>

#include <string_view>

using hotlive::detail::read_service_answer;
using hotlive::detail::read_success_body;

BOOST_AUTO_TEST_SUITE(service_answer)

BOOST_AUTO_TEST_CASE(the_success_body_is_read_without_a_json_document) {
    for (const std::string_view body : {R"({"RequestId":"7DBECB8D-1749-460A-9186-FC55EA2D1C4E"})",
                                        " {\n  \"RequestId\" : \"7DBECB8D-1749-460A-9186-FC55EA2D1C4E\" \r\n}\n\t"}) {
        const auto answer = read_success_body(body);
        BOOST_TEST_REQUIRE(answer.has_value(), body);
        BOOST_TEST(answer->valid_json);
        BOOST_TEST(answer->request_id == "7DBECB8D-1749-460A-9186-FC55EA2D1C4E");
        BOOST_TEST(answer->code.empty());
    }
    BOOST_TEST(read_success_body(R"({"RequestId":""})").has_value());  // classify() still refuses it
}

BOOST_AUTO_TEST_CASE(anything_else_goes_to_boost_json) {
    for (const std::string_view body : {
             R"({"RequestId":"5A2B\u002d11"})",              // an escape
             R"({"RequestId":"a","Code":"InternalError"})",  // another key
             R"({"Code":"x","RequestId":"a"})",              // another order
             R"({"RequestId":"a","RequestId":"b"})",         // a duplicate
             R"({"RequestId":"a"}x)",                        // trailing bytes
             R"({"RequestId":"a"} {})",                      // two documents
             R"({"RequestId":"a)",                           // cut short
             R"({"RequestId":1})",                           // not a string
             "{\"RequestId\":\"a\tb\"}",                     // a control character in the value
             "{\"RequestId\":\"\xc3\xa9\"}",                 // beyond ASCII
             R"({"requestid":"a"})",                         // another name
             R"([{"RequestId":"a"}])",                       // not an object
             "",
         }) {
        BOOST_TEST(!read_success_body(body).has_value(), body);
    }
}

BOOST_AUTO_TEST_CASE(the_fallback_reads_errors_and_the_odd_success) {
    const auto error = read_service_answer(
        R"({"RequestId":"R1","HostId":"live.aliyuncs.com","Code":"Throttling.User","Message":"Request was denied."})");
    BOOST_TEST(error.valid_json);
    BOOST_TEST(error.code == "Throttling.User");
    BOOST_TEST(error.message == "Request was denied.");
    BOOST_TEST(error.request_id == "R1");

    const auto escaped = read_service_answer(R"({"RequestId":"5A2B\u002d11"})");
    BOOST_TEST(escaped.valid_json);
    BOOST_TEST(escaped.request_id == "5A2B-11");

    const auto not_json = read_service_answer("<html>502 Bad Gateway</html>");
    BOOST_TEST(!not_json.valid_json);
    BOOST_TEST(not_json.request_id.empty());
}

BOOST_AUTO_TEST_SUITE_END()
