// Fuzz target: the emulator's side of a connection. The input is the raw bytes a client sends;
// they go through the request parser as the server feeds it, and every request that parses is
// answered by the service, as many as are pipelined (up to a bound). Bytes that are not a
// request get the refusal the server sends.
//
// Signatures: a request whose V1 `Signature` parameter, or whose V3 Authorization `Signature=`,
// is the placeholder FUZZ is signed here with the demo account before the service sees it (and
// an x-acs-content-sha256 of FUZZ becomes the body's hash), so mutations reach the checks after
// verification: the nonce, the QPS limit, the fault schedule and the API's own parameters. Real
// signatures in the seeds exercise the verification itself.
//
// The service is built afresh for every input, with fixed clocks, so a crash reproduces.
#include "emulator/http_request.hpp"
#include "emulator/parameters.hpp"
#include "emulator/service.hpp"
#include "signing/ascii.hpp"

#include <hotlive/emulator.hpp>
#include <hotlive/signer.hpp>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace http = boost::beast::http;
using namespace std::chrono_literals;
namespace emu = hotlive::emu;

constexpr std::string_view placeholder = "FUZZ";
constexpr int max_pipelined = 8;

// The seeds' requests were signed at 2026-11-25T18:20Z; the service's clock stays there.
constexpr std::chrono::system_clock::time_point wall_now{std::chrono::sys_days{std::chrono::year{2026} / 11 / 25} +
                                                         18h + 20min};

hotlive::emulator_config make_config() {
    hotlive::emulator_config config;
    config.clocks.wall = [] { return wall_now; };
    config.clocks.steady = [] { return std::chrono::steady_clock::time_point{1h}; };
    config.qps = 2;  // a third pipelined request is throttled
    config.prefetch_off = {"off.example.com"};
    config.regions_without_nodes = {"TIB"};
    hotlive::fault_rule internal;
    internal.match_stream = "faulty";
    internal.probability = 0.5;
    hotlive::fault_rule unavailable;
    unavailable.kind = hotlive::fault_kind::service_unavailable;
    unavailable.match_region = "HKG";
    unavailable.attempts = {1};
    unavailable.retry_after_s = 2;
    unavailable.retry_after_ms = 1500;
    hotlive::fault_rule garbage;
    garbage.kind = hotlive::fault_kind::garbage_json;
    garbage.match_app = "garbage";
    config.faults = {internal, unavailable, garbage};
    return config;
}

// Replaces the first `name=FUZZ` in `text` by `name=value`; false when there is none.
bool fill_placeholder(std::string& text, std::string_view name, std::string_view value) {
    const std::string pattern = std::string{name}.append("=").append(placeholder);
    const auto at = text.find(pattern);
    if (at == std::string::npos) return false;
    text.replace(at + name.size() + 1, placeholder.size(), value);
    return true;
}

// Signs a request that asks for it (see above) with the demo account, as a client would have.
void sign_placeholders(emu::http_request& request) {
    static const hotlive::signing_key key{hotlive::demo_access_key_secret};
    // Copies: assign() below rebuilds the request's own buffer, which every view points into.
    const std::string method{request.method()};
    std::string target{request.target()};
    std::string body{request.body()};
    std::vector<std::string> names;
    std::vector<std::string> values;
    for (const auto& h : request.headers()) {
        names.emplace_back(h.name);
        values.emplace_back(h.value);
    }
    std::vector<hotlive::header_view> headers;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (hotlive::detail::iequals_ascii(names[i], "x-acs-content-sha256") && values[i] == placeholder) {
            values[i] = hotlive::sha256_hex(body);
        }
        headers.push_back({names[i], values[i]});
    }

    // The first of a repeated header counts, as in the service.
    const auto first = [&](std::string_view name) {
        std::size_t i = 0;
        while (i < headers.size() && !hotlive::detail::iequals_ascii(headers[i].name, name)) ++i;
        return i;
    };
    emu::request_parameters parameters;
    constexpr std::string_view form_type = "application/x-www-form-urlencoded";
    const auto type = request.header("content-type");
    const bool form = type && type->size() >= form_type.size() &&
                      hotlive::detail::iequals_ascii(type->substr(0, form_type.size()), form_type);
    const auto question = target.find('?');
    const std::string_view query =
        question == std::string::npos ? std::string_view{} : std::string_view{target}.substr(question + 1);
    parameters.parse(query, method == "POST" && form ? std::string_view{body} : std::string_view{});

    bool changed = false;
    const std::size_t authorization = first("authorization");
    const auto v3 =
        authorization < headers.size() ? hotlive::parse_acs3_authorization(values[authorization]) : std::nullopt;
    if (v3 && v3->signature == placeholder) {
        const std::size_t hash = first("x-acs-content-sha256");
        const hotlive::acs3_request_view view{
            method,  request.path(),     parameters.query(),
            headers, v3->signed_headers, hash < headers.size() ? headers[hash].value : ""};
        changed = fill_placeholder(values[authorization], "Signature", hotlive::acs3_signature(key, view));
        headers[authorization].value = values[authorization];
    } else if (parameters.find("Signature") == placeholder) {
        const std::string signature = hotlive::percent_encode(hotlive::rpc_v1_signature(key, method, parameters.all()));
        changed = fill_placeholder(target, "Signature", signature) || fill_placeholder(body, "Signature", signature);
    }
    if (changed) request.assign(method, target, headers, body, request.keep_alive());
}

// Feeds `bytes` to a Beast parser as a stream would, then the end of the stream if the message is
// not complete. Returns the bytes used.
template <class Parser>
std::size_t feed(Parser& parser, std::string_view bytes, boost::beast::error_code& ec) {
    std::size_t used = 0;
    while (!parser.is_done()) {
        std::size_t n = 0;
        if (used < bytes.size()) n = parser.put(boost::asio::buffer(bytes.data() + used, bytes.size() - used), ec);
        used += n;
        if (ec == http::error::need_more) ec = {};
        if (ec) break;
        if (n == 0) {  // nothing more to give it: the peer closed its side
            parser.put_eof(ec);
            break;
        }
    }
    return used;
}

// The service's answer must be one complete HTTP response, unless it is cut short on purpose.
void check_answer(const std::string& out, const emu::response_plan& plan) {
    if (plan.head_size > out.size()) std::abort();
    http::response_parser<http::string_body> parser;
    parser.eager(true);
    boost::beast::error_code ec;
    const std::size_t used = feed(parser, out, ec);
    if (plan.how == emu::delivery::truncate) return;
    if (ec || !parser.is_done() || used != out.size()) std::abort();
    if (parser.get().body().size() != out.size() - plan.head_size) std::abort();
}

// The status the server refuses unreadable bytes with (0: it just closes).
int refusal_status(const boost::beast::error_code& ec) {
    if (ec == http::error::header_limit) return 431;
    if (ec == http::error::body_limit) return 413;
    if (ec == http::error::end_of_stream || ec == http::error::partial_message) return 0;
    return 400;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const hotlive::emulator_config config = make_config();
    emu::service service{config};
    emu::http_request request;
    std::string out;
    const auto* bytes = reinterpret_cast<const char*>(data);
    std::size_t used = 0;
    for (int n = 0; n < max_pipelined && used < size; ++n) {
        emu::request_parser parser{request};
        parser.eager(true);
        boost::beast::error_code ec;
        used += feed(parser, std::string_view{bytes + used, size - used}, ec);
        if (ec || !parser.is_done()) {
            if (const int status = refusal_status(ec); status != 0) {
                const emu::response_plan plan = service.refuse(status, out);
                check_answer(out, plan);
                if (!plan.close) std::abort();
            }
            return 0;
        }
        sign_placeholders(request);
        const emu::response_plan plan = service.handle(request, out);
        check_answer(out, plan);
        if (plan.close || !request.keep_alive()) return 0;
    }
    return 0;
}
