// The property catalogue (R85-R99): named checks over the spec's AIRs, each with the status it
// is expected to reach. Weakened variants (audit findings, constraint necessity) expect a
// counterexample; vacuity checks expect one too (the witness is a satisfying balanced trace).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <memspec/proofs/outcome.hpp>
#include <memspec/proofs/problem.hpp>
#include <memspec/proofs/solve.hpp>

namespace memspec::proofs {

struct Property {
    std::string name;
    std::string rule;       // R85..R99
    std::string statement;  // one sentence
    ProofStatus expected = ProofStatus::Proved;
    bool fast = false;      // part of the ctest subset
    // Runs in the child process; may solve several problems (e.g. one per max_bits).
    std::function<Outcome(const Settings&)> run;
    double timeout_seconds = 0;  // > 0: this property's own limit (Settings::timeout_seconds otherwise)
    bool extended = false;       // only with `memspec prove --extended` (keeps the default run < 10 min)
};

// Every property, in catalogue order.
std::vector<Property> catalogue();

// Solves problems in order; proved only if all are, else the first non-proved outcome, whose
// detail names the problem. Times add up.
Outcome solve_all(const std::vector<Problem>& problems, const Settings& s);

// Individual families, also used by tests.
std::vector<Property> row_properties();       // gadgets, adapters, bridge, boundaries
std::vector<Property> audit_properties();     // B1-B6, B11 rediscovered
std::vector<Property> bus_properties();       // bus consistency + vacuity
std::vector<Property> necessity_properties(); // one per named constraint
std::vector<Property> persistent_properties(); // persistent side with the Merkle side abstracted (R79)
std::vector<Property> lemma_properties();     // per-chip lemmas of the unbounded argument (R103)

// One property run: the property and the outcome it reached.
struct PropertyRun {
    Property property;
    Outcome outcome;
    bool as_expected() const { return outcome.status == property.expected; }
};
// Runs each property matching `filter` (substring; empty = all) in its own child process, killed
// at the property's own limit if it has one and `override_timeout` is false, else at s's.
std::vector<PropertyRun> run_catalogue(const std::vector<Property>& props, const std::string& filter,
                                  const Settings& s, bool override_timeout = false);

}  // namespace memspec::proofs
