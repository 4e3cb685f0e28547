#include "credentials/process_command.hpp"

namespace hotlive::detail {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

}  // namespace

std::optional<std::vector<std::string>> split_process_command(std::string_view command, std::string& problem) {
    std::vector<std::string> args;
    std::string current;
    bool in_single = false;
    bool in_double = false;
    bool has_token = false;  // a quoted empty argument ("") is still an argument
    const auto flush = [&] {
        if (has_token) args.push_back(std::move(current));
        current.clear();
        has_token = false;
    };
    for (std::size_t i = 0; i < command.size(); ++i) {
        const char c = command[i];
        const char next = i + 1 < command.size() ? command[i + 1] : '\0';
        if (in_single) {
            if (c == '\'') {
                in_single = false;
            } else {
                current.push_back(c);
            }
        } else if (in_double) {
            if (c == '"') {
                in_double = false;
            } else if (c == '\\' && next == '\n') {
                ++i;
            } else if (c == '\\' && (next == '"' || next == '\\' || next == '$' || next == '`')) {
                current.push_back(next);
                ++i;
            } else {
                current.push_back(c);
            }
        } else if (c == '\\') {
            if (i + 1 == command.size()) {
                problem = "ends with a lone backslash";
                return std::nullopt;
            }
            ++i;
            if (next == '\n') continue;
            current.push_back(next);
            has_token = true;
        } else if (c == '\'' || c == '"') {
            (c == '\'' ? in_single : in_double) = true;
            has_token = true;
        } else if (is_space(c)) {
            flush();
        } else {
            current.push_back(c);
            has_token = true;
        }
    }
    if (in_single || in_double) {
        problem = "has an unclosed quote";
        return std::nullopt;
    }
    flush();
    if (args.empty() || args.front().empty()) {
        problem = "names no program";
        return std::nullopt;
    }
    return args;
}

}  // namespace hotlive::detail
