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
        OutputTooLarge, // printed more than `output_cap` bytes; its process group was killed (R161)
        NotStarted,     // fork or pipe failed (message in `error`)
        ReadFailed,     // reading its output failed (message in `error`); its process group was killed
    };
    Outcome outcome = Outcome::NotStarted;
    int exit_status = -1;
    int signal = 0;
    std::string out;        // standard output, whole (never more than the cap)
    std::string err;        // the first bytes of standard error, for the report
    std::string error;      // why it did not start, or why its output could not be read
    double seconds = 0;
    std::size_t output_cap = 0;  // the cap it ran under, for describe()

    // "exit status 3", "killed by signal 11 (SIGSEGV)", "output exceeded 67108864 bytes", …
    std::string describe() const;
};

// R161: 64 MiB of standard output per run. A correct result for any vector is a few hundred KiB;
// the cap bounds what conform holds per running test (it keeps at most this many bytes, and never
// reserves more), so --jobs N costs at most N times it, whatever the program prints.
inline constexpr std::size_t default_max_output = std::size_t{64} << 20;

struct RunLimits {
    std::chrono::milliseconds timeout{30'000};
    std::size_t max_output = default_max_output;
    std::size_t max_stderr = 2048;
};

// Runs `/bin/sh -c command` in its own process group with `input` on stdin. Thread-safe; SIGPIPE
// is ignored in this process from the first call on (a program that stops reading its input is
// not an error of ours), and restored to the default in the child.
ProgramRun run_program(const std::string& command, std::string_view input, const RunLimits& limits = {});

}  // namespace memspec::conform
