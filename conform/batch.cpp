#include "conform/batch.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include "conform/vector_file.hpp"

namespace memspec::conform {

namespace {

using Clock = std::chrono::steady_clock;

int millis_left(Clock::time_point deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return left <= 0 ? 0 : left > 1'000'000 ? 1'000'000 : static_cast<int>(left);
}

void close_fd(int& fd) {
    if (fd >= 0) ::close(fd);
    fd = -1;
}

}  // namespace

std::string batch_request(std::string_view scenario_text) {
    // R246: the document's bytes as a JSON string; bytes that are not UTF-8 cannot be a JSON string,
    // and are replaced (a vector's scenarioText is a JSON string, so it never holds any).
    Json line = Json::object();
    line["scenario"] = std::string(scenario_text);
    return line.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

BatchProcess::BatchProcess(std::string command, RunLimits limits) : command_(std::move(command)), limits_(limits) {}

BatchProcess::~BatchProcess() { stop(); }

bool BatchProcess::start(std::string& error) {
    // A program that stops reading is not an error of ours (as in run_program).
    struct sigaction ign {};
    ign.sa_handler = SIG_IGN;
    sigemptyset(&ign.sa_mask);
    ::sigaction(SIGPIPE, &ign, nullptr);
    int in[2], out[2], err[2];
    if (::pipe2(in, O_CLOEXEC) != 0) return error = std::strerror(errno), false;
    if (::pipe2(out, O_CLOEXEC) != 0) {
        error = std::strerror(errno);
        ::close(in[0]), ::close(in[1]);
        return false;
    }
    if (::pipe2(err, O_CLOEXEC) != 0) {
        error = std::strerror(errno);
        ::close(in[0]), ::close(in[1]), ::close(out[0]), ::close(out[1]);
        return false;
    }
    const char* argv[] = {"sh", "-c", command_.c_str(), nullptr};
    const pid_t pid = ::fork();
    if (pid < 0) {
        error = std::strerror(errno);
        for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) ::close(fd);
        return false;
    }
    if (pid == 0) {
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
    ::setpgid(pid, pid);
    ::close(in[0]), ::close(out[1]), ::close(err[1]);
    pid_ = pid, in_ = in[1], out_ = out[0], err_ = err[0];
    for (int fd : {in_, out_, err_}) ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    pending_.clear(), stderr_.clear();
    return true;
}

void BatchProcess::kill_and_reap(ProgramRun* into) {
    if (pid_ < 0) return;
    close_fd(in_), close_fd(out_), close_fd(err_);
    int status = 0;
    if (into && (into->outcome == ProgramRun::Outcome::Exited || into->outcome == ProgramRun::Outcome::Signaled)) {
        // The process closed its output: it is ending by itself; give it a moment to say how.
        const auto until = Clock::now() + std::chrono::milliseconds(2000);
        while (::waitpid(pid_, &status, WNOHANG) == 0) {
            if (Clock::now() > until) {
                ::kill(-pid_, SIGKILL);
                ::waitpid(pid_, &status, 0);
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        if (WIFSIGNALED(status)) into->outcome = ProgramRun::Outcome::Signaled, into->signal = WTERMSIG(status);
        else if (WIFEXITED(status)) into->outcome = ProgramRun::Outcome::Exited, into->exit_status = WEXITSTATUS(status);
        // /bin/sh -c reports a command killed by signal N as its own exit status 128 + N. A batch
        // process that ended before answering is judged by how it ended, so say it as the signal.
        if (into->outcome == ProgramRun::Outcome::Exited && into->exit_status > 128 && into->exit_status < 128 + 65)
            into->outcome = ProgramRun::Outcome::Signaled, into->signal = into->exit_status - 128;
    } else {
        ::kill(-pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
    }
    ::kill(-pid_, SIGKILL);  // whatever the shell left behind in its group
    pid_ = -1;
}

ProgramRun BatchProcess::ask(std::string_view scenario_text) {
    ProgramRun run;
    run.output_cap = limits_.max_output;
    const auto began = Clock::now();
    const auto deadline = began + limits_.timeout;
    if (pid_ < 0 && !start(run.error)) return run;
    const std::string request = batch_request(scenario_text);
    std::size_t written = 0;
    char buf[65536];
    auto finish = [&](ProgramRun::Outcome why) {
        run.outcome = why;
        run.err = stderr_;
        // R246: the cause is this test's: the process ended (or was ended) while answering it.
        const bool ended_by_itself = why == ProgramRun::Outcome::Exited;
        kill_and_reap(&run);
        if (ended_by_itself) run.err = "the batch process ended before answering this test; its standard error: " + run.err;
        run.seconds = std::chrono::duration<double>(Clock::now() - began).count();
        return run;
    };
    while (true) {
        if (const auto nl = pending_.find('\n'); nl != std::string::npos) {
            run.out = pending_.substr(0, nl + 1);
            pending_.erase(0, nl + 1);
            // R246: an {"error":…} line stands for exit status 2, any other line for status 0.
            const Json j = Json::parse(run.out, nullptr, false);
            run.outcome = ProgramRun::Outcome::Exited;
            run.exit_status = j.is_object() && j.size() == 1 && j.contains("error") ? 2 : 0;
            run.err = stderr_;
            stderr_.clear();
            run.seconds = std::chrono::duration<double>(Clock::now() - began).count();
            return run;
        }
        if (pending_.size() > limits_.max_output) return finish(ProgramRun::Outcome::OutputTooLarge);
        const int left = millis_left(deadline);
        if (left == 0) return finish(ProgramRun::Outcome::TimedOut);
        pollfd fds[3] = {{written < request.size() ? in_ : -1, POLLOUT, 0}, {out_, POLLIN, 0}, {err_, POLLIN, 0}};
        const int n = ::poll(fds, 3, left);
        if (n < 0 && errno != EINTR) {
            run.error = std::string("poll: ") + std::strerror(errno);
            return finish(ProgramRun::Outcome::ReadFailed);
        }
        if (n <= 0) continue;
        if (fds[0].fd >= 0 && (fds[0].revents & (POLLOUT | POLLERR | POLLHUP))) {
            const ssize_t w = ::write(in_, request.data() + written, request.size() - written);
            if (w > 0) written += static_cast<std::size_t>(w);
            // EPIPE: the process closed its input; what it printed (or how it ended) says the rest.
            else if (w < 0 && errno != EAGAIN && errno != EINTR) written = request.size();
        }
        if (err_ >= 0 && (fds[2].revents & (POLLIN | POLLERR | POLLHUP))) {
            const ssize_t r = ::read(err_, buf, sizeof buf);
            if (r > 0) {
                stderr_.append(buf, static_cast<std::size_t>(r));
                if (stderr_.size() > limits_.max_stderr) stderr_.erase(0, stderr_.size() - limits_.max_stderr);
            } else if (r == 0 || (errno != EAGAIN && errno != EINTR)) {
                close_fd(err_);
            }
        }
        if (fds[1].revents & (POLLIN | POLLERR | POLLHUP)) {
            const ssize_t r = ::read(out_, buf, sizeof buf);
            if (r > 0) {
                pending_.append(buf, static_cast<std::size_t>(r));
            } else if (r == 0) {
                // The process ended its output before answering: a crash or an exit, named by how it ended.
                run.out = pending_;
                pending_.clear();
                return finish(ProgramRun::Outcome::Exited);
            } else if (errno != EAGAIN && errno != EINTR) {
                run.error = std::string("reading its standard output: ") + std::strerror(errno);
                return finish(ProgramRun::Outcome::ReadFailed);
            }
        }
    }
}

void BatchProcess::stop() {
    if (pid_ < 0) return;
    // The end of its input tells the process the batch is over; it has a short while to exit.
    close_fd(in_);
    const auto until = Clock::now() + std::chrono::milliseconds(2000);
    int status = 0;
    pid_t r = 0;
    while ((r = ::waitpid(pid_, &status, WNOHANG)) == 0 && Clock::now() < until) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    ::kill(-pid_, SIGKILL);
    if (r == 0) ::waitpid(pid_, &status, 0);
    close_fd(out_), close_fd(err_);
    pid_ = -1;
}

}  // namespace memspec::conform
