// What the service's answer body says: Code, Message and RequestId. The common success body,
// {"RequestId":"…"}, is read by a strict hand-written path without building a JSON document;
// anything else (an error's fields, escapes, other keys, odd spacing inside the value) goes to
// Boost.JSON. Both give the same reading for what the fast path takes (fuzzed: tests/fuzz).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace hotlive::detail {

struct service_answer {
    bool valid_json = false;  // a JSON object
    std::string code;
    std::string message;
    std::string request_id;
};

// The body if it is exactly {"RequestId":"V"} (JSON whitespace allowed around the tokens), with
// V printable ASCII without '"' or '\'; nullopt for anything else.
[[nodiscard]] std::optional<service_answer> read_success_body(std::string_view body);

// The body read: the fast path, else Boost.JSON.
[[nodiscard]] service_answer read_service_answer(std::string_view body);

}  // namespace hotlive::detail
