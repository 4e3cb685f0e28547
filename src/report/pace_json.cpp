#include "report/pace_json.hpp"

#include "report/json_fields.hpp"
#include "report/rate_text.hpp"
#include "text/json_text.hpp"

#include <limits>

namespace hotlive::detail {
namespace {

void append_rate_or_null(std::string& out, const std::optional<double>& rate, bool cut) {
    if (cut && rate) {
        append_rate(out, *rate);
    } else {
        out.append("null");
    }
}

}  // namespace

void append_pace_json(std::string& out, const pace_figures& pace) {
    const bool cut = pace.reductions > 0;
    out.append("{\"ceiling\":");
    append_rate(out, pace.ceiling);
    out.append(pace.adaptive ? ",\"adaptive\":true" : ",\"adaptive\":false");
    out.append(",\"reductions\":");
    append_unsigned(out, pace.reductions);
    out.append(",\"lowest\":");
    append_rate_or_null(out, pace.lowest, cut);
    out.append(",\"settled\":");
    append_rate_or_null(out, pace.settled, cut);
    out.push_back('}');
}

bool read_pace(const boost::json::object& top, std::optional<pace_figures>& out, std::string& error) {
    json_fields read{top, error};
    const auto* object = read.object("pace");
    if (object == nullptr) return false;
    json_fields fields{*object, error, "pace."};
    pace_figures pace;
    std::uint64_t reductions = 0;
    if (!(fields.non_negative_number("ceiling", pace.ceiling) && fields.boolean("adaptive", pace.adaptive) &&
          fields.whole("reductions", std::numeric_limits<std::size_t>::max(), reductions) &&
          fields.optional_non_negative_number("lowest", pace.lowest) &&
          fields.optional_non_negative_number("settled", pace.settled))) {
        return false;
    }
    if (reductions == 0) {
        constexpr std::string_view never_cut = "a pace never cut (reductions 0) has none";
        if (pace.lowest) return fields.fail("lowest", never_cut);
        if (pace.settled) return fields.fail("settled", never_cut);
    }
    pace.reductions = static_cast<std::size_t>(reductions);
    out = pace;
    return true;
}

}  // namespace hotlive::detail
