#include "hostile/engine_run.hpp"

#include <hotlive/api_client.hpp>
#include <hotlive/credentials.hpp>
#include <hotlive/engine.hpp>
#include <hotlive/expansion.hpp>
#include <hotlive/random_source.hpp>
#include <hotlive/signer.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace hotlive::test {

namespace net = boost::asio;
using std::chrono::steady_clock;

engine_run run_engine(const plan& p, const std::string& host, const std::string& port,
                      std::chrono::milliseconds limit) {
    engine_run out;
    net::io_context io;

    client_config config;
    config.tls = false;
    config.host = host;
    config.port = port;
    config.connect_timeout = p.timeouts.connect;
    config.request_timeout = p.timeouts.request;
    config.max_idle_connections = p.limits.concurrency;
    api_client client(io.get_executor(), config);

    credentials creds;
    creds.access_key_id = "hostile-test-id";
    creds.access_key_secret = secret_string{"hostile-test-secret"};
    const request_signer signer(std::move(creds), host + ":" + port, signature_version::v3);

    engine_settings settings;
    settings.limits = p.limits;
    settings.retry = p.retry;
    seeded_random random(7);
    engine run(p, signer, client, settings, random);
    const auto calls = expand(p);
    out.results.resize(calls.size());

    const auto started = steady_clock::now();
    const auto elapsed = [&] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(steady_clock::now() - started);
    };
    net::co_spawn(
        io,
        [&]() -> net::awaitable<void> {
            co_await run.run(calls, [&](std::size_t index, const call_result& result) {
                out.results[index] = result;
                ++out.reported;
            });
            out.finished = true;
            out.elapsed = elapsed();
            client.shutdown();
        },
        [](std::exception_ptr error) {
            if (error) std::rethrow_exception(error);
        });
    io.run_for(limit);
    if (!out.finished) {
        run.stop();
        io.restart();
        io.run();
        out.finished = false;
        out.elapsed = elapsed();
    }
    out.connections_opened = client.connections_opened();
    return out;
}

}  // namespace hotlive::test
