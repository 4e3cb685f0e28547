// A journal read line by line, each record handed to a visitor with where it stands: read_journal
// collects them by key, a resume by the row of its own plan, in bounded memory.
#pragma once

#include "hotlive/attempt_record.hpp"
#include "hotlive/call_result.hpp"
#include "hotlive/journal.hpp"
#include "hotlive/report_contents.hpp"

#include <filesystem>
#include <string>

namespace hotlive::detail {

class journal_visitor {
public:
    virtual ~journal_visitor() = default;
    virtual void on_run(report_info&& run) = 0;  // a run's first line
    virtual void on_call(call_result&& call, journal_position where) = 0;
    virtual void on_attempt(attempt_record&& attempt) = 0;   // about to be sent
    virtual void on_answered(attempt_record&& attempt) = 0;  // answered, not warm (no nonce)
    virtual void on_damaged_line() = 0;                      // torn or not a record
    // Asked before each line: false ends the scan there (an interrupt during a long read).
    [[nodiscard]] virtual bool wants_more() const { return true; }
};

// Reads every line of the journal at `path` in order. Returns why it could not be read, or "".
[[nodiscard]] std::string scan_journal(const std::filesystem::path& path, journal_visitor& visitor);

}  // namespace hotlive::detail
