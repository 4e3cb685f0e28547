// Plan format version 1 (DESIGN.md): the schema, the defaults, and the checks that make a plan
// safe to run. Every problem is collected; a plan with any error yields no plan at all.
#include "plan/endpoint.hpp"
#include "plan/field_reader.hpp"
#include "plan/plan_keys.hpp"
#include "plan/region_resolver.hpp"
#include "plan/yaml_document.hpp"
#include "text/quote.hpp"
#include "text/suggest.hpp"
#include "time/event_offset.hpp"
#include "time/rfc3339.hpp"

#include <hotlive/expansion.hpp>
#include <hotlive/plan.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <span>
#include <sstream>
#include <tuple>

namespace hotlive {
namespace {

using detail::field_reader;
using detail::yaml_node;
// The keys of each mapping (plan_keys.hpp), shared with the plan schema's tests.
using detail::credentials_keys;
using detail::defaults_keys;
using detail::limits_keys;
using detail::retry_keys;
using detail::schedule_keys;
using detail::stream_keys;
using detail::timeouts_keys;
using detail::top_level_keys;
using detail::wave_keys;

// Keys written at the top level that belong in a section, for "it belongs in 'limits'".
const std::vector<field_reader::misplaced_key>& misplaced_keys() {
    static const std::vector<field_reader::misplaced_key> keys = [] {
        std::vector<field_reader::misplaced_key> all;
        all.reserve(stream_keys.size() + limits_keys.size() + retry_keys.size() + timeouts_keys.size() +
                    schedule_keys.size() + credentials_keys.size());
        for (const auto k : stream_keys) {
            all.push_back({k, k == "stream" ? "a stream entry" : "'defaults' or a stream entry"});
        }
        for (const auto k : limits_keys) all.push_back({k, "'limits'"});
        for (const auto k : retry_keys) all.push_back({k, "'retry'"});
        for (const auto k : timeouts_keys) all.push_back({k, "'timeouts'"});
        for (const auto k : schedule_keys) all.push_back({k, "'schedule'"});
        for (const auto k : credentials_keys) all.push_back({k, "'credentials'"});
        return all;
    }();
    return keys;
}

constexpr std::uint64_t account_quota_per_second = 10;
constexpr std::uint64_t max_api_timeout_ms = 4'294'967'295;  // what fits the API's integer

// A stream entry or `defaults`, before defaults are applied. Regions stay unresolved nodes
// until the groups are known.
struct stream_fields {
    std::optional<std::string> stream, domain, app, audio_msid, video_msid;
    std::optional<std::uint64_t> connection_timeout_ms, media_timeout_ms;
    const yaml_node* regions = nullptr;
    std::vector<std::string> written;  // keys present, valid or not
    bool invalid = false;              // some present value was refused (and reported)

    [[nodiscard]] bool wrote(std::string_view key) const {
        return std::find(written.begin(), written.end(), key) != written.end();
    }
};

class plan_loader {
public:
    explicit plan_loader(std::string file) : reader_(std::move(file)), regions_(reader_) {}

    plan_result load(const yaml_node& root);

private:
    void read_top_level(const yaml_node& root);
    stream_fields read_stream_fields(const yaml_node& mapping, std::string_view where, bool is_defaults);
    bool read_identifier_into(std::optional<std::string>& out, const yaml_node& value, std::string_view name);
    void read_proxy(const yaml_node& node);
    void read_limits(const yaml_node& node);
    void read_retry(const yaml_node& node);
    void read_timeouts(const yaml_node& node);
    void read_schedule(const yaml_node& node);
    void build_streams();
    void build_waves();
    void check_waves_cover_every_call();
    void add_stream(stream_target target, const yaml_node& entry);
    void check_policies();

    template <typename T>
    void read_number_into(T& out, const yaml_node& value, std::string_view name, std::uint64_t min, std::uint64_t max) {
        if (const auto v = reader_.read_integer(value, name, min, max)) out = static_cast<T>(*v);
    }
    void read_ms_into(milliseconds& out, const yaml_node& value, std::string_view name, std::uint64_t min,
                      std::uint64_t max) {
        if (const auto v = reader_.read_integer(value, name, min, max))
            out = milliseconds{static_cast<std::int64_t>(*v)};
    }

    field_reader reader_;
    detail::region_resolver regions_;
    plan plan_;
    const yaml_node* root_ = nullptr;
    const yaml_node* version_ = nullptr;
    const yaml_node* streams_ = nullptr;
    const yaml_node* limits_node_ = nullptr;
    const yaml_node* retry_node_ = nullptr;
    const yaml_node* schedule_node_ = nullptr;
    const yaml_node* waves_node_ = nullptr;
    std::vector<std::string> retry_written_;
    stream_fields defaults_;
    // Where each (domain, app, stream) was first declared, to merge or refuse repeats.
    std::map<std::tuple<std::string, std::string, std::string>, std::size_t> target_index_;
    // Streams whose entry has an error: a wave naming one is not told the stream does not exist.
    std::set<std::string, std::less<>> refused_streams_;
};

plan_result plan_loader::load(const yaml_node& root) {
    root_ = &root;
    // A plan that is not a mapping has no parts to check further.
    if (reader_.expect_mapping(root, "a plan")) {
        read_top_level(root);
        build_streams();
        build_waves();
        check_policies();
    }

    plan_result result;
    result.diagnostics = reader_.take_diagnostics();
    std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(),
                     [](const diagnostic& a, const diagnostic& b) {
                         return std::tie(a.line, a.column) < std::tie(b.line, b.column);
                     });
    if (!has_errors(result.diagnostics)) result.value = std::move(plan_);
    return result;
}

void plan_loader::read_top_level(const yaml_node& root) {
    // region_groups first: streams and defaults refer to groups wherever they are written.
    for (std::size_t i = 0; i + 1 < root.children.size(); i += 2) {
        if (root.children[i].is_scalar() && root.children[i].text == "region_groups") {
            regions_.read_groups(root.children[i + 1]);
            break;
        }
    }
    reader_.for_each_field(
        root, "the plan", top_level_keys,
        [&](const std::string& key, const yaml_node& value) {
            if (key == "version") {
                version_ = &value;
                if (const auto v = reader_.read_integer(value, "version", 1, 1000); v && *v != 1) {
                    reader_.error(value, "plan format version " + std::to_string(*v) +
                                             " is not supported; this hotlive reads version 1");
                }
            } else if (key == "name") {
                if (auto name = reader_.read_text(value, "name")) plan_.name = std::move(*name);
            } else if (key == "endpoint") {
                if (const auto text = reader_.read_text(value, "endpoint", 2048)) {
                    if (const auto parsed = detail::parse_endpoint(*text); parsed.value) {
                        plan_.endpoint = *text;
                    } else {
                        reader_.error(value, parsed.error);
                    }
                }
            } else if (key == "proxy") {
                read_proxy(value);
            } else if (key == "credentials") {
                // Never echo this section's values: a key pasted here must not reach a terminal or log.
                if (!reader_.expect_mapping(value, "'credentials'", false)) return;
                reader_.for_each_field(
                    value,
                    "'credentials' (keys never go in a plan: use the environment, "
                    "~/.aliyun/config.json or ~/.alibabacloud/credentials)",
                    credentials_keys,
                    [&](const std::string&, const yaml_node& profile) {
                        if (auto p = reader_.read_text(profile, "profile")) plan_.credentials_profile = *p;
                    },
                    {}, field_reader::key_echo::no);
            } else if (key == "defaults") {
                if (reader_.expect_mapping(value, "'defaults'"))
                    defaults_ = read_stream_fields(value, "'defaults'", true);
            } else if (key == "streams") {
                streams_ = &value;
            } else if (key == "limits") {
                read_limits(value);
            } else if (key == "retry") {
                read_retry(value);
            } else if (key == "timeouts") {
                read_timeouts(value);
            } else if (key == "schedule") {
                read_schedule(value);
            }
        },
        misplaced_keys());
    if (version_ == nullptr) reader_.error(root, "the plan has no 'version'; add 'version: 1' as its first line");
    if (plan_.name.empty()) {
        const auto& file = reader_.file();
        const auto slash = file.find_last_of('/');
        std::string stem = file.substr(slash == std::string::npos ? 0 : slash + 1);
        if (const auto dot = stem.rfind('.'); dot != std::string::npos && dot > 0) stem.resize(dot);
        plan_.name = stem;
    }
}

stream_fields plan_loader::read_stream_fields(const yaml_node& mapping, std::string_view where, bool is_defaults) {
    stream_fields fields;
    const std::span<const std::string_view> known =
        is_defaults ? defaults_keys : std::span<const std::string_view>(stream_keys);
    reader_.for_each_field(mapping, where, known, [&](const std::string& key, const yaml_node& value) {
        fields.written.push_back(key);
        const auto refused_before = reader_.error_count();
        if (key == "stream") {
            read_identifier_into(fields.stream, value, key);
        } else if (key == "domain") {
            if (auto text = reader_.read_text(value, key, 253)) {
                const bool host_like = std::all_of(text->begin(), text->end(), [](char c) {
                    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                           c == '.';
                });
                if (!host_like || text->front() == '.' || text->back() == '.' ||
                    text->find("..") != std::string::npos) {
                    reader_.error(value, "'domain' must be a streaming domain such as rts.example.com, got " +
                                             detail::quoted(*text));
                } else {
                    fields.domain = std::move(text);
                }
            }
        } else if (key == "app") {
            read_identifier_into(fields.app, value, key);
        } else if (key == "audio_msid") {
            fields.audio_msid = reader_.read_text(value, key);
        } else if (key == "video_msid") {
            fields.video_msid = reader_.read_text(value, key);
        } else if (key == "connection_timeout_ms") {
            fields.connection_timeout_ms = reader_.read_integer(value, key, 0, max_api_timeout_ms);
        } else if (key == "media_timeout_ms") {
            fields.media_timeout_ms = reader_.read_integer(value, key, 0, max_api_timeout_ms);
        } else if (key == "regions") {
            fields.regions = &value;
        }
        if (reader_.error_count() != refused_before) fields.invalid = true;
    });
    return fields;
}

// App and stream names become part of the call key "domain/app/stream@REGION", so the key's
// separators and white space are refused.
bool plan_loader::read_identifier_into(std::optional<std::string>& out, const yaml_node& value, std::string_view name) {
    auto text = reader_.read_text(value, name);
    if (!text) return false;
    if (const auto bad = text->find_first_of("/@ "); bad != std::string::npos) {
        reader_.error(value, "'" + std::string(name) + "' must not contain '" + std::string(1, (*text)[bad]) +
                                 "' (it separates the parts of a call key), got " + detail::quoted(*text));
        return false;
    }
    out = std::move(text);
    return true;
}

void plan_loader::read_proxy(const yaml_node& node) {
    // A YAML 1.2 boolean, as read_boolean() reads them.
    const auto is_word = [&](std::initializer_list<std::string_view> forms) {
        return node.is_scalar() && !node.quoted && std::find(forms.begin(), forms.end(), node.text) != forms.end();
    };
    if (is_word({"false", "False", "FALSE"})) {
        plan_.proxy = {proxy_choice::kind::direct, {}};
        return;
    }
    if (is_word({"true", "True", "TRUE"})) {
        reader_.error(node, "'proxy' must be a proxy URL, http://host:port, or false for direct connections");
        return;
    }
    // Never echoed: a proxy URL may carry a password.
    const auto text = reader_.read_text(node, "proxy", 2048);
    if (!text) return;
    const auto parsed = parse_proxy_url(*text);
    if (!parsed.value) {
        reader_.error(node, "'proxy' " + parsed.error);
        return;
    }
    if (parsed.value->authenticates()) {
        reader_.error(node,
                      "'proxy' carries a user or password, which never go in a plan (it is shared and kept in version "
                      "control): keep http://host:port here and give the credentials in HTTPS_PROXY or --proxy");
        return;
    }
    plan_.proxy = {proxy_choice::kind::proxy, *text};
}

void plan_loader::read_limits(const yaml_node& node) {
    limits_node_ = &node;
    if (!reader_.expect_mapping(node, "'limits'")) return;
    reader_.for_each_field(node, "'limits'", limits_keys, [&](const std::string& key, const yaml_node& value) {
        if (key == "rate") read_number_into(plan_.limits.rate, value, key, 0, 100'000);
        if (key == "burst") read_number_into(plan_.limits.burst, value, key, 1, 1'000);
        if (key == "concurrency") read_number_into(plan_.limits.concurrency, value, key, 1, 4'096);
        if (key == "adaptive") {
            if (const auto adaptive = reader_.read_boolean(value, key)) plan_.limits.adaptive = *adaptive;
        }
    });
}

void plan_loader::read_retry(const yaml_node& node) {
    retry_node_ = &node;
    if (!reader_.expect_mapping(node, "'retry'")) return;
    reader_.for_each_field(node, "'retry'", retry_keys, [&](const std::string& key, const yaml_node& value) {
        retry_written_.push_back(key);
        if (key == "max_attempts") read_number_into(plan_.retry.max_attempts, value, key, 1, 100);
        if (key == "base_delay_ms") read_ms_into(plan_.retry.base_delay, value, key, 1, 60'000);
        if (key == "throttle_base_delay_ms") read_ms_into(plan_.retry.throttle_base_delay, value, key, 1, 60'000);
        if (key == "max_delay_ms") read_ms_into(plan_.retry.max_delay, value, key, 1, 600'000);
        if (key == "max_throttled_attempts") read_number_into(plan_.retry.max_throttled_attempts, value, key, 1, 1'000);
    });
}

void plan_loader::read_timeouts(const yaml_node& node) {
    if (!reader_.expect_mapping(node, "'timeouts'")) return;
    reader_.for_each_field(node, "'timeouts'", timeouts_keys, [&](const std::string& key, const yaml_node& value) {
        if (key == "connect_ms") read_ms_into(plan_.timeouts.connect, value, key, 1, 300'000);
        if (key == "request_ms") read_ms_into(plan_.timeouts.request, value, key, 1, 600'000);
    });
}

void plan_loader::read_schedule(const yaml_node& node) {
    schedule_node_ = &node;
    if (!reader_.expect_mapping(node, "'schedule'")) return;
    reader_.for_each_field(node, "'schedule'", schedule_keys, [&](const std::string& key, const yaml_node& value) {
        if (key == "waves") {
            waves_node_ = &value;  // read once the streams and region groups are known
            return;
        }
        auto& slot = key == "not_before"    ? plan_.schedule.not_before
                     : key == "event_start" ? plan_.schedule.event_start
                                            : plan_.schedule.deadline;
        const auto text = reader_.read_text(value, key, 64);
        if (!text) return;
        if (const auto t = detail::parse_rfc3339(*text)) {
            slot = *t;
        } else {
            reader_.error(value, "'" + key + "' " + detail::rfc3339_problem(*text) + ", got " + detail::quoted(*text));
        }
    });
}

void plan_loader::build_waves() {
    if (waves_node_ == nullptr) return;
    if (!reader_.expect_sequence(*waves_node_, "'schedule.waves'")) return;
    if (waves_node_->children.empty()) {
        reader_.error(*waves_node_, "'waves' is empty; list the waves, or remove 'waves' to start every call at once");
        return;
    }
    if (!plan_.schedule.event_start) {
        reader_.error(*waves_node_,
                      "'waves' count from 'schedule.event_start', which is not set; add the show's "
                      "start, e.g. event_start: 2026-12-31T20:00:00+08:00");
    }
    bool complete = true;
    for (const yaml_node& entry : waves_node_->children) {
        wave w;
        w.line = static_cast<std::size_t>(entry.line);
        w.name = "wave " + std::to_string(plan_.schedule.waves.size() + 1);
        std::string label = w.name;  // for messages: "wave 2", or "wave 'key provinces'"
        if (!reader_.expect_mapping(entry, "a wave")) {
            complete = false;
            continue;
        }
        bool has_at = false;
        bool names_a_refused_stream = false;
        const std::size_t errors_before = reader_.error_count();
        reader_.for_each_field(entry, "a wave", wave_keys, [&](const std::string& key, const yaml_node& value) {
            if (key == "name") {
                if (auto name = reader_.read_text(value, key, 64)) {
                    label = "wave " + detail::quoted(*name);
                    w.name = std::move(*name);
                }
            } else if (key == "at") {
                has_at = true;
                const auto text = reader_.read_text(value, key, 32);
                if (!text) return;
                if (const auto offset = detail::parse_event_offset(*text)) {
                    w.offset = *offset;
                } else {
                    reader_.error(value,
                                  "'at' is a time relative to 'event_start' such as T-30m, T-1h30m, T-45s "
                                  "or T; got " +
                                      detail::quoted(*text));
                }
            } else if (key == "regions") {
                if (auto regions = regions_.resolve(value, "'regions' of " + label)) w.regions = std::move(*regions);
            } else if (key == "streams") {
                if (!reader_.expect_sequence(value, "'streams' of " + label)) return;
                for (const yaml_node& item : value.children) {
                    auto name = reader_.read_text(item, "stream");
                    if (!name) continue;
                    const bool known = std::any_of(plan_.streams.begin(), plan_.streams.end(),
                                                   [&](const stream_target& t) { return t.stream == *name; });
                    if (!known && refused_streams_.contains(*name)) {
                        names_a_refused_stream = true;  // its entry's error says what is wrong
                        continue;
                    }
                    if (!known) {
                        std::vector<std::string_view> names;
                        for (const auto& t : plan_.streams) names.push_back(t.stream);
                        std::vector<std::string> suggestions;
                        for (const auto near : detail::nearest(*name, names))
                            suggestions.push_back(detail::quoted(near));
                        reader_.error(item, "no stream named " + detail::quoted(*name) + " in 'streams';" +
                                                (suggestions.empty()
                                                     ? std::string(" a wave selects streams by their 'stream' name")
                                                     : detail::did_you_mean(suggestions)));
                        continue;
                    }
                    w.streams.push_back(std::move(*name));
                }
            }
        });
        if (!has_at) reader_.error(entry, label + " has no 'at'; add when it starts, e.g. at: T-30m");
        if (reader_.error_count() != errors_before || !has_at || names_a_refused_stream) {
            complete = false;
            continue;
        }
        if (!plan_.schedule.waves.empty() && w.offset < plan_.schedule.waves.back().offset) {
            reader_.error(entry, label + " (" + detail::format_event_offset(w.offset) + ") starts before " +
                                     detail::quoted(plan_.schedule.waves.back().name) + " (" +
                                     detail::format_event_offset(plan_.schedule.waves.back().offset) +
                                     "); list the waves in time order");
            complete = false;
            continue;
        }
        plan_.schedule.waves.push_back(std::move(w));
    }
    if (complete) check_waves_cover_every_call();
}

// A call no wave selects would never start: refused here rather than found missing after the show.
// A wave left with no call is most likely a mistake in its selection: said, not refused; but not
// after an error, which may have dropped the very streams the wave selects (a stream with an unknown
// region, a key typo or no 'app'): the warning would blame the waves for it.
void plan_loader::check_waves_cover_every_call() {
    const bool streams_may_be_missing = reader_.error_count() > 0;
    std::size_t uncovered = 0;
    std::string example;
    std::vector<std::size_t> calls_of_wave(plan_.schedule.waves.size());
    for (std::uint32_t t = 0; t < plan_.streams.size(); ++t) {
        for (const region_index r : plan_.streams[t].regions) {
            if (const auto w = wave_of(plan_, {t, r})) {
                ++calls_of_wave[*w];
                continue;
            }
            if (uncovered++ == 0) example = call_key(plan_, {t, r});
        }
    }
    for (std::size_t i = 0; i < calls_of_wave.size(); ++i) {
        if (calls_of_wave[i] > 0 || streams_may_be_missing) continue;
        const std::string& name = plan_.schedule.waves[i].name;
        const bool named = name != "wave " + std::to_string(i + 1);  // else the default name
        reader_.warning(waves_node_->children[i],
                        (named ? "wave " + detail::quoted(name) : name) +
                            " has no call: every call it selects is in an earlier wave (a call belongs to the "
                            "first wave that selects it); narrow the earlier wave, or remove this one");
    }
    if (uncovered > 0) {
        reader_.error(*waves_node_, std::to_string(uncovered) + (uncovered == 1 ? " call is" : " calls are") +
                                        " in no wave (" + example + (uncovered > 1 ? ", …" : "") +
                                        "); add them to a wave, or end with a wave without 'regions' and 'streams'");
    }
    const auto& schedule = plan_.schedule;
    if (schedule.deadline && schedule.event_start && schedule_node_ != nullptr &&
        *schedule.deadline <= *schedule.event_start + schedule.waves.back().offset) {
        reader_.error(*schedule_node_, "'deadline' is not after the last wave's start (" +
                                           detail::format_event_offset(schedule.waves.back().offset) +
                                           "); its calls could not run");
    }
}

void plan_loader::build_streams() {
    const auto defaults_regions = [&]() -> std::optional<std::vector<region_index>> {
        if (defaults_.regions == nullptr) return std::nullopt;
        return regions_.resolve(*defaults_.regions, "'defaults.regions'");
    }();
    if (streams_ == nullptr) {
        reader_.error(*root_, "the plan has no 'streams'; add a list of the streams to warm");
        return;
    }
    if (!reader_.expect_sequence(*streams_, "'streams'")) return;
    if (streams_->children.empty()) {
        reader_.error(*streams_, "'streams' is empty; list at least one stream");
        return;
    }
    for (const yaml_node& entry : streams_->children) {
        stream_fields fields;
        // A bare name is a stream that takes everything else from `defaults`.
        if (entry.is_scalar()) {
            if (!read_identifier_into(fields.stream, entry, "stream")) continue;
        } else if (entry.is_mapping()) {
            fields = read_stream_fields(entry, "a stream entry", false);
        } else {
            reader_.error(entry, "a stream entry must be a mapping with at least 'stream', or a stream name, got " +
                                     describe_node(entry));
            continue;
        }
        const std::string label = fields.stream ? "stream " + detail::quoted(*fields.stream) : "this stream entry";
        std::optional<std::vector<region_index>> regions =
            fields.regions ? regions_.resolve(*fields.regions, "'regions' of " + label) : defaults_regions;

        std::vector<std::string_view> missing;
        const auto require = [&](const std::optional<std::string>& own, const std::optional<std::string>& fallback,
                                 std::string_view key) -> std::string {
            if (own) return *own;
            if (fallback) return *fallback;
            // Written but refused: reported where it is written, not again as missing.
            if (!fields.wrote(key) && !defaults_.wrote(key)) missing.push_back(key);
            return {};
        };
        stream_target target;
        target.line = entry.line;
        if (!fields.stream && !fields.wrote("stream")) missing.emplace_back("stream");
        target.stream = fields.stream.value_or("");
        target.domain = require(fields.domain, defaults_.domain, "domain");
        target.app = require(fields.app, defaults_.app, "app");
        target.audio_msid = require(fields.audio_msid, defaults_.audio_msid, "audio_msid");
        target.video_msid = require(fields.video_msid, defaults_.video_msid, "video_msid");
        target.connection_timeout_ms =
            fields.connection_timeout_ms ? fields.connection_timeout_ms : defaults_.connection_timeout_ms;
        target.media_timeout_ms = fields.media_timeout_ms ? fields.media_timeout_ms : defaults_.media_timeout_ms;
        if (fields.regions == nullptr && defaults_.regions == nullptr) missing.emplace_back("regions");
        if (!missing.empty()) {
            std::string names;
            for (std::size_t i = 0; i < missing.size(); ++i) {
                names += i == 0 ? "'" : (i + 1 == missing.size() ? "' or '" : "', '");
                names += missing[i];
            }
            const bool only_stream = missing.size() == 1 && missing.front() == "stream";
            // NOLINTNEXTLINE(performance-inefficient-string-concatenation): an error message, once per bad entry
            reader_.error(entry, label + " has no " + names + "'; " +
                                     (only_stream           ? "add the stream's name"
                                      : missing.size() == 1 ? "set it here or in 'defaults'"
                                                            : "set them here or in 'defaults'"));
            if (fields.stream) refused_streams_.insert(*fields.stream);
            continue;
        }
        // A refused value is already reported; adding the entry anyway would only produce
        // follow-on errors about a half-read stream.
        if (!regions || fields.invalid || defaults_.invalid) {
            if (fields.stream) refused_streams_.insert(*fields.stream);
            continue;
        }
        target.regions = std::move(*regions);
        add_stream(std::move(target), entry);
    }
}

// Two entries for the same stream: identical parameters merge (with a warning), different
// ones are a contradiction the operator must settle.
void plan_loader::add_stream(stream_target target, const yaml_node& entry) {
    auto key = std::make_tuple(target.domain, target.app, target.stream);
    const auto [it, inserted] = target_index_.try_emplace(std::move(key), plan_.streams.size());
    if (inserted) {
        plan_.streams.push_back(std::move(target));
        return;
    }
    stream_target& first = plan_.streams[it->second];
    const auto params = [](const stream_target& t) {
        return std::tie(t.audio_msid, t.video_msid, t.connection_timeout_ms, t.media_timeout_ms);
    };
    const std::string name = target.domain + "/" + target.app + "/" + target.stream;
    if (params(first) != params(target)) {
        reader_.error(entry, "stream " + name + " is also listed at line " + std::to_string(first.line) +
                                 " with different parameters; keep one entry per stream");
        return;
    }
    std::size_t repeated = 0;
    for (const auto r : target.regions) {
        if (std::find(first.regions.begin(), first.regions.end(), r) == first.regions.end()) {
            first.regions.push_back(r);
        } else {
            ++repeated;
        }
    }
    reader_.warning(
        entry, "stream " + name + " is also listed at line " + std::to_string(first.line) + "; the entries are merged" +
                   (repeated > 0 ? " and " + std::to_string(repeated) + " repeated regions warmed once" : ""));
}

void plan_loader::check_policies() {
    const auto& retry = plan_.retry;
    if (retry_node_ != nullptr && retry_node_->is_mapping()) {
        const auto check_base = [&](milliseconds base, std::string_view name) {
            if (retry.max_delay >= base) return;
            const bool is_default =
                std::find(retry_written_.begin(), retry_written_.end(), name) == retry_written_.end();
            reader_.error(*retry_node_, "'max_delay_ms' (" + std::to_string(retry.max_delay.count()) + ") is below '" +
                                            std::string(name) + "' (" + std::to_string(base.count()) +
                                            (is_default ? ", the default" : "") + "); raise 'max_delay_ms' or lower '" +
                                            std::string(name) + "'");
        };
        check_base(retry.base_delay, "base_delay_ms");
        check_base(retry.throttle_base_delay, "throttle_base_delay_ms");
    }
    if (limits_node_ != nullptr && limits_node_->is_mapping()) {
        const auto rate = plan_.limits.rate;
        const bool production = !detail::is_loopback_host(detail::parse_endpoint(plan_.endpoint).value->host);
        if (production && (rate == 0 || rate + plan_.limits.burst > account_quota_per_second)) {
            reader_.warning(*limits_node_, "rate " + (rate == 0 ? std::string("0 (unlimited)") : std::to_string(rate)) +
                                               " with burst " + std::to_string(plan_.limits.burst) +
                                               " can exceed the account quota of 10 calls/s; expect "
                                               "Throttling.User answers and retries");
        }
    }
    const auto& schedule = plan_.schedule;
    if (schedule_node_ != nullptr && schedule.not_before && schedule.deadline &&
        *schedule.deadline <= *schedule.not_before) {
        reader_.error(*schedule_node_, "'deadline' is not after 'not_before'; no call could run");
    }
}

}  // namespace

plan_result load_plan_text(std::string_view text, std::string source_name) {
    auto parsed = detail::parse_yaml(text, source_name);
    if (!parsed.root) return {std::nullopt, std::move(parsed.diagnostics)};
    plan_loader loader(source_name);
    auto result = loader.load(*parsed.root);
    if (result.value) result.value->source = std::move(source_name);
    return result;
}

plan_result load_plan_file(const std::filesystem::path& path) {
    const std::string name = path.string();
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) return {std::nullopt, {{severity::error, name, 0, 0, "cannot read the plan: " + ec.message()}}};
    if (size > max_plan_bytes) {
        return {std::nullopt,
                {{severity::error, name, 0, 0,
                  "the file is " + std::to_string(size) + " bytes, over the " + std::to_string(max_plan_bytes) +
                      "-byte limit for a plan"}}};
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    if (!in && !in.eof()) return {std::nullopt, {{severity::error, name, 0, 0, "cannot read the plan"}}};
    return load_plan_text(content.str(), name);
}

}  // namespace hotlive
