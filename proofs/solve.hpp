// Solving a Problem (R80-R84). The interface is Z3-free; solve.cpp is the only translation unit
// that includes <z3++.h>. run_isolated() runs any query in a forked child and kills it at the
// limit, because Z3 4.8.12's own timeout can deadlock in its timer thread pool.
#pragma once

#include <functional>
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
// semantics (problem.hpp) before it is reported; a model the evaluator rejects is an Error.
Outcome solve(const Problem& problem, const Settings& settings);

// Runs `fn` in a forked child and returns its Outcome, or Timeout once `timeout_seconds` pass
// (the child is killed), or Error if the child dies. `seconds` is wall time measured here.
Outcome run_isolated(const std::function<Outcome()>& fn, double timeout_seconds);

nlohmann::json to_json(const Outcome& o);
Outcome outcome_from_json(const nlohmann::json& j);

}  // namespace memspec::proofs
