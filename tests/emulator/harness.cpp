#include "emulator/harness.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <fstream>
#include <stdexcept>

namespace hotlive::test {

manual_clock::manual_clock() : state_(std::make_shared<state>()) {
    state_->wall_start = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    state_->steady_start = std::chrono::steady_clock::now();
}

emulator_clocks manual_clock::clocks() const {
    emulator_clocks c;
    c.wall = [s = state_] { return s->wall_start + std::chrono::milliseconds{s->offset_ms.load()}; };
    c.steady = [s = state_] { return s->steady_start + std::chrono::milliseconds{s->offset_ms.load()}; };
    return c;
}

void manual_clock::advance(std::chrono::milliseconds d) { state_->offset_ms += d.count(); }

std::chrono::system_clock::time_point manual_clock::wall() const {
    return state_->wall_start + std::chrono::milliseconds{state_->offset_ms.load()};
}

in_process_emulator::in_process_emulator(emulator_config config)
    : emulator_(std::make_unique<emulator>(std::move(config))), endpoint_(emulator_->start()) {}

in_process_emulator::~in_process_emulator() { emulator_->stop(); }

std::vector<query_parameter> live_call::parameters() const {
    std::vector<query_parameter> out;
    const auto add = [&](std::string_view name, std::string_view value) {
        if (std::find(omit.begin(), omit.end(), name) == omit.end()) out.push_back({name, value});
    };
    add("DomainName", domain);
    add("AppName", app);
    add("StreamName", stream);
    add("RegionCode", region);
    add("AudioMsid", audio_msid);
    add("VideoMsid", video_msid);
    if (connection_timeout) add("ConnectionTimeout", *connection_timeout);
    if (media_timeout) add("MediaTimeout", *media_timeout);
    return out;
}

signed_request sign_call(const live_call& call, const std::string& host, const signing_options& options) {
    credentials creds;
    creds.access_key_id = options.access_key_id;
    creds.access_key_secret = secret_string{options.access_key_secret};
    creds.security_token = secret_string{options.security_token};
    const request_signer signer{std::move(creds), host, options.version};
    const auto parameters = call.parameters();
    const api_call api{options.action, options.version_string, parameters};
    return signer.sign(api, options.shape, options.timestamp.value_or(std::chrono::system_clock::now()),
                       options.nonce.value_or(make_nonce()));
}

std::string signed_wire(const live_call& call, const std::string& host, const signing_options& options,
                        bool keep_alive) {
    return to_wire(sign_call(call, host, options), keep_alive);
}

exchange call_once(const in_process_emulator& e, const live_call& call, const signing_options& options) {
    http_connection connection{e.port()};
    return connection.send(signed_wire(call, e.host(), options));
}

boost::json::value json_of(const http_response& response) {
    boost::system::error_code ec;
    auto value = boost::json::parse(response.body, ec);
    return ec ? boost::json::value{boost::json::object{}} : value;
}

std::string code_of(const http_response& response) {
    const auto value = json_of(response);
    if (!value.is_object()) return {};
    const auto* code = value.as_object().if_contains("Code");
    return code != nullptr && code->is_string() ? std::string{code->as_string()} : std::string{};
}

std::vector<boost::json::object> read_log(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::vector<boost::json::object> lines;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        lines.push_back(boost::json::parse(line).as_object());
    }
    return lines;
}

boost::json::object fetch_stats(std::uint16_t port) {
    http_connection connection{port};
    const auto result = connection.send("GET /_emulator/stats HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    if (result.outcome != read_outcome::complete) throw std::runtime_error("stats: " + result.error);
    return boost::json::parse(result.response.body).as_object();
}

bool is_request_id(std::string_view text) {
    if (text.size() != 36) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-') return false;
        } else if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'))) {
            return false;
        }
    }
    return true;
}

}  // namespace hotlive::test
