#include "conform/program.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <thread>

namespace memspec::conform {

namespace {

using Clock = std::chrono::steady_clock;

void ignore_sigpipe_once() {
    static std::once_flag once;
    std::call_once(once, [] {
        struct sigaction sa {};
        sa.sa_handler = SIG_IGN;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGPIPE, &sa, nullptr);
    });
}

void close_fd(int& fd) {
    if (fd >= 0) ::close(fd);
    fd = -1;
}

void set_nonblocking(int fd) { ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK); }

int millis_left(Clock::time_point deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return left <= 0 ? 0 : left > 1'000'000 ? 1'000'000 : static_cast<int>(left);
}

}  // namespace

std::string ProgramRun::describe() const {
    switch (outcome) {
        case Outcome::Exited: return "exit status " + std::to_string(exit_status);
        case Outcome::Signaled: {
            const char* name = ::sigabbrev_np(signal);
            return "killed by signal " + std::to_string(signal) + (name ? std::string(" (SIG") + name + ")" : std::string());
        }
        case Outcome::TimedOut: return "timed out";
        case Outcome::OutputTooLarge: return "output exceeded " + std::to_string(output_cap) + " bytes; the program was killed";
        case Outcome::NotStarted: return "could not be started: " + error;
        case Outcome::ReadFailed: return "output could not be read: " + error + "; the program was killed";
    }
    return "?";
}

ProgramRun run_program(const std::string& command, std::string_view input, const RunLimits& limits) {
    ignore_sigpipe_once();
    ProgramRun run;
    run.output_cap = limits.max_output;
    const auto start = Clock::now();
    const auto deadline = start + limits.timeout;
    // O_CLOEXEC: when several tests run at once, a sibling child must not inherit our pipe ends,
    // or this child would never see the end of its input.
    int in[2], out[2], err[2];
    if (::pipe2(in, O_CLOEXEC) != 0) {
        run.error = std::strerror(errno);
        return run;
    }
    if (::pipe2(out, O_CLOEXEC) != 0) {
        run.error = std::strerror(errno);
        ::close(in[0]), ::close(in[1]);
        return run;
    }
    if (::pipe2(err, O_CLOEXEC) != 0) {
        run.error = std::strerror(errno);
        ::close(in[0]), ::close(in[1]), ::close(out[0]), ::close(out[1]);
        return run;
    }
    const char* argv[] = {"sh", "-c", command.c_str(), nullptr};
    const pid_t pid = ::fork();
    if (pid < 0) {
        run.error = std::strerror(errno);
        for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) ::close(fd);
        return run;
    }
    if (pid == 0) {
        // The child: only async-signal-safe calls until exec. Its own process group, so that a
        // timeout kills whatever the shell started too.
        ::setpgid(0, 0);
        struct sigaction sa {};
        sa.sa_handler = SIG_DFL;
        sigemptyset(&sa.sa_mask);
        ::sigaction(SIGPIPE, &sa, nullptr);
        ::dup2(in[0], 0);
        ::dup2(out[1], 1);
        ::dup2(err[1], 2);
        ::execv("/bin/sh", const_cast<char* const*>(argv));
        ::_exit(127);
    }
    ::setpgid(pid, pid);  // also here: whichever runs first, the group exists before any kill
    ::close(in[0]), ::close(out[1]), ::close(err[1]);
    int in_w = in[1], out_r = out[0], err_r = err[0];
    set_nonblocking(in_w), set_nonblocking(out_r), set_nonblocking(err_r);
    std::size_t written = 0;
    if (input.empty()) close_fd(in_w);
    bool killed = false;
    auto kill_group = [&](ProgramRun::Outcome why) {
        ::kill(-pid, SIGKILL);
        run.outcome = why;
        killed = true;
    };
    char buf[65536];
    while (out_r >= 0 || err_r >= 0) {
        const int left = millis_left(deadline);
        if (left == 0) {
            kill_group(ProgramRun::Outcome::TimedOut);
            break;
        }
        pollfd fds[3] = {{in_w, POLLOUT, 0}, {out_r, POLLIN, 0}, {err_r, POLLIN, 0}};
        const int n = ::poll(fds, 3, left);
        if (n < 0 && errno != EINTR) {
            // Nothing lost (R161): output that could not be read whole is never judged as if it were.
            run.error = std::string("poll: ") + std::strerror(errno);
            kill_group(ProgramRun::Outcome::ReadFailed);
            break;
        }
        if (n <= 0) continue;
        if (in_w >= 0 && (fds[0].revents & (POLLOUT | POLLERR | POLLHUP))) {
            const ssize_t w = ::write(in_w, input.data() + written, std::min<std::size_t>(input.size() - written, sizeof buf));
            if (w > 0) written += static_cast<std::size_t>(w);
            // EPIPE: the program stopped reading (e.g. it rejected the document early); not ours to judge.
            if ((w < 0 && errno != EAGAIN && errno != EINTR) || written == input.size()) close_fd(in_w);
        }
        if (out_r >= 0 && (fds[1].revents & (POLLIN | POLLERR | POLLHUP))) {
            const ssize_t r = ::read(out_r, buf, sizeof buf);
            if (r > 0) {
                const auto n = static_cast<std::size_t>(r);
                // R161: one byte past the cap ends the run. The bytes beyond it are not kept, and the
                // buffer grows by doubling only up to the cap, so a flood costs at most the cap.
                if (n > limits.max_output - run.out.size()) {
                    kill_group(ProgramRun::Outcome::OutputTooLarge);
                    break;
                }
                if (run.out.capacity() - run.out.size() < n) {
                    const std::size_t want = std::min(limits.max_output, std::max(run.out.size() + n, 2 * run.out.capacity()));
                    // libstdc++'s reserve turns a request below twice the capacity into twice the
                    // capacity, which can pass the cap; a fresh string reserves exactly `want`.
                    std::string grown;
                    grown.reserve(want);
                    grown.append(run.out);
                    run.out.swap(grown);
                }
                run.out.append(buf, n);
            } else if (r == 0) {
                close_fd(out_r);
            } else if (errno != EAGAIN && errno != EINTR) {
                // A read error is not the end of the output: the bytes after it are unknown.
                run.error = std::string("reading its standard output: ") + std::strerror(errno);
                kill_group(ProgramRun::Outcome::ReadFailed);
                break;
            }
        }
        if (err_r >= 0 && (fds[2].revents & (POLLIN | POLLERR | POLLHUP))) {
            const ssize_t r = ::read(err_r, buf, sizeof buf);
            if (r > 0) {
                const std::size_t room = limits.max_stderr > run.err.size() ? limits.max_stderr - run.err.size() : 0;
                run.err.append(buf, std::min<std::size_t>(room, static_cast<std::size_t>(r)));
            } else if (r == 0 || (errno != EAGAIN && errno != EINTR)) {
                close_fd(err_r);
            }
        }
    }
    close_fd(in_w), close_fd(out_r), close_fd(err_r);
    int status = 0;
    if (!killed) {
        // Output is closed; the program may still be running (it closed stdout, or left a child
        // holding nothing). Wait for it until the deadline.
        while (true) {
            const pid_t r = ::waitpid(pid, &status, WNOHANG);
            if (r == pid) break;
            if (r < 0 && errno != EINTR) break;
            if (millis_left(deadline) == 0) {
                kill_group(ProgramRun::Outcome::TimedOut);
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
    }
    if (killed) ::waitpid(pid, &status, 0);
    if (!killed) {
        if (WIFEXITED(status)) {
            run.outcome = ProgramRun::Outcome::Exited;
            run.exit_status = WEXITSTATUS(status);
        } else if (WIFSIGNALED(status)) {
            run.outcome = ProgramRun::Outcome::Signaled;
            run.signal = WTERMSIG(status);
        }
    }
    run.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return run;
}

}  // namespace memspec::conform
