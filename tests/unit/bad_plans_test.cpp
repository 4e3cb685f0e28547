// The bad-plan corpus: tests/data/bad-plans holds one plan per operator mistake, and each file's
// header says what the loader must answer:
//
//   # expect: LINE:COL: TEXT           an error at LINE:COL (0:0: the whole file) containing TEXT
//   # expect-warning: LINE:COL: TEXT   the same for a warning
//   # must-not-contain: TEXT           no message may echo TEXT (a secret pasted into the plan)
//   # known-bug: WHY                   the loader is known to get this case wrong; reported, not failed
//   # why: WHAT                        the mistake the plan shows
//
// The counts must match too: every mistake of a plan is reported in one pass, with no extras.
#include "support/subprocess.hpp"

#include <hotlive/plan.hpp>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace fs = std::filesystem;
using hotlive::diagnostic;
using hotlive::severity;

struct expectation {
    int line = 0;
    int column = 0;
    std::string text;
};

struct bad_plan {
    fs::path path;
    std::vector<expectation> errors;
    std::vector<expectation> warnings;
    std::vector<std::string> must_not_contain;
    std::string known_bug;  // empty: every expectation must hold
    std::string why;
    std::vector<std::string> header_problems;
};

const fs::path corpus_dir = fs::path(HOTLIVE_TEST_DATA) / "bad-plans";

std::optional<int> parse_int(std::string_view text) {
    int value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value < 0) return std::nullopt;
    return value;
}

// "LINE:COL: TEXT".
std::optional<expectation> parse_expectation(std::string_view spec) {
    const auto first = spec.find(':');
    const auto second = first == std::string_view::npos ? first : spec.find(':', first + 1);
    if (second == std::string_view::npos || spec.substr(second + 1, 1) != " ") return std::nullopt;
    const auto line = parse_int(spec.substr(0, first));
    const auto column = parse_int(spec.substr(first + 1, second - first - 1));
    std::string text(spec.substr(second + 2));
    if (!line || !column || text.empty() || ((*line == 0) != (*column == 0))) return std::nullopt;
    return expectation{*line, *column, std::move(text)};
}

bad_plan read_bad_plan(const fs::path& path) {
    bad_plan plan;
    plan.path = path;
    std::ifstream in(path, std::ios::binary);
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();  // a CRLF plan keeps CRLF headers
        if (!line.starts_with('#')) break;
        const auto field = [&](std::string_view name) -> std::optional<std::string_view> {
            if (!std::string_view(line).starts_with(name)) return std::nullopt;
            return std::string_view(line).substr(name.size());
        };
        if (const auto spec = field("# expect: ")) {
            if (auto e = parse_expectation(*spec)) {
                plan.errors.push_back(std::move(*e));
            } else {
                plan.header_problems.push_back("malformed header line: " + line);
            }
        } else if (const auto warning_spec = field("# expect-warning: ")) {
            if (auto e = parse_expectation(*warning_spec)) {
                plan.warnings.push_back(std::move(*e));
            } else {
                plan.header_problems.push_back("malformed header line: " + line);
            }
        } else if (const auto text = field("# must-not-contain: ")) {
            plan.must_not_contain.emplace_back(*text);
        } else if (const auto bug = field("# known-bug: ")) {
            plan.known_bug = *bug;
        } else if (const auto why = field("# why: ")) {
            plan.why = *why;
        }
    }
    if (plan.errors.empty()) plan.header_problems.emplace_back("no '# expect:' line: a bad plan has an error");
    if (plan.why.empty()) plan.header_problems.emplace_back("no '# why:' line");
    return plan;
}

std::vector<bad_plan> corpus() {
    std::vector<fs::path> paths;
    for (const auto& entry : fs::directory_iterator(corpus_dir)) {
        if (entry.is_regular_file() && entry.path().extension() == ".yaml") paths.push_back(entry.path());
    }
    std::sort(paths.begin(), paths.end());
    std::vector<bad_plan> plans;
    for (const auto& p : paths) plans.push_back(read_bad_plan(p));
    return plans;
}

std::string describe(const std::vector<diagnostic>& diagnostics) {
    std::string text;
    for (const auto& d : diagnostics) text += "\n    " + hotlive::format(d);
    return text.empty() ? " (none)" : text;
}

// What the loader's answer gets wrong against the header; empty when it is right.
std::vector<std::string> mismatches(const bad_plan& plan, const hotlive::plan_result& result) {
    std::vector<std::string> problems;
    if (result.value) problems.emplace_back("the plan was accepted");
    const auto check = [&](severity level, const std::vector<expectation>& expected, std::string_view kind) {
        std::vector<const diagnostic*> found;
        for (const auto& d : result.diagnostics) {
            if (d.level == level) found.push_back(&d);
        }
        for (const auto& e : expected) {
            const bool present = std::any_of(found.begin(), found.end(), [&](const diagnostic* d) {
                return d->line == e.line && d->column == e.column && d->message.find(e.text) != std::string::npos;
            });
            if (!present) {
                problems.push_back("no " + std::string(kind) + " at " + std::to_string(e.line) + ":" +
                                   std::to_string(e.column) + " containing \"" + e.text + "\"");
            }
        }
        if (found.size() != expected.size()) {
            problems.push_back(std::to_string(found.size()) + " " + std::string(kind) + "s where the header expects " +
                               std::to_string(expected.size()));
        }
    };
    check(severity::error, plan.errors, "error");
    check(severity::warning, plan.warnings, "warning");
    for (const auto& d : result.diagnostics) {
        if (d.file != plan.path.string()) problems.push_back("a diagnostic names the file '" + d.file + "'");
        for (const auto& secret : plan.must_not_contain) {
            if (d.message.find(secret) != std::string::npos) problems.push_back("a message echoes '" + secret + "'");
        }
    }
    if (!problems.empty()) problems.back() += "; the loader said:" + describe(result.diagnostics);
    return problems;
}

std::string joined(const std::vector<std::string>& problems) {
    std::string text;
    for (const auto& p : problems) text += (text.empty() ? "" : "\n") + p;
    return text;
}

// A known bug is reported in the log without failing the suite, so the corpus can hold a case
// before its fix. `checks_everything`: these problems cover the whole header, so a known-bug
// case without any means the marker can go.
void settle(const bad_plan& plan, const std::vector<std::string>& problems, bool checks_everything) {
    if (plan.known_bug.empty()) {
        BOOST_TEST(problems.empty(), joined(problems));
    } else if (problems.empty()) {
        if (checks_everything) {
            BOOST_TEST_MESSAGE(plan.path.filename().string() << ": passes now; remove its '# known-bug:' line");
        }
    } else {
        BOOST_TEST_MESSAGE(plan.path.filename().string()
                           << ": known bug (" << plan.known_bug << "): " << problems.front());
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(bad_plans)

BOOST_AUTO_TEST_CASE(corpus_has_at_least_45_plans_with_well_formed_headers) {
    const auto plans = corpus();
    BOOST_TEST(plans.size() >= 45u);
    for (const auto& plan : plans) {
        BOOST_TEST_CONTEXT(plan.path.filename().string()) {
            for (const auto& p : plan.header_problems) BOOST_ERROR(p);
        }
    }
}

BOOST_AUTO_TEST_CASE(every_bad_plan_is_refused_with_exactly_its_expected_diagnostics) {
    for (const auto& plan : corpus()) {
        BOOST_TEST_CONTEXT(plan.path.filename().string()) {
            const auto result = hotlive::load_plan_file(plan.path);
            settle(plan, mismatches(plan, result), true);
        }
    }
}

BOOST_AUTO_TEST_CASE(validate_exits_2_and_prints_the_first_error_located) {
    for (const auto& plan : corpus()) {
        if (plan.errors.empty()) continue;  // reported by the header check
        BOOST_TEST_CONTEXT(plan.path.filename().string()) {
            const std::string path = plan.path.string();
            hotlive::test::process_options options;
            options.env_set["NO_COLOR"] = "1";
            const auto run = hotlive::test::run_hotlive({"validate", path}, options);
            const auto& first = plan.errors.front();
            const std::string located =
                path + (first.line > 0 ? ":" + std::to_string(first.line) + ":" + std::to_string(first.column) : "") +
                ": error: ";
            std::vector<std::string> problems;
            if (run.exit_code != 2) problems.push_back("exit code " + std::to_string(run.exit_code) + ", not 2");
            if (!run.out.empty()) problems.push_back("stdout is not empty: " + run.out);
            // The located prefix and the expected text on one line of stderr.
            bool found = false;
            for (std::size_t start = 0; start < run.err.size() && !found;) {
                const auto end = std::min(run.err.find('\n', start), run.err.size());
                const std::string_view line(run.err.data() + start, end - start);
                found = line.starts_with(located) && line.find(first.text) != std::string_view::npos;
                start = end + 1;
            }
            if (!found)
                problems.push_back("stderr has no line \"" + located + "…" + first.text + "…\"; it is:\n" + run.err);
            for (const auto& secret : plan.must_not_contain) {
                if (run.err.find(secret) != std::string::npos) problems.push_back("stderr echoes '" + secret + "'");
            }
            settle(plan, problems, false);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
