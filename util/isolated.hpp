// Running a function in a forked child process (R80): the parent waits for the message the child
// returns through a pipe, and kills the child at a time limit. Callers use it where a computation
// may hang (Z3 4.8.12's own timeout can deadlock in its timer thread pool, so proofs/ bounds a
// query from outside) or must be measured alone (a child's peak memory is its own: the
// `memspec bench --scenario` phases). Callers send JSON; the runner moves bytes.
//
// POSIX only; no dependency on any other part of memspec.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace memspec::util {

struct ChildLimits {
    double timeout_seconds = 0;               // > 0: SIGKILL once this much wall time has passed
    std::uint64_t address_space_bytes = 0;    // > 0: the child's RLIMIT_AS (not under AddressSanitizer,
                                              // whose shadow memory alone exceeds any useful cap)
};

enum class ChildEnd {
    Returned,    // the function returned; `message` is what it returned
    Threw,       // the function threw; `message` is the exception's what()
    TimedOut,    // killed at the limit
    Died,        // the child ended without a complete message (a crash, a signal, the memory cap)
    NotStarted,  // pipe or fork failed; `message` says which
};

struct ChildResult {
    ChildEnd end = ChildEnd::NotStarted;
    std::string message;
    int wait_status = 0;  // from waitpid, when the child ran
    double seconds = 0;   // wall time, measured by the parent (fork to reaping)
};

// Runs `child` in a forked child process and returns what it sent back. The child ends with
// _exit, so no atexit handler or stdio buffer of the parent runs twice.
ChildResult run_isolated(const std::function<std::string()>& child, const ChildLimits& limits = {});

}  // namespace memspec::util
