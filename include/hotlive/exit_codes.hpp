// Process exit codes of the hotlive command line (DESIGN.md, "The command line").
#pragma once

namespace hotlive::exit_code {

inline constexpr int success = 0;        // every call succeeded
inline constexpr int some_failed = 1;    // at least one call failed
inline constexpr int invalid_input = 2;  // invalid plan or usage; nothing was sent
inline constexpr int cannot_start = 3;   // credentials, endpoint or TLS setup
inline constexpr int io_error = 74;      // EX_IOERR: the report could not be written
inline constexpr int interrupted = 130;  // SIGINT/SIGTERM; partial report written

}  // namespace hotlive::exit_code
