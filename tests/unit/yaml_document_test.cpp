#include "plan/yaml_document.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace hotlive;
using namespace hotlive::detail;

namespace {
std::string first_error(const yaml_parse_result& r) {
    return r.diagnostics.empty() ? std::string("(none)") : format(r.diagnostics.front());
}
}  // namespace

BOOST_AUTO_TEST_SUITE(yaml_document)

BOOST_AUTO_TEST_CASE(nodes_remember_their_line_column_and_quoting) {
    const auto r = parse_yaml("a: 1\nb:\n  - \"x\"\n  - y\nc:\n", "t.yaml");
    BOOST_TEST_REQUIRE(r.root.has_value());
    const yaml_node& root = *r.root;
    BOOST_TEST(root.is_mapping());
    BOOST_TEST_REQUIRE(root.children.size() == 6u);
    BOOST_TEST(root.children[0].text == "a");
    BOOST_TEST(root.children[1].text == "1");
    BOOST_TEST(root.children[1].line == 1);
    BOOST_TEST(root.children[1].column == 4);
    BOOST_TEST(!root.children[1].quoted);
    const yaml_node& list = root.children[3];
    BOOST_TEST(list.is_sequence());
    BOOST_TEST_REQUIRE(list.children.size() == 2u);
    BOOST_TEST(list.children[0].quoted);
    BOOST_TEST(list.children[0].line == 3);
    BOOST_TEST(list.children[0].column == 5);
    BOOST_TEST(!list.children[1].quoted);
    BOOST_TEST(root.children[5].is_null());
}

BOOST_AUTO_TEST_CASE(duplicate_keys_are_kept_for_the_loader_to_report) {
    const auto r = parse_yaml("a: 1\na: 2\n", "t.yaml");
    BOOST_TEST_REQUIRE(r.root.has_value());
    BOOST_TEST(r.root->children.size() == 4u);
}

BOOST_AUTO_TEST_CASE(anchors_and_aliases_are_refused_where_written) {
    const auto anchor = parse_yaml("a: &x [1]\n", "t.yaml");
    BOOST_TEST(!anchor.root);
    BOOST_TEST(first_error(anchor).find("t.yaml:1:4: error: anchors") == 0u, first_error(anchor));
    const auto alias = parse_yaml("a: [1]\nb: *x\n", "t.yaml");
    BOOST_TEST(!alias.root);
}

BOOST_AUTO_TEST_CASE(the_alias_bomb_is_refused_before_it_expands) {
    std::string bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
    for (char level = 'b'; level <= 'i'; ++level) {
        const char previous = static_cast<char>(level - 1);
        bomb += std::string(1, level) + ": &" + level + " [";
        for (int i = 0; i < 9; ++i) bomb += std::string(i ? "," : "") + "*" + previous;
        bomb += "]\n";
    }
    const auto r = parse_yaml(bomb, "bomb.yaml");
    BOOST_TEST(!r.root);
    BOOST_TEST(first_error(r).find("anchors") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(nesting_past_the_limit_stops_at_the_first_node_too_deep) {
    const auto r = parse_yaml(std::string(100'000, '['), "deep.yaml");
    BOOST_TEST(!r.root);
    // yaml-cpp reads each nested flow '[' as a sequence inside an implicit single-pair mapping,
    // two levels per bracket: the 33rd bracket is the 65th level.
    BOOST_TEST(first_error(r).find("deep.yaml:1:33: error: the plan nests deeper than 64 levels") == 0u,
               first_error(r));
}

BOOST_AUTO_TEST_CASE(node_count_and_size_limits_are_enforced) {
    std::string many = "[";
    for (int i = 0; i < 200; ++i) many += "1,";
    many += "1]";
    yaml_limits limits;
    limits.max_nodes = 100;
    const auto r = parse_yaml(many, "many.yaml", limits);
    BOOST_TEST(!r.root);
    BOOST_TEST(first_error(r).find("more than 100 YAML nodes") != std::string::npos, first_error(r));

    limits = {};
    limits.max_bytes = 10;
    const auto big = parse_yaml("version: 1\n", "big.yaml", limits);
    BOOST_TEST(!big.root);
    BOOST_TEST(first_error(big) == "big.yaml: error: the file is 11 bytes, over the 10-byte limit for a plan");
}

BOOST_AUTO_TEST_CASE(inputs_that_hang_yaml_cpp_load_all_end_with_an_error) {
    for (const char* text : {",", "]", "}", "- - ,", "a: ]"}) {
        const auto r = parse_yaml(text, "trap.yaml");
        BOOST_TEST_CONTEXT(text) { BOOST_TEST(!r.root); }
    }
}

BOOST_AUTO_TEST_CASE(empty_and_comment_only_files_are_reported_as_empty) {
    for (const char* text : {"", "# only a comment\n", "\n\n"}) {
        const auto r = parse_yaml(text, "empty.yaml");
        BOOST_TEST(!r.root);
        BOOST_TEST(first_error(r).find("the file is empty") != std::string::npos, first_error(r));
    }
}

BOOST_AUTO_TEST_CASE(a_second_document_is_refused) {
    const auto r = parse_yaml("a: 1\n---\nb: 2\n", "two.yaml");
    BOOST_TEST(!r.root);
    BOOST_TEST(first_error(r).find("more than one YAML document") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_nul_byte_is_refused) {
    const auto r = parse_yaml(std::string("a: 1\n\0b: 2\n", 11), "nul.yaml");
    BOOST_TEST(!r.root);
    BOOST_TEST(first_error(r).find("NUL byte at offset 5") != std::string::npos, first_error(r));
}

BOOST_AUTO_TEST_CASE(syntax_errors_carry_yaml_cpps_position) {
    const auto r = parse_yaml("a: [1, 2\nb: 3\n", "bad.yaml");
    BOOST_TEST(!r.root);
    BOOST_TEST(first_error(r).find("bad.yaml:") == 0u);
    BOOST_TEST(first_error(r).find("invalid YAML") != std::string::npos, first_error(r));
}

BOOST_AUTO_TEST_CASE(a_tab_in_indentation_is_named_at_the_tab) {
    // yaml-cpp says "end of map not found" here, at the column after the tab.
    const auto r = parse_yaml("streams:\n  - stream: a\n    regions: [SG]\n  \tapp: x\n", "tab.yaml");
    BOOST_TEST(!r.root);
    BOOST_TEST(first_error(r) ==
                   "tab.yaml:4:3: error: tabs are not allowed in indentation; YAML indents with spaces only, so "
                   "replace the tab with spaces",
               first_error(r));
    // A tab elsewhere on a line with an error is not blamed.
    const auto other = parse_yaml("a: [1,\t2\nb: 3\n", "other.yaml");
    BOOST_TEST(first_error(other).find("invalid YAML") != std::string::npos, first_error(other));
}

BOOST_AUTO_TEST_SUITE_END()
