// Advice per error code, shared by the human-readable reports.
#include "report/advice.hpp"

#include <boost/test/unit_test.hpp>

using hotlive::detail::advice_for;

namespace {
bool advises(std::string_view code, std::string_view part) {
    const auto advice = advice_for(code);
    return advice && advice->find(part) != std::string_view::npos;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(advice)

BOOST_AUTO_TEST_CASE(the_spec_s_documented_errors_have_their_remedy) {
    BOOST_TEST(advises("NoSpecialConfiguration", "enable the prefetch switch for the domain"));
    BOOST_TEST(advises("CodeRegionHasNoNode", "remove it from the plan or pick a neighbouring region"));
    BOOST_TEST(advises("InvalidParam", "check domain, app, stream and msids"));
    BOOST_TEST(advises("InternalError", "hotlive run --resume REPORT"));
}

BOOST_AUTO_TEST_CASE(throttling_and_credential_codes_have_advice) {
    for (const auto code : {"Throttling.User", "Throttling", "Throttling.Api"}) {
        BOOST_TEST(advises(code, "lower limits.rate"), code);
    }
    BOOST_TEST(advises("SignatureDoesNotMatch", "check the credentials"));
    BOOST_TEST(advises("InvalidAccessKeyId.NotFound", "check the credentials"));
}

BOOST_AUTO_TEST_CASE(every_transport_verdict_has_advice) {
    for (const auto code : {"connect_refused", "timeout", "tls_verify_failed", "bad_response", "connection_reset",
                            "retry_budget_exhausted", "deadline"}) {
        BOOST_TEST(advice_for(code).has_value(), code);
    }
}

// Issue 14.2: a call an interrupt stopped has no RequestId to quote: the advice is to resume.
BOOST_AUTO_TEST_CASE(a_run_ended_early_advises_a_resume) {
    BOOST_TEST(advises("stopped",
                       "interrupted (Ctrl-C or SIGTERM) before this call was warm: run `hotlive run "
                       "--resume REPORT`"));
    BOOST_TEST(advises("journal_failed", "free space, then run `hotlive run --resume REPORT`"));
    BOOST_TEST(advises("credentials_refused", "then run `hotlive run --resume REPORT`"));
}

BOOST_AUTO_TEST_CASE(codes_match_exactly_and_unknown_ones_have_none) {
    BOOST_TEST(!advice_for("internalerror"));
    BOOST_TEST(!advice_for("InternalError "));
    BOOST_TEST(!advice_for(""));
    BOOST_TEST(!advice_for("SomethingNew"));
}

BOOST_AUTO_TEST_SUITE_END()
