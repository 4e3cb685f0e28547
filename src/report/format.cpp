// Report formats by name, and the dispatch to their renderers.
#include "hotlive/report_format.hpp"
#include "hotlive/report_writer.hpp"
#include "report/file_io.hpp"
#include "report/renderers.hpp"

namespace hotlive {
namespace {

void render(const report_view& r, report_format format, detail::report_output& out) {
    switch (format) {
        case report_format::json:
            return detail::render_json(r, out);
        case report_format::csv:
            return detail::render_csv(r, out);
        case report_format::junit:
            return detail::render_junit(r, out);
        case report_format::md:
            return detail::render_markdown(r, out);
        case report_format::html:
            return detail::render_html(r, out);
    }
}

}  // namespace

std::optional<report_format> parse_report_format(std::string_view name) {
    if (name == "json") return report_format::json;
    if (name == "csv") return report_format::csv;
    if (name == "junit") return report_format::junit;
    if (name == "md") return report_format::md;
    if (name == "html") return report_format::html;
    return std::nullopt;
}

std::string_view to_string(report_format format) {
    switch (format) {
        case report_format::json:
            return "json";
        case report_format::csv:
            return "csv";
        case report_format::junit:
            return "junit";
        case report_format::md:
            return "md";
        case report_format::html:
            return "html";
    }
    return "json";
}

std::filesystem::path json_copy_of(const std::filesystem::path& report) {
    std::filesystem::path copy = report;
    copy += ".json";
    return copy;
}

report_format report_format_for(const std::filesystem::path& path) {
    const auto ext = path.extension().string();
    if (ext == ".csv") return report_format::csv;
    if (ext == ".xml") return report_format::junit;
    if (ext == ".md") return report_format::md;
    if (ext == ".html" || ext == ".htm") return report_format::html;
    return report_format::json;
}

std::string render_report(const report& r, report_format format) {
    const calls_in_memory calls(r.calls);
    detail::report_output out;
    render(report_view{static_cast<const report_info&>(r), r.totals(), calls}, format, out);
    return std::move(out.text);
}

std::optional<std::string> write_report(const std::filesystem::path& path, const report_view& r, report_format format) {
    detail::atomic_file file;
    if (auto error = file.open(path)) return error;
    std::optional<std::string> write_error;
    detail::report_output out([&](std::string_view block) {
        write_error = file.write(block);
        return !write_error;
    });
    render(r, format, out);
    if (!out.finish()) return write_error;
    // The calls could not all be read back: a report without them would claim less than the run did.
    if (auto failure = r.calls.failure(); !failure.empty()) return failure;
    return file.commit();
}

}  // namespace hotlive
