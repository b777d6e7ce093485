// What solving a problem, or running a property, ends with (R80, R84): a status, the time, a
// detail line, and for a counterexample the model as typed rows of named cells. Plain values:
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

enum class ProofStatus { Proved, Counterexample, Timeout, Error };
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
    double seconds = 0;
    std::string detail;                           // what was checked, or why it failed
    std::optional<Counterexample> counterexample;  // present exactly when status is Counterexample
};

}  // namespace memspec::proofs
