// Reading a file that holds keys: existence, permissions and content, without ever quoting it.
#pragma once

#include "credentials/chain.hpp"

#include <filesystem>
#include <string>

namespace hotlive::detail {

struct credentials_file {
    lookup_result status = lookup_result::not_found;  // found: `text` holds the content
    std::string text;
};

// A missing file is a step ("does not exist"); an unreadable one is the resolution's error; a
// file that group or others may access earns an ssh-style warning.
[[nodiscard]] credentials_file read_credentials_file(const std::filesystem::path& file, credential_resolution& out);

}  // namespace hotlive::detail
