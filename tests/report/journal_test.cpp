// The journal: a line per finished call, nothing lost to a SIGKILL, torn lines skipped on reading.
#include "hotlive/journal.hpp"
#include "hotlive/attempt_record.hpp"
#include "hotlive/report_contents.hpp"
#include "hotlive/report_format.hpp"
#include "hotlive/report_writer.hpp"
#include "report/call_json.hpp"
#include "report/sample_report.hpp"
#include "support/temp_dir.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <csignal>
#include <fstream>
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

void append_text(const std::filesystem::path& path, std::string_view text) {
    std::ofstream out(path, std::ios::binary | std::ios::app);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

// The lines of the report's "calls" array, as the JSON report renders them.
std::vector<std::string> report_call_lines(const report& r) {
    const auto json = render_report(r, report_format::json);
    std::vector<std::string> lines;
    std::istringstream in(json);
    for (std::string line; std::getline(in, line);) {
        if (!line.starts_with("{\"key\"")) continue;
        if (line.ends_with(",")) line.pop_back();
        lines.push_back(line);
    }
    return lines;
}

// The one line the report renders for `call`.
std::string line_of(const call_result& call) {
    report r;
    r.calls.push_back(call);
    return report_call_lines(r).at(0);
}

attempt_record attempt_of(const call_result& call, std::uint32_t number, std::string nonce) {
    return {call.key, number, std::move(nonce), test::utc_ms(2026, 12, 31, 11, 30, static_cast<int>(number))};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(journal)

BOOST_AUTO_TEST_CASE(each_append_is_one_line_holding_the_call_as_the_report_does) {
    temp_dir dir;
    const auto path = dir.path() / "run.journal";
    const auto r = test::sample_report();
    {
        journal_writer writer(path);
        BOOST_TEST_REQUIRE(writer.ok(), writer.error());
        for (const auto& c : r.calls) BOOST_TEST(writer.append(c));
    }
    std::string expected;
    for (const auto& line : report_call_lines(r)) expected += line + "\n";
    BOOST_TEST(contents(path) == expected);
}

BOOST_AUTO_TEST_CASE(reading_gives_back_the_calls_in_order) {
    temp_dir dir;
    const auto path = dir.path() / "run.journal";
    const auto r = test::sample_report();
    {
        journal_writer writer(path);
        for (const auto& c : r.calls) writer.append(c);
    }
    const auto read = read_journal(path);
    BOOST_TEST(read.error.empty(), read.error);
    BOOST_TEST(read.skipped_lines == 0u);
    BOOST_TEST_REQUIRE(read.results.size() == r.calls.size());
    for (std::size_t i = 0; i < r.calls.size(); ++i) {
        BOOST_TEST(read.results[i].key == r.calls[i].key);
        BOOST_TEST((read.results[i].status == r.calls[i].status));
        BOOST_TEST((read.results[i].message == r.calls[i].message));
        BOOST_TEST((read.results[i].finished_at == r.calls[i].finished_at));
    }
}

// Issue 16: a skipped call's line names the call whose answer condemned it, and reads back.
BOOST_AUTO_TEST_CASE(a_skipped_calls_line_holds_skipped_because_and_reads_back) {
    temp_dir dir;
    const auto path = dir.path() / "run.journal";
    const auto skipped = test::skipped_call("a", "SHH", "Forbidden.RAM", "User not authorized to operate.",
                                            "rts.example.com/live/b@ZHJ", "5C2E1F2A-0004");
    auto no_request_id =
        test::skipped_call("c", "SHH", "InvalidSecurityToken.Expired", "Specified SecurityToken is expired.",
                           "rts.example.com/live/b@GUD", std::nullopt);
    {
        journal_writer writer(path);
        BOOST_TEST(writer.append(skipped));
        BOOST_TEST(writer.append(no_request_id));
    }
    BOOST_TEST(
        contents(path) ==
        "{\"key\":\"rts.example.com/live/a@SHH\",\"domain\":\"rts.example.com\",\"app\":\"live\",\"stream\":\"a\","
        "\"region\":\"SHH\",\"status\":\"skipped\",\"attempts\":0,\"run_attempts\":0,\"ambiguous_attempts\":0,"
        "\"throttled_attempts\":0,\"http_status\":0,\"code\":\"Forbidden.RAM\",\"message\":\"User not authorized to "
        "operate.\","
        "\"request_id\":null,\"first_attempt_at\":null,\"finished_at\":\"2026-12-31T11:30:03.000Z\","
        "\"latency_ms\":null,\"parameters_digest\":null,"
        "\"skipped_because\":{\"key\":\"rts.example.com/live/b@ZHJ\",\"request_id\":\"5C2E1F2A-0004\"}}\n" +
            line_of(no_request_id) + "\n");
    BOOST_TEST(line_of(no_request_id)
                   .ends_with(",\"skipped_because\":{\"key\":\"rts.example.com/live/b@GUD\",\"request_id\":null}}"));
    const auto read = read_journal(path);
    BOOST_TEST(read.skipped_lines == 0u);
    BOOST_TEST_REQUIRE(read.results.size() == 2u);
    BOOST_TEST((read.results[0].status == call_status::skipped));
    BOOST_TEST((read.results[0].code == skipped.code));
    BOOST_TEST((read.results[0].skipped_because_key == skipped.skipped_because_key));
    BOOST_TEST((read.results[0].skipped_because_request_id == skipped.skipped_because_request_id));
    BOOST_TEST((read.results[1].skipped_because_key == no_request_id.skipped_because_key));
    BOOST_TEST(!read.results[1].skipped_because_request_id.has_value());
}

// Issue 17: a call's throttled attempts travel through the journal as through the report; a line
// journalled before the field reads as none throttled.
BOOST_AUTO_TEST_CASE(a_calls_line_holds_its_throttled_attempts_and_an_older_line_reads_as_none) {
    temp_dir dir;
    const auto path = dir.path() / "run.journal";
    auto throttled = test::failed_call("a", "SHH", "Throttling.User", "Request was denied due to user flow control.");
    throttled.throttled_attempts = 3;
    auto older = line_of(test::failed_call("b", "SHH", "InternalError", "try again"));
    const std::string_view field = ",\"throttled_attempts\":0";
    older.erase(older.find(field), field.size());
    { journal_writer(path).append(throttled); }
    append_text(path, older + "\n");
    BOOST_TEST(contents(path).find(",\"ambiguous_attempts\":1,\"throttled_attempts\":3,\"http_status\":500,") !=
               std::string::npos);
    const auto read = read_journal(path);
    BOOST_TEST(read.skipped_lines == 0u);
    BOOST_TEST_REQUIRE(read.results.size() == 2u);
    BOOST_TEST(read.results[0].throttled_attempts == 3u);
    BOOST_TEST(read.results[1].key == "rts.example.com/live/b@SHH");
    BOOST_TEST(read.results[1].throttled_attempts == 0u);
}

BOOST_AUTO_TEST_CASE(a_skipped_line_without_skipped_because_is_not_a_record) {
    temp_dir dir;
    const auto path = dir.path() / "run.journal";
    auto line = line_of(test::skipped_call("a", "SHH", "NoPermission", "m", "rts.example.com/live/b@ZHJ", "R"));
    line.erase(line.find(",\"skipped_because\""));
    append_text(path, line + "}\n");
    const auto read = read_journal(path);
    BOOST_TEST(read.skipped_lines == 1u);
    BOOST_TEST(read.results.empty());
}

BOOST_AUTO_TEST_CASE(a_later_line_for_a_key_replaces_the_earlier_one_in_its_first_place) {
    temp_dir dir;
    const auto path = dir.path() / "run.journal";
    auto first = test::failed_call("a", "SHH", "InternalError", "try again");
    const auto second = test::succeeded_call("b", "SHH");
    auto again = test::succeeded_call("a", "SHH");
    again.attempts = 2;
    {
        journal_writer writer(path);
        writer.append(first);
        writer.append(second);
        writer.append(again);
    }
    const auto read = read_journal(path);
    BOOST_TEST_REQUIRE(read.results.size() == 2u);
    BOOST_TEST(read.results[0].key == first.key);
    BOOST_TEST((read.results[0].status == call_status::succeeded));
    BOOST_TEST(read.results[0].attempts == 2u);
    BOOST_TEST(read.results[1].key == second.key);
}

BOOST_AUTO_TEST_CASE(appending_to_an_existing_journal_keeps_its_lines) {
    temp_dir dir;
    const auto path = dir.path() / "run.journal";
    { journal_writer(path).append(test::succeeded_call("a", "SHH")); }
    { journal_writer(path).append(test::succeeded_call("b", "SHH")); }
    const auto read = read_journal(path);
    BOOST_TEST(read.results.size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_torn_last_line_is_skipped_and_counted) {
    temp_dir dir;
    const auto path = dir.path() / "run.journal";
    { journal_writer(path).append(test::succeeded_call("a", "SHH")); }
    const auto line = line_of(test::succeeded_call("b", "SHH"));
    append_text(path, line.substr(0, line.size() / 2));
    const auto read = read_journal(path);
    BOOST_TEST(read.error.empty());
    BOOST_TEST(read.skipped_lines == 1u);
    BOOST_TEST_REQUIRE(read.results.size() == 1u);
    BOOST_TEST(read.results[0].key == "rts.example.com/live/a@SHH");
}

BOOST_AUTO_TEST_CASE(invalid_lines_in_the_middle_are_skipped_and_counted_blank_ones_ignored) {
    temp_dir dir;
    const auto path = dir.path() / "run.journal";
    { journal_writer(path).append(test::succeeded_call("a", "SHH")); }
    append_text(path, "not json\n{\"key\":\"x\"}\n\n[]\n");
    { journal_writer(path).append(test::succeeded_call("b", "SHH")); }
    const auto read = read_journal(path);
    BOOST_TEST(read.skipped_lines == 3u);
    BOOST_TEST(read.results.size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_last_line_without_its_line_break_counts_when_whole) {
    temp_dir dir;
    const auto path = dir.path() / "run.journal";
    const auto line = line_of(test::succeeded_call("a", "SHH"));
    append_text(path, line);
    const auto read = read_journal(path);
    BOOST_TEST(read.skipped_lines == 0u);
    BOOST_TEST(read.results.size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_writer_reopening_a_torn_journal_starts_a_fresh_line) {
    temp_dir dir;
    const auto path = dir.path() / "run.journal";
    { journal_writer(path).append(test::succeeded_call("a", "SHH")); }
    append_text(path, "{\"key\":\"rts.example.com/live/b@SH");  // the run was killed here
    { journal_writer(path).append(test::succeeded_call("c", "SHH")); }
    const auto read = read_journal(path);
    BOOST_TEST(read.skipped_lines == 1u);
    BOOST_TEST_REQUIRE(read.results.size() == 2u);
    BOOST_TEST(read.results[1].key == "rts.example.com/live/c@SHH");
}

BOOST_AUTO_TEST_CASE(lines_longer_than_a_read_chunk_are_read_whole) {
    temp_dir dir;
    const auto path = dir.path() / "run.journal";
    auto big = test::failed_call("a", "SHH", "InternalError", std::string(3 << 20, 'm'));
    {
        journal_writer writer(path);
        for (int i = 0; i < 3; ++i) writer.append(test::succeeded_call("s" + std::to_string(i), "SHH"));
        writer.append(big);
        writer.append(test::succeeded_call("z", "SHH"));
    }
    const auto read = read_journal(path);
    BOOST_TEST(read.skipped_lines == 0u);
    BOOST_TEST_REQUIRE(read.results.size() == 5u);
    BOOST_TEST(read.results[3].message->size() == big.message->size());
}

BOOST_AUTO_TEST_CASE(nothing_appended_is_lost_when_the_process_is_killed) {
    temp_dir dir;
    const auto path = dir.path() / "run.journal";
    const pid_t child = ::fork();
    BOOST_TEST_REQUIRE(child >= 0);
    if (child == 0) {
        // No destructor, no flush, no exit handler runs after SIGKILL: only what reached the kernel.
        journal_writer writer(path);
        for (int i = 0; i < 200; ++i) writer.append(test::succeeded_call("s" + std::to_string(i), "SHH"));
        ::kill(::getpid(), SIGKILL);
        ::_exit(0);
    }
    int status = 0;
    BOOST_TEST_REQUIRE(::waitpid(child, &status, 0) == child);
    BOOST_TEST_REQUIRE(WIFSIGNALED(status));
    BOOST_TEST(WTERMSIG(status) == SIGKILL);
    const auto read = read_journal(path);
    BOOST_TEST(read.skipped_lines == 0u);
    BOOST_TEST(read.results.size() == 200u);
}

BOOST_AUTO_TEST_CASE(a_journal_that_cannot_be_opened_says_why) {
    temp_dir dir;
    const auto path = dir.path() / "missing-dir" / "run.journal";
    journal_writer writer(path);
    BOOST_TEST(!writer.ok());
    BOOST_TEST(writer.error() == "cannot open the journal " + path.string() + ": No such file or directory");
    BOOST_TEST(!writer.append(test::succeeded_call("a", "SHH")));
}

BOOST_AUTO_TEST_CASE(a_failed_append_returns_false_with_the_reason) {
    journal_writer writer("/dev/full");
    BOOST_TEST_REQUIRE(writer.ok(), writer.error());
    BOOST_TEST(!writer.append(test::succeeded_call("a", "SHH")));
    BOOST_TEST(writer.error() == "cannot append to the journal: No space left on device");
}

BOOST_AUTO_TEST_CASE(staged_lines_reach_the_file_together_at_the_commit_in_order) {
    temp_dir dir;
    const auto path = dir.path() / "run.journal";
    const auto a = test::succeeded_call("a", "SHH");
    const auto b = test::succeeded_call("b", "BEJ");
    journal_writer writer(path);
    BOOST_TEST_REQUIRE(writer.append_attempt(attempt_of(a, 1, "6f1c2a4e-0000-4000-8000-000000000001")));
    const std::string before = contents(path);
    journal_position where_a, where_b;
    BOOST_TEST(writer.stage(a, &where_a));
    BOOST_TEST(writer.stage_attempt(attempt_of(b, 1, "6f1c2a4e-0000-4000-8000-000000000002")));
    BOOST_TEST(writer.stage(b, &where_b));
    BOOST_TEST(writer.has_staged());
    BOOST_TEST(contents(path) == before);  // nothing written before the commit
    BOOST_TEST(writer.commit());
    BOOST_TEST(!writer.has_staged());
    const std::string after = contents(path);
    BOOST_TEST(after.substr(where_a.offset, where_a.length) == line_of(a));
    BOOST_TEST(after.substr(where_b.offset, where_b.length) == line_of(b));
    BOOST_TEST(after.size() == where_b.offset + where_b.length + 1);
    BOOST_TEST(writer.commit());  // nothing staged: nothing to do
    BOOST_TEST(contents(path) == after);
}

BOOST_AUTO_TEST_CASE(a_failed_commit_gives_back_the_lines_it_could_not_write) {
    journal_writer writer("/dev/full");
    BOOST_TEST_REQUIRE(writer.ok(), writer.error());
    const auto a = test::succeeded_call("a", "SHH");
    const auto b = test::succeeded_call("b", "BEJ");
    journal_position where_a, where_b;
    BOOST_TEST(writer.stage(a, &where_a));
    BOOST_TEST(writer.stage(b, &where_b));
    BOOST_TEST(!writer.commit());
    BOOST_TEST(writer.error() == "cannot append to the journal: No space left on device");
    BOOST_TEST(writer.unwritten(where_a) == line_of(a));
    BOOST_TEST(writer.unwritten(where_b) == line_of(b));
    BOOST_TEST(!writer.has_staged());
}

BOOST_AUTO_TEST_CASE(reading_a_missing_journal_is_an_error_naming_it) {
    temp_dir dir;
    const auto path = dir.path() / "run.journal";
    const auto read = read_journal(path);
    BOOST_TEST(read.error == "cannot open " + path.string() + ": No such file or directory");
    BOOST_TEST(read.results.empty());
}

BOOST_AUTO_TEST_CASE(an_empty_journal_holds_no_calls) {
    temp_dir dir;
    const auto path = dir.write("run.journal", "");
    const auto read = read_journal(path);
    BOOST_TEST(read.error.empty());
    BOOST_TEST(read.results.empty());
    BOOST_TEST(read.skipped_lines == 0u);
}

BOOST_AUTO_TEST_CASE(an_attempt_is_one_line_of_its_own_kind_that_older_readers_skip) {
    temp_dir dir;
    const auto path = dir.path() / "run.journal";
    const auto a = test::succeeded_call("a", "SHH");
    {
        journal_writer writer(path);
        BOOST_TEST(writer.append_attempt(attempt_of(a, 2, "6f1c2a4e-0000-4000-8000-000000000001")));
        BOOST_TEST(writer.append_answered(attempt_of(a, 2, "")));
    }
    BOOST_TEST(contents(path) ==
               R"({"attempt":{"key":"rts.example.com/live/a@SHH","n":2,"nonce":"6f1c2a4e-0000-4000-8000-000000000001",)"
               R"("timestamp":"2026-12-31T11:30:02.000Z"}})"
               "\n"
               R"({"answered":{"key":"rts.example.com/live/a@SHH","n":2}})"
               "\n");
    // A reader that knows only call lines finds none here.
    std::string problem;
    std::istringstream lines(contents(path));
    for (std::string line; std::getline(lines, line);) {
        BOOST_TEST(!detail::call_from_json(boost::json::parse(line), problem).has_value());
    }
}

BOOST_AUTO_TEST_CASE(an_attempt_without_a_later_line_for_its_call_leaves_the_call_in_doubt) {
    temp_dir dir;
    const auto path = dir.path() / "run.journal";
    const auto a = test::succeeded_call("a", "SHH");
    const auto b = test::succeeded_call("b", "SHH");
    {
        journal_writer writer(path);
        writer.append_attempt(attempt_of(b, 1, "nonce-b1"));
        writer.append_attempt(attempt_of(a, 1, "nonce-a1"));
        writer.append_answered(attempt_of(a, 1, ""));  // InternalError, say: the call goes on
        writer.append_attempt(attempt_of(a, 2, "nonce-a2"));
    }
    const auto read = read_journal(path);
    BOOST_TEST(read.skipped_lines == 0u);
    BOOST_TEST(read.results.empty());
    BOOST_TEST_REQUIRE(read.in_doubt.size() == 2u);  // by key
    BOOST_TEST(read.in_doubt[0].key == a.key);
    BOOST_TEST(read.in_doubt[0].number == 2u);
    BOOST_TEST(read.in_doubt[0].nonce == "nonce-a2");
    BOOST_TEST((read.in_doubt[0].timestamp == test::utc_ms(2026, 12, 31, 11, 30, 2)));
    BOOST_TEST(read.in_doubt[1].key == b.key);
    BOOST_TEST(read.in_doubt[1].nonce == "nonce-b1");
}

BOOST_AUTO_TEST_CASE(an_answer_or_a_finished_call_with_attempts_settles_the_last_attempt) {
    temp_dir dir;
    const auto path = dir.path() / "run.journal";
    const auto a = test::succeeded_call("a", "SHH");
    const auto b = test::failed_call("b", "SHH", "InternalError", "try again");
    const auto c = test::succeeded_call("c", "SHH");
    {
        journal_writer writer(path);
        writer.append_attempt(attempt_of(a, 1, "nonce-a1"));
        writer.append(a);
        writer.append_attempt(attempt_of(b, 3, "nonce-b3"));
        writer.append(b);
        writer.append_attempt(attempt_of(c, 1, "nonce-c1"));
        writer.append_attempt(attempt_of(c, 2, "nonce-c2"));
        writer.append_answered(attempt_of(c, 1, ""));  // not the last attempt: c stays in doubt
    }
    const auto read = read_journal(path);
    BOOST_TEST(read.results.size() == 2u);
    BOOST_TEST_REQUIRE(read.in_doubt.size() == 1u);
    BOOST_TEST(read.in_doubt[0].key == c.key);
    BOOST_TEST(read.in_doubt[0].nonce == "nonce-c2");
}

BOOST_AUTO_TEST_CASE(a_call_stopped_before_it_was_sent_again_stays_in_doubt) {
    temp_dir dir;
    const auto path = dir.path() / "run.journal";
    auto stopped = test::make_call("a", "SHH", call_status::not_started);  // a resumed run's, no attempt
    stopped.code = "stopped";
    {
        journal_writer writer(path);
        writer.append_attempt(attempt_of(stopped, 1, "nonce-a1"));  // the killed run's
    }
    { journal_writer(path).append(stopped); }
    const auto read = read_journal(path);
    BOOST_TEST_REQUIRE(read.results.size() == 1u);
    BOOST_TEST((read.results[0].status == call_status::not_started));
    BOOST_TEST_REQUIRE(read.in_doubt.size() == 1u);
    BOOST_TEST(read.in_doubt[0].nonce == "nonce-a1");
}

BOOST_AUTO_TEST_CASE(a_torn_attempt_line_is_skipped_and_counted_and_the_next_line_starts_fresh) {
    temp_dir dir;
    const auto path = dir.path() / "run.journal";
    const auto a = test::succeeded_call("a", "SHH");
    { journal_writer(path).append_attempt(attempt_of(a, 1, "nonce-a1")); }
    // Killed inside b's attempt line: b was never sent, and is not in doubt.
    append_text(path, R"({"attempt":{"key":"rts.example.com/live/b@SHH","n":1,"nonce":"nonce-)");
    { journal_writer(path).append_attempt(attempt_of(a, 2, "nonce-a2")); }
    append_text(path, "{\"attempt\":{\"key\":\"x\",\"n\":1}}\n");  // no nonce: damaged
    const auto read = read_journal(path);
    BOOST_TEST(read.error.empty());
    BOOST_TEST(read.skipped_lines == 2u);
    BOOST_TEST_REQUIRE(read.in_doubt.size() == 1u);
    BOOST_TEST(read.in_doubt[0].key == a.key);
    BOOST_TEST(read.in_doubt[0].nonce == "nonce-a2");
}

BOOST_AUTO_TEST_CASE(attempt_lines_between_calls_leave_the_calls_positions_exact) {
    temp_dir dir;
    const auto path = dir.path() / "run.journal";
    const auto a = test::succeeded_call("a", "SHH");
    const auto b = test::succeeded_call("b", "SHH");
    journal_position where_a, where_b;
    {
        journal_writer writer(path);
        writer.append_attempt(attempt_of(a, 1, "nonce-a1"));
        writer.append_attempt(attempt_of(b, 1, "nonce-b1"));
        BOOST_TEST(writer.append(a, &where_a));
        writer.append_answered(attempt_of(b, 1, ""));
        BOOST_TEST(writer.append(b, &where_b));
    }
    const auto text = contents(path);
    BOOST_TEST(text.substr(where_a.offset, where_a.length) == line_of(a));
    BOOST_TEST(text.substr(where_b.offset, where_b.length) == line_of(b));
}

BOOST_AUTO_TEST_SUITE_END()
