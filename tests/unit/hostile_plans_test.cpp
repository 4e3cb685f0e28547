// Plans built in memory to hurt the loader: parser traps, alias bombs, binary junk, oversized
// values, every numeric field pushed out of range, and repeated keys at every level. Each must
// end in a clean answer: a plan, or no plan and errors that say where. Nothing here measures
// time; ctest's timeout catches a hang.
#include "support/temp_dir.hpp"

#include <hotlive/plan.hpp>

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <ios>
#include <ostream>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

namespace data = boost::unit_test::data;
using hotlive::diagnostic;
using hotlive::plan_result;
using hotlive::severity;

constexpr const char* source = "hostile.yaml";

// A valid plan; the tests below insert or append one line to it.
//   1 version: 1            5   audio_msid: rts audio     9   - stream: gala-main
//   2 defaults:             6   video_msid: rts video
//   3   domain: …           7   regions: [GUD]
//   4   app: live           8 streams:
constexpr std::string_view base_plan =
    "version: 1\n"
    "defaults:\n"
    "  domain: rts.gala.example.com\n"
    "  app: live\n"
    "  audio_msid: rts audio\n"
    "  video_msid: rts video\n"
    "  regions: [GUD]\n"
    "streams:\n"
    "  - stream: gala-main\n";

plan_result load(std::string_view text) { return hotlive::load_plan_text(text, source); }

std::string all_messages(const plan_result& r) {
    std::string text;
    for (const auto& d : r.diagnostics) text += "\n    " + hotlive::format(d);
    return text;
}

// The text with control characters and bytes past ASCII as \xNN, safe to print in a log.
std::string printable(std::string_view text) {
    std::string out;
    for (const char ch : text) {
        const auto byte = static_cast<unsigned char>(ch);
        if (byte >= 0x20 && byte < 0x7f) {
            out += ch;
        } else {
            constexpr std::string_view hex = "0123456789abcdef";
            out += "\\x";
            out += hex[byte >> 4];
            out += hex[byte & 0xf];
        }
    }
    return out;
}

std::size_t error_count(const plan_result& r) {
    return static_cast<std::size_t>(std::count_if(r.diagnostics.begin(), r.diagnostics.end(),
                                                  [](const diagnostic& d) { return d.level == severity::error; }));
}

// A refused input: no plan, at least one error, and every position either the whole file (0:0)
// or a real place in the text.
void check_clean_refusal(const plan_result& r, std::string_view text) {
    BOOST_TEST(!r.value.has_value());
    BOOST_TEST(error_count(r) >= 1u);
    const auto lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
    for (const auto& d : r.diagnostics) {
        BOOST_TEST(d.file == source);
        BOOST_TEST(((d.line == 0 && d.column == 0) || (d.line > 0 && d.line <= lines && d.column > 0)),
                   "position " << d.line << ":" << d.column << " of " << hotlive::format(d));
        BOOST_TEST(!d.message.empty());
    }
}

// The one diagnostic of a plan with one mistake.
void check_single_error(const plan_result& r, int line, int column, std::string_view text) {
    BOOST_TEST(!r.value.has_value());
    BOOST_TEST_REQUIRE(r.diagnostics.size() == 1u, "diagnostics:" << all_messages(r));
    const auto& d = r.diagnostics.front();
    BOOST_TEST((d.level == severity::error));
    BOOST_TEST(d.line == line);
    BOOST_TEST(d.column == column);
    BOOST_TEST(d.message.find(text) != std::string::npos, "'" << d.message << "' lacks '" << text << "'");
}

// ---- numeric fields ------------------------------------------------------------------------

struct numeric_field {
    std::string_view section;  // "" for version, "defaults", "stream", or a top-level section
    std::string_view name;
    std::uint64_t min;
    std::uint64_t max;
};

std::ostream& operator<<(std::ostream& out, const numeric_field& f) {
    return out << (f.section.empty() ? "" : std::string(f.section) + ".") << f.name;
}

const std::vector<numeric_field> numeric_fields{
    {"", "version", 1, 1000},
    {"limits", "rate", 0, 100'000},
    {"limits", "burst", 1, 1'000},
    {"limits", "concurrency", 1, 4'096},
    {"retry", "max_attempts", 1, 100},
    {"retry", "base_delay_ms", 1, 60'000},
    {"retry", "throttle_base_delay_ms", 1, 60'000},
    {"retry", "max_delay_ms", 1, 600'000},
    {"timeouts", "connect_ms", 1, 300'000},
    {"timeouts", "request_ms", 1, 600'000},
    {"defaults", "connection_timeout_ms", 0, 4'294'967'295},
    {"defaults", "media_timeout_ms", 0, 4'294'967'295},
    {"stream", "connection_timeout_ms", 0, 4'294'967'295},
    {"stream", "media_timeout_ms", 0, 4'294'967'295},
};

struct placed_plan {
    std::string text;
    int line;  // where the value stands
    int column;
};

// base_plan with `field: value` written where the field belongs.
placed_plan with_field(const numeric_field& f, std::string_view value) {
    const std::string key = std::string(f.name) + ": ";
    std::string text(base_plan);
    if (f.section.empty()) {
        text.replace(0, std::string_view("version: 1").size(), key + std::string(value));
        return {text, 1, static_cast<int>(key.size()) + 1};
    }
    if (f.section == "defaults") {
        const auto after_video = text.find("  regions:");
        text.insert(after_video, "  " + key + std::string(value) + "\n");
        return {text, 7, static_cast<int>(key.size()) + 3};
    }
    if (f.section == "stream") {
        text += "    " + key + std::string(value) + "\n";
        return {text, 10, static_cast<int>(key.size()) + 5};
    }
    text += std::string(f.section) + ":\n  " + key + std::string(value) + "\n";
    return {text, 11, static_cast<int>(key.size()) + 3};
}

std::string range_of(const numeric_field& f) {
    return "between " + std::to_string(f.min) + " and " + std::to_string(f.max);
}

// ---- duplicate keys --------------------------------------------------------------------------

struct duplicate_case {
    std::string_view level;
    std::string text;
    int line;  // of the second key
    int column;
    std::string message;
};

std::ostream& operator<<(std::ostream& out, const duplicate_case& c) { return out << c.level; }

std::vector<duplicate_case> duplicate_cases() {
    const std::string base(base_plan);
    const auto insert_after_line = [&](int line, std::string_view lines) {
        std::size_t at = 0;
        for (int i = 0; i < line; ++i) at = base.find('\n', at) + 1;
        return base.substr(0, at) + std::string(lines) + base.substr(at);
    };
    return {
        {"top level", base + "version: 1\n", 10, 1, "duplicate key 'version' in the plan (first at line 1)"},
        {"defaults", insert_after_line(4, "  app: live\n"), 5, 3,
         "duplicate key 'app' in 'defaults' (first at line 4)"},
        {"stream entry", base + "    stream: gala-4k\n", 10, 5,
         "duplicate key 'stream' in a stream entry (first at line 9)"},
        {"limits", base + "limits:\n  rate: 9\n  rate: 5\n", 12, 3,
         "duplicate key 'rate' in 'limits' (first at line 11)"},
        {"retry", base + "retry: { max_attempts: 3, max_attempts: 5 }\n", 10, 27,
         "duplicate key 'max_attempts' in 'retry' (first at line 10)"},
        {"timeouts", base + "timeouts:\n  connect_ms: 5000\n  connect_ms: 3000\n", 12, 3,
         "duplicate key 'connect_ms' in 'timeouts' (first at line 11)"},
        {"schedule", base + "schedule:\n  deadline: 2026-12-31T19:58:00+08:00\n  deadline: 2026-12-31T19:59:00+08:00\n",
         12, 3, "duplicate key 'deadline' in 'schedule' (first at line 11)"},
        {"credentials", base + "credentials: { profile: prod, profile: staging }\n", 10, 31,
         "duplicate key in 'credentials"},  // keys of 'credentials' are never repeated
        {"region_groups", base + "region_groups:\n  south: [GUD]\n  south: [GXI]\n", 12, 3,
         "region group 'south' is defined twice (first at line 11)"},
    };
}

// ---- short inputs that trap YAML parsers -----------------------------------------------------

// The input that makes yaml-cpp's LoadAll loop for ever (falcosecurity/falco#3281), and others
// reported to hang or crash YAML parsers.
const std::vector<std::string> tricky_inputs{
    ",",
    "\n,\n    ",
    "\n- macro: exclude_commands\n  condition:\n    (user.uid = 1001 and user.loginuid in (-1, 1001) and "
    "proc.exepath = \"/usr/bin/script\" and proc.args in (\n\"/usr/local/bin/script_metrics.sh\",\n    \"-c "
    "rsync\"\n    )  )  \n    ",
    "[",
    "]",
    "{",
    "}:",
    "[:",
    "{:",
    "{# ke\ny{:",
    "bad YAML: [",
    "- !+(.,.)",
    "- - -",
    "? ",
    ":",
    "-",
    "&a",
    "*a",
    "&a [*a]",
    "!!binary",
    "!!binary aGVsbG8=",
    "!<tag:x> a",
    "'",
    "\"",
    "|",
    ">",
    "%YAML 1.2\n",
    "%YAML 1.2\n---\n",
    "...",
    "---\n---\n",
    "? a\n? a\n",
    "a: b: c",
    "[a, b]: c",
    "{[1]: 2}",
    "\xef\xbb\xbf",
    "\t",
    "\r",
    "\r\n\r\n",
    "version: 1\nstreams: [a]]\n",
    "version: 1\nstreams: {a\n",
};

}  // namespace

BOOST_AUTO_TEST_SUITE(hostile_plans)

// ---- parser traps and bombs -----------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_hundred_thousand_open_brackets_are_refused_by_the_depth_limit) {
    const std::string text(100'000, '[');
    const auto r = load(text);
    check_clean_refusal(r, text);
    BOOST_TEST(all_messages(r).find("nests deeper than 64 levels") != std::string::npos, all_messages(r));
}

BOOST_AUTO_TEST_CASE(deeply_nested_mappings_are_refused_by_the_depth_limit) {
    std::string flow;
    for (int i = 0; i < 100'000; ++i) flow += "{a: ";
    std::string block;
    for (int depth = 0; depth < 200; ++depth) block += std::string(static_cast<std::size_t>(2 * depth), ' ') + "a:\n";
    std::string sequences;
    for (int i = 0; i < 100'000; ++i) sequences += "- ";
    for (const auto& text : {flow, block, sequences}) {
        const auto r = load(text);
        check_clean_refusal(r, text);
        BOOST_TEST(all_messages(r).find("nests deeper than 64 levels") != std::string::npos, all_messages(r));
    }
}

BOOST_AUTO_TEST_CASE(block_nesting_is_located_at_the_first_level_too_deep) {
    std::string block;
    for (int depth = 0; depth < 100; ++depth) block += std::string(static_cast<std::size_t>(2 * depth), ' ') + "a:\n";
    const auto r = load(block);
    // Line 65 opens the 65th mapping, indented by 128 spaces.
    check_single_error(r, 65, 129, "the plan nests deeper than 64 levels");
}

BOOST_AUTO_TEST_CASE(inputs_that_trap_yaml_parsers_end_in_a_clean_refusal) {
    for (const auto& text : tricky_inputs) {
        BOOST_TEST_CONTEXT("input \"" << printable(text) << "\"") { check_clean_refusal(load(text), text); }
    }
}

BOOST_AUTO_TEST_CASE(a_lone_comma_is_refused_without_looping) {
    // yaml-cpp's LoadAll loops for ever here; the loader reads at most two documents.
    check_single_error(load(","), 0, 0, "more than one YAML document");
}

BOOST_AUTO_TEST_CASE(the_billion_laughs_alias_bomb_is_refused_at_its_first_anchor) {
    const std::string bomb =
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
        "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
        "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
        "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
        "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
        "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
        "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n";
    BOOST_TEST(bomb.size() < 400u);
    check_single_error(load(bomb), 1, 4, "anchors (&name) are not supported in plans");
}

BOOST_AUTO_TEST_CASE(an_alias_inside_a_plan_is_refused_at_its_anchor) {
    const std::string text = std::string(base_plan) + "    regions: &r [GUD]\n  - stream: gala-4k\n    regions: *r\n";
    check_single_error(load(text), 10, 14, "anchors (&name) are not supported in plans");
}

// ---- junk -----------------------------------------------------------------------------------

// Either answer is fine for junk; what matters is that the answer is consistent and a plan that
// comes back is usable.
void check_plan_or_refusal(const plan_result& r, std::string_view text) {
    BOOST_TEST(r.value.has_value() == !hotlive::has_errors(r.diagnostics), all_messages(r));
    if (!r.value) {
        check_clean_refusal(r, text);
        return;
    }
    BOOST_TEST(!r.value->streams.empty());
    for (const auto& s : r.value->streams) {
        BOOST_TEST((!s.domain.empty() && !s.app.empty() && !s.stream.empty() && !s.audio_msid.empty() &&
                    !s.video_msid.empty() && !s.regions.empty()),
                   "an accepted plan has an incomplete stream at line " << s.line);
    }
}

constexpr std::string_view yaml_alphabet = "[]{}:,-?&*!|>'\"#%@` \n\n\n  \tabcZ019._/\\";

BOOST_AUTO_TEST_CASE(binary_junk_gives_a_plan_or_errors_never_a_crash) {
    std::mt19937 random(20'270'101);  // fixed: a failure must be reproducible
    std::uniform_int_distribution<int> size(1024, 2048);
    std::uniform_int_distribution<int> byte(1, 255);  // NUL has its own test; it would end most cases early
    std::uniform_int_distribution<std::size_t> pick(0, yaml_alphabet.size() - 1);
    for (int i = 0; i < 1000; ++i) {
        std::string junk(static_cast<std::size_t>(size(random)), ' ');
        if (i % 2 == 0) {  // raw bytes
            for (auto& c : junk) c = static_cast<char>(byte(random));
        } else {  // YAML punctuation: reaches the parser's error paths
            for (auto& c : junk) c = yaml_alphabet[pick(random)];
        }
        BOOST_TEST_CONTEXT("case " << i) { check_plan_or_refusal(load(junk), junk); }
    }
}

BOOST_AUTO_TEST_CASE(a_plan_with_random_bytes_changed_gives_a_plan_or_errors_never_a_crash) {
    // Every section, so the changes reach the loader's checks and not only the parser.
    const std::string plan = std::string(base_plan) +
                             "    regions: [east-china, HKG]\n"
                             "  - stream: gala-4k\n"
                             "    video_msid: rts video 4k\n"
                             "    media_timeout_ms: 100000\n"
                             "name: new-year-gala-2027\n"
                             "endpoint: https://live.aliyuncs.com\n"
                             "credentials: { profile: prod }\n"
                             "region_groups:\n"
                             "  east-china: [SHH, JSU, ZHJ]\n"
                             "limits: { rate: 9, burst: 1, concurrency: 16 }\n"
                             "retry: { max_attempts: 3, base_delay_ms: 100, max_delay_ms: 20000 }\n"
                             "timeouts: { connect_ms: 5000, request_ms: 10000 }\n"
                             "schedule: { not_before: 2026-12-31T19:30:00+08:00, deadline: 2026-12-31T19:58:00Z }\n";
    BOOST_TEST_REQUIRE(load(plan).value.has_value(), all_messages(load(plan)));
    std::mt19937 random(20'261'231);
    std::uniform_int_distribution<std::size_t> where(0, plan.size() - 1);
    std::uniform_int_distribution<std::size_t> pick(0, yaml_alphabet.size() - 1);
    std::uniform_int_distribution<int> edits(1, 6);
    for (int i = 0; i < 1000; ++i) {
        std::string mutated = plan;
        for (int e = edits(random); e > 0; --e) mutated[where(random)] = yaml_alphabet[pick(random)];
        BOOST_TEST_CONTEXT("case " << i) { check_plan_or_refusal(load(mutated), mutated); }
    }
}

BOOST_AUTO_TEST_CASE(a_nul_byte_is_refused_before_parsing) {
    const std::string text = std::string("version: 1\n") + '\0' + "streams: [gala-main]\n";
    check_single_error(load(text), 0, 0, "the file contains a NUL byte at offset 11; a plan is UTF-8 text");

    const hotlive::test::temp_dir dir;
    const auto path = dir.write("nul.yaml", text);
    const auto r = hotlive::load_plan_file(path);
    BOOST_TEST(!r.value.has_value());
    BOOST_TEST_REQUIRE(r.diagnostics.size() == 1u);
    BOOST_TEST(r.diagnostics.front().file == path.string());
    BOOST_TEST(r.diagnostics.front().message.find("NUL byte at offset 11") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(empty_and_blank_input_is_refused_as_an_empty_file) {
    for (const std::string text : {"", "\n\n", "   \n", "# version: 1\n# streams: [a]\n"}) {
        BOOST_TEST_CONTEXT("input \"" << text << "\"") { check_single_error(load(text), 0, 0, "the file is empty"); }
    }
    const hotlive::test::temp_dir dir;
    const auto r = hotlive::load_plan_file(dir.write("empty.yaml", ""));
    BOOST_TEST(!r.value.has_value());
    BOOST_TEST_REQUIRE(r.diagnostics.size() == 1u);
    BOOST_TEST(r.diagnostics.front().message.find("the file is empty") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_path_that_is_not_a_readable_file_is_refused_without_reading) {
    const hotlive::test::temp_dir dir;
    // /dev/zero would never end; a directory and a missing file cannot be read.
    for (const auto& path : {dir.path() / "missing.yaml", dir.path(), std::filesystem::path("/dev/zero")}) {
        BOOST_TEST_CONTEXT(path) {
            const auto r = hotlive::load_plan_file(path);
            BOOST_TEST(!r.value.has_value());
            BOOST_TEST_REQUIRE(r.diagnostics.size() == 1u);
            BOOST_TEST(r.diagnostics.front().line == 0);
            BOOST_TEST(r.diagnostics.front().message.find("cannot read the plan") != std::string::npos,
                       r.diagnostics.front().message);
        }
    }
}

// ---- text: encoding and size --------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(invalid_utf8_in_a_stream_name_or_an_msid_is_refused_where_it_stands) {
    const std::vector<std::string> invalid{
        "\xff",              // never in UTF-8
        "\x80",              // a continuation byte alone
        "\xc3(",             // a lead byte without its continuation
        "\xc0\xaf",          // overlong '/'
        "\xe0\x80\xaf",      // overlong '/', three bytes
        "\xed\xa0\x80",      // a UTF-16 surrogate
        "\xf4\x90\x80\x80",  // past U+10FFFF
        "\xf8\x88\x80\x80\x80",
        "\xe2\x82",  // cut short at the end of the value
    };
    for (const auto& bytes : invalid) {
        BOOST_TEST_CONTEXT("bytes of length " << bytes.size() << " starting 0x" << std::hex
                                              << static_cast<int>(static_cast<unsigned char>(bytes.front()))) {
            std::string in_stream(base_plan);
            in_stream.replace(in_stream.find("gala-main"), 9, "gala-" + bytes);
            check_single_error(load(in_stream), 9, 13, "'stream' is not valid UTF-8; save the plan as UTF-8");

            // In the stream entry, which falls back to the default msid: a bad value in 'defaults'
            // also draws a spurious "has no 'audio_msid'" (corpus 057 pins that bug).
            const auto in_msid = std::string(base_plan) + "    audio_msid: rts audio " + bytes + "\n";
            check_single_error(load(in_msid), 10, 17, "'audio_msid' is not valid UTF-8; save the plan as UTF-8");
        }
    }
}

BOOST_AUTO_TEST_CASE(valid_multibyte_utf8_in_an_msid_is_accepted) {
    std::string text(base_plan);
    text.replace(text.find("rts audio"), 9, "rts audio \xe4\xb8\xad\xe6\x96\x87 \xf0\x9f\x8e\x86");
    const auto r = load(text);
    BOOST_TEST_REQUIRE(r.value.has_value(), all_messages(r));
    BOOST_TEST(r.value->streams.front().audio_msid == "rts audio \xe4\xb8\xad\xe6\x96\x87 \xf0\x9f\x8e\x86");
}

BOOST_AUTO_TEST_CASE(a_plan_over_10_mib_is_refused_by_the_size_cap_from_text_and_from_a_file) {
    // An 11 MB name: the cap is 10 MiB (10,485,760 bytes), so a 10,000,000-byte value would pass it.
    std::string text = std::string(base_plan) + "name: ";
    text.append(hotlive::max_plan_bytes + 1 - text.size() - 1, 'n');
    text += '\n';
    BOOST_TEST_REQUIRE(text.size() == hotlive::max_plan_bytes + 1);
    const std::string expected = "the file is 10485761 bytes, over the 10485760-byte limit for a plan";

    check_single_error(load(text), 0, 0, expected);

    const hotlive::test::temp_dir dir;
    const auto path = dir.write("huge.yaml", text);
    const auto r = hotlive::load_plan_file(path);
    BOOST_TEST(!r.value.has_value());
    BOOST_TEST_REQUIRE(r.diagnostics.size() == 1u);
    BOOST_TEST(r.diagnostics.front().line == 0);
    BOOST_TEST(r.diagnostics.front().message == expected);
}

BOOST_AUTO_TEST_CASE(a_plan_of_exactly_10_mib_passes_the_cap_and_its_long_value_is_refused) {
    std::string text = std::string(base_plan) + "name: ";
    const std::size_t filler = hotlive::max_plan_bytes - text.size() - 1;
    text.append(filler, 'n');
    text += '\n';
    BOOST_TEST_REQUIRE(text.size() == hotlive::max_plan_bytes);
    check_single_error(load(text), 10, 7, "'name' is " + std::to_string(filler) + " bytes long; the limit is 255");
}

BOOST_AUTO_TEST_CASE(a_9_mib_value_inside_the_cap_is_refused_as_too_long_for_its_field) {
    const std::string huge(9u << 20, 'x');
    const std::string too_long = "is 9437184 bytes long; the limit is 255";

    check_single_error(load(std::string(base_plan) + "name: " + huge + "\n"), 10, 7, "'name' " + too_long);

    std::string in_stream(base_plan);
    in_stream.replace(in_stream.find("gala-main"), 9, huge);
    check_single_error(load(in_stream), 9, 13, "'stream' " + too_long);

    check_single_error(load(std::string(base_plan) + "    audio_msid: " + huge + "\n"), 10, 17,
                       "'audio_msid' " + too_long);
}

// ---- numbers ----------------------------------------------------------------------------------

BOOST_DATA_TEST_CASE(a_numeric_field_out_of_its_range_is_refused_with_the_range, data::make(numeric_fields), field) {
    const std::string name(field.name);
    std::vector<std::string> outside{std::to_string(field.max + 1), "99999999999999999999999"};
    if (field.min > 0) outside.push_back(std::to_string(field.min - 1));
    for (const auto& value : outside) {
        BOOST_TEST_CONTEXT(field << ": " << value) {
            const auto p = with_field(field, value);
            check_single_error(load(p.text), p.line, p.column,
                               "'" + name + "' is " + value + "; it must be " + range_of(field));
        }
    }
    // The bounds themselves are in range: no message about the field's value.
    for (const auto bound : {field.min, field.max}) {
        BOOST_TEST_CONTEXT(field << ": " << bound) {
            const auto value = std::to_string(bound);
            const auto r = load(with_field(field, value).text);
            for (const auto& d : r.diagnostics) {
                BOOST_TEST(d.message.find("'" + name + "' is " + value + ";") == std::string::npos, d.message);
                BOOST_TEST(d.message.find("'" + name + "' must") == std::string::npos, d.message);
            }
        }
    }
}

BOOST_DATA_TEST_CASE(a_numeric_field_refuses_every_form_that_is_not_a_plain_whole_number, data::make(numeric_fields),
                     field) {
    const std::string name(field.name);
    const std::string must_be = "'" + name + "' must be a whole number " + range_of(field) + ", got ";
    const std::vector<std::pair<std::string, std::string>> forms{
        {"-1", "'" + name + "' must not be negative; use a whole number " + range_of(field)},
        {"2.5", must_be + "'2.5'"},
        {"1e3", must_be + "'1e3'"},
        {"0x10", must_be + "'0x10'"},
        {"0o17", must_be + "'0o17'"},
        {"1_000", must_be + "'1_000'"},
        {"+5", must_be + "'+5'"},
        {".inf", must_be + "'.inf'"},
        {"true", must_be + "'true'"},
        {"off", must_be + "'off'"},
        {"16 ms", must_be + "'16 ms'"},
        {"\"16\"", must_be + "the quoted text '16' (remove the quotes)"},
        {"'16'", must_be + "the quoted text '16' (remove the quotes)"},
        {"~", must_be + "nothing"},
        {"null", must_be + "nothing"},
        {"[16]", must_be + "a list"},
        {"{ms: 16}", must_be + "a mapping"},
    };
    for (const auto& [value, message] : forms) {
        BOOST_TEST_CONTEXT(field << ": " << value) {
            const auto p = with_field(field, value);
            check_single_error(load(p.text), p.line, p.column, message);
        }
    }
}

// ---- duplicate keys ---------------------------------------------------------------------------

BOOST_DATA_TEST_CASE(a_key_written_twice_is_refused_at_its_second_occurrence, data::make(duplicate_cases()), c) {
    check_single_error(load(c.text), c.line, c.column, c.message);
}

// ---- what messages repeat ----------------------------------------------------------------------

// Messages repeat unknown keys and regions: a plan must not put terminal escape sequences or
// invalid UTF-8 into the operator's terminal through them.
BOOST_AUTO_TEST_CASE(messages_never_carry_control_characters_or_invalid_utf8) {
    const auto escape_in_key = load(std::string(base_plan) + "\"\\e]0;owned\\a\": 1\n");
    for (const auto& d : escape_in_key.diagnostics) {
        BOOST_TEST(std::none_of(d.message.begin(), d.message.end(),
                                [](char ch) { return static_cast<unsigned char>(ch) < 0x20; }),
                   "a control character in: " << printable(d.message));
    }
    std::string bad_region(base_plan);
    bad_region.replace(bad_region.find("[GUD]"), 5, "[GU\xff]");
    const auto invalid_region = load(bad_region);
    for (const auto& d : invalid_region.diagnostics) {
        BOOST_TEST(d.message.find('\xff') == std::string::npos, "invalid UTF-8 in: " << printable(d.message));
    }
}

// Suggestions must not compare a huge unknown word with every candidate by full edit distance
// (1 MiB × 400 names took over a minute): the word is refused with an error that repeats only
// its first bytes.
BOOST_AUTO_TEST_CASE(a_megabyte_unknown_region_is_refused_promptly) {
    std::string text(base_plan);
    text.replace(text.find("[GUD]"), 5, "[" + std::string(1u << 20, 'x') + "]");
    const auto r = load(text);
    BOOST_TEST(!r.value.has_value());
    BOOST_TEST_REQUIRE(error_count(r) == 1u);
    BOOST_TEST(r.diagnostics.front().message.size() < 200u);
}

BOOST_AUTO_TEST_CASE(a_megabyte_unknown_key_is_refused_without_repeating_it) {
    const auto r = load(std::string(base_plan) + std::string(1u << 20, 'k') + ": 1\n");
    BOOST_TEST(!r.value.has_value());
    BOOST_TEST_REQUIRE(error_count(r) == 1u);
    BOOST_TEST(r.diagnostics.front().message.size() < 200u);
}

BOOST_AUTO_TEST_SUITE_END()
