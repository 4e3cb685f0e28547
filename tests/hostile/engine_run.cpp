#include "hostile/engine_run.hpp"

#include "plan/endpoint.hpp"
#include "support/temp_dir.hpp"

#include <hotlive/credentials.hpp>
#include <hotlive/run_session.hpp>

#include <stdexcept>

namespace hotlive::test {
namespace {

using std::chrono::steady_clock;

class recorder final : public run_observer {
public:
    explicit recorder(engine_run& out) : out_(out) {}
    void on_finished(std::size_t row, const call_result& result) override {
        out_.results.at(row) = result;
        ++out_.reported;
    }

private:
    engine_run& out_;
};

}  // namespace

engine_run run_engine(const plan& p, const std::string& host, const std::string& port,
                      std::chrono::milliseconds limit) {
    engine_run out;
    const temp_dir folder;
    session_options options;
    // Plain HTTP goes to loopback only; another host is reached (or not) over HTTPS.
    options.endpoint = (detail::is_loopback_host(host) ? "http://" : "https://") + host + ":" + port;
    options.report = folder.path() / "hostile.report.json";
    options.random_seed = 7;
    options.credentials = [] {
        credential_resolution found;
        found.value.emplace();
        found.value->access_key_id = "hostile-test-id";
        found.value->access_key_secret = secret_string{"hostile-test-secret"};
        return found;
    };
    run_session session(p, options);
    if (const auto refused = session.prepare([](const std::string&) {})) {
        throw std::runtime_error("the session refused to run: " + refused->message);
    }
    out.results.resize(session.calls_to_send());

    const auto started = steady_clock::now();
    const auto elapsed = [&] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(steady_clock::now() - started);
    };
    recorder results(out);
    const auto outcome = session.run(results, [&] {
        if (!session.stopped() && elapsed() > limit) session.stop();
    });
    out.finished = !session.stopped();
    out.elapsed = elapsed();
    out.connections_opened = outcome.connections_opened;
    return out;
}

}  // namespace hotlive::test
