// The top-level fields of a JSON report, checked and copied; "calls" is read element by element
// by the parser (json_read.cpp) and only its presence is checked here.
#pragma once

#include "hotlive/report_contents.hpp"

#include <boost/json/object.hpp>

#include <string>

namespace hotlive::detail {

// plan, source, endpoint, shard, started_at, finished_at and the later fields (last_run_started_at,
// the identity fields, clock_offset_ms, pace, hotlive_version and
// hotlive_commit) into `r`; errors as "field: reason".
[[nodiscard]] bool read_report_fields(const boost::json::object& top, report& r, std::string& error);

// The fields a journal's run line holds (plan, source, endpoint, shard, started_at and the
// identity fields), into `r`.
[[nodiscard]] bool read_run_fields(const boost::json::object& run, report_info& r, std::string& error);

// Appends "plan":…,"source":…,"endpoint":…,"shard":{…},"account":…,"plan_digest":…,"calls_digest":…:
// who ran a report's calls, as the report's header and a journal's run line both say it.
void append_who_ran(std::string& out, const report_info& r);

// Appends the run line's object: {"plan":…,…} with the fields read_run_fields reads.
void append_run_json(std::string& out, const report_info& r);

// Whether "totals" are the totals of the calls: a report that disagrees with itself is not one a
// --resume should trust.
[[nodiscard]] bool check_report_totals(const boost::json::object& top, const report_totals& actual, std::string& error);

}  // namespace hotlive::detail
