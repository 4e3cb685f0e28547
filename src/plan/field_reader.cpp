#include "plan/field_reader.hpp"

#include "text/quote.hpp"
#include "text/suggest.hpp"
#include "text/utf8.hpp"

#include <algorithm>
#include <charconv>
#include <unordered_map>

namespace hotlive::detail {

void field_reader::error(const yaml_node& at, std::string message) {
    ++error_count_;
    diagnostics_.push_back({severity::error, file_, at.line, at.column, std::move(message)});
}

void field_reader::warning(const yaml_node& at, std::string message) {
    diagnostics_.push_back({severity::warning, file_, at.line, at.column, std::move(message)});
}

void field_reader::for_each_field(const yaml_node& mapping, std::string_view where,
                                  std::span<const std::string_view> known,
                                  const std::function<void(const std::string&, const yaml_node&)>& on_field,
                                  std::span<const misplaced_key> elsewhere, key_echo echo) {
    // "duplicate key 'rate' in", or "duplicate key in" where keys are not repeated.
    const auto shown_key = [echo](const yaml_node& key) {
        return echo == key_echo::yes ? " " + quoted(key.text) : std::string();
    };
    std::unordered_map<std::string_view, int> first_line;
    for (std::size_t i = 0; i + 1 < mapping.children.size(); i += 2) {
        const yaml_node& key = mapping.children[i];
        const yaml_node& value = mapping.children[i + 1];
        if (!key.is_scalar()) {
            error(key, "a key in " + std::string(where) + " must be a name, got " + describe_node(key));
            continue;
        }
        if (const auto [it, inserted] = first_line.emplace(key.text, key.line); !inserted) {
            error(key, "duplicate key" + shown_key(key) + " in " + std::string(where) + " (first at line " +
                           std::to_string(it->second) + "); keep one of them");
            continue;
        }
        if (std::find(known.begin(), known.end(), key.text) == known.end()) {
            std::vector<std::string> quoted;
            std::vector<std::string> suggestions;
            for (const auto s : nearest(key.text, known)) suggestions.push_back("'" + std::string(s) + "'");
            if (suggestions.empty()) {
                std::vector<std::string_view> other_keys;
                for (const auto& m : elsewhere) other_keys.push_back(m.key);
                for (const auto s : nearest(key.text, other_keys, 1)) {
                    const auto it = std::find_if(elsewhere.begin(), elsewhere.end(),
                                                 [&](const misplaced_key& m) { return m.key == s; });
                    suggestions.push_back("'" + std::string(s) + "' (which belongs in " + std::string(it->belongs_in) +
                                          ")");
                }
            }
            const auto exact = std::find_if(elsewhere.begin(), elsewhere.end(),
                                            [&](const misplaced_key& m) { return m.key == key.text; });
            std::string message = "unknown key" + shown_key(key) + " in " + std::string(where) + ";";
            if (exact != elsewhere.end()) {
                message += " it belongs in " + std::string(exact->belongs_in) + "; move it there";
            } else {
                message += suggestions.empty() ? " remove it" : did_you_mean(suggestions);
            }
            error(key, std::move(message));
            continue;
        }
        on_field(key.text, value);
    }
}

bool field_reader::expect_mapping(const yaml_node& node, std::string_view where, bool echo_value) {
    if (node.is_mapping()) return true;
    error(node, std::string(where) + " must be a mapping (key: value lines), got " +
                    (echo_value || !node.is_scalar() ? describe_node(node) : std::string("a single value")));
    return false;
}

bool field_reader::expect_sequence(const yaml_node& node, std::string_view where) {
    if (node.is_sequence()) return true;
    error(node, std::string(where) + " must be a list ([a, b] or '- a' lines), got " + describe_node(node));
    return false;
}

std::optional<std::uint64_t> field_reader::read_integer(const yaml_node& node, std::string_view name, std::uint64_t min,
                                                        std::uint64_t max) {
    const std::string range = "between " + std::to_string(min) + " and " + std::to_string(max);
    if (!node.is_scalar() || node.quoted) {
        error(node, "'" + std::string(name) + "' must be a whole number " + range + ", got " + describe_node(node) +
                        (node.quoted ? " (remove the quotes)" : ""));
        return std::nullopt;
    }
    const std::string& text = node.text;
    if (!text.empty() && text.front() == '-') {
        error(node, "'" + std::string(name) + "' must not be negative; use a whole number " + range);
        return std::nullopt;
    }
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    const bool all_digits =
        !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!all_digits) {
        error(node, "'" + std::string(name) + "' must be a whole number " + range + ", got " + describe_node(node));
        return std::nullopt;
    }
    if (ec == std::errc::result_out_of_range || end != text.data() + text.size() || value < min || value > max) {
        error(node, "'" + std::string(name) + "' is " + printable(text, 24) + "; it must be " + range);
        return std::nullopt;
    }
    return value;
}

std::optional<bool> field_reader::read_boolean(const yaml_node& node, std::string_view name) {
    if (node.is_scalar() && !node.quoted) {
        if (node.text == "true" || node.text == "True" || node.text == "TRUE") return true;
        if (node.text == "false" || node.text == "False" || node.text == "FALSE") return false;
    }
    error(node, "'" + std::string(name) + "' must be true or false, got " + describe_node(node) +
                    (node.quoted ? " (remove the quotes)" : ""));
    return std::nullopt;
}

std::optional<std::string> field_reader::read_text(const yaml_node& node, std::string_view name,
                                                   std::size_t max_length) {
    if (!node.is_scalar()) {
        error(node, "'" + std::string(name) + "' must be text, got " + describe_node(node));
        return std::nullopt;
    }
    const std::string& text = node.text;
    if (text.empty()) {
        error(node, "'" + std::string(name) + "' is empty; give it a value");
        return std::nullopt;
    }
    if (text.size() > max_length) {
        error(node, "'" + std::string(name) + "' is " + std::to_string(text.size()) + " bytes long; the limit is " +
                        std::to_string(max_length));
        return std::nullopt;
    }
    if (!is_valid_utf8(text)) {
        error(node, "'" + std::string(name) + "' is not valid UTF-8; save the plan as UTF-8");
        return std::nullopt;
    }
    if (std::any_of(text.begin(), text.end(),
                    [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
        error(node, "'" + std::string(name) + "' contains a control character (a tab or line break?); remove it");
        return std::nullopt;
    }
    return text;
}

std::vector<diagnostic> field_reader::take_diagnostics() { return std::move(diagnostics_); }

std::size_t field_reader::error_count() const { return error_count_; }

}  // namespace hotlive::detail
