// What a resumed run knows of a call from the runs before it: the attempts they made, and the
// attempt they may have delivered without learning it (a call in doubt).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace hotlive {

// The first attempt of a call in doubt: an interrupted run journalled it as sent but not its
// answer. It goes out again with the same SignatureNonce and Timestamp, and the service's answer
// says whether the first one arrived (SignatureNonceUsed: it did, and the call ends as succeeded).
// This relies on the service remembering nonces for 15 minutes, and takes a delivered attempt to
// have warmed the stream; an attempt older than 14 minutes is sent as a fresh one instead.
struct replayed_attempt {
    std::size_t call = 0;  // index into the span given to engine::run
    std::string nonce;
    std::chrono::system_clock::time_point timestamp;  // as signed then
};

// What earlier runs (of the report being resumed) made of a call: its result adds them in, so a
// report counts a call's attempts across runs and keeps its first attempt's time.
struct earlier_attempts {
    std::size_t call = 0;  // index into the span given to engine::run
    std::uint32_t attempts = 0;
    std::optional<std::chrono::system_clock::time_point> first_attempt_at;
};

}  // namespace hotlive
