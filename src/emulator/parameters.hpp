// A request's parameters as the service reads them: the query string, then a form body
// (application/x-www-form-urlencoded), each decoded ("%XX" and '+' for a space). Decoded once
// into one buffer whose capacity is kept from request to request.
#pragma once

#include <hotlive/signer.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hotlive::emu {

class request_parameters {
public:
    // `query` without the '?'; `form` empty when the body is not a form.
    void parse(std::string_view query, std::string_view form);

    [[nodiscard]] std::span<const query_parameter> all() const noexcept { return list_; }
    // Only those of the query string: the V3 canonical query signs these, the body is hashed.
    [[nodiscard]] std::span<const query_parameter> query() const noexcept {
        return std::span<const query_parameter>{list_}.first(query_count_);
    }
    // The first value of `name`; nullopt when absent (an empty value is present).
    [[nodiscard]] std::optional<std::string_view> find(std::string_view name) const noexcept;

private:
    void decode_into(std::string_view encoded);

    std::string decoded_;
    std::vector<query_parameter> list_;
    std::size_t query_count_ = 0;
};

// Percent-decoding of one component; '+' is a space. Malformed escapes are kept as they are.
void append_form_decoded(std::string& out, std::string_view encoded);

}  // namespace hotlive::emu
