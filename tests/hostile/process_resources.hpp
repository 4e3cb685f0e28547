// What this process holds, from /proc/self: open file descriptors and resident memory. Linux only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace hotlive::test {

// Every open descriptor as "N -> target" ("7 -> socket:[1234]"). The listing's own directory
// handle is among them, in every listing alike.
[[nodiscard]] std::vector<std::string> open_descriptors();

// The entries of `after` that `before` does not have.
[[nodiscard]] std::vector<std::string> descriptors_added(const std::vector<std::string>& before,
                                                         const std::vector<std::string>& after);

struct memory_usage {
    std::uint64_t resident_bytes = 0;  // VmRSS
    std::uint64_t peak_bytes = 0;      // VmHWM
};

[[nodiscard]] memory_usage memory();

// Starts VmHWM afresh from the current VmRSS (clear_refs 5); false when the kernel refuses, and
// the peak then still holds the process's earlier maximum.
bool reset_peak_memory();

}  // namespace hotlive::test
