// A query string or form body decoded the way a server decodes it (Boost.URL), as the
// parameter views the verification functions take.
#pragma once

#include <hotlive/signer.hpp>

#include <boost/url/params_view.hpp>

#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace hotlive::test {

class received_query {
public:
    explicit received_query(std::string_view encoded) {
        for (const auto& p : boost::urls::params_view{encoded}) {
            storage_.emplace_back(p.key, p.value);
            parameters_.push_back({storage_.back().first, storage_.back().second});
        }
    }
    received_query(const received_query&) = delete;
    received_query& operator=(const received_query&) = delete;

    [[nodiscard]] const std::vector<query_parameter>& parameters() const { return parameters_; }

    [[nodiscard]] std::string_view value_of(std::string_view name) const {
        for (const auto& p : parameters_) {
            if (p.name == name) return p.value;
        }
        return {};
    }

private:
    std::deque<std::pair<std::string, std::string>> storage_;  // stable addresses for the views
    std::vector<query_parameter> parameters_;
};

}  // namespace hotlive::test
