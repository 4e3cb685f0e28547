#include <hotlive/retry.hpp>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <vector>

using namespace hotlive;
using namespace std::chrono_literals;
using std::chrono::milliseconds;

namespace {

const auto now = std::chrono::system_clock::time_point{std::chrono::hours{24 * 365 * 56}};

attempt_outcome answer(int status, std::string body) {
    attempt_outcome o;
    o.http_status = status;
    o.body = std::move(body);
    return o;
}

std::string error_body(std::string_view code) {
    return R"({"RequestId":"6F2C-REQ","HostId":"live.aliyuncs.com","Code":")" + std::string(code) +
           R"(","Message":"m"})";
}

attempt_outcome transport(transport_error e, bool sent) {
    attempt_outcome o;
    o.error = e;
    o.request_sent = sent;
    return o;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(classify_suite)

BOOST_AUTO_TEST_CASE(a_2xx_with_a_request_id_is_a_success) {
    const auto c = classify(answer(200, R"({"RequestId":"16BFE188-B193-4C3C-ADC5-79A7E31486EA"})"), now);
    BOOST_TEST((c.what == verdict::success));
    BOOST_TEST(c.request_id == "16BFE188-B193-4C3C-ADC5-79A7E31486EA");
}

BOOST_AUTO_TEST_CASE(a_2xx_that_is_not_the_documented_answer_is_never_a_success) {
    for (const char* body : {"", "{", "not json", "{}", R"({"RequestId":""})", R"(["RequestId"])",
                             R"({"RequestId":"x","Code":"InternalError"})"}) {
        BOOST_TEST_CONTEXT(body) {
            const auto c = classify(answer(200, body), now);
            BOOST_TEST((c.what == verdict::retry));
            BOOST_TEST(c.code == "bad_response");
            BOOST_TEST(c.ambiguous);
        }
    }
}

BOOST_AUTO_TEST_CASE(throttling_is_recognised_by_its_code_whatever_the_status) {
    for (const char* code : {"Throttling.User", "Throttling", "Throttling.Api"}) {
        BOOST_TEST_CONTEXT(code) {
            const auto c = classify(answer(400, error_body(code)), now);
            BOOST_TEST((c.what == verdict::retry_throttled));
            BOOST_TEST(c.code == code);
            BOOST_TEST(c.request_id == "6F2C-REQ");
        }
    }
    BOOST_TEST((classify(answer(429, ""), now).what == verdict::retry_throttled));
    BOOST_TEST((classify(answer(503, error_body("ServiceUnavailable")), now).what == verdict::retry_throttled));
    BOOST_TEST((classify(answer(503, "<html>"), now).what == verdict::retry_throttled));
}

BOOST_AUTO_TEST_CASE(internal_errors_and_gateway_failures_are_retried_with_the_normal_base) {
    BOOST_TEST((classify(answer(500, error_body("InternalError")), now).what == verdict::retry));
    BOOST_TEST((classify(answer(502, ""), now).what == verdict::retry));
    BOOST_TEST((classify(answer(504, ""), now).what == verdict::retry));
    const auto c = classify(answer(502, "<html>bad gateway</html>"), now);
    BOOST_TEST(c.code == "HTTP 502");
}

BOOST_AUTO_TEST_CASE(the_specs_client_errors_and_credential_errors_are_final) {
    for (const auto& [status, code] : std::vector<std::pair<int, const char*>>{{400, "InvalidParam"},
                                                                               {400, "NoSpecialConfiguration"},
                                                                               {400, "CodeRegionHasNoNode"},
                                                                               {400, "MissingParameter"},
                                                                               {400, "SignatureDoesNotMatch"},
                                                                               {404, "InvalidAccessKeyId.NotFound"},
                                                                               {403, "Forbidden.RAM"},
                                                                               {400, "SignatureNonceUsed"}}) {
        BOOST_TEST_CONTEXT(code) {
            const auto c = classify(answer(status, error_body(code)), now);
            BOOST_TEST((c.what == verdict::fail));
            BOOST_TEST(c.code == code);
            BOOST_TEST(c.message == "m");
        }
    }
}

BOOST_AUTO_TEST_CASE(an_expired_timestamp_with_a_far_server_date_corrects_the_clock_at_once) {
    auto skewed = answer(400, error_body("InvalidTimeStamp.Expired"));
    skewed.server_date = now + 20min;
    const auto c = classify(skewed, now);
    BOOST_TEST((c.what == verdict::retry_now));
    BOOST_TEST((c.clock_skew.value() == std::chrono::system_clock::duration{20min}));

    skewed.server_date = now - 5min;
    BOOST_TEST((classify(skewed, now).clock_skew.value() == std::chrono::system_clock::duration{-5min}));

    skewed.server_date = now + 2min;  // under the 4-minute threshold: not the cause
    BOOST_TEST((classify(skewed, now).what == verdict::fail));

    skewed.server_date.reset();  // no Date: nothing to correct with
    BOOST_TEST((classify(skewed, now).what == verdict::fail));
}

BOOST_AUTO_TEST_CASE(transport_failures_retry_and_are_ambiguous_once_sent) {
    for (const auto e :
         {transport_error::resolve_failed, transport_error::connect_refused, transport_error::connect_timeout,
          transport_error::timeout, transport_error::connection_reset, transport_error::bad_response}) {
        BOOST_TEST_CONTEXT(to_string(e)) {
            const auto unsent = classify(transport(e, false), now);
            BOOST_TEST((unsent.what == verdict::retry));
            BOOST_TEST(unsent.code == to_string(e));
            BOOST_TEST(!unsent.ambiguous);
            BOOST_TEST(classify(transport(e, true), now).ambiguous);
        }
    }
}

BOOST_AUTO_TEST_CASE(tls_failures_fail_closed_without_retry) {
    BOOST_TEST((classify(transport(transport_error::tls_verify_failed, false), now).what == verdict::fail));
    BOOST_TEST((classify(transport(transport_error::tls_failed, false), now).what == verdict::fail));
    BOOST_TEST(classify(transport(transport_error::tls_verify_failed, false), now).code == "tls_verify_failed");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(backoff_suite)

// RELIABILITY.md 7: every delay in [0, min(cap, base·2^(i−1))], and uniform there.
BOOST_AUTO_TEST_CASE(full_jitter_delays_are_uniform_below_the_exponential_ceiling) {
    retry_policy policy;  // base 100 ms, cap 20 s
    seeded_random random(20261125);
    constexpr int samples = 10'000;
    for (std::uint32_t retry = 1; retry <= 10; ++retry) {
        const std::int64_t ceiling = std::min<std::int64_t>(20'000, 100LL << (retry - 1));
        std::vector<double> u;
        u.reserve(samples);
        for (int i = 0; i < samples; ++i) {
            const auto d = backoff_delay(policy, retry, false, std::nullopt, random).count();
            BOOST_TEST_REQUIRE((d >= 0 && d <= ceiling), "retry " << retry << ": " << d);
            u.push_back((static_cast<double>(d) + 0.5) / static_cast<double>(ceiling + 1));
        }
        // Kolmogorov–Smirnov against uniform: D below the α = 0.01 critical value.
        std::sort(u.begin(), u.end());
        double d_max = 0;
        for (int i = 0; i < samples; ++i) {
            const double cdf = u[static_cast<std::size_t>(i)];
            d_max = std::max({d_max, cdf - i / double(samples), (i + 1) / double(samples) - cdf});
        }
        BOOST_TEST(d_max < 1.628 / std::sqrt(double(samples)), "retry " << retry << ": D = " << d_max);
    }
}

BOOST_AUTO_TEST_CASE(throttles_back_off_from_the_throttle_base) {
    retry_policy policy;
    seeded_random random(7);
    std::int64_t largest = 0;
    for (int i = 0; i < 2000; ++i)
        largest = std::max(largest, backoff_delay(policy, 1, true, std::nullopt, random).count());
    BOOST_TEST(largest <= 1000);
    BOOST_TEST(largest > 900);  // the range is really [0, 1 s], not [0, 100 ms]
}

BOOST_AUTO_TEST_CASE(retry_after_is_a_floor_clamped_to_a_minute) {
    retry_policy policy;
    seeded_random random(1);
    for (int i = 0; i < 100; ++i) {
        const auto d = backoff_delay(policy, 1, true, milliseconds{3000}, random);
        BOOST_TEST_REQUIRE((d >= 3000ms && d <= 3000ms));  // jitter max 1 s is below the floor
    }
    BOOST_TEST((backoff_delay(policy, 1, true, milliseconds{86'400'000}, random) == 60'000ms));
    const auto negative = backoff_delay(policy, 1, false, milliseconds{-5}, random);
    BOOST_TEST((negative >= 0ms && negative <= 100ms));
}

BOOST_AUTO_TEST_CASE(huge_retry_counts_stay_at_the_cap_without_overflow) {
    retry_policy policy;
    seeded_random random(3);
    for (int i = 0; i < 100; ++i)
        BOOST_TEST_REQUIRE(backoff_delay(policy, 1000, false, std::nullopt, random).count() <= 20'000);
}

BOOST_AUTO_TEST_CASE(two_processes_draw_different_jitter) {
    seeded_random a;  // both seeded from the CSPRNG
    seeded_random b;
    std::set<std::uint64_t> seen;
    for (int i = 0; i < 8; ++i) {
        seen.insert(a.next());
        seen.insert(b.next());
    }
    BOOST_TEST(seen.size() == 16u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(retry_budget_suite)

BOOST_AUTO_TEST_CASE(an_outage_stops_retries_after_half_the_budget) {
    retry_budget budget;
    int retries_allowed = 0;
    for (int i = 0; i < 10'000; ++i) {
        if (budget.allows_retry()) ++retries_allowed;
        budget.on_retryable_failure();
    }
    BOOST_TEST(retries_allowed == 500);  // 5 % of the 10,000 first attempts
    BOOST_TEST(!budget.allows_retry());
}

BOOST_AUTO_TEST_CASE(a_cluster_of_failures_at_the_start_of_a_run_keeps_its_retries) {
    retry_budget budget;
    for (int i = 0; i < 200; ++i) {
        BOOST_TEST_REQUIRE(budget.allows_retry());
        budget.on_retryable_failure();
    }
}

BOOST_AUTO_TEST_CASE(successes_refill_the_budget_and_ordinary_failure_rates_never_drain_it) {
    retry_budget budget;
    for (int i = 0; i < 600; ++i) budget.on_retryable_failure();
    BOOST_TEST(!budget.allows_retry());
    for (int i = 0; i < 400; ++i) budget.on_success();
    BOOST_TEST(budget.allows_retry());
    // 30 % of attempts failing, indefinitely: the budget holds.
    retry_budget steady;
    for (int i = 0; i < 100'000; ++i) {
        if (i % 10 < 3) {
            steady.on_retryable_failure();
        } else {
            steady.on_success();
        }
        BOOST_TEST_REQUIRE(steady.allows_retry());
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(refusal_scopes)

BOOST_AUTO_TEST_CASE(each_documented_refusal_has_its_scope) {
    for (const char* code : {"InvalidAccessKeyId.NotFound", "InvalidAccessKeyId.Inactive", "SignatureDoesNotMatch",
                             "IncompleteSignature", "InvalidSecurityToken.Expired", "InvalidSecurityToken.Malformed",
                             "InvalidSecurityToken.MismatchWithAccessKey", "Forbidden.AccessKeyDisabled"}) {
        BOOST_TEST_CONTEXT(code) { BOOST_TEST((scope_of_refusal(code) == refusal_scope::account)); }
    }
    for (const char* code : {"NoSpecialConfiguration", "Forbidden.RAM", "NoPermission"}) {
        BOOST_TEST_CONTEXT(code) { BOOST_TEST((scope_of_refusal(code) == refusal_scope::domain)); }
    }
    BOOST_TEST((scope_of_refusal("CodeRegionHasNoNode") == refusal_scope::region));
    for (const char* code : {"InvalidParam", "SignatureNonceUsed", "InvalidTimeStamp.Expired", "HTTP 404", ""}) {
        BOOST_TEST_CONTEXT(code) { BOOST_TEST((scope_of_refusal(code) == refusal_scope::call)); }
    }
}

BOOST_AUTO_TEST_CASE(only_a_final_answer_carries_a_scope) {
    BOOST_TEST((classify(answer(400, error_body("NoSpecialConfiguration")), now).scope == refusal_scope::domain));
    BOOST_TEST((classify(answer(400, error_body("SignatureDoesNotMatch")), now).scope == refusal_scope::account));
    BOOST_TEST((classify(answer(500, error_body("InternalError")), now).scope == refusal_scope::call));
    BOOST_TEST((classify(answer(400, error_body("Throttling.User")), now).scope == refusal_scope::call));
    BOOST_TEST((classify(transport(transport_error::timeout, true), now).scope == refusal_scope::call));
}

BOOST_AUTO_TEST_SUITE_END()
