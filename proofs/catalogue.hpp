// The property catalogue (R85-R99): named checks over the spec's AIRs, each with the status it
// is expected to reach. Weakened variants (audit findings, constraint necessity) expect a
// counterexample; vacuity checks expect one too (the witness is a satisfying balanced trace).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "proofs/outcome.hpp"
#include "proofs/problem.hpp"
#include "proofs/solve.hpp"

namespace memspec::proofs {

struct Property {
    std::string name;
    std::string rule;       // R85..R99
    std::string statement;  // one sentence
    ProofStatus expected = ProofStatus::Proved;
    bool fast = false;      // part of the ctest subset
    // Runs in the child process; may solve several problems (e.g. one per max_bits).
    std::function<Outcome(const Settings&)> run;
    // R180: > 0: this property's own resource budget (Settings::rlimit otherwise), a margin of 4-10
    // times its measured "rlimit count" (proofs/README.md has the calibration).
    std::uint64_t rlimit = 0;
    // R80: > 0: this property's own wall-clock guard (Settings::wall_guard_seconds otherwise).
    double wall_guard_seconds = 0;
    bool extended = false;       // only with `memspec prove --extended` (keeps the default run < 10 min)
    // R180: the deterministic solver strategy that answers this property with the smallest
    // measured count (proofs/README.md); Plain unless measurement said otherwise.
    smt::Strategy strategy = smt::Strategy::Plain;
};

// Every property, in catalogue order.
std::vector<Property> catalogue();

// Solves problems in order; proved only if all are, else the first non-proved outcome, whose
// detail names the problem. Times and resource counts add up, and s.rlimit bounds their sum.
Outcome solve_all(const std::vector<Problem>& problems, const Settings& s);

// Individual families, also used by tests.
std::vector<Property> row_properties();       // gadgets, adapters, bridge, boundaries
std::vector<Property> audit_properties();     // B1-B6, B11 rediscovered
std::vector<Property> bus_properties();       // bus consistency + vacuity
std::vector<Property> necessity_properties(); // one per named constraint
std::vector<Property> persistent_properties(); // persistent side with the Merkle side abstracted (R79)
std::vector<Property> lemma_properties();     // per-chip lemmas of the unbounded argument (R103)
std::vector<Property> timeloop_properties();  // L5 proved per adapter row under the fixed adapters (R252)
std::vector<Property> roots_properties();     // what the Merkle roots commit to, symbolic tree (R280-R282)
std::vector<Property> v2_0_properties();      // OpenVM v2.0's chips in the bus argument (R284-R286)
std::vector<Property> v2_0_necessity_properties();  // the necessity table of v2.0's chips (R287)

// One property run: the property and the outcome it reached.
struct PropertyRun {
    Property property;
    Outcome outcome;
    bool as_expected() const { return outcome.status == property.expected; }
};
// Which of a property's own limits and its strategy give way to the run's Settings (`memspec
// prove --rlimit`, `--wall-guard`, `--strategy`).
struct LimitOverride {
    bool rlimit = false;
    bool wall_guard = false;
    bool strategy = false;
};
// Runs each property matching `filter` (substring; empty = all) in its own child process with
// the property's own resource budget, wall-clock guard and strategy where it has them and they are
// not overridden, else s's. The outcome records the limits that applied.
std::vector<PropertyRun> run_catalogue(const std::vector<Property>& props, const std::string& filter,
                                  const Settings& s, LimitOverride override_limits = {});

}  // namespace memspec::proofs
