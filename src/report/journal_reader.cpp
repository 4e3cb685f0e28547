// Reads a journal back: the last line of each call, in the order calls first appear, and the
// calls whose last attempt may have been delivered without its answer being journalled.
#include "hotlive/journal.hpp"
#include "report/call_json.hpp"
#include "report/file_io.hpp"
#include "report/journal_scan.hpp"
#include "report/json_fields.hpp"
#include "report/report_fields.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <limits>
#include <unordered_map>

namespace hotlive {
namespace {

// {"key":…,"n":…} of an attempt line or an answered line, with "nonce" and "timestamp" for the former.
std::optional<attempt_record> attempt_from_json(const boost::json::value& value, bool sent) {
    const auto* object = value.if_object();
    if (object == nullptr) return std::nullopt;
    std::string problem;
    detail::json_fields read{*object, problem};
    attempt_record attempt;
    std::uint64_t number = 0;
    std::optional<wall_time> timestamp;
    if (!read.text("key", attempt.key) || !read.whole("n", std::numeric_limits<std::uint32_t>::max(), number)) {
        return std::nullopt;
    }
    if (sent && !(read.text("nonce", attempt.nonce) && read.optional_time("timestamp", timestamp) && timestamp)) {
        return std::nullopt;
    }
    attempt.number = static_cast<std::uint32_t>(number);
    if (timestamp) attempt.timestamp = *timestamp;
    return attempt;
}

// Hands each line of a journal to a visitor.
class line_dispatcher {
public:
    explicit line_dispatcher(detail::journal_visitor& visitor) : visitor_(visitor) {}

    void line(std::string_view text, std::uint64_t offset) {
        if (text.empty()) return;  // not a record (a line break written after a torn line)
        boost::json::error_code ec;
        const boost::json::value value = boost::json::parse(boost::json::string_view(text.data(), text.size()), ec);
        if (!ec && tagged_line(value)) return;
        std::string problem;
        std::optional<call_result> call;
        if (!ec) call = detail::call_from_json(value, problem);
        if (!call) {
            // A torn line (the process died mid-write) or damage: the call is sent again on
            // resume, which is what "not journalled" means.
            visitor_.on_damaged_line();
            return;
        }
        visitor_.on_call(std::move(*call), {offset, static_cast<std::uint32_t>(text.size())});
    }

private:
    // Whether `value` is a line of one tagged object: an attempt, answered or run line (a valid
    // one is handed on, an invalid one counted as damaged).
    bool tagged_line(const boost::json::value& value) {
        const auto* object = value.if_object();
        if (object == nullptr || object->size() != 1) return false;
        const std::string_view tag(object->begin()->key().data(), object->begin()->key().size());
        const auto& content = object->begin()->value();
        if (tag == "run") {
            report_info run;
            std::string problem;
            const auto* fields = content.if_object();
            if (fields != nullptr && detail::read_run_fields(*fields, run, problem)) {
                visitor_.on_run(std::move(run));
            } else {
                visitor_.on_damaged_line();
            }
            return true;
        }
        if (tag != "attempt" && tag != "answered") return false;
        const bool sent = tag == "attempt";
        auto attempt = attempt_from_json(content, sent);
        if (!attempt) {
            visitor_.on_damaged_line();
        } else if (sent) {
            visitor_.on_attempt(std::move(*attempt));
        } else {
            visitor_.on_answered(std::move(*attempt));
        }
        return true;
    }

    detail::journal_visitor& visitor_;
};

class journal_collector final : public detail::journal_visitor {
public:
    explicit journal_collector(journal_read_result& result) : result_(result) {}

    void on_run(report_info&& run) override { result_.runs.push_back(std::move(run)); }
    void on_damaged_line() override { ++result_.skipped_lines; }
    void on_attempt(attempt_record&& attempt) override { pending_.insert_or_assign(attempt.key, std::move(attempt)); }
    void on_answered(attempt_record&& attempt) override {
        if (const auto found = pending_.find(attempt.key);
            found != pending_.end() && found->second.number == attempt.number) {
            pending_.erase(found);
        }
    }
    void on_call(call_result&& call, journal_position) override {
        // A finished call that made attempts had the last one's answer; one stopped before it
        // sent anything says nothing about an attempt of an earlier run.
        if (call.run_attempts > 0) pending_.erase(call.key);
        const auto [slot, inserted] = index_.try_emplace(call.key, result_.results.size());
        if (inserted) {
            result_.results.push_back(std::move(call));
        } else {
            result_.results[slot->second] = std::move(call);
        }
    }

    // The attempts still in doubt once every line is read.
    void finish() {
        result_.in_doubt.reserve(pending_.size());
        for (auto& entry : pending_) result_.in_doubt.push_back(std::move(entry.second));
        std::sort(result_.in_doubt.begin(), result_.in_doubt.end(),
                  [](const attempt_record& a, const attempt_record& b) { return a.key < b.key; });
    }

private:
    journal_read_result& result_;
    std::unordered_map<std::string, std::size_t> index_;
    // The last attempt line of each call not followed by its answer: held only between an
    // attempt's line and its call's next line, so about as many as the calls that were in flight.
    std::unordered_map<std::string, attempt_record> pending_;
};

}  // namespace

namespace detail {

std::string scan_journal(const std::filesystem::path& path, journal_visitor& visitor) {
    file_chunks file{path};
    line_dispatcher lines{visitor};
    std::string partial;       // a line that spans chunks
    std::uint64_t offset = 0;  // of the line being read
    for (;;) {
        std::string_view chunk = file.next();
        if (!file.error().empty()) return file.error();
        if (chunk.empty() || !visitor.wants_more()) break;
        for (std::size_t newline = 0; (newline = chunk.find('\n')) != std::string_view::npos;) {
            if (partial.empty()) {
                lines.line(chunk.substr(0, newline), offset);
                offset += newline + 1;
            } else {
                partial.append(chunk.substr(0, newline));
                lines.line(partial, offset);
                offset += partial.size() + 1;
                partial.clear();
            }
            chunk.remove_prefix(newline + 1);
        }
        partial.append(chunk);
    }
    // A last line without its line break counts when it is a whole record, like any other.
    lines.line(partial, offset);
    return {};
}

}  // namespace detail

journal_read_result read_journal(const std::filesystem::path& path) {
    journal_read_result result;
    journal_collector collector{result};
    result.error = detail::scan_journal(path, collector);
    if (result.error.empty()) collector.finish();
    return result;
}

}  // namespace hotlive
