#include "tools/checked_stdout.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <streambuf>
#include <string>
#include <vector>

#include "tools/command.hpp"

namespace memspec::cli {
namespace {

bool stdout_was_closed = false;

FdSink& stdout_fd() {
    static FdSink sink(1);
    return sink;
}

// The one place bytes for stdout are written. Bytes for a stdout that was closed at start have
// nowhere to go: that is a failed write, not /dev/null swallowing them.
void write_stdout(const char* data, std::size_t size) {
    if (stdout_was_closed) stdout_fd().fail(EBADF);
    stdout_fd().write(data, size);
}

// std::cout's buffer, emptied into stdout (when full, on std::flush / std::endl, and at
// finish_stdout). Writes never set badbit: a failure is kept by the sink and reported once, at
// the end, with its errno.
class StdoutBuf final : public std::streambuf {
public:
    StdoutBuf() : buf_(std::size_t{1} << 16) { setp(buf_.data(), buf_.data() + buf_.size()); }

protected:
    int_type overflow(int_type c) override {
        drain();
        if (!traits_type::eq_int_type(c, traits_type::eof())) {
            *pptr() = traits_type::to_char_type(c);
            pbump(1);
        }
        return traits_type::not_eof(c);
    }
    std::streamsize xsputn(const char* s, std::streamsize n) override {
        if (n > epptr() - pptr()) {
            drain();
            if (n > epptr() - pptr()) {
                write_stdout(s, static_cast<std::size_t>(n));
                return n;
            }
        }
        std::memcpy(pptr(), s, static_cast<std::size_t>(n));
        pbump(static_cast<int>(n));
        return n;
    }
    int sync() override {
        drain();
        return 0;
    }

private:
    void drain() {
        if (pptr() > pbase()) write_stdout(pbase(), static_cast<std::size_t>(pptr() - pbase()));
        setp(buf_.data(), buf_.data() + buf_.size());
    }
    std::vector<char> buf_;
};

StdoutBuf& stdout_buf() {
    static StdoutBuf buf;
    return buf;
}

// What the JSON writers write into: whatever std::cout holds goes first, so both keep their order.
class StdoutSink final : public ByteSink {
public:
    void write(const char* data, std::size_t size) override {
        stdout_buf().pubsync();
        write_stdout(data, size);
    }
};

}  // namespace

void guard_standard_streams() {
    for (int fd = 0; fd <= 2; ++fd) {
        if (::fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
        // open() returns the lowest free descriptor: this one, since those below are open.
        const int got = ::open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
        if (got != fd && got >= 0) {
            ::dup2(got, fd);
            ::close(got);
        }
        if (fd == 1) stdout_was_closed = true;
    }
    std::cout.rdbuf(&stdout_buf());
}

ByteSink& stdout_sink() {
    static StdoutSink sink;
    return sink;
}

int write_file(const std::string& path, std::string_view text) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return errno;
    int error = write_fully(fd, text.data(), text.size());
    if (::close(fd) != 0 && error == 0 && errno != EINTR) error = errno;
    return error;
}

void print_stdout(const char* format, ...) {
    std::va_list args;
    va_start(args, format);
    std::va_list again;
    va_copy(again, args);
    const int n = std::vsnprintf(nullptr, 0, format, args);
    va_end(args);
    if (n > 0) {
        std::string text(static_cast<std::size_t>(n) + 1, '\0');
        std::vsnprintf(text.data(), text.size(), format, again);
        text.pop_back();
        std::cout << text;
    }
    va_end(again);
}

int finish_stdout(int status) {
    std::cout.flush();
    FdSink& fd = stdout_fd();
    int error = fd.error();
    std::string what = "cannot write the output to stdout";
    if (error == 0 && !stdout_was_closed && ::close(1) != 0 && errno != EINTR) {
        // A close can report a write that failed late (e.g. on a network file system). EINTR is
        // not an error here: on Linux the descriptor is closed anyway.
        error = errno;
        what = "cannot close stdout";
    }
    if (error == 0) return status;
    if (stdout_was_closed && error == EBADF) what += " (it was closed when memspec started)";
    std::fprintf(stderr, "memspec: %s: %s; the output is incomplete\n", what.c_str(), std::strerror(error));
    return EXIT_OUTPUT_FAILED;
}

}  // namespace memspec::cli
