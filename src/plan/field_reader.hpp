// Typed reading of plan fields with precise, fixable error messages. Every reader records its
// problems and returns nothing on error, so the loader can go on and report all of a plan's
// mistakes in one pass.
#pragma once

#include "plan/yaml_document.hpp"

#include <hotlive/diagnostic.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hotlive::detail {

class field_reader {
public:
    explicit field_reader(std::string file) : file_(std::move(file)) {}

    void error(const yaml_node& at, std::string message);
    void warning(const yaml_node& at, std::string message);

    // A key that is valid elsewhere in the plan, and where: {"rate", "'limits'"}.
    struct misplaced_key {
        std::string_view key;
        std::string_view belongs_in;
    };

    // Whether messages may repeat a section's keys. Not in 'credentials', where a pasted
    // "access_key_secret=…" arrives as a key.
    enum class key_echo { yes, no };

    // Calls `on_field(key, value)` for every entry of `mapping`, in order. Reports keys that are
    // not scalars, duplicate keys (the first wins) and keys not in `known`, with the nearest
    // known key as a suggestion, or the section a key (or its near-spelling) belongs in; `where`
    // names the section for messages ("'limits'").
    void for_each_field(const yaml_node& mapping, std::string_view where, std::span<const std::string_view> known,
                        const std::function<void(const std::string& key, const yaml_node& value)>& on_field,
                        std::span<const misplaced_key> elsewhere = {}, key_echo echo = key_echo::yes);

    // A mapping, or an error "'where' must be a mapping of …, got …". `echo_value` is false
    // where the value could be a secret pasted in the wrong place.
    bool expect_mapping(const yaml_node& node, std::string_view where, bool echo_value = true);
    bool expect_sequence(const yaml_node& node, std::string_view where);

    // A plain (unquoted) non-negative integer in [min, max].
    std::optional<std::uint64_t> read_integer(const yaml_node& node, std::string_view name, std::uint64_t min,
                                              std::uint64_t max);

    // A plain (unquoted) true or false (YAML 1.2: not yes/no/on/off, which YAML 1.1 read as booleans).
    std::optional<bool> read_boolean(const yaml_node& node, std::string_view name);

    // Non-empty UTF-8 text without control characters, at most `max_length` bytes.
    std::optional<std::string> read_text(const yaml_node& node, std::string_view name, std::size_t max_length = 255);

    [[nodiscard]] std::vector<diagnostic> take_diagnostics();
    [[nodiscard]] std::size_t error_count() const;
    [[nodiscard]] const std::string& file() const { return file_; }

private:
    std::string file_;
    std::vector<diagnostic> diagnostics_;
    std::size_t error_count_ = 0;
};

}  // namespace hotlive::detail
