// A fresh directory under the system temp directory, removed with everything in it.
#pragma once

#include <filesystem>
#include <string_view>

namespace hotlive::test {

class temp_dir {
public:
    temp_dir();
    ~temp_dir();
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;

    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

    // Writes `content` to path()/relative (creating parents) and returns the full path.
    std::filesystem::path write(const std::filesystem::path& relative, std::string_view content) const;

private:
    std::filesystem::path path_;
};

}  // namespace hotlive::test
