// A small HTTP server on 127.0.0.1 for the credential fetchers' tests, standing in for STS, the
// ECS metadata service and a credentials URI: it records every request and answers each with
// what the test's handler returns, one request per connection, on a thread of its own.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace hotlive::test {

struct recorded_request {
    std::string method;
    std::string target;
    std::map<std::string, std::string> headers;  // names in lower case
    std::string body;
};

struct canned_answer {
    int status = 200;
    std::string body;
};

class fake_server {
public:
    using handler = std::function<canned_answer(const recorded_request&)>;

    explicit fake_server(handler answer);
    ~fake_server();
    fake_server(const fake_server&) = delete;
    fake_server& operator=(const fake_server&) = delete;

    [[nodiscard]] std::uint16_t port() const;
    [[nodiscard]] std::string url() const;  // "http://127.0.0.1:PORT"
    [[nodiscard]] std::vector<recorded_request> requests() const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

// "a=1&b=%20" decoded into a map (the form bodies the fetchers send).
[[nodiscard]] std::map<std::string, std::string> parse_form(const std::string& body);

}  // namespace hotlive::test
