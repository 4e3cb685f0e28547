#include "text/exception_message.hpp"

#include <boost/system/system_error.hpp>

namespace hotlive::detail {

std::string message_of(const std::exception& e) {
    std::string text = e.what();
    const auto* system = dynamic_cast<const boost::system::system_error*>(&e);
    if (system == nullptr) return text;
    // Its what() is "PREFIX: " followed by code().what(), which is the message and the location.
    const std::string with_location = system->code().what();
    if (text.ends_with(with_location)) {
        text.replace(text.size() - with_location.size(), with_location.size(), system->code().message());
    }
    return text;
}

}  // namespace hotlive::detail
