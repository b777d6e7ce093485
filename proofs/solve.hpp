// Solving one Problem (R80-R84): encode it (encoder.hpp), ask the solver (smt/), and re-check any
// model with the concrete semantics (problem.hpp) before it is reported. Solver-free interface.
#pragma once

#include <cstdint>

#include "proofs/outcome.hpp"
#include "proofs/problem.hpp"
#include "proofs/smt/solver.hpp"

namespace memspec::proofs {

// Int: linear integer arithmetic; Bv: 128-bit bit-vectors (signed, never overflowing because
// every term is bounded by interval arithmetic). R81 records the measured comparison.
enum class Encoding { Int, Bv };

// The resource budget of a property without its own (R180): units of Z3's "rlimit count", spent
// over all of the property's queries. The count does not depend on the machine or its load (it
// does on Z3's version and seed). Calibrated on Z3 4.8.12, seed 0: the row-level properties
// (gadgets, adapters, bridge, boundaries, audits, lemmas, Merkle guards) and the small weakened
// bus instances spend at most 0.74 million (audit.B1), so 6 million is 8 times that; on the
// calibration machine 1-2 million units pass per CPU second (proofs/README.md).
inline constexpr std::uint64_t DEFAULT_RLIMIT = 6'000'000;
// The wall-clock guard of a property without its own (R80): only a hung or starved child reaches it.
inline constexpr double DEFAULT_WALL_GUARD_SECONDS = 600;

struct Settings {
    // R180: the property's resource budget, shared by all of its queries (0: none). What decides
    // whether a property ends proved, with a counterexample or at its resource limit.
    std::uint64_t rlimit = DEFAULT_RLIMIT;
    // R80: wall time after which run_catalogue's child is killed (an Error, never a status).
    double wall_guard_seconds = DEFAULT_WALL_GUARD_SECONDS;
    unsigned seed = 0;
    Encoding encoding = Encoding::Int;
    // R180: how the solver decides; every strategy is deterministic (smt/solver.hpp).
    smt::Strategy strategy = smt::Strategy::Plain;
};

// Decides one problem in the current process, spending at most settings.rlimit resource units
// (ResourceLimit when they run out). A satisfying model is re-evaluated by the concrete
// semantics before it is reported; a model the evaluator rejects is an Error ("spurious model").
Outcome solve(const Problem& problem, const Settings& settings);

}  // namespace memspec::proofs
