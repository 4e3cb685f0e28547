// `hotlive run --verbose` against a server whose Code, Message and RequestId carry terminal
// escape sequences and a forged line: the summary (stdout) and the per-call lines (stderr) must
// show that text escaped, so that no byte the server chose acts on the terminal or the log file
// that receives it.
#include "hostile/hostile_server.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"
#include "text/quote.hpp"

#include <hotlive/exit_codes.hpp>

#include <boost/test/unit_test.hpp>

#include <limits>
#include <optional>
#include <string>
#include <string_view>

using namespace hotlive::test;

namespace {

// Where the first byte a terminal would obey is: a C0 control other than the line feed, DEL, or
// a C1 control (U+0080 to U+009F, C2 80 to C2 9F in UTF-8).
std::optional<std::size_t> first_control(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if ((byte < 0x20 && byte != '\n') || byte == 0x7f) return i;
        if (byte == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9f) return i;
    }
    return std::nullopt;
}

bool some_line_starts_with(std::string_view text, std::string_view start) {
    for (std::size_t line = 0; line != std::string_view::npos;) {
        if (text.substr(line).starts_with(start)) return true;
        line = text.find('\n', line);
        if (line != std::string_view::npos) ++line;
    }
    return false;
}

// Every byte shown, for a failure message that does not itself drive the terminal of whoever
// reads the test log.
std::string shown(std::string_view text) {
    return hotlive::detail::printable(text, std::numeric_limits<std::size_t>::max());
}

}  // namespace

BOOST_AUTO_TEST_CASE(server_text_reaches_the_terminal_escaped) {
    const hostile_server server(hostile_behaviour::terminal_escapes);
    const temp_dir dir;
    const auto plan = dir.write(
        "plan.yaml", "version: 1\nname: escapes\nendpoint: http://127.0.0.1:" + std::to_string(server.port()) +
                         "\ndefaults: { domain: rts.example.com, app: live, audio_msid: rts "
                         "audio, video_msid: rts video }\n"
                         "streams:\n  - { stream: s, regions: [SHH, JSU] }\n");
    process_options options;
    options.env_set = {{"ALIBABA_CLOUD_ACCESS_KEY_ID", "terminal-test-id"},
                       {"ALIBABA_CLOUD_ACCESS_KEY_SECRET", "terminal-test-secret"},
                       {"HOME", dir.path().string()}};
    options.env_unset = {"ALIBABA_CLOUD_PROFILE", "ALIBABA_CLOUD_SECURITY_TOKEN", "HOTLIVE_LOG_FORMAT"};

    const auto r =
        run_hotlive({"run", plan.string(), "--verbose", "--report", (dir.path() / "report.json").string()}, options);
    BOOST_TEST(r.exit_code == hotlive::exit_code::some_failed, shown(r.err));

    for (const auto& [stream, text] : {std::pair{"stdout", r.out}, std::pair{"stderr", r.err}}) {
        BOOST_TEST_CONTEXT(stream << ": " << shown(text)) {
            const auto control = first_control(text);
            BOOST_TEST(!control.has_value(), "a control byte at " << control.value_or(0));
            BOOST_TEST(!some_line_starts_with(text, forged_line));
        }
    }
    // Shown, not dropped: the summary has the code and the message, the --verbose lines the code
    // and the request id, each escaped.
    const std::string escaped_attack = R"(\x0D\x0Ahotlive: all 70 calls warm\x1B[2J\x1B]8;;http://x\x1B\x)";
    BOOST_TEST(r.out.find("  C" + escaped_attack) != std::string::npos, shown(r.out));
    BOOST_TEST(r.out.find("  M" + escaped_attack) != std::string::npos, shown(r.out));
    BOOST_TEST(r.err.find(" C" + escaped_attack) != std::string::npos, shown(r.err));
    BOOST_TEST(r.err.find("request_id=R" + escaped_attack) != std::string::npos, shown(r.err));
}
