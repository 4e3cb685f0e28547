// Reads a journal back: the last line of each call, in the order calls first appear.
#include "hotlive/report.hpp"
#include "report/call_json.hpp"
#include "report/file_io.hpp"

#include <boost/json/parse.hpp>

#include <unordered_map>

namespace hotlive {
namespace {

class journal_collector {
public:
    explicit journal_collector(journal_read_result& result) : result_(result) {}

    void line(std::string_view text) {
        if (text.empty()) return;  // not a record (a line break written after a torn line)
        boost::json::error_code ec;
        const boost::json::value value = boost::json::parse(boost::json::string_view(text.data(), text.size()), ec);
        std::string problem;
        std::optional<call_result> call;
        if (!ec) call = detail::call_from_json(value, problem);
        if (!call) {
            // A torn line (the process died mid-write) or damage: the call is sent again on
            // resume, which is what "not journalled" means.
            ++result_.skipped_lines;
            return;
        }
        const auto [slot, inserted] = index_.try_emplace(call->key, result_.results.size());
        if (inserted) {
            result_.results.push_back(std::move(*call));
        } else {
            result_.results[slot->second] = std::move(*call);
        }
    }

private:
    journal_read_result& result_;
    std::unordered_map<std::string, std::size_t> index_;
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
        for (std::size_t newline; (newline = chunk.find('\n')) != std::string_view::npos;) {
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
    return result;
}

}  // namespace hotlive
