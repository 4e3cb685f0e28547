#include "net/tls_stream.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <openssl/bio.h>
#include <openssl/err.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <new>

namespace hotlive::detail {

namespace net = boost::asio;
using boost::system::error_code;

namespace {

// The largest record with its header and expansion fits: one socket read can carry any record.
constexpr std::size_t input_capacity = std::size_t{17} * 1024;
constexpr auto as_values = net::as_tuple(net::use_awaitable);

// SSL_get_error is right only when the thread's error queue was empty before the call; peeking
// costs less than clearing an empty queue every time.
void clear_errors() {
    if (ERR_peek_error() != 0) ERR_clear_error();
}

int clamp_size(std::size_t size) { return static_cast<int>(std::min<std::size_t>(size, INT_MAX)); }

// An SSL call's failure as Asio's ssl::stream reports it.
error_code error_of(int ssl_error) {
    if (ssl_error == SSL_ERROR_ZERO_RETURN) return net::error::eof;  // the peer's close_notify
    const unsigned long queued = ERR_get_error();
    if (queued == 0) return net::ssl::error::stream_truncated;
    return {static_cast<int>(queued), net::error::get_ssl_category()};
}

}  // namespace

// OpenSSL's side of a tls_stream: records written append to its output, and reads take the bytes
// the socket read, or ask to be called again when there are none.
struct tls_bio {
    static tls_stream& of(BIO* bio) { return *static_cast<tls_stream*>(BIO_get_data(bio)); }

    static int write(BIO* bio, const char* data, int size) {
        BIO_clear_retry_flags(bio);
        of(bio).output_.append(data, static_cast<std::size_t>(size));
        return size;
    }

    static int read(BIO* bio, char* into, int size) {
        BIO_clear_retry_flags(bio);
        tls_stream& s = of(bio);
        const std::size_t available = s.input_end_ - s.input_begin_;
        if (available == 0) {
            BIO_set_retry_read(bio);
            return -1;
        }
        const std::size_t n = std::min(available, static_cast<std::size_t>(size));
        std::memcpy(into, s.input_.get() + s.input_begin_, n);
        s.input_begin_ += n;
        if (s.input_begin_ == s.input_end_) s.input_begin_ = s.input_end_ = 0;
        return static_cast<int>(n);
    }

    // SSL flushes after its records (the stream sends them when the SSL call returns); nothing
    // else it asks of a BIO applies to this one.
    static long control(BIO* /*bio*/, int command, long /*number*/, void* /*pointer*/) {
        return command == BIO_CTRL_FLUSH ? 1 : 0;
    }

    static int create(BIO* bio) {
        BIO_set_init(bio, 1);
        return 1;
    }

    // One method for the process, made on first use (thread-safe as a static local) and kept.
    static const BIO_METHOD* method() {
        static const BIO_METHOD* const made = [] {
            BIO_METHOD* m = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "hotlive tls_stream");
            if (m == nullptr) throw std::bad_alloc();
            BIO_meth_set_write(m, write);
            BIO_meth_set_read(m, read);
            BIO_meth_set_ctrl(m, control);
            BIO_meth_set_create(m, create);
            return m;
        }();
        return made;
    }
};

tls_stream::tls_stream(next_layer_type next, SSL_CTX* context) : next_(std::move(next)), ssl_(SSL_new(context)) {
    if (ssl_ == nullptr) throw std::bad_alloc();
    BIO* bio = BIO_new(tls_bio::method());
    if (bio == nullptr) {
        SSL_free(ssl_);
        throw std::bad_alloc();
    }
    BIO_set_data(bio, this);
    SSL_set_bio(ssl_, bio, bio);  // one reference, for both directions
    // Buffers that move between calls (a flat_buffer grows) and writes of what one record holds.
    SSL_set_mode(ssl_, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
}

tls_stream::~tls_stream() { SSL_free(ssl_); }

tls_stream::attempt tls_stream::read_plain(net::mutable_buffer into) {
    clear_errors();
    return outcome_of(SSL_read(ssl_, into.data(), clamp_size(into.size())));
}

tls_stream::attempt tls_stream::write_plain(net::const_buffer from) {
    clear_errors();
    return outcome_of(SSL_write(ssl_, from.data(), clamp_size(from.size())));
}

tls_stream::attempt tls_stream::outcome_of(int result) const {
    if (result > 0) return {attempt::done, {}, static_cast<std::size_t>(result)};
    const int e = SSL_get_error(ssl_, result);
    if (e == SSL_ERROR_WANT_READ) return {attempt::wants_input, {}, 0};
    return {attempt::failed, error_of(e), 0};
}

bool tls_stream::holds_unread() const { return input_end_ != input_begin_ || SSL_has_pending(ssl_) == 1; }

net::mutable_buffer tls_stream::input_space() {
    if (!input_) input_ = std::make_unique<unsigned char[]>(input_capacity);
    return {input_.get() + input_end_, input_capacity - input_end_};
}

error_code tls_stream::received(const error_code& ec, std::size_t n) {
    // Only asked for when OpenSSL has taken every byte: an end here cuts a record or an answer short.
    if (ec == net::error::eof) return net::ssl::error::stream_truncated;
    if (ec) return ec;
    input_end_ += n;
    return {};
}

net::awaitable<error_code> tls_stream::flush() {
    if (output_.empty()) co_return error_code{};
    const auto [ec, n] = co_await net::async_write(next_, net::buffer(output_), as_values);
    output_.clear();
    co_return ec;
}

net::awaitable<error_code> tls_stream::handshake(role r) {
    if (r == role::client) {
        SSL_set_connect_state(ssl_);
    } else {
        SSL_set_accept_state(ssl_);
    }
    for (;;) {
        clear_errors();
        const int result = SSL_do_handshake(ssl_);
        const int e = result == 1 ? SSL_ERROR_NONE : SSL_get_error(ssl_, result);
        const error_code failure = e == SSL_ERROR_NONE || e == SSL_ERROR_WANT_READ ? error_code{} : error_of(e);
        // Whatever the handshake wrote goes out first, the alert telling the peer why included.
        const error_code sent = co_await flush();
        if (failure) co_return failure;
        if (sent) co_return sent;
        if (e == SSL_ERROR_NONE) co_return error_code{};
        const auto [ec, n] = co_await next_.async_read_some(input_space(), as_values);
        if (const error_code error = received(ec, n)) co_return error;
    }
}

net::awaitable<error_code> tls_stream::shutdown() {
    clear_errors();
    SSL_shutdown(ssl_);
    co_return co_await flush();
}

}  // namespace hotlive::detail
