// The calls of a run, in plan order, for its report: held as positions in the run's journal (16
// bytes a call) rather than as results, so that a run of a million calls renders its report by
// reading the journal back instead of keeping every result. A result the journal does not have
// (carried over from the run being resumed, or whose line could not be written) is kept in memory.
#pragma once

#include <hotlive/call_result.hpp>
#include <hotlive/journal.hpp>
#include <hotlive/report_contents.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace hotlive {

class journalled_calls final : public call_sequence {
public:
    // `rows`: how many calls the report has. Each must be filled before the report is rendered.
    journalled_calls(std::filesystem::path journal, std::size_t rows);

    void set_journalled(std::size_t row, journal_position where);
    void set_in_memory(std::size_t row, call_result result);

    [[nodiscard]] std::size_t size() const override { return rows_.size(); }
    void for_each(const std::function<void(const call_result&)>& visit) const override;
    // The journal's lines as they are: the JSON report copies them instead of parsing them.
    void for_each_json(const std::function<void(std::string_view)>& visit) const override;
    [[nodiscard]] std::string failure() const override { return failure_; }

private:
    // length 0: the result is in_memory_[offset]; offset unfilled: the call has no result.
    struct slot {
        std::uint64_t offset = unfilled;
        std::uint32_t length = 0;
    };
    static constexpr std::uint64_t unfilled = ~std::uint64_t{0};

    template <typename InMemory, typename Journalled>
    void walk(InMemory&& in_memory, Journalled&& journalled) const;

    std::filesystem::path journal_;
    std::vector<slot> rows_;
    std::vector<call_result> in_memory_;
    mutable std::string failure_;
};

}  // namespace hotlive
