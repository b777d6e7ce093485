#include "spec/interchange/input.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace memspec {

Result<std::size_t> read_some(int fd, char* buf, std::size_t n, const std::string& what) {
    for (;;) {
        const ssize_t got = ::read(fd, buf, n);
        if (got >= 0) return static_cast<std::size_t>(got);
        const int err = errno;
        if (err == EINTR) continue;
        if (err == EAGAIN || err == EWOULDBLOCK) {
            // A non-blocking descriptor (a shell may hand one over): nothing yet is not the end.
            pollfd p{fd, POLLIN, 0};
            if (::poll(&p, 1, -1) < 0 && errno != EINTR)
                return make_error(ErrorKind::InputError, "reading " + what + ": " + std::strerror(errno));
            continue;
        }
        return make_error(ErrorKind::InputError, "reading " + what + ": " + std::strerror(err));
    }
}

std::string input_name(const std::string& path, const std::string& kind) {
    return path == "-" ? std::string("standard input") : kind + " '" + path + "'";
}

MemoryError limit_error(const std::string& what, std::uint64_t limit, const std::string& advice) {
    // Rounded to the nearest unit: MAX_DOCUMENT_BYTES, a few bytes under 4 GiB, is "4 GiB".
    const std::string size = limit >= (std::uint64_t{1} << 29) ? std::to_string((limit + (std::uint64_t{1} << 29)) >> 30) + " GiB"
                                                                : std::to_string((limit + (std::uint64_t{1} << 19)) >> 20) + " MiB";
    return make_error(ErrorKind::LimitExceeded, what + " is limited to " + size + (advice.empty() ? "" : "; " + advice));
}

Result<std::string> read_whole(const std::string& path, const std::string& kind, std::uint64_t limit) {
    const std::string what = input_name(path, kind);
    const int fd = path == "-" ? 0 : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return make_error(ErrorKind::ParseError, "cannot open " + what + ": " + std::strerror(errno));
    struct Closer {
        int fd;
        ~Closer() {
            if (fd > 0) ::close(fd);
        }
    } closer{fd};
    struct stat st {};
    const bool file = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    if (file && static_cast<std::uint64_t>(st.st_size) > limit) return limit_error(what, limit, "");
    std::string out;
    // A file in one allocation of its size (and one more read to see its end); a pipe in chunks.
    out.resize(file ? static_cast<std::size_t>(st.st_size) + 1 : std::size_t{1} << 16);
    std::size_t size = 0;
    for (;;) {
        if (size == out.size()) out.resize(std::min<std::uint64_t>(2 * out.size(), limit + 1));
        auto n = read_some(fd, out.data() + size, out.size() - size, what);
        if (!n) return n.error();
        if (*n == 0) break;
        size += *n;
        if (size > limit) return limit_error(what, limit, "");
    }
    out.resize(size);
    return out;
}

}  // namespace memspec
