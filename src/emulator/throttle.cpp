#include "emulator/throttle.hpp"

namespace hotlive::emu {

throttle::throttle(std::size_t accounts, std::uint32_t qps) : qps_(qps), windows_(accounts) {}

bool throttle::admit(std::size_t account, time_point now) {
    if (qps_ == 0 || account >= windows_.size()) return true;
    window& w = windows_[account];
    if (w.admitted.size() < qps_) {
        w.admitted.push_back(now);
        return true;
    }
    // A clock that steps back makes `now - oldest` negative: refused until it catches up.
    if (now - w.admitted[w.oldest] < std::chrono::seconds{1}) return false;
    w.admitted[w.oldest] = now;
    w.oldest = (w.oldest + 1) % w.admitted.size();
    return true;
}

}  // namespace hotlive::emu
