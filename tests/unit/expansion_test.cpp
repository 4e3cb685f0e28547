#include <hotlive/expansion.hpp>

#include <boost/test/unit_test.hpp>

#include <set>
#include <string>

using namespace hotlive;

namespace {

plan load(const std::string& text) {
    auto r = load_plan_text(text, "p.yaml");
    BOOST_TEST_REQUIRE(r.value.has_value());
    return std::move(*r.value);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(expansion)

BOOST_AUTO_TEST_CASE(calls_follow_streams_then_regions_in_plan_order_with_their_keys) {
    const plan p = load(R"(version: 1
defaults: { domain: rts.example.com, app: live, audio_msid: a, video_msid: v }
streams:
  - { stream: one, regions: [ZHJ, SG] }
  - { stream: two, app: other, regions: [US] }
)");
    const auto calls = expand(p);
    BOOST_TEST_REQUIRE(calls.size() == 3u);
    BOOST_TEST(call_key(p, calls[0]) == "rts.example.com/live/one@ZHJ");
    BOOST_TEST(call_key(p, calls[1]) == "rts.example.com/live/one@SG");
    BOOST_TEST(call_key(p, calls[2]) == "rts.example.com/other/two@US");
    BOOST_TEST(call_count(p) == 3u);
}

BOOST_AUTO_TEST_CASE(every_key_is_unique_after_duplicates_collapse) {
    const plan p = load(R"(version: 1
defaults: { domain: rts.example.com, app: live, audio_msid: a, video_msid: v, regions: [all, countries, SG] }
streams: [a, b, a]
)");
    const auto calls = expand(p);
    BOOST_TEST(calls.size() == 2u * 204u);
    std::set<std::string> keys;
    for (const auto c : calls) keys.insert(call_key(p, c));
    BOOST_TEST(keys.size() == calls.size());
}

BOOST_AUTO_TEST_CASE(a_million_call_plan_expands_to_a_million_distinct_calls) {
    std::string text =
        "version: 1\ndefaults: { domain: rts.example.com, app: live, audio_msid: a, video_msid: v, "
        "regions: [all] }\nstreams:\n";
    for (int i = 0; i < 4902; ++i) text += "  - s" + std::to_string(i) + "\n";
    const plan p = load(text);
    const auto calls = expand(p);
    BOOST_TEST(calls.size() == 4902u * 204u);  // 1,000,008
    BOOST_TEST(call_key(p, calls.back()) == "rts.example.com/live/s4901@BH");
}

BOOST_AUTO_TEST_SUITE_END()
