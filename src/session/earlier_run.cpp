#include "session/earlier_run.hpp"

#include "report/file_io.hpp"
#include "report/journal_scan.hpp"
#include "text/fnv1a.hpp"

#include <hotlive/report_format.hpp>
#include <hotlive/report_reader.hpp>
#include <hotlive/run_identity.hpp>

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <functional>
#include <unordered_map>
#include <unordered_set>

namespace hotlive::detail {
namespace {

std::int64_t unix_ms(const std::optional<wall_time>& t) {
    if (!t) return -1;
    return std::chrono::duration_cast<std::chrono::milliseconds>(t->time_since_epoch()).count();
}

// Why a report (or a journal's run) written by `source` cannot count for `self`; empty when it can.
std::string identity_problem(std::string_view what, const report_info& source, const run_identity& self,
                             bool check_plan_name) {
    if (source.endpoint != self.endpoint) {
        return fmt::format(
            "{} went to {}, this run goes to {}: a warm edge at one endpoint says nothing of another; resume with "
            "--endpoint {}, or drop --resume for a fresh run",
            what, source.endpoint, self.endpoint, source.endpoint);
    }
    if (!source.account.empty() && source.account != self.account) {
        return fmt::format(
            "{} was sent for account {}, this run's credentials are account {} (fingerprints of the AccessKeyIds): "
            "resume with the same credentials (--profile), or drop --resume for a fresh run",
            what, source.account, self.account);
    }
    if (source.shard.index != self.shard.index || source.shard.count != self.shard.count) {
        return fmt::format("{} is shard {}/{}, this run is shard {}/{}: resume each shard from its own report", what,
                           source.shard.index, source.shard.count, self.shard.index, self.shard.count);
    }
    if (check_plan_name && source.plan != self.plan && !self.other_plan_allowed) {
        return fmt::format(
            "{} is a report of plan '{}', this is plan '{}': give this plan's report, or --resume-other-plan if the "
            "plan was renamed",
            what, source.plan, self.plan);
    }
    return {};
}

// Reads one run's lines and nothing else.
class run_lines final : public journal_visitor {
public:
    void on_run(report_info&& run) override { runs.push_back(std::move(run)); }
    void on_call(call_result&&, journal_position) override {}
    void on_attempt(attempt_record&&) override {}
    void on_answered(attempt_record&&) override {}
    void on_damaged_line() override {}

    std::vector<report_info> runs;
};

class reader final : public journal_visitor {
public:
    reader(const plan& p, std::span<const call_ref> share, std::string journal, earlier_run& out,
           std::function<bool()> interrupted)
        : plan_(p), share_(share), journal_(std::move(journal)), out_(out), interrupted_(std::move(interrupted)) {
        index_.reserve(share.size());
        for (std::uint32_t row = 0; row < share.size(); ++row) {
            index_.emplace_back(fnv1a64(call_key(p, share[row])), row);
        }
        std::sort(index_.begin(), index_.end());
        out_.calls.resize(share.size());
        from_journal_.resize(share.size());
    }

    // ---- the journal pass (newer than the report: what it says of a call wins)
    void on_run(report_info&&) override {}
    void on_damaged_line() override { ++damaged_lines; }
    [[nodiscard]] bool wants_more() const override { return !interrupted_(); }
    void on_attempt(attempt_record&& attempt) override {
        if (const auto row = row_of(attempt.key)) pending_.insert_or_assign(*row, std::move(attempt));
    }
    void on_answered(attempt_record&& attempt) override {
        if (const auto row = row_of(attempt.key)) {
            if (const auto found = pending_.find(*row);
                found != pending_.end() && found->second.number == attempt.number) {
                pending_.erase(found);
            }
        }
    }
    void on_call(call_result&& call, journal_position where) override {
        const auto row = row_of(call.key);
        if (!row) {
            journal_strangers_.insert(call.key);
            return;
        }
        if (call.run_attempts > 0) pending_.erase(*row);
        from_journal_[*row] = true;
        take(*row, call, where);
    }

    // ---- the report pass: only the calls the journal said nothing of
    bool on_report_call(call_result&& call, journal_writer& journal, std::string& error) {
        if (interrupted_()) {
            error = "interrupted";
            return false;
        }
        const auto row = row_of(call.key);
        if (!row) {
            ++report_strangers_;
            return true;
        }
        // The journal is newer than the report, but for a call whose last journal line is an attempt
        // in doubt: a report that has it warm was written after that attempt's answer came (its
        // result line could not be journalled), and says what came of it.
        const auto doubt = std::lower_bound(out_.in_doubt.begin(), out_.in_doubt.end(), *row,
                                            [](const auto& entry, std::uint32_t r) { return entry.first < r; });
        const bool in_doubt = doubt != out_.in_doubt.end() && doubt->first == *row;
        if (from_journal_[*row] && !(in_doubt && call.status == call_status::succeeded)) return true;
        if (!take(*row, call, {})) return true;
        if (in_doubt) out_.in_doubt.erase(doubt);
        journal_position where;
        if (!journal.append(call, &where)) {
            error = journal.error();
            return false;
        }
        out_.calls[*row].in_journal = where;
        return true;
    }

    // After the journal pass: the calls whose last attempt is in doubt, by row.
    void settle_doubts() {
        for (auto& [row, attempt] : pending_) out_.in_doubt.emplace_back(row, std::move(attempt));
        pending_.clear();
        std::sort(out_.in_doubt.begin(), out_.in_doubt.end(),
                  [](const auto& a, const auto& b) { return a.first < b.first; });
    }

    void finish(const std::string& resume) {
        const std::size_t strangers = std::max(report_strangers_, journal_strangers_.size());
        if (strangers > 0) {
            out_.warnings.push_back(fmt::format(
                "{} calls of {} are not in this run's plan (or shard) any more: they are left out of its report",
                strangers, resume));
        }
        if (changed_ > 0) {
            out_.warnings.push_back(fmt::format(
                "{} calls of {} were sent with other parameters than the plan has now (MSIDs, timeouts): they are "
                "sent again",
                changed_, resume));
        }
        if (damaged_lines > 0) {
            out_.warnings.push_back(fmt::format(
                "{} has {} lines that are not records (cut off by a crash, or damaged): what they said is taken as "
                "not journalled, and their calls are sent again",
                journal_, damaged_lines));
        }
    }

    std::size_t damaged_lines = 0;

private:
    [[nodiscard]] std::optional<std::uint32_t> row_of(const std::string& key) const {
        const std::uint64_t hash = fnv1a64(key);
        auto at = std::lower_bound(index_.begin(), index_.end(), std::pair{hash, std::uint32_t{0}});
        for (; at != index_.end() && at->first == hash; ++at) {
            if (call_key(plan_, share_[at->second]) == key) return at->second;
        }
        return std::nullopt;
    }

    // Records what `call` says of `row`; true when it is warm and counts for this run.
    bool take(std::uint32_t row, const call_result& call, journal_position where) {
        earlier_call& e = out_.calls[row];
        const std::string digest = parameters_digest(plan_, share_[row]);
        if (call.parameters_digest && *call.parameters_digest != digest) {
            // Another call under the same key: nothing of it carries over.
            e = {};
            ++changed_;
            return false;
        }
        if (call.status == call_status::succeeded && call.attempts > 0 && call.request_id && call.parameters_digest) {
            e = {earlier_call::kind::warm,       call.attempts, call.run_attempts, call.throttled_attempts,
                 unix_ms(call.first_attempt_at), where};
            return true;
        }
        e = {call.attempts > 0 ? earlier_call::kind::sent_before : earlier_call::kind::unknown,
             call.attempts,
             0,
             0,
             unix_ms(call.first_attempt_at),
             {}};
        return false;
    }

    const plan& plan_;
    std::span<const call_ref> share_;
    std::string journal_;  // its path, for messages
    earlier_run& out_;
    std::function<bool()> interrupted_;
    std::vector<std::pair<std::uint64_t, std::uint32_t>> index_;  // key hash, row
    std::vector<bool> from_journal_;
    std::unordered_map<std::uint32_t, attempt_record> pending_;  // last attempt of a call in doubt
    std::unordered_set<std::string> journal_strangers_;
    std::size_t report_strangers_ = 0;
    std::size_t changed_ = 0;
};

// A shared flock(2) on the journal being resumed from, for as long as it is read.
class source_lock {
public:
    source_lock() = default;
    ~source_lock() { close_fd(fd_); }
    source_lock(const source_lock&) = delete;
    source_lock& operator=(const source_lock&) = delete;

    // False when a run holds the journal (its writer's exclusive lock).
    bool take(const std::filesystem::path& journal) {
        fd_ = ::open(journal.c_str(), O_RDONLY | O_CLOEXEC);
        return fd_ < 0 || ::flock(fd_, LOCK_SH | LOCK_NB) == 0 || errno != EWOULDBLOCK;
    }

private:
    int fd_ = -1;
};

// Copies the warm results that stand in another journal into this run's, where the report reads them.
std::string copy_warm_results(const std::filesystem::path& source, earlier_run& out, journal_writer& journal) {
    const int fd = ::open(source.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return io_error("read", source, errno);
    std::string line;
    std::string error;
    for (auto& call : out.calls) {
        if (call.what != earlier_call::kind::warm) continue;
        line.resize(call.in_journal.length);
        const ssize_t got = ::pread(fd, line.data(), line.size(), static_cast<off_t>(call.in_journal.offset));
        if (got != static_cast<ssize_t>(line.size())) {
            error = "cannot read " + source.string() + " back: it changed while it was read";
            break;
        }
        if (!journal.append_call_json(line, &call.in_journal)) {
            error = journal.error();
            break;
        }
    }
    close_fd(fd);
    if (!error.empty()) return error;
    for (const auto& [row, attempt] : out.in_doubt) {
        if (!journal.append_attempt(attempt)) return journal.error();
    }
    return {};
}

}  // namespace

resume_files files_to_resume(const std::string& resume) {
    namespace fs = std::filesystem;
    resume_files files;
    // The JSON copy first: a report written with --format html under a .json name has its JSON there.
    const fs::path copy = json_copy_of(resume);
    const bool json_by_name = report_format_for(resume) == report_format::json;
    files.json = fs::exists(copy) || !json_by_name ? copy : fs::path(resume);
    // REPORT.journal; for the JSON copy given itself (gala.html.json), the journal of gala.html.
    files.journal = resume + ".journal";
    if (const fs::path copy_of = fs::path(resume).replace_extension();
        resume.ends_with(".json") && report_format_for(copy_of) != report_format::json && !fs::exists(files.journal)) {
        files.journal = copy_of.string() + ".journal";
    }
    std::error_code ec;
    files.json_exists = fs::exists(files.json, ec);
    const auto journal_size = fs::file_size(files.journal, ec);
    files.journal_exists = !ec && journal_size > 0;
    files.journal_empty = !ec && journal_size == 0;
    return files;
}

earlier_run read_earlier_run(const std::string& resume, const resume_files& files, const plan& p,
                             std::span<const call_ref> share, const run_identity& self, journal_writer& journal,
                             bool in_place, const std::function<bool()>& interrupted_now) {
    namespace fs = std::filesystem;
    const auto interrupted = [&] { return interrupted_now && interrupted_now(); };
    earlier_run out;
    const fs::path& json = files.json;
    const fs::path& journal_path = files.journal;
    const bool has_json = files.json_exists;
    const bool has_journal = files.journal_exists;
    if (!has_json && !has_journal) {
        out.error =
            fs::exists(resume)
                ? "cannot resume from " + resume + ": only JSON is read back, and it has neither a JSON copy (" +
                      json.string() + ") nor a journal (" + journal_path.string() + ")"
            : files.journal_empty
                ? "nothing to resume from: " + resume + " does not exist and its journal " + journal_path.string() +
                      " is empty (that run stopped before its first call); run the plan without --resume"
                : "nothing to resume from: neither " + resume + " nor " + journal_path.string() + " exists";
        return out;
    }
    // Held until the results are copied: a run starting on the source report now would empty its
    // journal under the reading (it is refused instead). This run's own journal is locked already.
    source_lock lock;
    if (has_journal && !in_place && !lock.take(journal_path)) {
        out.error = "--resume " + resume + ": a hotlive run is still writing it (its journal " + journal_path.string() +
                    " is locked); wait for that run to end";
        return out;
    }

    // ---- whose results these are, before any is taken
    bool report_trusted = false;
    if (has_json) {
        // Every call is read (the totals are checked), none kept.
        auto header = read_report(json, [&](call_result&&, std::string& error) {
            if (!interrupted()) return true;
            error = "interrupted";
            return false;
        });
        if (!header.value && interrupted()) {
            out.interrupted = true;
            return out;
        }
        if (!header.value) {
            out.error = "cannot resume from " + resume + ": " + header.error;
            return out;
        }
        if (auto problem = identity_problem("--resume " + json.string(), *header.value, self, true); !problem.empty()) {
            out.error = std::move(problem);
            return out;
        }
        report_trusted = !header.value->account.empty();
        if (!report_trusted && !header.value->plan_digest.empty()) {
            out.warnings.push_back(json.string() +
                                   " merges shards run with different accounts, so it names none: none of its "
                                   "results is trusted, and every call is sent again");
        } else if (!report_trusted) {
            out.warnings.push_back(json.string() +
                                   " was written by a hotlive that did not record the account: none of its results "
                                   "is trusted, and every call is sent again");
        }
        out.first_started_at = header.value->started_at;
    }
    bool journal_trusted = false;
    if (has_journal) {
        run_lines runs;
        if (auto error = scan_journal(journal_path, runs); !error.empty()) {
            out.error = "cannot resume from " + resume + ": " + error;
            return out;
        }
        for (std::size_t i = 0; i < runs.runs.size(); ++i) {
            const auto& run = runs.runs[i];
            // A rename accepted once (--resume-other-plan) holds for the runs after it.
            const bool latest = i + 1 == runs.runs.size();
            if (auto problem = identity_problem("--resume " + journal_path.string(), run, self, latest);
                !problem.empty()) {
                out.error = std::move(problem);
                return out;
            }
            if (run.started_at && (!out.first_started_at || *run.started_at < *out.first_started_at)) {
                out.first_started_at = run.started_at;
            }
        }
        journal_trusted = !runs.runs.empty();
        if (!journal_trusted) {
            out.warnings.push_back(journal_path.string() +
                                   " was written by a hotlive that did not record who ran it: none of its results is "
                                   "trusted, and every call is sent again");
        }
    }

    // ---- what each call's latest result says
    const auto io_failed = [&](std::string error) {
        out.error = "cannot write this run's journal (" + std::move(error) + "): nothing was sent, and " + resume +
                    " is as it was";
        out.io_failure = true;
    };
    if (!in_place && !journal.start_fresh()) {
        io_failed(journal.error());
        return out;
    }
    reader calls(p, share, journal_path.string(), out, interrupted);
    if (journal_trusted) {
        if (auto error = scan_journal(journal_path, calls); !error.empty()) {
            out.error = "cannot resume from " + resume + ": " + error;
            return out;
        }
        if (interrupted()) {
            out.interrupted = true;
            return out;
        }
        calls.settle_doubts();
        if (!in_place) {
            // The source's calls in doubt go into this journal too: if this run ends before it
            // asks about them, the next resume still knows they may have been delivered.
            if (auto error = copy_warm_results(journal_path, out, journal); !error.empty()) {
                io_failed(std::move(error));
                return out;
            }
        }
    }
    if (report_trusted) {
        std::string copy_error;
        const auto read = read_report(json, [&](call_result&& call, std::string& error) {
            const bool copied = calls.on_report_call(std::move(call), journal, error);
            if (!copied) copy_error = error;
            return copied;
        });
        if (!read.value && interrupted()) {
            out.interrupted = true;
            return out;
        }
        if (!read.value) {
            if (copy_error.empty()) {
                out.error = "cannot resume from " + resume + ": " + read.error;
            } else {
                io_failed(copy_error);
            }
            return out;
        }
    }
    calls.finish(resume);
    return out;
}

}  // namespace hotlive::detail
