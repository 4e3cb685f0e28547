// hotlive::emulator: the service and its server, on an io_context of its own or the caller's.
#include "emulator/server.hpp"
#include "emulator/service.hpp"

#include <hotlive/emulator.hpp>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include <algorithm>
#include <stdexcept>
#include <thread>

namespace hotlive {

struct emulator::impl {
    using work_guard = boost::asio::executor_work_guard<boost::asio::io_context::executor_type>;

    emulator_config config;
    std::unique_ptr<boost::asio::io_context> own_context;  // declared first: destroyed last
    boost::asio::io_context* context = nullptr;
    std::shared_ptr<emu::service> service;
    std::shared_ptr<emu::server> server;
    std::optional<work_guard> work;
    std::vector<std::thread> threads;
    bool started = false;
    bool stopped = false;

    impl() = default;
    impl(const impl&) = delete;
    impl& operator=(const impl&) = delete;
    ~impl() {
        // Coroutine frames still queued on our own io_context hold the server: destroy them
        // (with the context) before anything they point to.
        server.reset();
        own_context.reset();
    }
};

emulator::emulator(emulator_config config) : impl_(std::make_unique<impl>()) {
    const unsigned threads = std::max(1u, config.threads);
    impl_->config = std::move(config);
    impl_->own_context = std::make_unique<boost::asio::io_context>(static_cast<int>(threads));
    impl_->context = impl_->own_context.get();
}

emulator::emulator(boost::asio::io_context& context, emulator_config config) : impl_(std::make_unique<impl>()) {
    impl_->config = std::move(config);
    impl_->context = &context;
}

emulator::~emulator() { stop(); }

emulator::endpoint emulator::start() {
    if (impl_->started) throw std::logic_error("emulator::start called twice");
    impl_->service = std::make_shared<emu::service>(impl_->config);
    impl_->server = std::make_shared<emu::server>(*impl_->context, impl_->config, impl_->service);
    endpoint bound = impl_->server->start();
    impl_->started = true;
    if (impl_->own_context) {
        impl_->work.emplace(impl_->own_context->get_executor());
        const unsigned threads = std::max(1u, impl_->config.threads);
        for (unsigned i = 0; i < threads; ++i) {
            impl_->threads.emplace_back([context = impl_->own_context.get()] { context->run(); });
        }
    }
    return bound;
}

void emulator::stop() {
    if (!impl_->started || impl_->stopped) return;
    impl_->stopped = true;
    impl_->server->stop();
    if (impl_->own_context) {
        impl_->work.reset();
        for (auto& t : impl_->threads) t.join();
        impl_->threads.clear();
    }
    impl_->service->flush_log();
}

emulator_stats emulator::stats() const {
    if (!impl_->service) return {};
    return impl_->service->stats();
}

}  // namespace hotlive
