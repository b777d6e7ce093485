// What solving a problem, or running a property, ends with (R80, R84, R180): a status, the limits
// that applied and how much of them was used, the time, a detail line, and for a counterexample
// the model as typed rows of named cells. Plain values:
// JSON appears only where an outcome leaves the process (outcome_json.hpp: the pipe from the
// isolated child, `memspec prove --json`).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace memspec::proofs {

// ResourceLimit (R180): Z3 spent the property's whole resource budget without an answer — the
// same on every machine, so it is an outcome like the others (never an expected one in the
// catalogue). A wall-clock kill is no status: it is an Error whose detail says so (R80).
enum class ProofStatus { Proved, Counterexample, ResourceLimit, Error };
std::string_view to_string(ProofStatus s);

// One row of one block of a counterexample: every cell by column name.
struct CounterexampleRow {
    std::string chip;
    std::size_t row = 0;
    std::map<std::string, std::uint32_t> cells;
};

// What turns a counterexample into a trace set of a memspec configuration (R101, emit.hpp).
struct FixtureBlock {
    std::string chip;
    std::vector<std::string> without;  // constraint / interaction names the problem's AIR lacks
};
struct FixtureInfo {
    bool balanced = false;      // the problem balanced the memory bus
    bool completeness = false;  // the AIR was the goal: honest rows that a changed AIR rejects
    std::uint32_t max_access_adapter_n = 0;
    std::uint32_t chunk = 1;
    std::string variant = "openvm-v1.0";  // the chip set's air::Variant by its name (R69): OpenVM v2.0's chips are R223's
    std::vector<FixtureBlock> blocks;
    std::map<std::string, std::vector<std::uint32_t>> publics;  // chip -> public values
};

struct Counterexample {
    std::string text;                    // the rows with column names, one line per row
    std::vector<CounterexampleRow> rows;  // every row of every block, in block order
    // Absent when a block is no memspec chip (a gadget on its own AIR).
    std::optional<FixtureInfo> fixture;
};

struct Outcome {
    ProofStatus status = ProofStatus::Error;
    double seconds = 0;                           // wall time
    double cpu_seconds = 0;                       // CPU time of the solving process (load-independent)
    std::uint64_t rlimit = 0;                     // the resource budget that applied (0: none)
    std::uint64_t rlimit_used = 0;                // Z3's "rlimit count" over every query, summed
    double wall_guard_seconds = 0;                // the wall-clock guard of the child (0: none, in-process)
    std::string detail;                           // what was checked, or why it failed
    std::optional<Counterexample> counterexample;  // present exactly when status is Counterexample
};

}  // namespace memspec::proofs
