#include "report/json_fields.hpp"

#include "report/timestamp.hpp"
#include "text/json_text.hpp"

#include <boost/json/serialize.hpp>

#include <cmath>
#include <limits>

namespace hotlive::detail {
namespace {

std::string_view view(const boost::json::string& s) { return {s.data(), s.size()}; }

std::optional<double> non_negative(const boost::json::value& value) {
    double result = 0;
    if (const auto* d = value.if_double()) {
        result = *d;
    } else if (const auto* i = value.if_int64()) {
        result = static_cast<double>(*i);
    } else if (const auto* u = value.if_uint64()) {
        result = static_cast<double>(*u);
    } else {
        return std::nullopt;
    }
    if (!std::isfinite(result) || result < 0) return std::nullopt;
    return result;
}

}  // namespace

std::string_view describe_json_kind(const boost::json::value& value) {
    switch (value.kind()) {
        case boost::json::kind::null:
            return "null";
        case boost::json::kind::bool_:
            return "true/false";
        case boost::json::kind::int64:
        case boost::json::kind::uint64:
            return "a whole number";
        case boost::json::kind::double_:
            return "a number with a fraction or exponent";
        case boost::json::kind::string:
            return "a string";
        case boost::json::kind::array:
            return "an array";
        case boost::json::kind::object:
            return "an object";
    }
    return "a JSON value";
}

std::optional<std::uint64_t> json_unsigned(const boost::json::value& value, std::uint64_t max) {
    std::uint64_t result = 0;
    if (const auto* i = value.if_int64()) {
        if (*i < 0) return std::nullopt;
        result = static_cast<std::uint64_t>(*i);
    } else if (const auto* u = value.if_uint64()) {
        result = *u;
    } else {
        return std::nullopt;
    }
    if (result > max) return std::nullopt;
    return result;
}

const boost::json::value* json_fields::find(std::string_view name) {
    const auto* field = object_.if_contains(name);
    if (field == nullptr) fail(name, "missing");
    return field;
}

bool json_fields::text(std::string_view name, std::string& out) {
    const auto* field = find(name);
    if (field == nullptr) return false;
    if (!field->is_string()) return wrong(name, "a string", *field);
    out = view(field->get_string());
    return true;
}

bool json_fields::optional_text(std::string_view name, std::optional<std::string>& out) {
    const auto* field = find(name);
    if (field == nullptr) return false;
    if (field->is_null()) return true;
    if (!field->is_string()) return wrong(name, "a string or null", *field);
    out.emplace(view(field->get_string()));
    return true;
}

bool json_fields::optional_time(std::string_view name, std::optional<wall_time>& out) {
    const auto* field = find(name);
    if (field == nullptr) return false;
    if (field->is_null()) return true;
    if (field->is_string()) out = parse_timestamp(view(field->get_string()));
    if (!out) return wrong(name, "an RFC 3339 time or null", *field);
    return true;
}

bool json_fields::whole(std::string_view name, std::uint64_t max, std::uint64_t& out) {
    const auto* field = find(name);
    if (field == nullptr) return false;
    const auto value = json_unsigned(*field, max);
    if (!value) {
        std::string expected = "a whole number from 0 to ";
        append_unsigned(expected, max);
        return wrong(name, expected, *field);
    }
    out = *value;
    return true;
}

bool json_fields::optional_whole(std::string_view name, std::optional<std::uint64_t>& out) {
    const auto* field = find(name);
    if (field == nullptr) return false;
    if (field->is_null()) return true;
    out = json_unsigned(*field, std::numeric_limits<std::uint64_t>::max());
    if (!out) return wrong(name, "a whole number or null", *field);
    return true;
}

bool json_fields::optional_integer(std::string_view name, std::optional<std::int64_t>& out) {
    const auto* field = find(name);
    if (field == nullptr) return false;
    if (field->is_null()) return true;
    if (field->is_int64()) {
        out = field->get_int64();
    } else if (field->is_uint64() && field->get_uint64() <= std::numeric_limits<std::int64_t>::max()) {
        out = static_cast<std::int64_t>(field->get_uint64());
    } else {
        return wrong(name, "a whole number (negative too) or null", *field);
    }
    return true;
}

bool json_fields::boolean(std::string_view name, bool& out) {
    const auto* field = find(name);
    if (field == nullptr) return false;
    if (!field->is_bool()) return wrong(name, "true or false", *field);
    out = field->get_bool();
    return true;
}

bool json_fields::non_negative_number(std::string_view name, double& out) {
    const auto* field = find(name);
    if (field == nullptr) return false;
    const auto value = non_negative(*field);
    if (!value) return wrong(name, "a number from 0", *field);
    out = *value;
    return true;
}

bool json_fields::optional_non_negative_number(std::string_view name, std::optional<double>& out) {
    const auto* field = find(name);
    if (field == nullptr) return false;
    if (field->is_null()) return true;
    out = non_negative(*field);
    if (!out) return wrong(name, "a number from 0 or null", *field);
    return true;
}

const boost::json::object* json_fields::object(std::string_view name) {
    const auto* field = find(name);
    if (field == nullptr) return nullptr;
    const auto* result = field->if_object();
    if (result == nullptr) wrong(name, "an object", *field);
    return result;
}

bool json_fields::wrong(std::string_view name, std::string_view expected, const boost::json::value& got) {
    std::string reason = "expected ";
    reason.append(expected);
    reason.append(", got ");
    // A number or a short string is shown as it is: "got -1" says more than "got a whole number".
    constexpr std::size_t longest_shown = 64;
    if (got.is_number()) {
        reason.append(boost::json::serialize(got));
    } else if (got.is_string() && got.get_string().size() <= longest_shown) {
        append_json_string(reason, view(got.get_string()));
    } else {
        reason.append(describe_json_kind(got));
    }
    return fail(name, reason);
}

bool json_fields::fail(std::string_view name, std::string_view reason) {
    error_.assign(prefix_);
    error_.append(name);
    error_.append(": ");
    error_.append(reason);
    return false;
}

}  // namespace hotlive::detail
