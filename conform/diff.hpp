// `memspec diff` (R134): random scenarios, each run by memspec (impl, in process) and by another
// program; the first divergence is shrunk to a minimal scenario and handed back as a ready vector
// test, with the localized difference.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "conform/judge.hpp"
#include "conform/program.hpp"
#include "spec/vocabulary/scenario.hpp"

namespace memspec::conform {

// What memspec answers to a scenario, as a vector test would state it: the expectation (valid,
// invalid, or acceptable with finalize's records as a multiset under the OpenVM profiles, R23),
// and the expected output (`memspec run`'s result, or {"error":{kind, op_index}}).
struct MemspecAnswer {
    Expectation result = Expectation::Valid;
    Json expected;
    std::optional<std::size_t> finalize_order;
    std::optional<std::string> error_kind;  // when memspec rejects the scenario
};
MemspecAnswer memspec_answer(const Scenario& scenario);

// The scenario as fed to the program (compact interchange JSON).
std::string scenario_text(const Scenario& scenario);

struct DiffOptions {
    std::string command;
    std::uint64_t seed = 1;
    std::uint64_t count = 100;
    std::vector<Profile> profiles;  // scenario i uses profiles[i % size]
    RunLimits limits;
    std::size_t max_shrink_runs = 2000;
    // R245: the implementation's declared scope: generated scenarios keep only reads and writes of
    // these sizes (empty: all), and with reports_errors false a scenario memspec rejects is not
    // sent (counted in out_of_scope); shrinking never leaves the scope either.
    std::set<std::size_t> access_sizes;
    bool reports_errors = true;
};

struct Divergence {
    std::uint64_t index = 0;           // which scenario of the seed
    Scenario original, minimal;
    std::size_t shrink_runs = 0;
    MemspecAnswer answer;              // memspec's, on the minimal scenario
    Difference difference;             // the program's, on the minimal scenario
    Json vector;                       // the ready vector test
};

struct DiffSummary {
    std::uint64_t run = 0;                          // scenarios compared
    std::uint64_t out_of_scope = 0;                 // R245: generated, but errors the implementation does not report
    std::vector<std::pair<std::string, std::uint64_t>> per_profile;
    std::vector<std::pair<std::string, std::uint64_t>> errors;  // memspec's error kinds among them
    std::optional<Divergence> divergence;
};

DiffSummary run_diff(const DiffOptions& options);

// The flag diff puts on the vector test it prints (R134): a vector file's flags must be non-empty
// and each described in its notes (vectors.schema.json), so a pasted test needs one. Its note is
// the catalogue's entry (vectors/fillers/flags.json; the ctest diff_vector_is_a_valid_vector_test
// checks they agree), printed with the test for the file's "notes".
inline constexpr const char* FOUND_BY_DIFF = "FoundByDiff";
Json found_by_diff_note();

// A vector test as people read one: the test and its scenario and expected result opened, arrays of
// objects one element per line, everything else compact.
std::string pretty_vector(const Json& vector);

}  // namespace memspec::conform
