// The batch protocol (R246): one process of the implementation answers many scenarios, so that a
// suite of hundreds of tests costs one start-up (an interpreter's, a JIT's) rather than hundreds.
// memspec writes one request per line, {"scenario":"<the scenario document's text, as a JSON
// string>"}, and the implementation answers each with one line: its result object, or
// {"error":{…}} where the program interface would exit with status 2. The scenario goes as a
// string so that every byte of it (a duplicate key, malformed JSON) reaches the implementation as
// the vector spells it.
//
// A test on which the process dies, is killed by a signal, passes the per-test deadline or prints
// a line longer than the output cap fails with that cause; the process is then ended and a fresh
// one answers the next test, so one bad test never takes the others with it.
#pragma once

#include <string>
#include <string_view>

#include <sys/types.h>

#include "conform/program.hpp"

namespace memspec::conform {

// The request line for one scenario, newline included.
std::string batch_request(std::string_view scenario_text);

class BatchProcess {
public:
    BatchProcess(std::string command, RunLimits limits);
    ~BatchProcess();
    BatchProcess(const BatchProcess&) = delete;
    BatchProcess& operator=(const BatchProcess&) = delete;

    // One scenario's answer as a ProgramRun: Exited with status 0 (a result line) or 2 (an error
    // line) and the line as its output; or the outcome that ended the process on this test.
    ProgramRun ask(std::string_view scenario_text);

    // Closes the process's input and waits for it (killing it at the deadline).
    void stop();

private:
    bool start(std::string& error);
    void kill_and_reap(ProgramRun* into);

    std::string command_;
    RunLimits limits_;
    pid_t pid_ = -1;
    int in_ = -1, out_ = -1, err_ = -1;
    std::string pending_;  // bytes of stdout after the last answered line
    std::string stderr_;   // the last bytes of standard error, for the report
};

}  // namespace memspec::conform
