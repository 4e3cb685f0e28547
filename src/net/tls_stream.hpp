// TLS over a Beast tcp_stream, with OpenSSL reading and writing the stream's own buffers through
// a BIO of ours: what Asio's ssl::stream does, without its engine. Asio's engine runs every
// operation through a BIO pair (each byte copied in and out of it), calls SSL_read once more to
// learn that no record is there yet, and clears OpenSSL's error queue before each of them: over a
// call of one request record and one answer record, that was a third of what TLS added to a
// call's CPU, in the client and in the emulator alike. Here a read goes to the socket first when
// nothing is buffered, and SSL_read decrypts straight from the bytes the socket read.
//
// A model of AsyncReadStream and AsyncWriteStream for Beast's HTTP reads and Asio's writes, with
// one restriction: a read and a write never overlap (a request, then its answer), because the
// records a read produces (a TLS 1.3 key update's answer) go out through the same buffer.
//
// Errors as Asio's ssl::stream reports them: ssl::error::stream_truncated when the peer closes
// without a close_notify, net::error::eof after one, OpenSSL's error in Asio's SSL category.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/compose.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/buffers_range.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <openssl/ssl.h>

#include <cstddef>
#include <memory>
#include <string>
#include <type_traits>

namespace hotlive::detail {

class tls_stream {
public:
    using executor_type = boost::asio::any_io_executor;
    using next_layer_type = boost::beast::tcp_stream;
    enum class role { client, server };

    // A connection of `context`'s (its verification, its certificate), not yet shaken hands.
    // Throws std::bad_alloc when OpenSSL cannot allocate the connection.
    tls_stream(next_layer_type next, SSL_CTX* context);
    tls_stream(const tls_stream&) = delete;
    tls_stream& operator=(const tls_stream&) = delete;
    tls_stream(tls_stream&&) = delete;  // OpenSSL's BIO points here
    tls_stream& operator=(tls_stream&&) = delete;
    ~tls_stream();

    executor_type get_executor() { return next_.get_executor(); }
    next_layer_type& next_layer() { return next_; }
    [[nodiscard]] SSL* native_handle() const { return ssl_; }

    // Under the next layer's own timeout (expires_after), as every read and write here is.
    boost::asio::awaitable<boost::system::error_code> handshake(role r);
    // Sends close_notify; does not wait for the peer's (the connection closes next).
    boost::asio::awaitable<boost::system::error_code> shutdown();

    template <class MutableBufferSequence, class ReadToken>
    auto async_read_some(const MutableBufferSequence& buffers, ReadToken&& token) {
        return boost::asio::async_compose<ReadToken, void(boost::system::error_code, std::size_t)>(
            io_op<read_tag>{*this, first_of<boost::asio::mutable_buffer>(buffers)}, token, next_);
    }

    template <class ConstBufferSequence, class WriteToken>
    auto async_write_some(const ConstBufferSequence& buffers, WriteToken&& token) {
        return boost::asio::async_compose<WriteToken, void(boost::system::error_code, std::size_t)>(
            io_op<write_tag>{*this, first_of<boost::asio::const_buffer>(buffers)}, token, next_);
    }

private:
    struct read_tag {
        using buffer = boost::asio::mutable_buffer;
    };
    struct write_tag {
        using buffer = boost::asio::const_buffer;
    };

    // What one SSL_read or SSL_write came to.
    struct attempt {
        enum { done, wants_input, failed } next = done;
        boost::system::error_code error;
        std::size_t bytes = 0;
    };
    attempt read_plain(boost::asio::mutable_buffer into);
    attempt write_plain(boost::asio::const_buffer from);
    [[nodiscard]] attempt outcome_of(int result) const;  // of the SSL_read or SSL_write just made
    [[nodiscard]] bool holds_unread() const;             // received bytes or decrypted ones not read yet
    // Where the socket's next bytes go, and how many came (or the error to give instead).
    boost::asio::mutable_buffer input_space();
    boost::system::error_code received(const boost::system::error_code& ec, std::size_t n);
    boost::asio::awaitable<boost::system::error_code> flush();

    // The first buffer with room: a read_some or write_some may stop at one buffer's end.
    template <class Buffer, class Buffers>
    static Buffer first_of(const Buffers& buffers) {
        for (const auto b : boost::beast::buffers_range_ref(buffers)) {
            const Buffer buffer(b);
            if (buffer.size() != 0) return buffer;
        }
        return {};
    }

    // One read_some or write_some: the SSL call, then the socket when the records need it
    // (the output written first, the input read next), until the call is done.
    template <class Tag>
    struct io_op {
        tls_stream& stream;
        typename Tag::buffer buffer;
        enum { starting, sending, receiving, finishing } state = starting;
        attempt outcome{};

        template <class Self>
        void operator()(Self& self, boost::system::error_code ec = {}, std::size_t n = 0) {
            switch (state) {
                case starting:
                    if (buffer.size() == 0) return finish(self, {});
                    // Nothing to decrypt yet: the socket first, not an SSL_read that would say so.
                    if constexpr (std::is_same_v<Tag, read_tag>) {
                        if (!stream.holds_unread()) return receive(self);
                    }
                    break;
                case sending:
                    stream.output_.clear();
                    if (ec) {
                        // Part of the record went: written, for a caller deciding whether to repeat it.
                        const bool partly_written = std::is_same_v<Tag, write_tag> && n != 0;
                        return self.complete(ec, partly_written ? outcome.bytes : 0);
                    }
                    if (outcome.next != attempt::wants_input) return self.complete(outcome.error, outcome.bytes);
                    return receive(self);
                case receiving:
                    if (const auto error = stream.received(ec, n)) return self.complete(error, 0);
                    break;
                case finishing:
                    return self.complete(outcome.error, outcome.bytes);
            }
            const bool first = state == starting;
            if constexpr (std::is_same_v<Tag, read_tag>) {
                outcome = stream.read_plain(buffer);
            } else {
                outcome = stream.write_plain(buffer);
            }
            if (!stream.output_.empty()) {
                state = sending;
                return boost::asio::async_write(stream.next_, boost::asio::buffer(stream.output_), std::move(self));
            }
            if (outcome.next == attempt::wants_input) return receive(self);
            // An operation must not complete inside the call that started it.
            if (first) return finish(self, outcome);
            self.complete(outcome.error, outcome.bytes);
        }

        template <class Self>
        void receive(Self& self) {
            state = receiving;
            stream.next_.async_read_some(stream.input_space(), std::move(self));
        }

        template <class Self>
        void finish(Self& self, const attempt& result) {
            state = finishing;
            outcome = result;
            boost::asio::post(stream.next_.get_executor(), std::move(self));
        }
    };

    next_layer_type next_;
    SSL* ssl_ = nullptr;
    std::unique_ptr<unsigned char[]> input_;  // bytes the socket read, OpenSSL's to take
    std::size_t input_begin_ = 0;
    std::size_t input_end_ = 0;
    std::string output_;  // records OpenSSL wrote, for the socket

    friend struct tls_bio;
};

}  // namespace hotlive::detail
