// hotlive completion bash, loaded into a real bash and asked what it completes, as bash asks
// when the operator presses Tab (COMP_WORDS, COMP_CWORD, then the function).
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

#include <boost/test/unit_test.hpp>

#include <set>
#include <sstream>

using namespace hotlive::test;

namespace {

struct completion_fixture {
    temp_dir dir;
    std::filesystem::path script;

    completion_fixture() {
        const auto r = run_hotlive({"completion", "bash"});
        BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
        script = dir.write("hotlive.bash", r.out);
        dir.write("work/gala.yaml", "");
        dir.write("work/gala.json", "");
        dir.write("work/notes.txt", "");
    }

    // What bash offers for the command line `words`, the last of them being completed.
    [[nodiscard]] std::set<std::string> complete(const std::vector<std::string>& words) const {
        std::string array;
        for (const auto& w : words) array += " '" + w + "'";
        const std::string program = "source '" + script.string() + "'\nCOMP_WORDS=(" + array +
                                    ")\nCOMP_CWORD=" + std::to_string(words.size() - 1) +
                                    "\n_hotlive\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n";
        process_options options;
        options.working_directory = (dir.path() / "work").string();
        const auto r = run_process({"/bin/bash", "--norc", "--noprofile", "-c", program}, options);
        BOOST_TEST(r.exit_code == 0, r.err);
        std::set<std::string> out;
        std::istringstream lines(r.out);
        for (std::string line; std::getline(lines, line);) {
            if (!line.empty()) out.insert(line);
        }
        return out;
    }
};

using words = std::set<std::string>;

}  // namespace

BOOST_FIXTURE_TEST_SUITE(bash_completion, completion_fixture)

BOOST_AUTO_TEST_CASE(the_script_registers_a_completion_for_hotlive) {
    const auto r = run_process(
        {"/bin/bash", "--norc", "--noprofile", "-c", "source '" + script.string() + "' && complete -p hotlive"});
    BOOST_TEST(r.exit_code == 0, r.err);
    BOOST_TEST(r.out == "complete -F _hotlive hotlive\n");
}

BOOST_AUTO_TEST_CASE(subcommands_complete_from_their_first_letters) {
    BOOST_TEST(complete({"hotlive", "ru"}) == words{"run"});
    BOOST_TEST(complete({"hotlive", "re"}) == (words{"regions", "report"}));
    BOOST_TEST(complete({"hotlive", ""}) ==
               (words{"validate", "plan", "run", "report", "regions", "credentials", "emulate", "completion"}));
    BOOST_TEST(complete({"hotlive", "--ver"}) == words{"--version"});
}

BOOST_AUTO_TEST_CASE(each_subcommand_completes_its_own_options) {
    BOOST_TEST(complete({"hotlive", "run", "--for"}) == words{"--format"});
    BOOST_TEST(complete({"hotlive", "run", "gala.yaml", "--log"}) == words{"--log-format"});
    BOOST_TEST(complete({"hotlive", "report", "--o"}) == words{"--output"});
    BOOST_TEST(complete({"hotlive", "validate", "--q"}) == words{"--quiet"});
    BOOST_TEST(complete({"hotlive", "emulate", "--tls"}) == (words{"--tls-cert", "--tls-key"}));
    BOOST_TEST(complete({"hotlive", "regions", "--output"}).empty());  // report's, not regions'
}

BOOST_AUTO_TEST_CASE(option_values_complete_from_their_choices) {
    const words formats{"json", "csv", "junit", "md", "html"};
    BOOST_TEST(complete({"hotlive", "run", "gala.yaml", "--format", ""}) == formats);
    BOOST_TEST(complete({"hotlive", "report", "a.json", "--format", "j"}) == (words{"json", "junit"}));
    BOOST_TEST(complete({"hotlive", "run", "--format", "=", ""}) == formats);  // --format=
    BOOST_TEST(complete({"hotlive", "run", "--format", "=", "c"}) == words{"csv"});
    BOOST_TEST(complete({"hotlive", "run", "--signature", ""}) == (words{"v3", "v1"}));
    BOOST_TEST(complete({"hotlive", "run", "--log-format", ""}) == (words{"text", "json"}));
    BOOST_TEST(complete({"hotlive", "completion", ""}) == words{"bash"});
    BOOST_TEST(complete({"hotlive", "run", "--endpoint", ""}).empty());  // only the operator knows
}

BOOST_AUTO_TEST_CASE(emulate_fault_completes_its_kinds_then_a_colon_for_the_probability) {
    BOOST_TEST(complete({"hotlive", "emulate", "--fault", ""}) ==
               (words{"internal_error:", "service_unavailable:", "throttle:", "latency:", "reset:", "truncate:",
                      "garbage_json:", "no_request_id:", "trickle:"}));
    BOOST_TEST(complete({"hotlive", "emulate", "--fault", "t"}) == (words{"throttle:", "truncate:", "trickle:"}));
    BOOST_TEST(complete({"hotlive", "emulate", "--seed", "1", "--fault", "=", "re"}) == words{"reset:"});
    // The script leaves no space after the colon: the probability follows it.
    const auto text = run_hotlive({"completion", "bash"}).out;
    BOOST_TEST(text.find("-S \":\" -- \"$cur\")); compopt -o nospace") != std::string::npos, text);
}

BOOST_AUTO_TEST_CASE(plans_reports_and_file_options_complete_file_names) {
    BOOST_TEST(complete({"hotlive", "validate", "ga"}) == (words{"gala.yaml", "gala.json"}));
    BOOST_TEST(complete({"hotlive", "report", "gala.json", "n"}) == words{"notes.txt"});
    BOOST_TEST(complete({"hotlive", "run", "gala.yaml", "--report", "gala.j"}) == words{"gala.json"});
    BOOST_TEST(complete({"hotlive", "report", "gala.json", "-o", "no"}) == words{"notes.txt"});
    BOOST_TEST(complete({"hotlive", "regions", ""}).empty());  // regions takes no file
}

BOOST_AUTO_TEST_SUITE_END()
