#include "engine/service_answer.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

namespace hotlive::detail {
namespace {

class cursor {
public:
    explicit cursor(std::string_view text) : rest_(text) {}

    void skip_space() {
        while (!rest_.empty() && (rest_[0] == ' ' || rest_[0] == '\t' || rest_[0] == '\n' || rest_[0] == '\r')) {
            rest_.remove_prefix(1);
        }
    }
    // The token after any whitespace.
    bool take(std::string_view token) {
        skip_space();
        if (!rest_.starts_with(token)) return false;
        rest_.remove_prefix(token.size());
        return true;
    }
    // A string of printable ASCII without escapes, after any whitespace, quotes excluded.
    std::optional<std::string_view> plain_string() {
        if (!take("\"")) return std::nullopt;
        for (std::size_t i = 0; i < rest_.size(); ++i) {
            const char c = rest_[i];
            if (c == '"') {
                const std::string_view value = rest_.substr(0, i);
                rest_.remove_prefix(i + 1);
                return value;
            }
            if (c < 0x20 || c > 0x7e || c == '\\') return std::nullopt;
        }
        return std::nullopt;
    }
    [[nodiscard]] bool at_end() const { return rest_.empty(); }

private:
    std::string_view rest_;
};

service_answer read_with_boost_json(std::string_view body) {
    service_answer answer;
    boost::system::error_code ec;
    const auto value = boost::json::parse(body, ec);
    if (ec || !value.is_object()) return answer;
    answer.valid_json = true;
    const auto& object = value.get_object();
    const auto text = [&](std::string_view name) -> std::string {
        const auto* field = object.if_contains(name);
        return field != nullptr && field->is_string() ? std::string(field->get_string()) : std::string();
    };
    answer.code = text("Code");
    answer.message = text("Message");
    answer.request_id = text("RequestId");
    return answer;
}

}  // namespace

std::optional<service_answer> read_success_body(std::string_view body) {
    cursor in(body);
    if (!in.take("{") || !in.take("\"RequestId\"") || !in.take(":")) return std::nullopt;
    const auto id = in.plain_string();
    if (!id || !in.take("}")) return std::nullopt;
    in.skip_space();
    if (!in.at_end()) return std::nullopt;
    service_answer answer;
    answer.valid_json = true;
    answer.request_id = *id;
    return answer;
}

service_answer read_service_answer(std::string_view body) {
    if (auto fast = read_success_body(body)) return std::move(*fast);
    return read_with_boost_json(body);
}

}  // namespace hotlive::detail
