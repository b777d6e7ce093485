// Solving one Problem (R80-R84): encode it (encoder.hpp), ask the solver (smt/), and re-check any
// model with the concrete semantics (problem.hpp) before it is reported. Solver-free interface.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "proofs/problem.hpp"

namespace memspec::proofs {

enum class Status { Proved, Counterexample, Timeout, Error };
std::string_view to_string(Status s);

// Int: linear integer arithmetic; Bv: 128-bit bit-vectors (signed, never overflowing because
// every term is bounded by interval arithmetic). R81 records the measured comparison.
enum class Encoding { Int, Bv };

struct Settings {
    double timeout_seconds = 60;
    unsigned seed = 0;
    Encoding encoding = Encoding::Int;
};

struct Outcome {
    Status status = Status::Error;
    double seconds = 0;
    std::string counterexample;        // rows with column names (Counterexample only)
    nlohmann::json counterexample_json;  // [{"chip","row","cells":{column: value}}]
    std::string detail;                // what was checked, or why it failed
    nlohmann::json fixture;            // emit.hpp's fixture_info of the counterexample, or null
};

// Decides one problem in the current process. A satisfying model is re-evaluated by the concrete
// semantics before it is reported; a model the evaluator rejects is an Error ("spurious model").
Outcome solve(const Problem& problem, const Settings& settings);

nlohmann::json to_json(const Outcome& o);
Outcome outcome_from_json(const nlohmann::json& j);

}  // namespace memspec::proofs
