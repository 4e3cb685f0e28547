// hotlive emulate: a local stand-in for the Live endpoint (README.md, "The emulator"). Prints
// "hotlive emulator listening on URL" as its first line, serves until SIGINT or SIGTERM, then
// flushes its log and exits 0.
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "emulator/config.hpp"
#include "text/exception_message.hpp"

#include <hotlive/emulator.hpp>
#include <hotlive/exit_codes.hpp>

#include <fmt/format.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/system/errc.hpp>
#include <boost/system/system_error.hpp>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <string>
#include <thread>

namespace hotlive::cli {
namespace {

bool is_loopback(const std::string& host) {
    if (host == "localhost") return true;
    boost::system::error_code ec;
    const auto address = boost::asio::ip::make_address(host, ec);
    return !ec && address.is_loopback();
}

// The options on top of the config file; false (with a message printed) on a usage error.
bool apply_options(const emulate_options& options, emulator_config& config) {
    std::string error;
    const auto listen = emu::parse_listen_address(options.listen, error);
    if (!listen) {
        print_error(error);
        return false;
    }
    config.listen_host = listen->host;
    config.listen_port = listen->port;
    for (const auto& text : options.accounts) {
        auto account = emu::parse_account_flag(text, error);
        if (!account) {
            print_error(error);
            return false;
        }
        config.accounts.push_back(std::move(*account));
    }
    for (const auto& text : options.disabled_accounts) {
        auto account = emu::parse_disabled_account_flag(text, error);
        if (!account) {
            print_error(error);
            return false;
        }
        config.accounts.push_back(std::move(*account));
    }
    for (const auto& code : options.without_nodes) {
        if (const auto problem = emu::region_code_problem(code)) {
            print_error("--without-nodes: " + *problem);
            return false;
        }
    }
    config.prefetch_off.insert(config.prefetch_off.end(), options.prefetch_off.begin(), options.prefetch_off.end());
    config.regions_without_nodes.insert(config.regions_without_nodes.end(), options.without_nodes.begin(),
                                        options.without_nodes.end());
    config.ram_denied_domains.insert(config.ram_denied_domains.end(), options.ram_denied.begin(),
                                     options.ram_denied.end());
    for (const auto& text : options.faults) {
        auto rule = emu::parse_fault_flag(text, error);
        if (!rule) {
            print_error(error);
            return false;
        }
        config.faults.push_back(std::move(*rule));
    }
    if (options.qps) config.qps = *options.qps;
    if (options.throttle_retry_after_ms) config.throttle_retry_after_ms = *options.throttle_retry_after_ms;
    if (!options.background_load.empty()) {
        const auto load = emu::parse_background_load_flag(options.background_load, error);
        if (!load) {
            print_error(error);
            return false;
        }
        config.background_load = *load;
    }
    if (!options.sts_duration.empty()) {
        const auto duration = emu::parse_sts_duration_flag(options.sts_duration, error);
        if (!duration) {
            print_error(error);
            return false;
        }
        config.sts_duration = *duration;
    }
    if (!options.imds_mode.empty()) config.imds = parse_imds_mode(options.imds_mode).value_or(config.imds);
    if (!options.imds_role.empty()) config.imds_role = options.imds_role;
    if (!options.sts_outage.empty()) {
        const auto outage = emu::parse_sts_outage_flag(options.sts_outage, error);
        if (!outage) {
            print_error(error);
            return false;
        }
        config.sts_outage = *outage;
    }
    if (options.seed) config.seed = *options.seed;
    config.tls_certificate = options.tls_cert;
    config.tls_private_key = options.tls_key;
    config.log_file = options.log;
    config.clock_offset = std::chrono::seconds{options.clock_offset_s};
    config.allow_replay = options.allow_replay;
    config.threads = options.threads;
    return true;
}

// Why the address cannot be listened on, and what to do about it.
std::string cannot_listen(const std::string& listen, const boost::system::error_code& ec) {
    std::string why;
    if (ec == boost::system::errc::address_in_use) {
        why =
            "the address is in use (another program, or another emulator, has it); pick another port, or "
            "--listen 127.0.0.1:0 to let the system choose";
    } else if (ec == boost::system::errc::address_not_available) {
        why =
            "no network interface of this machine has that address; listen on one of its addresses, or on "
            "127.0.0.1";
    } else if (ec == boost::system::errc::permission_denied) {
        why =
            "permission denied (ports below 1024 need root or CAP_NET_BIND_SERVICE); pick a port from 1024 up, "
            "or --listen 127.0.0.1:0 to let the system choose";
    } else {
        why = ec.message();
    }
    return fmt::format("cannot listen on {}: {}", listen, why);
}

}  // namespace

int run_emulate(const emulate_options& options) {
    emulator_config config;
    if (!options.config.empty()) {
        const auto diagnostics = load_emulator_config(options.config, config);
        for (const auto& d : diagnostics) fmt::print(stderr, "{}\n", format(d));
        if (has_errors(diagnostics)) {
            print_error("the emulator config has errors; not started");
            return exit_code::invalid_input;
        }
    }
    if (!apply_options(options, config)) return exit_code::invalid_input;
    if (config.accounts.empty() && !is_loopback(config.listen_host)) {
        print_warning(fmt::format("listening on {} with the public demo account; anyone who can reach it can use it",
                                  config.listen_host));
    }
    if (config.allow_replay) print_warning("--allow-replay: replayed nonces are accepted (for benchmarks only)");

    boost::asio::io_context context{static_cast<int>(std::max(1u, options.threads))};
    emulator server{context, std::move(config)};
    emulator::endpoint bound;
    try {
        bound = server.start();
    } catch (const boost::system::system_error& e) {
        print_error(cannot_listen(options.listen, e.code()));
        return exit_code::cannot_start;
    } catch (const std::exception& e) {
        print_error(detail::message_of(e));
        return exit_code::cannot_start;
    }
    (void)std::fputs(fmt::format("hotlive emulator listening on {}\n", bound.url).c_str(), stdout);
    (void)std::fflush(stdout);

    boost::asio::signal_set signals{context, SIGINT, SIGTERM};
    signals.async_wait([&](const boost::system::error_code& ec, int) {
        if (!ec) server.stop();
    });
    std::vector<std::thread> extra;
    for (unsigned i = 1; i < options.threads; ++i) extra.emplace_back([&] { context.run(); });
    context.run();
    for (auto& t : extra) t.join();
    server.stop();  // flushes the log (a no-op after a signal)
    return exit_code::success;
}

}  // namespace hotlive::cli
