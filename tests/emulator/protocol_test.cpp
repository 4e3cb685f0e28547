// The emulator as a client meets it, over real sockets on 127.0.0.1: every request shape the
// official SDKs send, signed with either scheme, and every documented error.
#include "emulator/harness.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <ctime>
#include <iomanip>
#include <regex>
#include <sstream>
#include <string>
#include <thread>

using namespace std::chrono_literals;
using namespace hotlive::test;
using hotlive::emulator_config;
using hotlive::request_shape;
using hotlive::signature_version;

namespace {

emulator_config unlimited() {
    emulator_config config;
    config.qps = 0;
    return config;
}

struct shape_case {
    signature_version version;
    request_shape shape;
};

const std::vector<shape_case> every_shape{
    {signature_version::v3, request_shape::post_query}, {signature_version::v3, request_shape::post_form},
    {signature_version::v3, request_shape::get_query},  {signature_version::v1, request_shape::post_query},
    {signature_version::v1, request_shape::post_form},  {signature_version::v1, request_shape::get_query},
};

bool is_imf_fixdate(const std::optional<std::string>& date) {
    static const std::regex form{
        R"(^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT$)"};
    return date && std::regex_match(*date, form);
}

// An error answer as the service words it: status, Code, Message, RequestId, HostId.
void check_error(const exchange& x, int status, std::string_view code, std::string_view message = {}) {
    BOOST_TEST_REQUIRE((x.outcome == read_outcome::complete), x.error);
    BOOST_TEST(x.response.status == status, x.response.body);
    const auto body = json_of(x.response).as_object();
    BOOST_TEST(body.at("Code").as_string() == code, x.response.body);
    if (!message.empty()) BOOST_TEST(body.at("Message").as_string() == message);
    BOOST_TEST(body.at("HostId").as_string() == "live.aliyuncs.com");
    BOOST_TEST(is_request_id(body.at("RequestId").as_string()));
    BOOST_TEST(is_imf_fixdate(x.response.header("Date")));
}

void check_success(const exchange& x) {
    BOOST_TEST_REQUIRE((x.outcome == read_outcome::complete), x.error);
    BOOST_TEST_REQUIRE(x.response.status == 200, x.response.body);
    const auto body = json_of(x.response).as_object();
    BOOST_TEST(body.size() == 1u, x.response.body);
    BOOST_TEST(is_request_id(body.at("RequestId").as_string()));
    BOOST_TEST(x.response.header("x-acs-request-id") == std::string{body.at("RequestId").as_string()});
    BOOST_TEST(is_imf_fixdate(x.response.header("Date")));
    BOOST_TEST(x.response.header("Content-Type")->starts_with("application/json"));
}

// Replaces the first `from` in the request's bytes.
std::string replaced(std::string wire, std::string_view from, std::string_view to) {
    const auto at = wire.find(from);
    BOOST_TEST_REQUIRE(at != std::string::npos, from);
    return wire.replace(at, from.size(), to);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(accepted)

BOOST_AUTO_TEST_CASE(every_sdk_request_shape_with_either_signature_succeeds) {
    in_process_emulator e{unlimited()};
    for (const auto& c : every_shape) {
        signing_options options;
        options.version = c.version;
        options.shape = c.shape;
        BOOST_TEST_CONTEXT("version " << static_cast<int>(c.version) << " shape " << static_cast<int>(c.shape)) {
            check_success(call_once(e, {}, options));
        }
    }
}

BOOST_AUTO_TEST_CASE(keep_alive_serves_many_requests_on_one_connection) {
    in_process_emulator e{unlimited()};
    http_connection connection{e.port()};
    for (int i = 0; i < 20; ++i) {
        live_call call;
        call.stream = "s" + std::to_string(i);
        const auto x = connection.send(signed_wire(call, e.host()));
        check_success(x);
        BOOST_TEST(x.response.header("Connection") == "keep-alive");
    }
}

BOOST_AUTO_TEST_CASE(connection_close_is_honoured) {
    in_process_emulator e{unlimited()};
    http_connection connection{e.port()};
    const auto x = connection.send(signed_wire({}, e.host(), {}, false));
    check_success(x);
    BOOST_TEST(x.response.header("Connection") == "close");
    BOOST_TEST(connection.read_to_end().empty());
}

BOOST_AUTO_TEST_CASE(optional_timeouts_and_unusual_text_are_accepted) {
    in_process_emulator e{unlimited()};
    live_call call;
    call.connection_timeout = "0";
    call.media_timeout = "100000";
    call.audio_msid = "rts audio ünïcode & = + %";
    call.stream = "stream.with~reserved_chars-";
    for (const auto& c : every_shape) {
        signing_options options;
        options.version = c.version;
        options.shape = c.shape;
        check_success(call_once(e, call, options));
    }
}

BOOST_AUTO_TEST_CASE(configured_accounts_replace_the_demo_account) {
    auto config = unlimited();
    config.accounts.push_back({"ci-id", hotlive::secret_string{"ci-secret"}});
    config.accounts.push_back({"other-id", hotlive::secret_string{"other-secret"}});
    in_process_emulator e{std::move(config)};
    signing_options options;
    options.access_key_id = "other-id";
    options.access_key_secret = "other-secret";
    check_success(call_once(e, {}, options));
    check_error(call_once(e), 404, "InvalidAccessKeyId.NotFound");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(signatures)

BOOST_AUTO_TEST_CASE(a_wrong_secret_is_signature_does_not_match_in_both_schemes) {
    in_process_emulator e{unlimited()};
    for (const auto& c : every_shape) {
        signing_options options;
        options.version = c.version;
        options.shape = c.shape;
        options.access_key_secret = "not-the-secret";
        check_error(call_once(e, {}, options), 400, "SignatureDoesNotMatch",
                    "Specified signature is not matched with our calculation.");
    }
}

BOOST_AUTO_TEST_CASE(a_parameter_changed_after_signing_is_signature_does_not_match) {
    in_process_emulator e{unlimited()};
    for (const auto version : {signature_version::v3, signature_version::v1}) {
        signing_options options;
        options.version = version;
        http_connection connection{e.port()};
        const auto wire = replaced(signed_wire({}, e.host(), options), "gala-main", "gala-evil");
        check_error(connection.send(wire), 400, "SignatureDoesNotMatch");
    }
}

BOOST_AUTO_TEST_CASE(a_v3_body_changed_after_signing_is_signature_does_not_match) {
    in_process_emulator e{unlimited()};
    signing_options options;
    options.shape = request_shape::post_form;
    http_connection connection{e.port()};
    check_error(connection.send(replaced(signed_wire({}, e.host(), options), "gala-main", "gala-mein")), 400,
                "SignatureDoesNotMatch");
}

BOOST_AUTO_TEST_CASE(an_unknown_access_key_id_is_not_found) {
    in_process_emulator e{unlimited()};
    for (const auto version : {signature_version::v3, signature_version::v1}) {
        signing_options options;
        options.version = version;
        options.access_key_id = "LTAI-nobody";
        check_error(call_once(e, {}, options), 404, "InvalidAccessKeyId.NotFound",
                    "Specified access key is not found.");
    }
}

BOOST_AUTO_TEST_CASE(a_disabled_key_is_inactive_whatever_its_timestamp_or_signature) {
    auto config = unlimited();
    config.accounts.push_back({"live-id", hotlive::secret_string{"live-secret"}});
    config.accounts.push_back({"off-id", hotlive::secret_string{"off-secret"}, true});
    in_process_emulator e{std::move(config)};
    for (const auto version : {signature_version::v3, signature_version::v1}) {
        signing_options off;
        off.version = version;
        off.access_key_id = "off-id";
        off.access_key_secret = "off-secret";
        check_error(call_once(e, {}, off), 400, "InvalidAccessKeyId.Inactive", "Specified access key is disabled.");
        auto wrong = off;
        wrong.access_key_secret = "not-the-secret";
        check_error(call_once(e, {}, wrong), 400, "InvalidAccessKeyId.Inactive", "Specified access key is disabled.");
        auto stale = off;
        stale.timestamp = std::chrono::system_clock::now() - 1h;
        check_error(call_once(e, {}, stale), 400, "InvalidAccessKeyId.Inactive", "Specified access key is disabled.");
        auto live = off;
        live.access_key_id = "live-id";
        live.access_key_secret = "live-secret";
        check_success(call_once(e, {}, live));
    }
}

BOOST_AUTO_TEST_CASE(a_disabled_keys_requests_never_reach_the_api_nor_count_as_attempts) {
    auto config = unlimited();
    config.accounts.push_back({"live-id", hotlive::secret_string{"live-secret"}});
    config.accounts.push_back({"off-id", hotlive::secret_string{"off-secret"}, true});
    config.prefetch_off = {"rts.example.com"};
    hotlive::fault_rule first;  // every call's first attempt fails
    first.kind = hotlive::fault_kind::internal_error;
    first.attempts = {1};
    config.faults = {first};
    in_process_emulator e{std::move(config)};
    signing_options off;
    off.access_key_id = "off-id";
    off.access_key_secret = "off-secret";
    for (int i = 0; i < 3; ++i) check_error(call_once(e, {}, off), 400, "InvalidAccessKeyId.Inactive");
    signing_options live;
    live.access_key_id = "live-id";
    live.access_key_secret = "live-secret";
    check_error(call_once(e, {}, live), 500, "InternalError");           // still the call's attempt 1
    check_error(call_once(e, {}, live), 400, "NoSpecialConfiguration");  // attempt 2 reaches the API
    const auto stats = fetch_stats(e.port());
    BOOST_TEST(stats.at("by_code").at("InvalidAccessKeyId.Inactive").as_int64() == 3);
    BOOST_TEST(stats.at("by_verdict").at("rejected").as_int64() == 4);
}

BOOST_AUTO_TEST_CASE(a_replayed_nonce_is_signature_nonce_used) {
    in_process_emulator e{unlimited()};
    for (const auto version : {signature_version::v3, signature_version::v1}) {
        signing_options options;
        options.version = version;
        options.nonce = hotlive::make_nonce();
        check_success(call_once(e, {}, options));
        check_error(call_once(e, {}, options), 400, "SignatureNonceUsed",
                    "Specified signature nonce was used already.");
        live_call other;  // the nonce is burnt for every call of the account
        other.stream = "another";
        check_error(call_once(e, other, options), 400, "SignatureNonceUsed");
    }
}

BOOST_AUTO_TEST_CASE(a_timestamp_more_than_15_minutes_off_is_expired) {
    in_process_emulator e{unlimited()};
    const auto now = std::chrono::system_clock::now();
    for (const auto version : {signature_version::v3, signature_version::v1}) {
        signing_options options;
        options.version = version;
        options.timestamp = now - 16min;
        check_error(call_once(e, {}, options), 400, "InvalidTimeStamp.Expired",
                    "Specified time stamp or date value is expired.");
        options.timestamp = now + 16min;
        check_error(call_once(e, {}, options), 400, "InvalidTimeStamp.Expired");
        options.timestamp = now - 14min;
        check_success(call_once(e, {}, options));
        options.timestamp = now + 14min;
        check_success(call_once(e, {}, options));
    }
}

BOOST_AUTO_TEST_CASE(a_server_clock_ahead_by_20_minutes_rejects_a_correct_client_and_says_so_in_date) {
    auto config = unlimited();
    config.clock_offset = 20min;
    in_process_emulator e{std::move(config)};
    const auto before = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    const auto x = call_once(e);
    check_error(x, 400, "InvalidTimeStamp.Expired");
    std::tm tm{};
    std::istringstream date{*x.response.header("Date")};
    date >> std::get_time(&tm, "%a, %d %b %Y %H:%M:%S GMT");
    const auto server = std::chrono::system_clock::from_time_t(timegm(&tm));
    BOOST_TEST((server - before >= 20min));
    BOOST_TEST((server - before <= 21min));
    signing_options corrected;
    corrected.timestamp = server;
    check_success(call_once(e, {}, corrected));
}

BOOST_AUTO_TEST_CASE(a_malformed_timestamp_is_invalid_timestamp_format) {
    in_process_emulator e{unlimited()};
    signing_options options;
    options.version = signature_version::v1;
    options.shape = request_shape::get_query;
    const auto wire = signed_wire({}, e.host(), options);
    const auto at = wire.find("Timestamp=") + 10;
    const auto end = wire.find('&', at);
    http_connection connection{e.port()};
    check_error(connection.send(std::string{wire}.replace(at, end - at, "yesterday")), 400, "InvalidTimeStamp.Format");
}

BOOST_AUTO_TEST_CASE(other_signature_methods_and_versions_are_refused) {
    in_process_emulator e{unlimited()};
    signing_options options;
    options.version = signature_version::v1;
    const auto wire = signed_wire({}, e.host(), options);
    http_connection connection{e.port()};
    check_error(connection.send(replaced(wire, "SignatureMethod=HMAC-SHA1", "SignatureMethod=HMAC-SHA256")), 400,
                "InvalidSignatureMethod");
    check_error(connection.send(replaced(wire, "SignatureVersion=1.0", "SignatureVersion=2.0")), 400,
                "InvalidSignatureVersion");
}

BOOST_AUTO_TEST_CASE(a_malformed_authorization_header_is_incomplete_signature) {
    in_process_emulator e{unlimited()};
    const auto wire = signed_wire({}, e.host());
    http_connection connection{e.port()};
    check_error(connection.send(replaced(wire, ",SignedHeaders=", ",Signedheaders=")), 400, "IncompleteSignature");
    // Signing without the nonce header leaves it open to replay: refused.
    check_error(connection.send(replaced(wire, "x-acs-signature-nonce;", "")), 400, "IncompleteSignature");
}

BOOST_AUTO_TEST_CASE(an_unsigned_request_names_what_is_missing) {
    in_process_emulator e{unlimited()};
    http_connection connection{e.port()};
    check_error(connection.send("GET /?Action=HotLiveRtcStream&Version=2016-11-01 HTTP/1.1\r\nHost: x\r\n\r\n"), 400,
                "MissingParameter",
                "The input parameter \"AccessKeyId\" that is mandatory for processing this request is not supplied.");
    signing_options v3;
    const auto wire = signed_wire({}, e.host(), v3);
    check_error(connection.send(replaced(wire, "x-acs-date: ", "x-acs-dat: ")), 400, "MissingParameter",
                "The input parameter \"x-acs-date\" that is mandatory for processing this request is not supplied.");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(api)

BOOST_AUTO_TEST_CASE(a_wrong_action_or_version_is_refused) {
    in_process_emulator e{unlimited()};
    for (const auto version : {signature_version::v3, signature_version::v1}) {
        signing_options options;
        options.version = version;
        options.action = "DescribeLiveStreamsOnlineList";
        check_error(call_once(e, {}, options), 404, "InvalidAction.NotFound");
        options.action = "HotLiveRtcStream";
        options.version_string = "2014-05-26";
        check_error(call_once(e, {}, options), 400, "InvalidVersion");
    }
}

BOOST_AUTO_TEST_CASE(each_required_parameter_missing_or_empty_is_missing_parameter) {
    in_process_emulator e{unlimited()};
    for (const std::string name : {"DomainName", "AppName", "StreamName", "RegionCode", "AudioMsid", "VideoMsid"}) {
        for (const auto version : {signature_version::v3, signature_version::v1}) {
            live_call call;
            call.omit = {name};
            signing_options options;
            options.version = version;
            check_error(
                call_once(e, call, options), 400, "MissingParameter",
                "The input parameter \"" + name + "\" that is mandatory for processing this request is not supplied.");
        }
    }
    live_call empty_app;
    empty_app.app = "";
    check_error(call_once(e, empty_app), 400, "MissingParameter");
}

BOOST_AUTO_TEST_CASE(a_region_code_not_in_the_reference_is_invalid_param) {
    in_process_emulator e{unlimited()};
    for (const std::string region : {"HK", "zhj", "Zhejiang", "XX", "ZHJ "}) {
        live_call call;
        call.region = region;
        check_error(call_once(e, call), 400, "InvalidParam", "Parameter invalid.");
    }
    for (const std::string region : {"BEJ", "MAC", "SG", "US", "BH"}) {
        live_call call;
        call.region = region;
        check_success(call_once(e, call));
    }
}

BOOST_AUTO_TEST_CASE(timeouts_must_be_non_negative_integers) {
    in_process_emulator e{unlimited()};
    for (const std::string bad : {"-1", "1.5", "abc", ""}) {
        live_call call;
        call.connection_timeout = bad;
        check_error(call_once(e, call), 400, "InvalidParam");
        live_call media;
        media.media_timeout = bad;
        check_error(call_once(e, media), 400, "InvalidParam");
    }
}

BOOST_AUTO_TEST_CASE(a_domain_without_the_prefetch_switch_is_no_special_configuration) {
    auto config = unlimited();
    config.prefetch_off = {"cold.example.com"};
    in_process_emulator e{config};
    live_call cold;
    cold.domain = "cold.example.com";
    check_error(call_once(e, cold), 400, "NoSpecialConfiguration", "no special configuration for domain name.");
    check_success(call_once(e));

    config.prefetch_off.clear();
    config.prefetch_on = std::vector<std::string>{"only.example.com"};
    in_process_emulator narrowed{config};
    check_error(call_once(narrowed), 400, "NoSpecialConfiguration");
    live_call only;
    only.domain = "only.example.com";
    check_success(call_once(narrowed, only));
}

BOOST_AUTO_TEST_CASE(a_domain_a_ram_policy_denies_is_forbidden_ram_before_the_apis_own_checks) {
    auto config = unlimited();
    config.ram_denied_domains = {"locked.example.com"};
    config.prefetch_off = {"locked.example.com"};
    config.regions_without_nodes = {"TIB"};
    in_process_emulator e{config};
    constexpr std::string_view message =
        "User not authorized to operate on the specified resource, or this API doesn't support RAM.";
    for (const auto version : {signature_version::v3, signature_version::v1}) {
        signing_options options;
        options.version = version;
        live_call locked;
        locked.domain = "locked.example.com";
        check_error(call_once(e, locked, options), 403, "Forbidden.RAM", message);
        locked.region = "TIB";
        check_error(call_once(e, locked, options), 403, "Forbidden.RAM", message);
        locked.region = "Zhejiang";  // not a code: InvalidParam, but RAM answers first
        check_error(call_once(e, locked, options), 403, "Forbidden.RAM", message);
        locked.omit = {"AppName"};  // the gateway needs the call's parameters
        check_error(call_once(e, locked, options), 400, "MissingParameter");
        check_success(call_once(e, {}, options));  // only that domain
    }
}

BOOST_AUTO_TEST_CASE(a_region_configured_without_nodes_is_code_region_has_no_node) {
    auto config = unlimited();
    config.regions_without_nodes = {"TIB"};
    in_process_emulator e{config};
    live_call tib;
    tib.region = "TIB";
    check_error(call_once(e, tib), 400, "CodeRegionHasNoNode", "this region has no corresponding node.");
    check_success(call_once(e));

    config.regions_without_nodes.clear();
    config.regions_with_nodes = std::vector<std::string>{"ZHJ", "SG"};
    in_process_emulator narrowed{config};
    live_call gud;
    gud.region = "GUD";
    check_error(call_once(narrowed, gud), 400, "CodeRegionHasNoNode");
    check_success(call_once(narrowed));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(http)

BOOST_AUTO_TEST_CASE(other_paths_and_methods_are_refused) {
    in_process_emulator e{unlimited()};
    http_connection connection{e.port()};
    check_error(connection.send("POST /v2/whatever HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"), 404,
                "InvalidAction.NotFound");
    check_error(connection.send("PUT / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"), 400,
                "UnsupportedHTTPMethod");
}

BOOST_AUTO_TEST_CASE(headers_over_64_kib_are_refused_with_431) {
    in_process_emulator e{unlimited()};
    http_connection connection{e.port()};
    const std::string big(70 * 1024, 'a');
    const auto x = connection.send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + big + "\r\n\r\n");
    BOOST_TEST_REQUIRE((x.outcome == read_outcome::complete), x.error);
    BOOST_TEST(x.response.status == 431);
    BOOST_TEST(is_imf_fixdate(x.response.header("Date")));
    BOOST_TEST(x.response.header("Connection") == "close");
}

BOOST_AUTO_TEST_CASE(bodies_over_1_mib_are_refused_with_413) {
    in_process_emulator e{unlimited()};
    http_connection connection{e.port()};
    const auto x = connection.send(
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
        "2000000\r\n\r\n");
    BOOST_TEST_REQUIRE((x.outcome == read_outcome::complete), x.error);
    BOOST_TEST(x.response.status == 413);
    BOOST_TEST(is_imf_fixdate(x.response.header("Date")));
}

BOOST_AUTO_TEST_CASE(garbage_is_refused_with_400) {
    in_process_emulator e{unlimited()};
    http_connection connection{e.port()};
    const auto x = connection.send("HELLO THERE\r\n\r\n");
    BOOST_TEST_REQUIRE((x.outcome == read_outcome::complete), x.error);
    BOOST_TEST(x.response.status == 400);
    BOOST_TEST(is_imf_fixdate(x.response.header("Date")));
}

BOOST_AUTO_TEST_CASE(stats_count_requests_by_verdict_and_code) {
    in_process_emulator e{unlimited()};
    check_success(call_once(e));
    check_success(call_once(e));  // same call: one key
    live_call other;
    other.stream = "other";
    check_success(call_once(e, other));
    signing_options wrong;
    wrong.access_key_secret = "x";
    check_error(call_once(e, {}, wrong), 400, "SignatureDoesNotMatch");
    const auto stats = fetch_stats(e.port());
    BOOST_TEST(stats.at("requests").as_int64() == 4);
    BOOST_TEST(stats.at("by_verdict").at("success").as_int64() == 3);
    BOOST_TEST(stats.at("by_verdict").at("rejected").as_int64() == 1);
    BOOST_TEST(stats.at("by_verdict").at("throttled").as_int64() == 0);
    BOOST_TEST(stats.at("by_verdict").at("fault").as_int64() == 0);
    BOOST_TEST(stats.at("by_code").at("SignatureDoesNotMatch").as_int64() == 1);
    BOOST_TEST(stats.at("keys_succeeded").as_int64() == 2);
    BOOST_TEST(e.server().stats().keys_succeeded == 2u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(lifecycle)

BOOST_AUTO_TEST_CASE(an_idle_keep_alive_connection_is_closed_after_the_idle_timeout) {
    auto config = unlimited();
    config.idle_timeout = 200ms;
    in_process_emulator e{config};
    http_connection connection{e.port()};
    check_success(connection.send(signed_wire({}, e.host())));
    const auto start = std::chrono::steady_clock::now();
    BOOST_TEST(connection.read_to_end().empty());  // the server closed it
    BOOST_TEST((std::chrono::steady_clock::now() - start >= 150ms));
}

BOOST_AUTO_TEST_CASE(on_the_callers_io_context_stop_closes_every_connection_and_run_returns) {
    boost::asio::io_context context;
    hotlive::emulator server{context, unlimited()};
    const auto endpoint = server.start();
    std::thread runner{[&] { context.run(); }};
    http_connection idle{endpoint.port};
    http_connection used{endpoint.port};
    check_success(used.send(signed_wire({}, "127.0.0.1:" + std::to_string(endpoint.port))));
    server.stop();
    runner.join();  // returns only once every connection has unwound
    BOOST_TEST(idle.read_to_end().empty());
    BOOST_TEST(used.read_to_end().empty());
}

BOOST_AUTO_TEST_CASE(several_threads_serve_concurrent_connections_consistently) {
    auto config = unlimited();
    config.threads = 2;
    in_process_emulator e{config};
    std::vector<std::thread> clients;
    std::atomic<int> succeeded{0};
    for (int c = 0; c < 4; ++c) {
        clients.emplace_back([&, c] {
            http_connection connection{e.port()};
            for (int i = 0; i < 50; ++i) {
                live_call call;
                call.stream = "t" + std::to_string(c) + "-" + std::to_string(i);
                if (connection.send(signed_wire(call, e.host())).response.status == 200) ++succeeded;
            }
        });
    }
    for (auto& t : clients) t.join();
    BOOST_TEST(succeeded.load() == 200);
    const auto stats = fetch_stats(e.port());
    BOOST_TEST(stats.at("requests").as_int64() == 200);
    BOOST_TEST(stats.at("keys_succeeded").as_int64() == 200);
}

BOOST_AUTO_TEST_SUITE_END()
