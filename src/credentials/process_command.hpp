// An External profile's process_command split into argv, as credentials-go splits it on POSIX
// (shlex rules), so that it runs without a shell: whitespace separates arguments; single quotes
// keep everything literal; double quotes keep all but \" \\ \$ \` (escapes); outside quotes a
// backslash escapes the next character; backslash-newline continues the line.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hotlive::detail {

// nullopt with `problem` set ("has an unclosed quote") when the command cannot be split or is
// empty. The problem never repeats the command: it may carry a secret.
[[nodiscard]] std::optional<std::vector<std::string>> split_process_command(std::string_view command,
                                                                            std::string& problem);

}  // namespace hotlive::detail
