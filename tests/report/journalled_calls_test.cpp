// A run's report rendered from its journal by position: the same bytes as from memory, whatever
// the completion order, in blocks larger than the output's, and a clear error when it cannot be.
#include "hotlive/journalled_calls.hpp"
#include "hotlive/journal.hpp"
#include "hotlive/report_contents.hpp"
#include "hotlive/report_format.hpp"
#include "hotlive/report_writer.hpp"
#include "report/sample_report.hpp"
#include "support/temp_dir.hpp"

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <random>
#include <sstream>

using namespace hotlive;
using hotlive::test::temp_dir;

namespace {

std::string contents(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// `n` calls of every status, with optional fields set on some.
report many_calls(std::size_t n) {
    report r;
    r.plan = "many";
    r.source = "many.yaml";
    r.endpoint = "http://127.0.0.1:1";
    r.started_at = test::utc_ms(2026, 11, 25, 18, 0, 0);
    r.finished_at = test::utc_ms(2026, 11, 25, 18, 5, 0);
    for (std::size_t i = 0; i < n; ++i) {
        auto c = test::make_call("s" + std::to_string(i), "R" + std::to_string(i % 7), static_cast<call_status>(i % 4));
        c.attempts = static_cast<std::uint32_t>(i % 5);
        if (i % 3 == 0) c.code = "InternalError";
        if (i % 3 == 0) c.message = "message " + std::to_string(i);
        if (i % 2 == 0) c.request_id = "0000-" + std::to_string(i);
        r.calls.push_back(std::move(c));
    }
    return r;
}

// Journals the calls in a shuffled order (as a run finishes them) and records where each went;
// every fifth is kept in memory instead, as a resumed run's carried calls are.
journalled_calls journal_shuffled(const report& r, const std::filesystem::path& journal_path) {
    journalled_calls calls(journal_path, r.calls.size());
    std::vector<std::size_t> order(r.calls.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::shuffle(order.begin(), order.end(), std::mt19937{7});
    journal_writer journal(journal_path);
    BOOST_REQUIRE(journal.ok());
    for (const std::size_t row : order) {
        if (row % 5 == 0) {
            calls.set_in_memory(row, r.calls[row]);
            continue;
        }
        journal_position where;
        BOOST_REQUIRE(journal.append(r.calls[row], &where));
        calls.set_journalled(row, where);
    }
    return calls;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(journalled_calls_suite)

BOOST_AUTO_TEST_CASE(a_report_written_from_the_journal_equals_the_one_rendered_from_memory) {
    temp_dir dir;
    // Large enough that the JSON is several of the output's blocks and the journal several of
    // the reader's windows.
    const report r = many_calls(6000);
    const auto calls = journal_shuffled(r, dir.path() / "run.journal");
    for (const auto format : {report_format::json, report_format::csv, report_format::junit, report_format::md}) {
        const auto path = dir.path() / "report.out";
        const auto error = write_report(path, report_view{r, r.totals(), calls}, format);
        BOOST_TEST_REQUIRE(!error.has_value(), *error);
        BOOST_TEST((contents(path) == render_report(r, format)));
    }
    BOOST_TEST(calls.failure().empty());
}

BOOST_AUTO_TEST_CASE(a_journal_that_was_tampered_with_fails_the_report_and_keeps_the_old_one) {
    temp_dir dir;
    const report r = many_calls(50);
    const auto journal_path = dir.path() / "run.journal";
    const auto calls = journal_shuffled(r, journal_path);
    std::filesystem::resize_file(journal_path, 10);
    const auto path = dir.path() / "report.json";
    {
        std::ofstream old(path);
        old << "old";
    }
    const auto error = write_report(path, report_view{r, r.totals(), calls}, report_format::json);
    BOOST_TEST_REQUIRE(error.has_value());
    BOOST_TEST(error->find("journal") != std::string::npos, *error);
    BOOST_TEST(contents(path) == "old");
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) ++files;
    BOOST_TEST(files == 2u);  // the journal and the old report: no temporary left behind
}

BOOST_AUTO_TEST_CASE(a_call_without_a_result_fails_the_report) {
    temp_dir dir;
    const report r = many_calls(3);
    journalled_calls calls(dir.path() / "run.journal", 3);
    calls.set_in_memory(0, r.calls[0]);
    calls.set_in_memory(2, r.calls[2]);
    const auto error = write_report(dir.path() / "report.json", report_view{r, r.totals(), calls}, report_format::csv);
    BOOST_TEST_REQUIRE(error.has_value());
    BOOST_TEST(*error == "call 2 of the report has no result");
    BOOST_TEST(!std::filesystem::exists(dir.path() / "report.json"));
}

BOOST_AUTO_TEST_SUITE_END()
