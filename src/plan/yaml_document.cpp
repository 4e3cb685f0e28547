#include "plan/yaml_document.hpp"

#include "text/quote.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <optional>
#include <sstream>
#include <stdexcept>

namespace hotlive::detail {
namespace {

// Thrown from inside the event handler to stop yaml-cpp at the first node past a limit, so a
// hostile document costs no more than the limit.
struct limit_exceeded {
    int line;    // 1-based
    int column;  // 1-based
    std::string message;

    limit_exceeded(const YAML::Mark& mark, std::string text)
        : line(mark.line + 1), column(mark.column + 1), message(std::move(text)) {}
    limit_exceeded(const yaml_node& at, std::string text)
        : line(at.line), column(at.column), message(std::move(text)) {}
};

class tree_builder final : public YAML::EventHandler {
public:
    tree_builder(std::string_view source, const yaml_limits& limits) : source_(source), limits_(limits) {}

    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        refuse_anchor(mark, anchor);
        add(make(yaml_node::kind::null, mark));
    }

    void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
        throw limit_exceeded{mark,
                             "aliases (*name) are not supported in plans; write the value out, or use "
                             "'defaults' and 'region_groups' to share settings"};
    }

    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override {
        refuse_anchor(mark, anchor);
        auto node = make(yaml_node::kind::scalar, mark);
        // yaml-cpp tags a quoted scalar "!" and a plain one "?".
        node.quoted = tag == "!";
        if (node.quoted) require_closed_on_its_line(mark);
        node.text = value;
        add(std::move(node));
    }

    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override {
        refuse_anchor(mark, anchor);
        open(make(yaml_node::kind::sequence, mark));
    }
    void OnSequenceEnd() override { close(); }

    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override {
        refuse_anchor(mark, anchor);
        open(make(yaml_node::kind::mapping, mark));
    }
    void OnMapEnd() override { close(); }

    std::optional<yaml_node> take_root() { return std::move(root_); }

private:
    static void refuse_anchor(const YAML::Mark& mark, YAML::anchor_t anchor) {
        if (anchor != YAML::NullAnchor) {
            throw limit_exceeded{mark,
                                 "anchors (&name) are not supported in plans; use 'defaults' and "
                                 "'region_groups' to share settings"};
        }
    }

    yaml_node make(yaml_node::kind type, const YAML::Mark& mark) {
        if (++node_count_ > limits_.max_nodes) {
            throw limit_exceeded{mark, "the plan has more than " + std::to_string(limits_.max_nodes) +
                                           " YAML nodes; split it into several plans"};
        }
        yaml_node node;
        node.type = type;
        node.line = mark.line + 1;
        node.column = mark.column + 1;
        return node;
    }

    void open(yaml_node node) {
        if (open_.size() >= limits_.max_depth) {
            throw limit_exceeded{
                node, "the plan nests deeper than " + std::to_string(limits_.max_depth) + " levels; a plan needs five"};
        }
        open_.push_back(std::move(node));
    }

    void close() {
        auto node = std::move(open_.back());
        open_.pop_back();
        // yaml-cpp places an empty value ("rate:" then a new line) at the next token, often the
        // next key; the key's own position is where the operator must look. An explicit null
        // ("rate: ~") on the key's line keeps its place.
        if (node.is_mapping()) {
            for (std::size_t i = 0; i + 1 < node.children.size(); i += 2) {
                if (node.children[i + 1].is_null() && node.children[i + 1].line != node.children[i].line) {
                    node.children[i + 1].line = node.children[i].line;
                    node.children[i + 1].column = node.children[i].column;
                }
            }
        }
        add(std::move(node));
    }

    // YAML lets quoted text run over several lines, so a forgotten closing quote silently
    // swallows the rest of the plan into one value. No plan value spans lines: a quote that is
    // not closed on its own line is reported where it opens.
    void require_closed_on_its_line(const YAML::Mark& mark) const {
        const auto start = static_cast<std::size_t>(mark.pos);
        if (start >= source_.size()) return;
        const char quote = source_[start];
        if (quote != '"' && quote != '\'') return;  // a block scalar (| or >)
        for (std::size_t i = start + 1; i < source_.size() && source_[i] != '\n'; ++i) {
            if (quote == '"' && source_[i] == '\\') {
                ++i;  // an escaped character, perhaps a quote
            } else if (source_[i] == quote) {
                if (quote == '\'' && i + 1 < source_.size() && source_[i + 1] == '\'') {
                    ++i;  // '' is an escaped single quote
                } else {
                    return;
                }
            }
        }
        throw limit_exceeded{mark, std::string("this quoted text is not closed on its line; add the closing ") + quote};
    }

    void add(yaml_node node) {
        if (open_.empty()) {
            root_ = std::move(node);
        } else {
            open_.back().children.push_back(std::move(node));
        }
    }

    std::string_view source_;
    const yaml_limits& limits_;
    std::size_t node_count_ = 0;
    std::vector<yaml_node> open_;  // collections being read, outermost first
    std::optional<yaml_node> root_;
};

diagnostic error_at(const std::string& file, const YAML::Mark& mark, std::string message) {
    return {severity::error, file, mark.line + 1, mark.column + 1, std::move(message)};
}

// The 0-based column of a tab among the leading blanks of `line` (0-based) of `text`, if any:
// yaml-cpp refuses it with whatever it was looking for ("end of map not found", "illegal map
// value"), never saying that the tab is the problem.
std::optional<std::size_t> tab_in_indentation(std::string_view text, int line) {
    for (int i = 0; i < line; ++i) {
        const auto end = text.find('\n');
        if (end == std::string_view::npos) return std::nullopt;
        text.remove_prefix(end + 1);
    }
    const auto indentation = text.substr(0, text.find_first_not_of(" \t"));
    const auto tab = indentation.find('\t');
    if (tab == std::string_view::npos) return std::nullopt;
    return tab;
}

}  // namespace

yaml_parse_result parse_yaml(std::string_view text, const std::string& file, const yaml_limits& limits) {
    yaml_parse_result result;
    if (text.size() > limits.max_bytes) {
        result.diagnostics.push_back({severity::error, file, 0, 0,
                                      "the file is " + std::to_string(text.size()) + " bytes, over the " +
                                          std::to_string(limits.max_bytes) + "-byte limit for a plan"});
        return result;
    }
    // The API's parameters are text; a NUL byte can only be corruption, and yaml-cpp would
    // silently truncate at it.
    if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
        result.diagnostics.push_back(
            {severity::error, file, 0, 0,
             "the file contains a NUL byte at offset " + std::to_string(nul) + "; a plan is UTF-8 text"});
        return result;
    }

    std::istringstream input{std::string(text)};
    tree_builder builder(text, limits);
    try {
        YAML::Parser parser(input);
        if (!parser.HandleNextDocument(builder)) {
            result.diagnostics.push_back(
                {severity::error, file, 0, 0, "the file is empty; a plan starts with 'version: 1'"});
            return result;
        }
        // Exactly one more call, never a loop: repeated calls are how YAML::LoadAll hangs on ",".
        tree_builder second(text, limits);
        if (parser.HandleNextDocument(second)) {
            result.diagnostics.push_back({severity::error, file, 0, 0,
                                          "the file holds more than one YAML document; a plan is one document "
                                          "(look for a second '---' or stray text after the plan)"});
            return result;
        }
    } catch (const limit_exceeded& e) {
        result.diagnostics.push_back({severity::error, file, e.line, e.column, e.message});
        return result;
    } catch (const YAML::DeepRecursion& e) {
        result.diagnostics.push_back(error_at(file, e.mark, "the plan nests too deeply to be a plan"));
        return result;
    } catch (const YAML::Exception& e) {
        if (const auto tab = tab_in_indentation(text, e.mark.line)) {
            result.diagnostics.push_back({severity::error, file, e.mark.line + 1, static_cast<int>(*tab) + 1,
                                          "tabs are not allowed in indentation; YAML indents with spaces only, "
                                          "so replace the tab with spaces"});
            return result;
        }
        result.diagnostics.push_back(error_at(file, e.mark, "invalid YAML: " + e.msg));
        return result;
    }
    result.root = builder.take_root();
    if (!result.root) {
        result.diagnostics.push_back(
            {severity::error, file, 0, 0, "the file is empty; a plan starts with 'version: 1'"});
    }
    return result;
}

std::string describe_node(const yaml_node& node) {
    switch (node.type) {
        case yaml_node::kind::null:
            return "nothing";
        case yaml_node::kind::sequence:
            return "a list";
        case yaml_node::kind::mapping:
            return "a mapping";
        case yaml_node::kind::scalar:
            break;
    }
    return (node.quoted ? "the quoted text " : "") + quoted(node.text, 40);
}

}  // namespace hotlive::detail
