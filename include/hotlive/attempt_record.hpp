// One attempt of a call, as the engine hands it on before sending it and the journal keeps it:
// what a resumed run needs to send the same request again.
#pragma once

#include <hotlive/wall_time.hpp>

#include <cstdint>
#include <string>

namespace hotlive {

// The same SignatureNonce and Timestamp as the first time, so that the service itself tells
// whether the first one arrived (it answers a nonce it has seen with SignatureNonceUsed).
struct attempt_record {
    std::string key;
    std::uint32_t number = 0;  // the attempt's number in its run, 1 for the first
    std::string nonce;         // the SignatureNonce
    wall_time timestamp;       // as signed: whole seconds, any clock correction included
};

}  // namespace hotlive
