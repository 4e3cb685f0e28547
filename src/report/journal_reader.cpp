// Reads a journal back: the last line of each call, in the order calls first appear, and the
// calls whose last attempt may have been delivered without its answer being journalled.
#include "hotlive/report.hpp"
#include "report/call_json.hpp"
#include "report/file_io.hpp"
#include "report/json_fields.hpp"

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

class journal_collector {
public:
    explicit journal_collector(journal_read_result& result) : result_(result) {}

    void line(std::string_view text) {
        if (text.empty()) return;  // not a record (a line break written after a torn line)
        boost::json::error_code ec;
        const boost::json::value value = boost::json::parse(boost::json::string_view(text.data(), text.size()), ec);
        if (!ec && attempt_line(value)) return;
        std::string problem;
        std::optional<call_result> call;
        if (!ec) call = detail::call_from_json(value, problem);
        if (!call) {
            // A torn line (the process died mid-write) or damage: the call is sent again on
            // resume, which is what "not journalled" means.
            ++result_.skipped_lines;
            return;
        }
        // A finished call that made attempts had the last one's answer; one stopped before it
        // sent anything says nothing about an attempt of an earlier run.
        if (call->attempts > 0) pending_.erase(call->key);
        const auto [slot, inserted] = index_.try_emplace(call->key, result_.results.size());
        if (inserted) {
            result_.results.push_back(std::move(*call));
        } else {
            result_.results[slot->second] = std::move(*call);
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
    // Whether `value` is an attempt line or an answered line (a valid one is taken in, an invalid
    // one skipped and counted).
    bool attempt_line(const boost::json::value& value) {
        const auto* object = value.if_object();
        if (object == nullptr || object->size() != 1) return false;
        const bool sent = object->contains("attempt");
        if (!sent && !object->contains("answered")) return false;
        auto attempt = attempt_from_json(object->begin()->value(), sent);
        if (!attempt) {
            ++result_.skipped_lines;
        } else if (sent) {
            pending_.insert_or_assign(attempt->key, std::move(*attempt));
        } else if (const auto found = pending_.find(attempt->key);
                   found != pending_.end() && found->second.number == attempt->number) {
            pending_.erase(found);
        }
        return true;
    }

    journal_read_result& result_;
    std::unordered_map<std::string, std::size_t> index_;
    // The last attempt line of each call not followed by its answer: held only between an
    // attempt's line and its call's next line, so about as many as the calls that were in flight.
    std::unordered_map<std::string, attempt_record> pending_;
};

}  // namespace

journal_read_result read_journal(const std::filesystem::path& path) {
    journal_read_result result;
    detail::file_chunks file{path};
    journal_collector collector{result};
    std::string partial;  // a line that spans chunks
    for (;;) {
        std::string_view chunk = file.next();
        if (!file.error().empty()) {
            result.error = file.error();
            return result;
        }
        if (chunk.empty()) break;
        for (std::size_t newline = 0; (newline = chunk.find('\n')) != std::string_view::npos;) {
            if (partial.empty()) {
                collector.line(chunk.substr(0, newline));
            } else {
                partial.append(chunk.substr(0, newline));
                collector.line(partial);
                partial.clear();
            }
            chunk.remove_prefix(newline + 1);
        }
        partial.append(chunk);
    }
    // A last line without its line break counts when it is a whole record, like any other.
    collector.line(partial);
    collector.finish();
    return result;
}

}  // namespace hotlive
