// The request log is a contract the engine's tests read: every field, for every verdict, and
// never a secret, a signature or an AccessKeyId.
#include "emulator/harness.hpp"
#include "support/temp_dir.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <random>
#include <sstream>

using namespace std::chrono_literals;
using namespace hotlive::test;
using hotlive::emulator_config;
using hotlive::fault_kind;

namespace {

std::string slurp(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string random_text(std::size_t n) {
    static std::mt19937_64 engine{std::random_device{}()};
    std::uniform_int_distribution<int> pick(0, 25);
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out.push_back(static_cast<char>('A' + pick(engine)));
    return out;
}

const std::vector<std::string> field_order{
    "t_ms", "method", "scheme",     "key",        "attempt",           "nonce", "verdict", "status",
    "code", "fault",  "request_id", "credential", "credential_expired"};

}  // namespace

BOOST_AUTO_TEST_CASE(every_line_has_every_field_with_its_type_for_every_verdict) {
    temp_dir dir;
    emulator_config config;
    config.qps = 1;
    config.log_file = dir.path() / "requests.jsonl";
    hotlive::fault_rule broken;
    broken.kind = fault_kind::internal_error;
    broken.match_stream = "broken";
    hotlive::fault_rule slow;
    slow.kind = fault_kind::latency;
    slow.latency_min_ms = slow.latency_max_ms = 1;
    slow.match_stream = "slow";
    config.faults = {broken, slow};
    manual_clock clock;
    config.clocks = clock.clocks();
    in_process_emulator e{config};

    signing_options v1;
    v1.version = hotlive::signature_version::v1;
    v1.nonce = "nonce-one";
    const auto ok = call_once(e, {}, v1);  // success
    const auto throttled = call_once(e);   // the same call again in the same second
    clock.advance(1s);
    live_call broken_call;
    broken_call.stream = "broken";
    (void)call_once(e, broken_call);  // fault
    clock.advance(1s);
    live_call slow_call;
    slow_call.stream = "slow";
    (void)call_once(e, slow_call);  // latency: still a success
    clock.advance(1s);
    signing_options wrong;
    wrong.access_key_secret = "wrong";
    (void)call_once(e, {}, wrong);  // rejected
    http_connection connection{e.port()};
    (void)connection.send("GET /?Action=HotLiveRtcStream HTTP/1.1\r\nHost: x\r\n\r\n");  // unsigned
    e.stop();

    const auto lines = read_log(config.log_file);
    BOOST_TEST_REQUIRE(lines.size() == 6u);
    for (const auto& line : lines) {
        BOOST_TEST_REQUIRE(line.size() == field_order.size(), boost::json::serialize(line));
        std::size_t i = 0;
        for (const auto& [name, value] : line) BOOST_TEST(std::string{name} == field_order[i++]);
        BOOST_TEST(line.at("t_ms").is_int64());
        BOOST_TEST(line.at("status").is_int64());
        BOOST_TEST(is_request_id(line.at("request_id").as_string()));
    }
    const auto& success = lines[0];
    BOOST_TEST(success.at("method").as_string() == "POST");
    BOOST_TEST(success.at("scheme").as_string() == "v1");
    BOOST_TEST(success.at("key").as_string() == "rts.example.com/live/gala-main@ZHJ");
    BOOST_TEST(success.at("attempt").as_int64() == 1);
    BOOST_TEST(success.at("nonce").as_string() == "nonce-one");
    BOOST_TEST(success.at("verdict").as_string() == "success");
    BOOST_TEST(success.at("status").as_int64() == 200);
    BOOST_TEST(success.at("code").is_null());
    BOOST_TEST(success.at("fault").is_null());
    BOOST_TEST(success.at("request_id").as_string() == json_of(ok.response).at("RequestId").as_string());
    BOOST_TEST(success.at("credential").as_string() == "access_key");
    BOOST_TEST(success.at("credential_expired").is_null());  // only a temporary credential expires

    BOOST_TEST(lines[1].at("scheme").as_string() == "v3");
    BOOST_TEST(lines[1].at("verdict").as_string() == "throttled");
    BOOST_TEST(lines[1].at("status").as_int64() == 400);
    BOOST_TEST(lines[1].at("code").as_string() == "Throttling.User");
    BOOST_TEST(lines[1].at("attempt").as_int64() == 2);
    BOOST_TEST(lines[1].at("request_id").as_string() == json_of(throttled.response).at("RequestId").as_string());
    BOOST_TEST(lines[2].at("verdict").as_string() == "fault");
    BOOST_TEST(lines[2].at("fault").as_string() == "internal_error");
    BOOST_TEST(lines[2].at("code").as_string() == "InternalError");
    BOOST_TEST(lines[2].at("status").as_int64() == 500);
    BOOST_TEST(lines[3].at("verdict").as_string() == "success");
    BOOST_TEST(lines[3].at("fault").as_string() == "latency");
    BOOST_TEST(lines[4].at("verdict").as_string() == "rejected");
    BOOST_TEST(lines[4].at("code").as_string() == "SignatureDoesNotMatch");
    BOOST_TEST(lines[4].at("key").as_string() == "rts.example.com/live/gala-main@ZHJ");  // named, not verified
    BOOST_TEST(lines[4].at("attempt").is_null());
    BOOST_TEST(lines[5].at("scheme").is_null());
    BOOST_TEST(lines[5].at("key").is_null());
    BOOST_TEST(lines[5].at("nonce").is_null());
    BOOST_TEST(lines[5].at("method").as_string() == "GET");
    BOOST_TEST(lines[5].at("credential").is_null());
    for (std::size_t i = 1; i < lines.size(); ++i) {
        BOOST_TEST(lines[i].at("t_ms").as_int64() >= lines[i - 1].at("t_ms").as_int64());
    }
}

BOOST_AUTO_TEST_CASE(the_log_holds_no_secret_signature_or_access_key_id) {
    temp_dir dir;
    const std::string id = "CANARYID" + random_text(16);
    const std::string secret = "CANARY_SECRET_" + random_text(30);
    emulator_config config;
    config.qps = 2;
    config.log_file = dir.path() / "requests.jsonl";
    config.accounts.push_back({id, hotlive::secret_string{secret}});
    hotlive::fault_rule reset;
    reset.kind = fault_kind::reset;
    reset.match_region = "SG";
    config.faults = {reset};
    in_process_emulator e{config};
    std::vector<std::string> signatures;
    for (const auto version : {hotlive::signature_version::v3, hotlive::signature_version::v1}) {
        for (const std::string region : {"ZHJ", "SG", "XX", "ZHJ", "ZHJ"}) {
            signing_options options;
            options.version = version;
            options.access_key_id = id;
            options.access_key_secret = secret;
            live_call call;
            call.region = region;
            const auto request = sign_call(call, e.host(), options);
            const auto wire = to_wire(request);
            const auto at = wire.find("Signature=");
            signatures.push_back(wire.substr(wire.find('=', at) + 1, 20));
            http_connection connection{e.port()};
            (void)connection.send(wire);
        }
    }
    e.stop();
    const std::string log = slurp(config.log_file);
    BOOST_TEST(!log.empty());
    BOOST_TEST(log.find(secret) == std::string::npos);
    BOOST_TEST(log.find(id) == std::string::npos);
    BOOST_TEST(log.find(id.substr(8)) == std::string::npos);
    BOOST_TEST(log.find("CANARY") == std::string::npos);
    BOOST_TEST(log.find("Signature") == std::string::npos);
    BOOST_TEST(log.find("ACS3-HMAC-SHA256") == std::string::npos);
    for (const auto& s : signatures) BOOST_TEST(log.find(s) == std::string::npos, s);
}

BOOST_AUTO_TEST_CASE(lines_are_flushed_at_least_every_64_requests) {
    temp_dir dir;
    emulator_config config;
    config.qps = 0;
    config.log_file = dir.path() / "requests.jsonl";
    in_process_emulator e{config};
    http_connection connection{e.port()};
    for (int i = 0; i < 64; ++i) {
        live_call call;
        call.stream = "s" + std::to_string(i);
        (void)connection.send(signed_wire(call, e.host()));
    }
    BOOST_TEST(read_log(config.log_file).size() == 64u);  // before any stop
    (void)connection.send(signed_wire({}, e.host()));
    e.stop();
    BOOST_TEST(read_log(config.log_file).size() == 65u);
}

BOOST_AUTO_TEST_CASE(scoped_refusals_are_rejected_and_a_disabled_keys_requests_are_no_attempts) {
    temp_dir dir;
    emulator_config config;
    config.qps = 0;
    config.log_file = dir.path() / "requests.jsonl";
    config.accounts.push_back({"live-id", hotlive::secret_string{"live-secret"}});
    config.accounts.push_back({"off-id", hotlive::secret_string{"off-secret"}, true});
    config.ram_denied_domains = {"locked.example.com"};
    config.prefetch_off = {"cold.example.com"};
    config.regions_without_nodes = {"TIB"};
    in_process_emulator e{config};
    signing_options off;
    off.access_key_id = "off-id";
    off.access_key_secret = "off-secret";
    (void)call_once(e, {}, off);
    signing_options live;
    live.access_key_id = "live-id";
    live.access_key_secret = "live-secret";
    live_call locked;
    locked.domain = "locked.example.com";
    (void)call_once(e, locked, live);
    live_call cold;
    cold.domain = "cold.example.com";
    (void)call_once(e, cold, live);
    live_call tib;
    tib.region = "TIB";
    (void)call_once(e, tib, live);
    e.stop();

    const auto lines = read_log(config.log_file);
    BOOST_TEST_REQUIRE(lines.size() == 4u);
    BOOST_TEST(lines[0].at("code").as_string() == "InvalidAccessKeyId.Inactive");
    BOOST_TEST(lines[0].at("status").as_int64() == 400);
    BOOST_TEST(lines[0].at("scheme").as_string() == "v3");
    BOOST_TEST(lines[0].at("key").as_string() == "rts.example.com/live/gala-main@ZHJ");  // named, not verified
    BOOST_TEST(lines[0].at("attempt").is_null());
    const std::vector<std::pair<std::string, std::int64_t>> api_refusals{
        {"Forbidden.RAM", 403}, {"NoSpecialConfiguration", 400}, {"CodeRegionHasNoNode", 400}};
    for (std::size_t i = 0; i < api_refusals.size(); ++i) {
        BOOST_TEST(lines[i + 1].at("code").as_string() == api_refusals[i].first);
        BOOST_TEST(lines[i + 1].at("status").as_int64() == api_refusals[i].second);
        BOOST_TEST(lines[i + 1].at("attempt").as_int64() == 1);
    }
    for (const auto& line : lines) {
        BOOST_TEST(line.at("verdict").as_string() == "rejected", boost::json::serialize(line));
        BOOST_TEST(line.at("fault").is_null());
    }
}
