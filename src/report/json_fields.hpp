// Typed fields of a JSON object, for the report and journal readers: each read says what is
// wrong ("attempts: expected a whole number from 0 to 4294967295, got -1") rather than throwing.
#pragma once

#include "hotlive/wall_time.hpp"

#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hotlive::detail {

// What a JSON value is, for messages: "a string", "null", "an array", ...
[[nodiscard]] std::string_view describe_json_kind(const boost::json::value& value);

// A whole number in [0, max], or nullopt.
[[nodiscard]] std::optional<std::uint64_t> json_unsigned(const boost::json::value& value, std::uint64_t max);

// Each read returns false and sets the error to "PREFIXname: reason" when the field is missing or
// does not hold what it should; the first error stops a chain of reads joined with &&.
class json_fields {
public:
    // `prefix` names the object in messages: "" at the top, "shard." for a nested one.
    json_fields(const boost::json::object& object, std::string& error, std::string_view prefix = {})
        : object_(object), error_(error), prefix_(prefix) {}

    // The field, or nullptr with the error "missing".
    const boost::json::value* find(std::string_view name);
    // Whether the object lacks the field (a field added to the schema after its first readers).
    [[nodiscard]] bool absent(std::string_view name) const { return !object_.contains(name); }

    bool text(std::string_view name, std::string& out);
    bool optional_text(std::string_view name, std::optional<std::string>& out);
    bool optional_time(std::string_view name, std::optional<wall_time>& out);
    bool whole(std::string_view name, std::uint64_t max, std::uint64_t& out);
    bool optional_whole(std::string_view name, std::optional<std::uint64_t>& out);
    bool optional_integer(std::string_view name, std::optional<std::int64_t>& out);  // signed
    bool boolean(std::string_view name, bool& out);
    // A number from 0, whole or not (a pace in calls per second).
    bool non_negative_number(std::string_view name, double& out);
    bool optional_non_negative_number(std::string_view name, std::optional<double>& out);
    const boost::json::object* object(std::string_view name);  // nullptr with the error when not one

    // Sets the error "PREFIXname: expected EXPECTED, got WHAT-IT-IS" and returns false.
    bool wrong(std::string_view name, std::string_view expected, const boost::json::value& got);
    // Sets the error "PREFIXname: REASON" and returns false.
    bool fail(std::string_view name, std::string_view reason);

private:
    const boost::json::object& object_;
    std::string& error_;
    std::string_view prefix_;
};

}  // namespace hotlive::detail
