#include "cli/egress_choice.hpp"

#include "cli/output.hpp"

#include <hotlive/environment.hpp>

namespace hotlive::cli {

std::optional<egress> choose_egress_reporting(const proxy_options& options, const proxy_choice& plan, bool verbose) {
    proxy_choice command_line;
    if (options.no_proxy) {
        command_line.what = proxy_choice::kind::direct;
    } else if (options.proxy) {
        command_line = {proxy_choice::kind::proxy, *options.proxy};
    }
    auto chosen = choose_egress(process_environment(), command_line, plan);
    if (!chosen.value) {
        print_error(chosen.error);
        return std::nullopt;
    }
    // Said when a proxy or a choice of none is in play: a run with neither goes direct, as ever.
    const bool chosen_somewhere = chosen.value->https_proxy || chosen.value->http_proxy ||
                                  !chosen.value->https_origin.empty() || !chosen.value->notes.empty();
    if (verbose && chosen_somewhere) {
        print_note("egress", chosen.value->describe());
        for (const auto& note : chosen.value->notes) print_note("egress", note);
    }
    return std::move(chosen.value);
}

}  // namespace hotlive::cli
