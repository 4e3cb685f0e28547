// Writes a deterministic report of a few hundred calls as HTML, for the browser test: STREAMS
// streams × REGIONS regions (the first of the API reference), every status, a few cells left
// empty, and one stream whose name is a script. Beside the page, expected.json says what the
// page must show; on stdout, how long rendering took and how big the page is.
//
// Usage: html_report_sample OUT_DIR [STREAMS REGIONS]
#include "hotlive/regions.hpp"
#include "hotlive/report_contents.hpp"
#include "hotlive/report_format.hpp"
#include "hotlive/report_writer.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>

using namespace hotlive;

namespace {

constexpr const char* hostile_stream = "<script>document.title='pwned'</script>";

wall_time at(int second, int ms) {
    using namespace std::chrono;
    return sys_days{year{2026} / 12 / 31} + hours{11} + minutes{30} + seconds{second} + milliseconds{ms};
}

call_result make_call(std::size_t s, std::size_t r, std::string_view region) {
    call_result c;
    c.domain = "rts.example.com";
    c.app = "live";
    c.stream = s == 3 ? std::string(hostile_stream) : "stream-" + std::to_string(s + 1);
    c.region = std::string(region);
    c.key = c.domain + "/" + c.app + "/" + c.stream + "@" + c.region;
    const std::size_t pick = (s * 7 + r * 3) % 21;
    const int second = static_cast<int>((s + r) % 60);
    if (pick < 14) {
        c.status = call_status::succeeded;
        c.attempts = pick < 12 ? 1 : 2;
        c.http_status = 200;
        c.latency_ms = 40 + (s * 13 + r * 7) % 200;
    } else if (pick < 17) {
        static constexpr std::array<std::pair<const char*, int>, 3> codes{
            {{"InternalError", 500}, {"CodeRegionHasNoNode", 400}, {"timeout", 0}}};
        const auto& [code, http] = codes[pick - 14];
        c.status = call_status::failed;
        c.attempts = 3;
        c.http_status = http;
        c.code = code;
        if (http != 0) c.message = std::string(code) + " from the service";
        c.latency_ms = 1000 + s;
    } else if (pick < 19) {
        c.status = call_status::not_started;
        return c;
    } else if (pick < 20) {
        c.status = call_status::cancelled;
        c.code = "deadline";
        c.message = "schedule.deadline passed";
        return c;
    } else {
        c.status = call_status::skipped;
        c.code = "NoSpecialConfiguration";
        c.message = "no special configuration for domain name.";
        c.skipped_because_key = c.domain + "/" + c.app + "/stream-1@" + std::string(all_regions()[0].code);
        c.skipped_because_request_id = "5C2E1F2A-0";
        return c;
    }
    c.request_id = "5C2E1F2A-" + std::to_string(s * 1000 + r);
    c.first_attempt_at = at(second, 0);
    c.finished_at = at(second, 500);
    return c;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2 && argc != 4) {
        std::fprintf(stderr, "usage: %s OUT_DIR [STREAMS REGIONS]\n", argv[0]);
        return 2;
    }
    const std::string dir = argv[1];
    const std::size_t streams = argc == 4 ? std::stoul(argv[2]) : 20;
    const std::size_t regions = std::min<std::size_t>(argc == 4 ? std::stoul(argv[3]) : 15, all_regions().size());

    report r;
    r.plan = "new-year-gala-2027";
    r.source = "plans/new-year-gala.yaml";
    r.endpoint = "https://live.aliyuncs.com";
    r.started_at = at(0, 0);
    r.finished_at = at(59, 456);
    std::array<std::size_t, 5> by_status{};
    for (std::size_t s = 0; s < streams; ++s) {
        for (std::size_t i = 0; i < regions; ++i) {
            if (s % 7 == 6 && i % 4 == 3) continue;  // no call: an empty cell
            r.calls.push_back(make_call(s, i, all_regions()[i].code));
            ++by_status[static_cast<std::size_t>(r.calls.back().status)];
        }
    }

    const auto start = std::chrono::steady_clock::now();
    const std::string html = render_report(r, report_format::html);
    const auto took = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start);

    std::ofstream page(dir + "/report.html", std::ios::binary);
    page << html;
    // The hostile name holds no character JSON would escape.
    std::ofstream expected(dir + "/expected.json");
    expected << "{\"cells\":" << r.calls.size() << ",\"rows\":" << streams << ",\"columns\":" << regions
             << ",\"hostile_stream\":\"" << hostile_stream << "\",\"by_status\":{\"succeeded\":" << by_status[0]
             << ",\"failed\":" << by_status[1] << ",\"not_started\":" << by_status[2]
             << ",\"cancelled\":" << by_status[3] << ",\"skipped\":" << by_status[4] << "}}\n";
    page.close();
    expected.close();
    if (!page || !expected) {
        std::fprintf(stderr, "cannot write into %s\n", dir.c_str());
        return 1;
    }
    std::printf("rendered %zu calls: %zu bytes in %.1f ms\n", r.calls.size(), html.size(), took.count());
    return 0;
}
