// What the emulator's suites share: an emulator running in-process on its own thread, a hand-
// driven clock, HotLiveRtcStream calls signed by the project's signer, and the request log read
// back as JSON.
#pragma once

#include "emulator/test_client.hpp"

#include <hotlive/emulator.hpp>
#include <hotlive/signer.hpp>

#include <boost/json/value.hpp>
#include <boost/test/tools/detail/print_helper.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hotlive::test {

// Wall and steady clocks that move only when told to.
class manual_clock {
public:
    manual_clock();
    [[nodiscard]] emulator_clocks clocks() const;
    void advance(std::chrono::milliseconds d);
    [[nodiscard]] std::chrono::system_clock::time_point wall() const;

private:
    struct state {
        std::atomic<std::int64_t> offset_ms{0};
        std::chrono::system_clock::time_point wall_start;
        std::chrono::steady_clock::time_point steady_start;
    };
    std::shared_ptr<state> state_;
};

class in_process_emulator {
public:
    explicit in_process_emulator(emulator_config config = {});
    ~in_process_emulator();

    [[nodiscard]] std::uint16_t port() const { return endpoint_.port; }
    [[nodiscard]] const emulator::endpoint& endpoint() const { return endpoint_; }
    [[nodiscard]] std::string host() const { return "127.0.0.1:" + std::to_string(endpoint_.port); }
    emulator& server() { return *emulator_; }
    void stop() { emulator_->stop(); }

private:
    std::unique_ptr<emulator> emulator_;
    emulator::endpoint endpoint_;
};

struct live_call {
    std::string domain = "rts.example.com";
    std::string app = "live";
    std::string stream = "gala-main";
    std::string region = "ZHJ";
    std::string audio_msid = "rts audio";
    std::string video_msid = "rts video";
    std::optional<std::string> connection_timeout;
    std::optional<std::string> media_timeout;
    std::vector<std::string> omit;  // parameter names to leave out

    [[nodiscard]] std::vector<query_parameter> parameters() const;
    [[nodiscard]] std::string key() const { return domain + "/" + app + "/" + stream + "@" + region; }
};

struct signing_options {
    signature_version version = signature_version::v3;
    request_shape shape = request_shape::post_query;
    std::string access_key_id{demo_access_key_id};
    std::string access_key_secret{demo_access_key_secret};
    std::string security_token;  // a temporary credential's; empty for an account's key
    std::optional<std::chrono::system_clock::time_point> timestamp;  // default: now
    std::optional<std::string> nonce;                                // default: fresh
    std::string action = "HotLiveRtcStream";
    std::string version_string = "2016-11-01";
};

[[nodiscard]] signed_request sign_call(const live_call& call, const std::string& host,
                                       const signing_options& options = {});
[[nodiscard]] std::string signed_wire(const live_call& call, const std::string& host,
                                      const signing_options& options = {}, bool keep_alive = true);

// One signed call on a fresh connection.
[[nodiscard]] exchange call_once(const in_process_emulator& e, const live_call& call = {},
                                 const signing_options& options = {});

// The JSON body of a response ({} when it is not JSON).
[[nodiscard]] boost::json::value json_of(const http_response& response);
[[nodiscard]] std::string code_of(const http_response& response);  // "Code", or "" on success

// The log file, one JSON object per line.
[[nodiscard]] std::vector<boost::json::object> read_log(const std::filesystem::path& file);

// GET /_emulator/stats.
[[nodiscard]] boost::json::object fetch_stats(std::uint16_t port);

// True for "16BFE188-B193-4C3C-ADC5-79A7E31486EA": upper-case hex UUID.
[[nodiscard]] bool is_request_id(std::string_view text);

}  // namespace hotlive::test

// Header values compare as optionals in BOOST_TEST; their messages show the other side.
BOOST_TEST_DONT_PRINT_LOG_VALUE(std::optional<std::string>)
