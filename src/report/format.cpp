// Report formats by name, and the dispatch to their renderers.
#include "report/renderers.hpp"

namespace hotlive {

std::optional<report_format> parse_report_format(std::string_view name) {
    if (name == "json") return report_format::json;
    if (name == "csv") return report_format::csv;
    if (name == "junit") return report_format::junit;
    if (name == "md") return report_format::md;
    return std::nullopt;
}

std::string render_report(const report& r, report_format format) {
    std::string out;
    switch (format) {
        case report_format::json:
            detail::render_json(r, out);
            break;
        case report_format::csv:
            detail::render_csv(r, out);
            break;
        case report_format::junit:
            detail::render_junit(r, out);
            break;
        case report_format::md:
            detail::render_markdown(r, out);
            break;
    }
    return out;
}

}  // namespace hotlive
