// What a resume and a merge compare: a digest per call's parameters, a digest of a set of calls
// whatever their order, and an account's fingerprint that does not give its AccessKeyId away.
#include <hotlive/run_identity.hpp>

#include "text/fnv1a.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>

using namespace hotlive;

namespace {

plan load(const std::string& defaults_extra, const std::string& streams) {
    auto loaded = load_plan_text(
        "version: 1\nname: p\ndefaults: { domain: rts.example.com, app: live, audio_msid: a, "
        "video_msid: v" +
            defaults_extra + " }\nstreams:\n" + streams,
        "p.yaml");
    BOOST_TEST_REQUIRE(loaded.value.has_value());
    return std::move(*loaded.value);
}

std::string first_digest(const plan& p) { return parameters_digest(p, expand(p).front()); }

}  // namespace

BOOST_AUTO_TEST_SUITE(run_identity)

BOOST_AUTO_TEST_CASE(fnv1a_is_the_published_function) {
    // The FNV reference vectors: shard membership and resume rows depend on these values staying put.
    BOOST_TEST(detail::fnv1a64("") == 0xcbf29ce484222325ull);
    BOOST_TEST(detail::fnv1a64("a") == 0xaf63dc4c8601ec8cull);
    BOOST_TEST(detail::fnv1a64("foobar") == 0x85944171f73967e8ull);
}

BOOST_AUTO_TEST_CASE(every_parameter_sent_changes_the_digest) {
    const std::string streams = "  - { stream: s, regions: [SHH] }\n";
    const auto base = first_digest(load("", streams));
    BOOST_TEST(base.size() == 16u);
    BOOST_TEST(first_digest(load("", streams)) == base);
    for (const auto& [extra, stream] : std::vector<std::pair<std::string, std::string>>{
             {"", "  - { stream: t, regions: [SHH] }\n"},
             {"", "  - { stream: s, regions: [ZHJ] }\n"},
             {"", "  - { stream: s, regions: [SHH], video_msid: v4k }\n"},
             {"", "  - { stream: s, regions: [SHH], audio_msid: b }\n"},
             {"", "  - { stream: s, regions: [SHH], app: other }\n"},
             {"", "  - { stream: s, regions: [SHH], domain: other.example.com }\n"},
             {", media_timeout_ms: 1000", streams},
             {", connection_timeout_ms: 0", streams},
         }) {
        BOOST_TEST(first_digest(load(extra, stream)) != base, extra << stream);
    }
}

BOOST_AUTO_TEST_CASE(a_call_set_digest_ignores_order_and_sees_every_call) {
    call_set_digest ab;
    ab.add("k1", "d1");
    ab.add("k2", "d2");
    call_set_digest ba;
    ba.add("k2", "d2");
    ba.add("k1", "d1");
    call_set_digest changed;
    changed.add("k1", "d1");
    changed.add("k2", "d3");
    call_set_digest fewer;
    fewer.add("k1", "d1");
    const auto digest = ab.value();
    BOOST_TEST(digest.starts_with("sha256:"));
    BOOST_TEST(digest.size() == 7u + 32u);
    BOOST_TEST(ba.value() == digest);
    BOOST_TEST(changed.value() != digest);
    BOOST_TEST(fewer.value() != digest);
}

BOOST_AUTO_TEST_CASE(an_account_fingerprint_is_stable_and_does_not_show_the_id) {
    const auto a = account_fingerprint("LTAI5tExampleAccessKeyId");
    BOOST_TEST(a == account_fingerprint("LTAI5tExampleAccessKeyId"));
    BOOST_TEST(a != account_fingerprint("LTAI5tOtherAccessKeyId"));
    BOOST_TEST(a.starts_with("sha256:"));
    BOOST_TEST(a.size() == 7u + 16u);
    BOOST_TEST(a.find("LTAI") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
