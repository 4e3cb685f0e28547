#include "cli/version_text.hpp"

#include <hotlive/build_info.hpp>

#include <fmt/format.h>
#include <openssl/crypto.h>
#include <openssl/opensslv.h>
#include <boost/version.hpp>

namespace hotlive::cli {

std::string version_text() {
    const auto& build = this_build();
    // OpenSSL is asked at run time: libssl3 is updated under the binary by security updates. Boost's
    // libraries carry their version in their soname (libboost_json.so.1.81.0), so the one built
    // against is the one loaded.
    return fmt::format("hotlive {}\ncommit {}\nbuild {}, {} {}.{}.{}\n{} (built with {})\nBoost {}.{}.{}",
                       build.version, build.commit, build.build_type,
#if defined(__clang__)
                       "clang", __clang_major__, __clang_minor__, __clang_patchlevel__,
#else
                       "GCC", __GNUC__, __GNUC_MINOR__, __GNUC_PATCHLEVEL__,
#endif
                       OpenSSL_version(OPENSSL_VERSION), OPENSSL_VERSION_TEXT, BOOST_VERSION / 100000,
                       BOOST_VERSION / 100 % 1000, BOOST_VERSION % 100);
}

}  // namespace hotlive::cli
