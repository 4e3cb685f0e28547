// Runs a fuzz target over saved inputs, without libFuzzer: every file of every directory given on
// the command line (a missing directory holds none). The normal builds link each target with this
// to replay its seed corpus and the regressions found by fuzzing; a crash, a sanitizer report or
// an abort() in the target fails the test. Fails too when no input was found at all.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv) {
    std::vector<std::filesystem::path> inputs;
    for (int i = 1; i < argc; ++i) {
        const std::filesystem::path dir{argv[i]};
        std::error_code ec;
        if (!std::filesystem::is_directory(dir, ec)) continue;
        for (const auto& entry : std::filesystem::directory_iterator(dir)) {
            if (entry.is_regular_file()) inputs.push_back(entry.path());
        }
    }
    if (inputs.empty()) {
        std::cerr << "no inputs to replay\n";
        return 1;
    }
    std::sort(inputs.begin(), inputs.end());
    for (const auto& path : inputs) {
        std::ifstream in(path, std::ios::binary);
        const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        if (!in && !in.eof()) {
            std::cerr << "cannot read " << path.string() << '\n';
            return 1;
        }
        std::cout << path.string() << std::endl;  // the last name printed is the one that crashed
        // A copy of exactly `size` bytes, as libFuzzer passes it, so ASan sees a read past the end.
        const std::vector<std::uint8_t> data(bytes.begin(), bytes.end());
        LLVMFuzzerTestOneInput(data.data(), data.size());
    }
    std::cout << inputs.size() << " inputs replayed\n";
    return 0;
}
