// One renderer per report format; render_report and write_report (format.cpp) pick one.
#pragma once

#include "hotlive/report_contents.hpp"

#include <functional>
#include <string>
#include <string_view>

namespace hotlive::detail {

// Where a renderer writes: `text`, handed on to `pass_on` in blocks when the report goes to a
// file, so that the rendered report never exists whole in memory. Renderers call
// pass_on_if_full() between calls; rendering into a string keeps everything.
class report_output {
public:
    // `pass_on` returns false to say the text could not be written; later blocks are dropped.
    explicit report_output(std::function<bool(std::string_view)> pass_on = {}) : pass_on_(std::move(pass_on)) {}

    std::string text;

    void pass_on_if_full() {
        if (pass_on_ && text.size() >= block_size) pass_on_now();
    }
    // Hands on what is left; false when any block could not be written.
    bool finish() {
        if (pass_on_) pass_on_now();
        return ok_;
    }

private:
    static constexpr std::size_t block_size = std::size_t{256} * 1024;

    void pass_on_now() {
        if (ok_ && !text.empty()) ok_ = pass_on_(text);
        text.clear();
    }

    std::function<bool(std::string_view)> pass_on_;
    bool ok_ = true;
};

void render_json(const report_view& r, report_output& out);
void render_csv(const report_view& r, report_output& out);
void render_junit(const report_view& r, report_output& out);
void render_markdown(const report_view& r, report_output& out);
void render_html(const report_view& r, report_output& out);

}  // namespace hotlive::detail
