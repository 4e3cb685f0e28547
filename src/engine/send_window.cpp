#include <hotlive/send_window.hpp>

#include <algorithm>

namespace hotlive {

send_window::send_window(std::size_t limit) : sends_(limit) {}

send_window::time_point send_window::earliest(time_point now) const {
    if (sends_.empty() || count_ < sends_.size()) return now;
    return std::max(now, sends_[next_] + std::chrono::seconds{1});
}

void send_window::record(time_point now) {
    if (sends_.empty()) return;
    sends_[next_] = now;
    next_ = (next_ + 1) % sends_.size();
    count_ = std::min(count_ + 1, sends_.size());
}

}  // namespace hotlive
