// Running the implementation under test (R130): any command, through /bin/sh -c, with a document on
// its standard input, its standard output captured, and a deadline. conform and diff judge a
// program only by what it prints and how it exits, so a crash, a hang or a flood of output must
// come back as an outcome, never take the judge down with it.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace memspec::conform {

struct ProgramRun {
    enum class Outcome {
        Exited,         // exit_status holds its status
        Signaled,       // killed by signal `signal` (a crash, or killed from outside)
        TimedOut,       // still running at the deadline; its process group was killed
        OutputTooLarge, // printed more than the cap; its process group was killed
        NotStarted,     // fork or pipe failed (message in `error`)
    };
    Outcome outcome = Outcome::NotStarted;
    int exit_status = -1;
    int signal = 0;
    std::string out;        // standard output, whole
    std::string err;        // the first bytes of standard error, for the report
    std::string error;      // why it did not start
    double seconds = 0;

    // "exit status 3", "killed by signal 11 (SIGSEGV)", "timed out after 30 s", …
    std::string describe() const;
};

struct RunLimits {
    std::chrono::milliseconds timeout{30'000};
    std::size_t max_output = std::size_t{1} << 30;
    std::size_t max_stderr = 2048;
};

// Runs `/bin/sh -c command` in its own process group with `input` on stdin. Thread-safe; SIGPIPE
// is ignored in this process from the first call on (a program that stops reading its input is
// not an error of ours), and restored to the default in the child.
ProgramRun run_program(const std::string& command, std::string_view input, const RunLimits& limits = {});

}  // namespace memspec::conform
