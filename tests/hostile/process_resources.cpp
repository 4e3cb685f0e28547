#include "hostile/process_resources.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace hotlive::test {

std::vector<std::string> open_descriptors() {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd", ec)) {
        std::error_code link_ec;
        const auto target = std::filesystem::read_symlink(entry.path(), link_ec);
        out.push_back(entry.path().filename().string() + " -> " + (link_ec ? "?" : target.string()));
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> descriptors_added(const std::vector<std::string>& before,
                                           const std::vector<std::string>& after) {
    std::vector<std::string> added;
    std::set_difference(after.begin(), after.end(), before.begin(), before.end(), std::back_inserter(added));
    return added;
}

memory_usage memory() {
    memory_usage usage;
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        std::istringstream fields(line);
        std::string name;
        std::uint64_t kilobytes = 0;
        fields >> name >> kilobytes;
        if (name == "VmRSS:") usage.resident_bytes = kilobytes * 1024;
        if (name == "VmHWM:") usage.peak_bytes = kilobytes * 1024;
    }
    return usage;
}

bool reset_peak_memory() {
    std::ofstream clear("/proc/self/clear_refs");
    clear << "5";
    clear.flush();
    return clear.good();
}

}  // namespace hotlive::test

#if defined(__SANITIZE_ADDRESS__)
// AddressSanitizer keeps freed memory in quarantine (256 MB by default) instead of reusing it, so
// resident memory would measure the client's allocations, not what it holds. A smaller quarantine
// keeps the memory checks meaningful; ASAN_OPTIONS still overrides it.
extern "C" const char* __asan_default_options() { return "quarantine_size_mb=16"; }
#endif
