#include "util/isolated.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <exception>

#if defined(__SANITIZE_ADDRESS__)
constexpr bool UNDER_ASAN = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool UNDER_ASAN = true;
#else
constexpr bool UNDER_ASAN = false;
#endif
#else
constexpr bool UNDER_ASAN = false;
#endif

namespace memspec::util {

namespace {

double now_seconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// The framing on the pipe: one tag byte, then the message. A child that dies before it has
// written its tag (or while writing) leaves no complete message behind.
constexpr char RETURNED = 'R', THREW = 'T';

void write_all(int fd, const std::string& bytes) {
    std::size_t off = 0;
    while (off < bytes.size()) {
        const ssize_t n = write(fd, bytes.data() + off, bytes.size() - off);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        off += static_cast<std::size_t>(n);
    }
}

[[noreturn]] void run_child(int fd, const std::function<std::string()>& child, const ChildLimits& limits) {
    if (limits.address_space_bytes > 0 && !UNDER_ASAN) {
        rlimit mem{limits.address_space_bytes, limits.address_space_bytes};
        setrlimit(RLIMIT_AS, &mem);
    }
    std::string framed;
    try {
        framed = RETURNED + child();
    } catch (const std::exception& e) {
        framed = THREW + std::string(e.what());
    } catch (...) {
        framed = THREW + std::string("an exception that is no std::exception");
    }
    write_all(fd, framed);
    close(fd);
    _exit(0);
}

}  // namespace

ChildResult run_isolated(const std::function<std::string()>& child, const ChildLimits& limits) {
    const double start = now_seconds();
    ChildResult out;
    int fds[2];
    if (pipe(fds) != 0) {
        out.message = "pipe failed";
        return out;
    }
    const pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        out.message = "fork failed";
        return out;
    }
    if (pid == 0) {
        close(fds[0]);
        run_child(fds[1], child, limits);
    }
    close(fds[1]);
    std::string buf;
    bool timed_out = false;
    char chunk[65536];
    for (;;) {
        int wait_ms = -1;
        if (limits.timeout_seconds > 0) {
            const double left = limits.timeout_seconds - (now_seconds() - start);
            if (left <= 0) {
                timed_out = true;
                break;
            }
            // Wake at least once a second to look at the clock.
            wait_ms = static_cast<int>(std::min(left * 1000.0, 1000.0)) + 1;
        }
        pollfd pfd{fds[0], POLLIN, 0};
        const int rc = poll(&pfd, 1, wait_ms);
        if (rc <= 0) continue;  // EINTR, or no data yet
        const ssize_t n = read(fds[0], chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        buf.append(chunk, static_cast<std::size_t>(n));
    }
    close(fds[0]);
    if (timed_out) kill(pid, SIGKILL);
    waitpid(pid, &out.wait_status, 0);
    const bool exited_cleanly = WIFEXITED(out.wait_status) && WEXITSTATUS(out.wait_status) == 0;
    if (timed_out) {
        out.end = ChildEnd::TimedOut;
    } else if (!exited_cleanly || buf.empty() || (buf[0] != RETURNED && buf[0] != THREW)) {
        out.end = ChildEnd::Died;
    } else {
        out.end = buf[0] == RETURNED ? ChildEnd::Returned : ChildEnd::Threw;
        out.message = buf.substr(1);
    }
    out.seconds = now_seconds() - start;
    return out;
}

}  // namespace memspec::util
