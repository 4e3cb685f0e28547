// The emulator's YAML config (the flags' forms are in command_line_forms.cpp). It is read with the
// plan loader's reader (aliases refused, duplicate keys and unknown keys reported with a
// suggestion), and every problem is reported at once as FILE:LINE:COL.
#include "emulator/config.hpp"
#include "emulator/sts_config.hpp"

#include "plan/field_reader.hpp"
#include "plan/yaml_document.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>

namespace hotlive {
namespace {

using detail::field_reader;
using detail::yaml_node;

constexpr std::array<std::string_view, 13> top_level_keys{"accounts",
                                                          "qps",
                                                          "throttle_retry_after_ms",
                                                          "background_load",
                                                          "seed",
                                                          "domains",
                                                          "regions",
                                                          "faults",
                                                          "sts_duration",
                                                          "roles",
                                                          "oidc_providers",
                                                          "imds",
                                                          "sts_outage"};
static_assert(std::equal(emu::sts_config_keys.begin(), emu::sts_config_keys.end(), top_level_keys.end() - 5));
constexpr std::array<std::string_view, 3> account_keys{"id", "secret", "disabled"};
constexpr std::array<std::string_view, 3> domains_keys{"prefetch_on", "prefetch_off", "ram_denied"};
constexpr std::array<std::string_view, 2> regions_keys{"with_nodes", "without_nodes"};
constexpr std::array<std::string_view, 10> fault_keys{
    "kind",       "match",      "attempts",      "probability",    "per",
    "latency_ms", "trickle_ms", "retry_after_s", "retry_after_ms", "note"};
constexpr std::array<std::string_view, 4> match_keys{"domain", "app", "stream", "region"};
constexpr std::array<std::string_view, 2> background_load_keys{"rate", "seconds"};

constexpr std::uint64_t max_qps = 1'000'000;
constexpr std::uint64_t max_milliseconds = 86'400'000;  // a day

class config_loader {
public:
    config_loader(std::string file, emulator_config& config) : reader_(std::move(file)), config_(config) {}

    std::vector<diagnostic> load(std::string_view text) {
        auto parsed = detail::parse_yaml(text, reader_.file());
        if (!parsed.root) return std::move(parsed.diagnostics);
        const yaml_node& root = *parsed.root;
        if (root.is_null()) return {};  // an empty file configures nothing
        if (reader_.expect_mapping(root, "the emulator config")) {
            reader_.for_each_field(root, "the emulator config", top_level_keys,
                                   [&](const std::string& key, const yaml_node& value) { top_level(key, value); });
        }
        return reader_.take_diagnostics();
    }

private:
    void top_level(const std::string& key, const yaml_node& value) {
        if (key == "accounts") {
            accounts(value);
        } else if (key == "qps") {
            if (const auto v = reader_.read_integer(value, key, 0, max_qps))
                config_.qps = static_cast<std::uint32_t>(*v);
        } else if (key == "throttle_retry_after_ms") {
            if (const auto v = reader_.read_integer(value, key, 0, max_milliseconds)) {
                config_.throttle_retry_after_ms = static_cast<std::uint32_t>(*v);
            }
        } else if (key == "background_load") {
            background_load(value);
        } else if (key == "seed") {
            if (const auto v = reader_.read_integer(value, key, 0, UINT64_MAX)) config_.seed = *v;
        } else if (key == "domains") {
            if (!reader_.expect_mapping(value, "'domains'")) return;
            reader_.for_each_field(value, "'domains'", domains_keys, [&](const std::string& k, const yaml_node& v) {
                auto list = text_list(v, k);
                if (k == "prefetch_on") {
                    config_.prefetch_on = std::move(list);
                } else if (k == "prefetch_off") {
                    config_.prefetch_off = std::move(list);
                } else {
                    config_.ram_denied_domains = std::move(list);
                }
            });
        } else if (key == "regions") {
            if (!reader_.expect_mapping(value, "'regions'")) return;
            reader_.for_each_field(value, "'regions'", regions_keys, [&](const std::string& k, const yaml_node& v) {
                auto list = region_list(v, k);
                if (k == "with_nodes") {
                    config_.regions_with_nodes = std::move(list);
                } else {
                    config_.regions_without_nodes = std::move(list);
                }
            });
        } else if (key == "faults") {
            if (!reader_.expect_sequence(value, "'faults'")) return;
            for (const auto& item : value.children) fault(item);
        } else {
            emu::read_sts_config(reader_, key, value, config_);
        }
    }

    void background_load(const yaml_node& value) {
        if (!reader_.expect_mapping(value, "'background_load'")) return;
        emulator_background_load load;
        const yaml_node* rate = nullptr;
        const std::size_t errors_before = reader_.error_count();
        reader_.for_each_field(value, "'background_load'", background_load_keys,
                               [&](const std::string& k, const yaml_node& v) {
                                   if (k == "rate") {
                                       rate = &v;
                                   } else if (const auto n = reader_.read_integer(v, k, 1, UINT32_MAX)) {
                                       load.seconds = static_cast<std::uint32_t>(*n);
                                   }
                               });
        if (rate == nullptr) {
            reader_.error(value, "'background_load' needs a 'rate' (requests a second)");
            return;
        }
        const auto r = rate->is_scalar() && !rate->quoted ? emu::parse_background_rate(rate->text) : std::nullopt;
        if (!r) {
            reader_.error(*rate,
                          "'rate' must be requests a second, a number above 0 (2.5 for one every 400 ms) and at most "
                          "1000000, got " +
                              detail::describe_node(*rate));
            return;
        }
        load.rate = *r;
        if (reader_.error_count() == errors_before) config_.background_load = load;
    }

    void accounts(const yaml_node& value) {
        if (!reader_.expect_sequence(value, "'accounts'")) return;
        for (const auto& item : value.children) {
            if (!reader_.expect_mapping(item, "an account", false)) continue;
            emulator_account account;
            bool has_id = false, has_secret = false;
            reader_.for_each_field(
                item, "an account", account_keys,
                [&](const std::string& k, const yaml_node& v) {
                    if (k == "id") {
                        if (auto text = reader_.read_text(v, "id")) {
                            account.access_key_id = std::move(*text);
                            has_id = true;
                        }
                    } else if (k == "disabled") {
                        if (const auto b = boolean(v, k)) account.disabled = *b;
                    } else if (!v.is_scalar() || v.text.empty()) {
                        reader_.error(v, "'secret' must be non-empty text");
                    } else {
                        account.access_key_secret = secret_string{v.text};
                        has_secret = true;
                    }
                },
                {}, field_reader::key_echo::no);
            if (!has_id || !has_secret) {
                reader_.error(item, "an account needs both 'id' and 'secret'");
                continue;
            }
            config_.accounts.push_back(std::move(account));
        }
    }

    // A plain (unquoted) true or false.
    std::optional<bool> boolean(const yaml_node& value, std::string_view name) {
        if (value.is_scalar() && !value.quoted && (value.text == "true" || value.text == "false")) {
            return value.text == "true";
        }
        reader_.error(value, "'" + std::string{name} + "' must be true or false");  // in an account: no echo
        return std::nullopt;
    }

    std::vector<std::string> text_list(const yaml_node& value, std::string_view name) {
        std::vector<std::string> out;
        if (!reader_.expect_sequence(value, "'" + std::string{name} + "'")) return out;
        for (const auto& item : value.children) {
            if (auto text = reader_.read_text(item, name)) out.push_back(std::move(*text));
        }
        return out;
    }

    std::vector<std::string> region_list(const yaml_node& value, std::string_view name) {
        std::vector<std::string> out;
        for (auto& code : text_list(value, name)) {
            const auto problem = emu::region_code_problem(code);
            if (!problem) {
                out.push_back(std::move(code));
                continue;
            }
            const yaml_node* at = &value;
            for (const auto& item : value.children) {
                if (item.text == code) at = &item;
            }
            reader_.error(*at, *problem);
        }
        return out;
    }

    std::optional<std::uint32_t> milliseconds(const yaml_node& value, std::string_view name) {
        const auto v = reader_.read_integer(value, name, 0, max_milliseconds);
        return v ? std::optional{static_cast<std::uint32_t>(*v)} : std::nullopt;
    }

    void fault(const yaml_node& item) {
        if (!reader_.expect_mapping(item, "a fault rule")) return;
        fault_rule rule;
        std::optional<fault_kind> kind;
        const yaml_node* latency = nullptr;
        std::vector<std::pair<std::string, const yaml_node*>> specific;  // fields that need a given kind
        const std::size_t errors_before = reader_.error_count();
        reader_.for_each_field(item, "a fault rule", fault_keys, [&](const std::string& k, const yaml_node& v) {
            if (k == "kind") {
                if (!v.is_scalar() || !(kind = parse_fault_kind(v.text))) {
                    reader_.error(v,
                                  "'kind' must be one of internal_error, service_unavailable, throttle, latency, "
                                  "reset, truncate, garbage_json, no_request_id, trickle; got " +
                                      detail::describe_node(v));
                }
            } else if (k == "match") {
                match(v, rule);
            } else if (k == "attempts") {
                if (!reader_.expect_sequence(v, "'attempts'")) return;
                for (const auto& a : v.children) {
                    if (const auto n = reader_.read_integer(a, "attempts", 1, UINT32_MAX)) {
                        rule.attempts.push_back(static_cast<std::uint32_t>(*n));
                    }
                }
            } else if (k == "probability") {
                const auto p = v.is_scalar() && !v.quoted ? emu::parse_probability(v.text) : std::nullopt;
                if (!p) {
                    reader_.error(v, "'probability' must be a number from 0 to 1 (0.05 for 5 %), got " +
                                         detail::describe_node(v));
                } else {
                    rule.probability = *p;
                }
            } else if (k == "per") {
                if (v.is_scalar() && v.text == "call") {
                    rule.per = fault_scope::call;
                } else if (v.is_scalar() && v.text == "attempt") {
                    rule.per = fault_scope::attempt;
                } else {
                    reader_.error(v, "'per' must be 'call' or 'attempt', got " + detail::describe_node(v));
                }
            } else if (k == "latency_ms") {
                latency = &v;
                specific.emplace_back(k, &v);
            } else if (k == "trickle_ms") {
                if (const auto ms = milliseconds(v, k)) rule.trickle_ms = std::max<std::uint32_t>(*ms, 1);
                specific.emplace_back(k, &v);
            } else if (k == "retry_after_s") {
                if (const auto n = reader_.read_integer(v, k, 0, 86'400))
                    rule.retry_after_s = static_cast<std::uint32_t>(*n);
                specific.emplace_back(k, &v);
            } else if (k == "retry_after_ms") {
                rule.retry_after_ms = milliseconds(v, k);
                specific.emplace_back(k, &v);
            }
            // "note": free text for people, ignored.
        });
        if (!kind) {
            if (reader_.error_count() == errors_before) reader_.error(item, "a fault rule needs a 'kind'");
            return;
        }
        rule.kind = *kind;
        for (const auto& [name, node] : specific) {
            const bool fits = (name == "latency_ms" && rule.kind == fault_kind::latency) ||
                              (name == "trickle_ms" && rule.kind == fault_kind::trickle) ||
                              (name == "retry_after_s" && rule.kind == fault_kind::service_unavailable) ||
                              (name == "retry_after_ms" &&
                               (rule.kind == fault_kind::service_unavailable || rule.kind == fault_kind::throttle));
            if (!fits)
                reader_.error(*node,
                              "'" + name + "' does not apply to a fault of kind " + std::string{to_string(rule.kind)});
        }
        if (rule.kind == fault_kind::latency) {
            if (latency == nullptr) {
                reader_.error(item, "a latency fault needs 'latency_ms': a number (300) or a range ([100, 500])");
            } else if (latency->is_sequence()) {
                const auto& range = latency->children;
                std::optional<std::uint32_t> low, high;
                if (range.size() == 2) {
                    low = milliseconds(range[0], "latency_ms");
                    high = milliseconds(range[1], "latency_ms");
                } else {
                    reader_.error(*latency, "'latency_ms' as a range is [min, max], two numbers");
                }
                if (low && high && *low > *high) reader_.error(*latency, "'latency_ms' range [min, max] has min > max");
                if (low && high) {
                    rule.latency_min_ms = *low;
                    rule.latency_max_ms = *high;
                }
            } else if (const auto ms = milliseconds(*latency, "latency_ms")) {
                rule.latency_min_ms = rule.latency_max_ms = *ms;
            }
        }
        config_.faults.push_back(std::move(rule));
    }

    void match(const yaml_node& value, fault_rule& rule) {
        if (!reader_.expect_mapping(value, "'match'")) return;
        reader_.for_each_field(value, "'match'", match_keys, [&](const std::string& k, const yaml_node& v) {
            auto text = reader_.read_text(v, k);
            if (!text) return;
            if (k == "domain") {
                rule.match_domain = std::move(text);
            } else if (k == "app") {
                rule.match_app = std::move(text);
            } else if (k == "stream") {
                rule.match_stream = std::move(text);
            } else if (k == "region") {
                rule.match_region = std::move(text);
            }
        });
    }

    field_reader reader_;
    emulator_config& config_;
};

}  // namespace

std::vector<diagnostic> parse_emulator_config(std::string_view yaml, const std::string& file_name,
                                              emulator_config& config) {
    return config_loader{file_name, config}.load(yaml);
}

std::vector<diagnostic> load_emulator_config(const std::filesystem::path& file, emulator_config& config) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return {{severity::error, file.string(), 0, 0, "cannot read the emulator config"}};
    std::ostringstream text;
    text << in.rdbuf();
    return parse_emulator_config(text.str(), file.string(), config);
}

}  // namespace hotlive
