// A YAML document read into a small tree that remembers where every node stands.
//
// yaml-cpp's own Node API is not used for plans: its loader expands aliases (a 330-byte alias
// bomb becomes millions of nodes), keeps the last of duplicate keys silently, forgets whether a
// scalar was quoted, and its LoadAll can loop for ever on input such as ",". This reader drives
// yaml-cpp's event parser for exactly one document and enforces the limits below as it goes.
#pragma once

#include <hotlive/diagnostic.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hotlive::detail {

struct yaml_node {
    enum class kind : unsigned char { null, scalar, sequence, mapping };

    kind type = kind::null;
    bool quoted = false;  // a scalar written in quotes is a string, never a number
    int line = 0;         // 1-based
    int column = 0;       // 1-based
    std::string text;     // scalars only
    // Sequences: the items. Mappings: key, value, key, value, … in document order.
    std::vector<yaml_node> children;

    [[nodiscard]] bool is_scalar() const { return type == kind::scalar; }
    [[nodiscard]] bool is_sequence() const { return type == kind::sequence; }
    [[nodiscard]] bool is_mapping() const { return type == kind::mapping; }
    [[nodiscard]] bool is_null() const { return type == kind::null; }
};

struct yaml_limits {
    std::size_t max_bytes = std::size_t{10} * 1024 * 1024;
    std::size_t max_nodes = 2'000'000;  // a 1,000,000-call plan written out in full is ~1,000,000
    std::size_t max_depth = 64;         // a plan is five levels deep; anything deeper is not a plan
};

struct yaml_parse_result {
    std::optional<yaml_node> root;  // empty when an error was found
    std::vector<diagnostic> diagnostics;
};

[[nodiscard]] yaml_parse_result parse_yaml(std::string_view text, const std::string& file,
                                           const yaml_limits& limits = {});

// "a mapping", "a list", "the text 'abc'", … for "expected X, got Y" messages.
[[nodiscard]] std::string describe_node(const yaml_node& node);

}  // namespace hotlive::detail
