// Solving one Problem (R80-R84): encode it (encoder.hpp), ask the solver (smt/), and re-check any
// model with the concrete semantics (problem.hpp) before it is reported. Solver-free interface.
#pragma once

#include <memspec/proofs/outcome.hpp>
#include <memspec/proofs/problem.hpp>

namespace memspec::proofs {

// Int: linear integer arithmetic; Bv: 128-bit bit-vectors (signed, never overflowing because
// every term is bounded by interval arithmetic). R81 records the measured comparison.
enum class Encoding { Int, Bv };

struct Settings {
    double timeout_seconds = 60;
    unsigned seed = 0;
    Encoding encoding = Encoding::Int;
};

// Decides one problem in the current process. A satisfying model is re-evaluated by the concrete
// semantics before it is reported; a model the evaluator rejects is an Error ("spurious model").
Outcome solve(const Problem& problem, const Settings& settings);

}  // namespace memspec::proofs
