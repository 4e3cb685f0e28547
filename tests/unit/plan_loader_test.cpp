#include <hotlive/plan.hpp>

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>

using namespace hotlive;
using namespace std::chrono;

namespace {

// The example of DESIGN.md, "Plan format (version 1)", as written there.
constexpr const char* design_example = R"(version: 1
name: new-year-gala-2027
endpoint: https://live.aliyuncs.com      # default; http:// only for loopback addresses
credentials: { profile: prod }           # where keys come from; keys never appear in a plan
defaults:                                # inherited by every stream
  domain: rts.example.com
  app: live
  audio_msid: rts audio
  video_msid: rts video
  connection_timeout_ms: 0               # 0: keep the prefetch connection for ever
  media_timeout_ms: 100000
  regions: [east-china, GUD, HKG]
region_groups:
  east-china: [SHH, JSU, ZHJ, ANH, FUJ, JXI, SHD]
streams:
  - stream: gala-main
    regions: [east-china, china-provinces, SG, US]
  - stream: gala-4k
    video_msid: rts video 4k
limits: { rate: 9, burst: 1, concurrency: 16 }
retry: { max_attempts: 3, base_delay_ms: 100, throttle_base_delay_ms: 1000, max_delay_ms: 20000 }
timeouts: { connect_ms: 5000, request_ms: 10000 }
schedule: { not_before: 2026-12-31T19:30:00+08:00, deadline: 2026-12-31T19:58:00+08:00 }
)";

constexpr const char* minimal_header = R"(version: 1
defaults: { domain: d.example.com, app: live, audio_msid: a, video_msid: v }
)";

std::vector<std::string> codes(const stream_target& t) {
    std::vector<std::string> out;
    for (const auto r : t.regions) out.emplace_back(region_at(r).code);
    return out;
}

std::string all_messages(const plan_result& r) {
    std::string text;
    for (const auto& d : r.diagnostics) text += format(d) + "\n";
    return text;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(plan_loader)

BOOST_AUTO_TEST_CASE(the_design_example_loads_with_every_value) {
    const auto r = load_plan_text(design_example, "gala.yaml");
    BOOST_TEST_REQUIRE(r.value.has_value(), all_messages(r));
    const plan& p = *r.value;
    BOOST_TEST(p.name == "new-year-gala-2027");
    BOOST_TEST(p.source == "gala.yaml");
    BOOST_TEST(p.endpoint == "https://live.aliyuncs.com");
    BOOST_TEST(p.credentials_profile.value() == "prod");
    BOOST_TEST_REQUIRE(p.streams.size() == 2u);

    const auto& main = p.streams[0];
    BOOST_TEST(main.stream == "gala-main");
    BOOST_TEST(main.domain == "rts.example.com");
    BOOST_TEST(main.app == "live");
    BOOST_TEST(main.audio_msid == "rts audio");
    BOOST_TEST(main.video_msid == "rts video");
    BOOST_TEST(main.connection_timeout_ms.value() == 0u);
    BOOST_TEST(main.media_timeout_ms.value() == 100000u);
    // east-china's 7, then the other 27 provinces, then SG and US: each region once.
    BOOST_TEST(main.regions.size() == 36u);
    BOOST_TEST(codes(main).front() == "SHH");
    BOOST_TEST(codes(main).back() == "US");

    const auto& uhd = p.streams[1];
    BOOST_TEST(uhd.video_msid == "rts video 4k");
    BOOST_TEST(uhd.audio_msid == "rts audio");
    const std::vector<std::string> expected{"SHH", "JSU", "ZHJ", "ANH", "FUJ", "JXI", "SHD", "GUD", "HKG"};
    BOOST_TEST(codes(uhd) == expected, boost::test_tools::per_element());

    BOOST_TEST(p.limits.rate == 9u);
    BOOST_TEST(p.limits.burst == 1u);
    BOOST_TEST(p.limits.concurrency == 16u);
    BOOST_TEST(p.retry.max_attempts == 3u);
    BOOST_TEST(p.retry.throttle_base_delay.count() == 1000);
    BOOST_TEST(p.timeouts.request.count() == 10000);
    BOOST_TEST((*p.schedule.not_before == sys_days{2026y / 12 / 31} + 11h + 30min));
    BOOST_TEST((*p.schedule.deadline == sys_days{2026y / 12 / 31} + 11h + 58min));
}

BOOST_AUTO_TEST_CASE(overlapping_groups_collapse_with_one_warning_naming_the_regions) {
    const auto r = load_plan_text(design_example, "gala.yaml");
    BOOST_TEST_REQUIRE(r.diagnostics.size() == 1u, all_messages(r));
    const auto& w = r.diagnostics.front();
    BOOST_TEST((w.level == severity::warning));
    BOOST_TEST(w.line == 17);
    BOOST_TEST(w.message.find("SHH, JSU, ZHJ, ANH, FUJ, JXI, SHD more than once") != std::string::npos, w.message);
}

BOOST_AUTO_TEST_CASE(documented_defaults_apply_when_sections_are_absent) {
    const auto r = load_plan_text(std::string(minimal_header) + "streams: [{stream: s, regions: [ZHJ]}]\n", "min.yaml");
    BOOST_TEST_REQUIRE(r.value.has_value(), all_messages(r));
    const plan& p = *r.value;
    BOOST_TEST(p.name == "min");  // the file's stem
    BOOST_TEST(p.endpoint == "https://live.aliyuncs.com");
    BOOST_TEST(!p.credentials_profile);
    BOOST_TEST(p.limits.rate == 9u);
    BOOST_TEST(p.limits.burst == 1u);
    BOOST_TEST(p.limits.concurrency == 16u);
    BOOST_TEST(p.retry.max_attempts == 3u);
    BOOST_TEST(p.retry.base_delay.count() == 100);
    BOOST_TEST(p.retry.throttle_base_delay.count() == 1000);
    BOOST_TEST(p.retry.max_delay.count() == 20000);
    BOOST_TEST(p.timeouts.connect.count() == 5000);
    BOOST_TEST(p.timeouts.request.count() == 10000);
    BOOST_TEST(!p.schedule.not_before);
    BOOST_TEST(!p.schedule.deadline);
    BOOST_TEST(!p.streams[0].connection_timeout_ms);
    BOOST_TEST(!p.streams[0].media_timeout_ms);
}

BOOST_AUTO_TEST_CASE(stream_fields_override_defaults_one_by_one) {
    const auto r = load_plan_text(std::string(minimal_header) + R"(streams:
  - stream: s
    domain: other.example.com
    app: vod
    audio_msid: a2
    media_timeout_ms: 5
    regions: [SG]
)",
                                  "p.yaml");
    BOOST_TEST_REQUIRE(r.value.has_value(), all_messages(r));
    const auto& t = r.value->streams[0];
    BOOST_TEST(t.domain == "other.example.com");
    BOOST_TEST(t.app == "vod");
    BOOST_TEST(t.audio_msid == "a2");
    BOOST_TEST(t.video_msid == "v");
    BOOST_TEST(t.media_timeout_ms.value() == 5u);
}

BOOST_AUTO_TEST_CASE(nested_groups_names_and_builtin_groups_resolve_to_codes) {
    const auto r = load_plan_text(std::string(minimal_header) + R"(region_groups:
  inner: [Zhejiang, hong kong]
  outer: [inner, SG]
  everything-else: [countries]
streams:
  - stream: s
    regions: [outer, Singapore]
  - stream: t
    regions: [everything-else]
)",
                                  "p.yaml");
    BOOST_TEST_REQUIRE(r.value.has_value(), all_messages(r));
    const std::vector<std::string> expected{"ZHJ", "HKG", "SG"};
    BOOST_TEST(codes(r.value->streams[0]) == expected, boost::test_tools::per_element());
    BOOST_TEST(r.value->streams[1].regions.size() == 170u);
    // "Singapore" repeats SG from the group: collapsed with a warning.
    BOOST_TEST_REQUIRE(r.diagnostics.size() == 1u, all_messages(r));
    BOOST_TEST(r.diagnostics[0].message.find("SG more than once") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_bare_name_in_streams_is_a_stream_with_all_defaults) {
    const auto r = load_plan_text(
        std::string(minimal_header) + "  # regions come from defaults\n" + "streams: [a, b]\n", "p.yaml");
    BOOST_TEST(!r.value.has_value());  // defaults have no regions in minimal_header
    const auto with_regions = load_plan_text(R"(version: 1
defaults: { domain: d.example.com, app: live, audio_msid: a, video_msid: v, regions: [all] }
streams: [a, b]
)",
                                             "p.yaml");
    BOOST_TEST_REQUIRE(with_regions.value.has_value(), all_messages(with_regions));
    BOOST_TEST(with_regions.value->streams.size() == 2u);
    BOOST_TEST(with_regions.value->streams[1].stream == "b");
    BOOST_TEST(with_regions.value->streams[1].regions.size() == 204u);
}

BOOST_AUTO_TEST_CASE(identical_entries_for_one_stream_merge_with_a_warning) {
    const auto r = load_plan_text(std::string(minimal_header) + R"(streams:
  - {stream: s, regions: [SG, US]}
  - {stream: s, regions: [US, JP]}
)",
                                  "p.yaml");
    BOOST_TEST_REQUIRE(r.value.has_value(), all_messages(r));
    BOOST_TEST_REQUIRE(r.value->streams.size() == 1u);
    const std::vector<std::string> expected{"SG", "US", "JP"};
    BOOST_TEST(codes(r.value->streams[0]) == expected, boost::test_tools::per_element());
    BOOST_TEST_REQUIRE(r.diagnostics.size() == 1u);
    BOOST_TEST(r.diagnostics[0].message ==
               "stream d.example.com/live/s is also listed at line 4; the entries are merged and 1 repeated "
               "regions warmed once");
}

BOOST_AUTO_TEST_CASE(plain_http_is_accepted_for_loopback_endpoints_only) {
    for (const char* endpoint : {"http://127.0.0.1:8080", "http://localhost:9", "http://[::1]:80"}) {
        const auto r = load_plan_text("version: 1\nendpoint: " + std::string(endpoint) +
                                          "\ndefaults: {domain: d.example.com, app: a, audio_msid: a, video_msid: v}\n"
                                          "streams: [{stream: s, regions: [SG]}]\n",
                                      "p.yaml");
        BOOST_TEST_CONTEXT(endpoint) { BOOST_TEST(r.value.has_value(), all_messages(r)); }
    }
    const auto remote = load_plan_text(
        std::string(minimal_header) + "endpoint: http://live.aliyuncs.com\nstreams: [{stream: s, regions: [SG]}]\n",
        "p.yaml");
    BOOST_TEST(!remote.value.has_value());
    BOOST_TEST(all_messages(remote).find("p.yaml:3:11: error: plain http:// is allowed only for a loopback") == 0u,
               all_messages(remote));
}

BOOST_AUTO_TEST_CASE(every_error_of_a_plan_is_reported_in_one_pass_in_document_order) {
    const auto r = load_plan_text(R"(version: 1
limits: { rate: -1, burst: 0 }
streams:
  - stream: s
    regions: [HK]
retry: { max_attempts: 0 }
)",
                                  "p.yaml");
    BOOST_TEST(!r.value.has_value());
    BOOST_TEST_REQUIRE(r.diagnostics.size() == 5u, all_messages(r));
    BOOST_TEST(format(r.diagnostics[0]) ==
               "p.yaml:2:17: error: 'rate' must not be negative; use a whole number between 0 and 100000");
    BOOST_TEST(format(r.diagnostics[1]) == "p.yaml:2:28: error: 'burst' is 0; it must be between 1 and 1000");
    BOOST_TEST(
        format(r.diagnostics[2]) ==
        "p.yaml:4:5: error: stream 's' has no 'domain', 'app', 'audio_msid' or 'video_msid'; set them here or in "
        "'defaults'");
    BOOST_TEST(format(r.diagnostics[3]) == "p.yaml:5:15: error: unknown region 'HK'; did you mean HKG (Hong Kong)?");
    BOOST_TEST(format(r.diagnostics[4]) == "p.yaml:6:24: error: 'max_attempts' is 0; it must be between 1 and 100");
}

BOOST_AUTO_TEST_CASE(a_value_pasted_into_credentials_is_never_echoed) {
    const auto r = load_plan_text(
        std::string(minimal_header) + "credentials: LTAI5tSecretLookingValue\nstreams: [{stream: s, regions: [SG]}]\n",
        "p.yaml");
    BOOST_TEST(!r.value.has_value());
    BOOST_TEST(all_messages(r).find("LTAI5tSecretLookingValue") == std::string::npos, all_messages(r));
    const auto keyed =
        load_plan_text(std::string(minimal_header) +
                           "credentials: {access_key_secret: TopSecret}\nstreams: [{stream: s, regions: [SG]}]\n",
                       "p.yaml");
    BOOST_TEST(!keyed.value.has_value());
    BOOST_TEST(all_messages(keyed).find("TopSecret") == std::string::npos, all_messages(keyed));
    BOOST_TEST(all_messages(keyed).find("keys never go in a plan") != std::string::npos, all_messages(keyed));
}

BOOST_AUTO_TEST_CASE(every_example_plan_in_plans_loads_without_errors) {
    int count = 0;
    for (const auto& entry : std::filesystem::directory_iterator(HOTLIVE_SOURCE_DIR "/plans")) {
        if (entry.path().extension() != ".yaml") continue;
        ++count;
        const auto r = load_plan_file(entry.path());
        BOOST_TEST_CONTEXT(entry.path()) { BOOST_TEST(r.value.has_value(), all_messages(r)); }
    }
    BOOST_TEST(count >= 3);
}

BOOST_AUTO_TEST_CASE(a_missing_file_is_an_error_naming_it) {
    const auto r = load_plan_file("/nonexistent/plan.yaml");
    BOOST_TEST(!r.value.has_value());
    BOOST_TEST_REQUIRE(r.diagnostics.size() == 1u);
    BOOST_TEST(format(r.diagnostics[0]).find("/nonexistent/plan.yaml: error: cannot read the plan") == 0u);
}

BOOST_AUTO_TEST_CASE(a_wave_left_without_calls_is_valid_with_a_warning_at_the_wave) {
    const auto r = load_plan_text(std::string(minimal_header) + R"(streams:
  - { stream: a, regions: [SG, US] }
  - { stream: b, regions: [SG] }
schedule:
  event_start: 2099-01-01T20:00:00Z
  waves:
    - { name: first, at: T-1m, streams: [a] }
    - { name: again, at: T-50s, streams: [a] }
    - { name: rest, at: T-30s }
)",
                                  "waves.yaml");
    BOOST_TEST_REQUIRE(r.value.has_value(), all_messages(r));
    BOOST_TEST_REQUIRE(r.diagnostics.size() == 1u, all_messages(r));
    const auto& w = r.diagnostics.front();
    BOOST_TEST((w.level == severity::warning));
    BOOST_TEST(w.line == 10);
    BOOST_TEST(w.message.find("wave 'again' has no call: every call it selects is in an earlier wave") == 0u,
               w.message);

    // Without a name, it is "wave 2" as in every other message about it.
    const auto unnamed = load_plan_text(std::string(minimal_header) + R"(streams: [{ stream: a, regions: [SG] }]
schedule:
  event_start: 2099-01-01T20:00:00Z
  waves: [{ at: T-1m }, { at: T-50s }]
)",
                                        "unnamed.yaml");
    BOOST_TEST_REQUIRE(unnamed.diagnostics.size() == 1u, all_messages(unnamed));
    BOOST_TEST(unnamed.diagnostics.front().message.find("wave 2 has no call:") == 0u, all_messages(unnamed));
}

BOOST_AUTO_TEST_CASE(after_an_error_no_wave_is_said_to_have_no_call) {
    // Each error drops its stream, which leaves the waves naming it, or its region, without calls:
    // the errors alone are said, not a warning per wave nor a "no stream named" per wave.
    const auto r = load_plan_text(R"(version: 1
defaults: { domain: d.example.com, audio_msid: a, video_msid: v }
streams:
  - { stream: a, app: live, regions: [HK] }
  - { stream: b, app: live, regoins: [SG] }
  - { stream: c, regions: [SG] }
schedule:
  event_start: 2099-01-01T20:00:00Z
  waves:
    - { name: first, at: T-1m, streams: [a] }
    - { name: second, at: T-50s, streams: [b] }
    - { name: singapore, at: T-40s, regions: [SG] }
    - { name: rest, at: T-30s }
)",
                                  "errors.yaml");
    BOOST_TEST(!r.value.has_value());
    BOOST_TEST(r.diagnostics.size() == 4u, all_messages(r));  // the region, b's typo and so no regions, c's app
    for (const auto& d : r.diagnostics) {
        BOOST_TEST((d.level == severity::error), format(d));
        BOOST_TEST(d.message.find("has no call") == std::string::npos, format(d));
        BOOST_TEST(d.message.find("no stream named") == std::string::npos, format(d));
    }

    // Waves by region only: the refused stream's regions leave them empty.
    const auto by_region = load_plan_text(std::string(minimal_header) + R"(streams:
  - { stream: a, regions: [US] }
  - { stream: b, regions: [SG, ZZ] }
schedule:
  event_start: 2099-01-01T20:00:00Z
  waves:
    - { name: singapore, at: T-1m, regions: [SG] }
    - { name: rest, at: T-30s }
)",
                                          "by-region.yaml");
    BOOST_TEST(by_region.diagnostics.size() == 1u, all_messages(by_region));  // ZZ
}

BOOST_AUTO_TEST_SUITE_END()
