// Where formatted output goes (R29, R38, R39): a file descriptor, a string, or a SHA-256 digest,
// behind one small buffered writer, so the same formatting code prints a result, streams it and
// hashes it, byte for byte the same.
#pragma once

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace memspec {

class ByteSink {
public:
    virtual ~ByteSink() = default;
    virtual void write(const char* data, std::size_t size) = 0;
};

// Writes all `size` bytes to `fd`: returns 0, or the errno of the write that failed. A short
// write continues with the rest, EINTR retries, and EAGAIN (a non-blocking descriptor that is
// full) waits until the descriptor is writable again, so every byte arrives or there is an error.
int write_fully(int fd, const char* data, std::size_t size);

// Writes to a file descriptor (stdout by default) with write_fully. The first failed write (for
// example a closed pipe or a full disk) marks the sink failed with its errno and drops the rest,
// so nothing after a lost piece is written: the caller checks `failed()` and reports `error()`.
class FdSink final : public ByteSink {
public:
    explicit FdSink(int fd = 1) : fd_(fd) {}
    void write(const char* data, std::size_t size) override;
    bool failed() const { return error_ != 0; }
    int error() const { return error_; }
    // Marks the sink failed without writing (e.g. a descriptor known to be unusable).
    void fail(int error) {
        if (error_ == 0) error_ = error;
    }

private:
    int fd_;
    int error_ = 0;
};

class StringSink final : public ByteSink {
public:
    std::string text;
    void write(const char* data, std::size_t size) override { text.append(data, size); }
};

// R39: SHA-256 of everything written (OpenSSL's libcrypto).
class Sha256Sink final : public ByteSink {
public:
    Sha256Sink();
    ~Sha256Sink() override;
    Sha256Sink(const Sha256Sink&) = delete;
    Sha256Sink& operator=(const Sha256Sink&) = delete;
    void write(const char* data, std::size_t size) override;
    // Lower-case hex, as sha256sum prints it. Call once, at the end.
    std::string hex();

private:
    struct State;
    std::unique_ptr<State> state_;
};

// Formats into a buffer and hands full buffers to a ByteSink. Every number goes through
// std::to_chars: no locale, no allocation.
// Decimal digits of x at `out`; returns how many. Two digits per step from a table: the output
// path formats hundreds of millions of numbers.
inline std::size_t format_u32(char* out, std::uint32_t x) {
    static constexpr char pairs[201] =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
        "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
        "8081828384858687888990919293949596979899";
    std::size_t n = 1;
    for (std::uint32_t t = x; t >= 10; t /= 10) ++n;
    char* p = out + n;
    while (x >= 100) {
        const std::uint32_t r = (x % 100) * 2;
        x /= 100;
        *--p = pairs[r + 1];
        *--p = pairs[r];
    }
    if (x >= 10) {
        *--p = pairs[x * 2 + 1];
        *--p = pairs[x * 2];
    } else {
        *--p = static_cast<char>('0' + x);
    }
    return n;
}

class TextWriter {
public:
    explicit TextWriter(ByteSink& sink, std::size_t capacity = std::size_t{1} << 16) : sink_(&sink), buf_(capacity) {}
    TextWriter(const TextWriter&) = delete;
    TextWriter& operator=(const TextWriter&) = delete;
    ~TextWriter() { flush(); }

    void put(char c) {
        if (pos_ == buf_.size()) flush();
        buf_[pos_++] = c;
    }
    void put(std::string_view s) {
        if (s.size() > buf_.size() - pos_) {
            flush();
            if (s.size() > buf_.size()) return sink_->write(s.data(), s.size());
        }
        std::memcpy(buf_.data() + pos_, s.data(), s.size());
        pos_ += s.size();
    }
    void number(std::uint64_t x) {
        if (buf_.size() - pos_ < 20) flush();
        if (x <= 0xFFFFFFFFu) {
            pos_ += format_u32(buf_.data() + pos_, static_cast<std::uint32_t>(x));
            return;
        }
        pos_ = static_cast<std::size_t>(std::to_chars(buf_.data() + pos_, buf_.data() + buf_.size(), x).ptr - buf_.data());
    }
    // `[a,b,…]` of 32-bit values (every field element and every address fits), formatted with
    // one capacity check for the whole array: a record's values are most of the output.
    template <class Values>
    void u32_array(const Values& values) {
        const std::size_t need = 2 + 11 * values.size();
        if (buf_.size() - pos_ < need) {
            flush();
            if (buf_.size() < need) buf_.resize(need);
        }
        char* p = buf_.data() + pos_;
        *p++ = '[';
        bool first = true;
        for (const auto& v : values) {
            if (!first) *p++ = ',';
            first = false;
            p += format_u32(p, static_cast<std::uint32_t>(v));
        }
        *p++ = ']';
        pos_ = static_cast<std::size_t>(p - buf_.data());
    }
    // `prefix` (a key, with its comma and colon) and a number: most of a record.
    void field(std::string_view prefix, std::uint64_t x) {
        put(prefix);
        number(x);
    }
    void flush() {
        if (pos_) sink_->write(buf_.data(), pos_);
        pos_ = 0;
    }

private:
    ByteSink* sink_;
    std::vector<char> buf_;
    std::size_t pos_ = 0;
};

}  // namespace memspec
