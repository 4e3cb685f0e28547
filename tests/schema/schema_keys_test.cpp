// The plan schema (plans/hotlive-plan.schema.json) in step with the loader, both ways: the same
// keys in the same mappings, the same number ranges and defaults, every region code and built-in
// group offered, and the loader agreeing with the plans tests/schema/ says the schema accepts or
// refuses. check_plans.py runs the schema itself in a real validator.
#include "plan/plan_keys.hpp"

#include <hotlive/plan.hpp>
#include <hotlive/regions.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using hotlive::detail::plan_mappings;

const fs::path schema_file = HOTLIVE_SOURCE_DIR "/plans/hotlive-plan.schema.json";
const fs::path fixtures = HOTLIVE_SOURCE_DIR "/tests/schema";

const json::object& schema() {
    static const json::value value = [] {
        std::ifstream in(schema_file);
        std::ostringstream text;
        text << in.rdbuf();
        return json::parse(text.str());
    }();
    return value.as_object();
}

const json::object& definition(std::string_view name) { return schema().at("definitions").at(name).as_object(); }

// Follows "$ref": "#/definitions/NAME", the only kind of reference the schema uses.
const json::object& resolved(const json::object& node) {
    const auto* ref = node.if_contains("$ref");
    if (ref == nullptr) return node;
    constexpr std::string_view prefix = "#/definitions/";
    const std::string_view target = ref->as_string();
    BOOST_TEST_REQUIRE(target.starts_with(prefix), target);
    return definition(target.substr(prefix.size()));
}

// Whether `node[key]` is the string `text`.
bool is(const json::object& node, std::string_view key, std::string_view text) {
    const auto* value = node.if_contains(key);
    return value != nullptr && value->is_string() && value->as_string() == text;
}

std::string joined(const std::string& path, std::string_view key) {
    return path.empty() ? std::string(key) : path + "." + std::string(key);
}

// Every schema object that declares keys, by where it stands in a plan, named as plan_mappings
// names them: "" the plan, "limits", "streams[]" an entry of the list. The conditions of the
// root's allOf only require keys, declared elsewhere, and are not followed.
void collect_mappings(const json::object& at, const std::string& path,
                      std::map<std::string, const json::object*>& found) {
    const json::object& node = resolved(at);
    if (const auto* properties = node.if_contains("properties")) {
        found.emplace(path, &node);
        for (const auto& [key, sub] : properties->as_object())
            collect_mappings(sub.as_object(), joined(path, key), found);
    }
    if (const auto* items = node.if_contains("items")) collect_mappings(items->as_object(), path + "[]", found);
    if (const auto* extra = node.if_contains("additionalProperties"); extra != nullptr && extra->is_object()) {
        collect_mappings(extra->as_object(), joined(path, "*"), found);
    }
    for (const std::string_view alternatives : {"anyOf", "oneOf"}) {
        if (const auto* list = node.if_contains(alternatives)) {
            for (const auto& alternative : list->as_array()) collect_mappings(alternative.as_object(), path, found);
        }
    }
}

std::map<std::string, const json::object*> schema_mappings() {
    std::map<std::string, const json::object*> found;
    collect_mappings(schema(), "", found);
    return found;
}

std::vector<fs::path> yaml_files(const fs::path& directory) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(directory)) {
        if (entry.path().extension() == ".yaml") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::string messages(const hotlive::plan_result& r) {
    std::string text;
    for (const auto& d : r.diagnostics) text += format(d) + "\n";
    return text;
}

// A valid plan with `key: value` set in `mapping` ("" for the top level), for probing the
// loader's range of each number. The retry delays leave room for any base and any cap.
std::string plan_with(std::string_view mapping, std::string_view key, std::string_view value) {
    std::map<std::string, std::map<std::string, std::string>> sections{
        {"", {{"version", "1"}}},
        {"defaults",
         {{"domain", "rts.example.com"},
          {"app", "live"},
          {"audio_msid", "a"},
          {"video_msid", "v"},
          {"regions", "[SG]"}}},
        {"streams[]", {{"stream", "main"}}},
        {"retry", {{"base_delay_ms", "1"}, {"throttle_base_delay_ms", "1"}, {"max_delay_ms", "600000"}}},
    };
    sections[std::string(mapping)][std::string(key)] = value;
    const auto flow = [](const std::map<std::string, std::string>& fields) {
        std::string text = "{ ";
        for (const auto& [k, v] : fields) text += k + ": " + v + ", ";
        return text + "}";
    };
    std::string plan;
    for (const auto& [name, fields] : sections) {
        if (name.empty()) {
            for (const auto& [k, v] : fields) plan += k + ": " + v + "\n";
        } else if (name == "streams[]") {
            plan += "streams: [ " + flow(fields) + " ]\n";
        } else {
            plan += name + ": " + flow(fields) + "\n";
        }
    }
    return plan;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(plan_schema)

BOOST_AUTO_TEST_CASE(every_mapping_has_the_keys_the_loader_reads_and_no_other) {
    const auto found = schema_mappings();
    for (const auto& mapping : plan_mappings) {
        BOOST_TEST_CONTEXT("mapping '" << mapping.path << "'") {
            const auto it = found.find(std::string(mapping.path));
            if (it == found.end()) {
                BOOST_ERROR("the loader reads this mapping; the schema has no properties for it");
                continue;
            }
            const json::object& node = *it->second;
            BOOST_TEST(is(node, "type", "object"));
            const auto* extra = node.if_contains("additionalProperties");
            BOOST_TEST((extra != nullptr && extra->is_bool() && !extra->as_bool()),
                       "the loader refuses unknown keys here: 'additionalProperties' must be false");
            const auto& properties = node.at("properties").as_object();
            for (const auto key : mapping.keys) {
                BOOST_TEST(properties.contains(key), "the loader reads '" << key << "'; the schema lacks it");
            }
            for (const auto& [key, sub] : properties) {
                const bool known = std::find(mapping.keys.begin(), mapping.keys.end(), key) != mapping.keys.end();
                BOOST_TEST(known, "the schema has '" << key << "'; the loader refuses it");
                const auto* description = resolved(sub.as_object()).if_contains("description");
                BOOST_TEST((description != nullptr && description->is_string() && !description->as_string().empty()),
                           "'" << key << "' has no description for editors to show");
            }
        }
    }
    for (const auto& [path, node] : found) {
        const bool read =
            std::any_of(plan_mappings.begin(), plan_mappings.end(), [&](const auto& m) { return m.path == path; });
        BOOST_TEST(read, "the schema declares keys at '" << path << "'; the loader reads no such mapping");
    }
}

// Each number's smallest and largest value is accepted by the loader, one past either refused.
BOOST_AUTO_TEST_CASE(every_number_has_the_loaders_range) {
    int probed = 0;
    for (const auto& [path, node] : schema_mappings()) {
        for (const auto& [key, sub] : node->at("properties").as_object()) {
            const json::object& field = resolved(sub.as_object());
            if (!is(field, "type", "integer")) continue;
            ++probed;
            const auto* constant = field.if_contains("const");
            const std::int64_t min = (constant ? *constant : field.at("minimum")).as_int64();
            const std::int64_t max = (constant ? *constant : field.at("maximum")).as_int64();
            for (const std::int64_t value : {min - 1, min, max, max + 1}) {
                const bool inside = value >= min && value <= max;
                const auto text = plan_with(path, key, std::to_string(value));
                const auto r = hotlive::load_plan_text(text, "probe.yaml");
                BOOST_TEST(r.value.has_value() == inside,
                           joined(path, key) << " = " << value << (inside ? " refused" : " accepted")
                                             << " by the loader; the schema says [" << min << ", " << max << "]\n"
                                             << text << messages(r));
            }
        }
    }
    BOOST_TEST(probed == 15);  // version, 2 timeouts of streams and of defaults, 3 limits, 5 retry, 2 timeouts
}

BOOST_AUTO_TEST_CASE(the_defaults_shown_are_the_loaders) {
    const hotlive::plan plan;
    const auto number = [](auto v) { return json::value(static_cast<std::int64_t>(v)); };
    const std::map<std::string, json::value> loader_defaults{
        {"endpoint", json::value(plan.endpoint)},
        {"limits.rate", number(plan.limits.rate)},
        {"limits.burst", number(plan.limits.burst)},
        {"limits.concurrency", number(plan.limits.concurrency)},
        {"limits.adaptive", json::value(plan.limits.adaptive)},
        {"retry.max_attempts", number(plan.retry.max_attempts)},
        {"retry.base_delay_ms", number(plan.retry.base_delay.count())},
        {"retry.throttle_base_delay_ms", number(plan.retry.throttle_base_delay.count())},
        {"retry.max_delay_ms", number(plan.retry.max_delay.count())},
        {"retry.max_throttled_attempts", number(plan.retry.max_throttled_attempts)},
        {"timeouts.connect_ms", number(plan.timeouts.connect.count())},
        {"timeouts.request_ms", number(plan.timeouts.request.count())},
    };
    std::map<std::string, json::value> schema_defaults;
    for (const auto& [path, node] : schema_mappings()) {
        for (const auto& [key, sub] : node->at("properties").as_object()) {
            if (const auto* d = resolved(sub.as_object()).if_contains("default"))
                schema_defaults[joined(path, key)] = *d;
        }
    }
    for (const auto& [field, value] : loader_defaults) {
        const auto it = schema_defaults.find(field);
        BOOST_TEST((it != schema_defaults.end() && it->second == value),
                   field << ": the loader's default is " << json::serialize(value) << ", the schema shows "
                         << (it == schema_defaults.end() ? std::string("none") : json::serialize(it->second)));
    }
    for (const auto& [field, value] : schema_defaults) {
        BOOST_TEST(loader_defaults.contains(field),
                   field << " has a default in the schema that this test does not check");
    }
}

BOOST_AUTO_TEST_CASE(every_region_code_and_built_in_group_is_offered) {
    const auto& codes = definition("region_code").at("enum").as_array();
    const auto& names = definition("region_code").at("enumDescriptions").as_array();
    const auto regions = hotlive::all_regions();
    BOOST_TEST_REQUIRE(codes.size() == regions.size());
    BOOST_TEST_REQUIRE(names.size() == regions.size());
    for (std::size_t i = 0; i < regions.size(); ++i) {
        BOOST_TEST(codes[i].as_string() == regions[i].code);
        BOOST_TEST(names[i].as_string() == regions[i].name);
    }
    const auto& groups = definition("builtin_group").at("enum").as_array();
    const auto builtin = hotlive::builtin_group_names();
    BOOST_TEST_REQUIRE(groups.size() == builtin.size());
    for (std::size_t i = 0; i < builtin.size(); ++i) BOOST_TEST(groups[i].as_string() == builtin[i]);
}

BOOST_AUTO_TEST_CASE(the_loader_accepts_the_plans_the_schema_must_accept) {
    const auto files = yaml_files(fixtures / "accepted");
    BOOST_TEST(files.size() >= 5u);
    for (const auto& file : files) {
        const auto r = hotlive::load_plan_file(file);
        BOOST_TEST(r.value.has_value(), file.filename() << ":\n" << messages(r));
    }
}

BOOST_AUTO_TEST_CASE(the_loader_refuses_the_plans_the_schema_must_refuse) {
    const auto files = yaml_files(fixtures / "refused");
    BOOST_TEST(files.size() >= 30u);
    for (const auto& file : files) {
        BOOST_TEST(!hotlive::load_plan_file(file).value.has_value(), file.filename()
                                                                         << " loads; the schema refuses it");
    }
}

BOOST_AUTO_TEST_SUITE_END()
