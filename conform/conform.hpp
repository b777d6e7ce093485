// `memspec conform` (R130, R131): every test of some vector files, fed to a program that speaks the
// interchange format, judged by its `result`, and reported per file, per flag and per failure.
#pragma once

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "conform/judge.hpp"
#include "conform/program.hpp"
#include "conform/scope.hpp"
#include "conform/vector_file.hpp"

namespace memspec::conform {

// R202: each kind of test is judged by its own command, and only by it: ScenarioTests by
// `command`, TraceTests by `check_command`, RootTests by `root_command`; a kind whose command is
// empty is skipped (and said to be). A run that judges no test at all fails.
struct ConformOptions {
    std::string command;        // the implementation: a scenario on stdin, its result on stdout
    std::string check_command;  // the verifier for TraceTests
    std::string root_command;   // R200: a scenario on stdin, {"initial_root":…,"final_root":…} on stdout
    bool stream = false;        // R201: ScenarioTests fed and answered as JSON Lines
    std::set<std::string> waivers;
    RunLimits limits;
    unsigned jobs = 1;          // tests run at once
    // R245: tests outside the implementation's scope are skipped with the reason; tests not
    // selected (by tcId; files are selected by the caller) are left out of the report altogether.
    Scope scope;
    std::set<std::int64_t> tc_ids;  // empty: every test
    bool batch = false;             // R246: ScenarioTests through one process per job (conform/batch.hpp)
    // Called after each test with (tests done, tests to run), from the thread that ran it (one at a time).
    std::function<void(std::size_t, std::size_t)> progress;
};

enum class TestStatus { Passed, Failed, Waived, Skipped };
std::string_view to_string(TestStatus s);

struct TestOutcome {
    std::size_t file = 0;  // index into the files
    std::size_t test = 0;  // index into that file's tests
    TestStatus status = TestStatus::Passed;
    std::optional<Difference> difference;  // failed and waived tests
    std::vector<std::string> waived_by;    // the flags that waived it
    std::string skip_reason;               // skipped tests: why (R202, R245)
    bool out_of_scope = false;             // skipped by the declared scope (R245), not for want of a command (R202)
};

struct Counts {
    std::size_t passed = 0, failed = 0, waived = 0, skipped = 0;
    void add(TestStatus s);
    std::size_t total() const { return passed + failed + waived + skipped; }
};

struct ConformReport {
    std::vector<TestOutcome> outcomes;  // file order, test order
    std::size_t judged() const;         // tests not skipped
    bool ok() const;                    // no failure that is not waived, and some test judged (R202)
};

ConformReport run_conform(const std::vector<VectorFile>& files, const ConformOptions& options);

// The human report: a table per file, a table per flag, then every failure with its localized
// first difference, every waived test, and a closing line of totals.
std::string report_text(const std::vector<VectorFile>& files, const ConformReport& report, const ConformOptions& options);
// R247: the one command that runs this test alone, as run here ("memspec conform --cmd '…' --file F
// --tc-id N"), for every failure in every report format.
std::string reproduce_command(const VectorFile& file, const VectorTest& test, const ConformOptions& options);
// The same for machines (spec/memory.md R131 lists its keys).
Json report_json(const std::vector<VectorFile>& files, const ConformReport& report, const ConformOptions& options);

}  // namespace memspec::conform
