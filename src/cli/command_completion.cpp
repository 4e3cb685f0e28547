// hotlive completion bash: the completion script, written from the grammar main.cpp describes, so
// that a new option completes the day it is added.
#include "cli/commands.hpp"

#include <hotlive/exit_codes.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <string>

namespace hotlive::cli {
namespace {

std::string words(const std::vector<std::string>& list) {
    std::string out;
    for (const auto& w : list) out.append(out.empty() ? "" : " ").append(w);
    return out;
}

std::string option_names(const std::vector<completion_option>& options) {
    std::vector<std::string> names;
    for (const auto& o : options) names.insert(names.end(), o.names.begin(), o.names.end());
    return words(names);
}

// The shell code that completes one value of `kind`.
std::string complete_value(const completion_option& value) {
    switch (value.value) {
        case value_kind::file:
            return "_hotlive_files \"$cur\"";
        case value_kind::choice:
            if (!value.choice_suffix.empty()) {  // the operator goes on typing after the suffix
                return fmt::format(
                    "COMPREPLY=($(compgen -W \"{}\" -S \"{}\" -- \"$cur\")); compopt -o nospace 2>/dev/null",
                    words(value.choices), value.choice_suffix);
            }
            return fmt::format("COMPREPLY=($(compgen -W \"{}\" -- \"$cur\"))", words(value.choices));
        case value_kind::none:
        case value_kind::text:
            break;
    }
    return ":";  // a value only the operator knows (a URL, a number, a profile)
}

std::string command_case(const completion_command& command) {
    std::string cases;
    for (const auto& o : command.options) {
        if (o.value == value_kind::none) continue;
        fmt::format_to(std::back_inserter(cases), "                {}) {}; return ;;\n", fmt::join(o.names, "|"),
                       complete_value(o));
    }
    std::string out = fmt::format("        {})\n", command.name);
    if (!cases.empty()) out += fmt::format("            case $prev in\n{}            esac\n", cases);
    out += fmt::format(
        "            if [[ $cur == -* ]]; then\n"
        "                COMPREPLY=($(compgen -W \"{}\" -- \"$cur\"))\n"
        "            else\n"
        "                {}\n"
        "            fi\n"
        "            ;;\n",
        option_names(command.options), complete_value(command.arguments));
    return out;
}

std::string bash_script(const completion_options& grammar) {
    std::vector<std::string> commands;
    std::string cases;
    for (const auto& c : grammar.commands) {
        commands.push_back(c.name);
        cases += command_case(c);
    }
    return fmt::format(
        R"(# bash completion for hotlive. Load it with: source <(hotlive completion bash)
_hotlive_files() {{
    compopt -o filenames 2>/dev/null
    local IFS=$'\n'
    COMPREPLY=($(compgen -f -- "$1"))
}}

_hotlive() {{
    local cur=${{COMP_WORDS[COMP_CWORD]}} prev="" command="" i
    ((COMP_CWORD > 0)) && prev=${{COMP_WORDS[COMP_CWORD - 1]}}
    # bash splits --option=value at the '='.
    if [[ $cur == "=" ]]; then
        cur=""
    elif [[ $prev == "=" ]] && ((COMP_CWORD > 1)); then
        prev=${{COMP_WORDS[COMP_CWORD - 2]}}
    fi
    for ((i = 1; i < COMP_CWORD; i++)); do
        if [[ ${{COMP_WORDS[i]}} != -* ]]; then
            command=${{COMP_WORDS[i]}}
            break
        fi
    done
    COMPREPLY=()
    if [[ -z $command ]]; then
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "{}" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "{}" -- "$cur"))
        fi
        return
    fi
    case $command in
{}    esac
}}

complete -F _hotlive hotlive
)",
        option_names(grammar.global), words(commands), cases);
}

}  // namespace

int run_completion(const completion_options& options) {
    // main.cpp accepts only the shells written here.
    if (options.shell == "bash") fmt::print("{}", bash_script(options));
    return exit_code::success;
}

}  // namespace hotlive::cli
