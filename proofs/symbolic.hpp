// Symbolic programs (R100): bus consistency for every program of a given number of accesses.
#pragma once

#include "proofs/catalogue.hpp"
#include "proofs/props_util.hpp"

namespace memspec::proofs {

struct SymbolicInstance {
    std::string name;
    std::size_t accesses = 2;
    std::int64_t cells = 2;           // a memory access's cells lie in [0, cells)
    std::int64_t address_spaces = 2;  // address spaces 0 (immediates) .. address_spaces - 1
    std::size_t adapter2_rows = 2, adapter4_rows = 0;
    std::size_t boundary_rows = 2;
    bool fast = false;
    std::uint64_t rlimit = 0;  // R180: > 0: the property's own resource budget
    double wall_guard = 0;     // R80: > 0: the property's own wall-clock guard
    bool split_goal = false;  // one query per conjunct of the goal
    // Assume prev_timestamp, the adapter timestamps and the boundary's final timestamps below
    // 2^clk_max_bits (the bus invariant), as the fixed-program instances do. Off: nothing but the
    // system chip bounds a timestamp.
    bool bounded_timestamps = false;
    bool incremental = false;  // one incremental solver over the goal's conjuncts
    bool extended = false;     // only with `memspec prove --extended`
};
std::vector<SymbolicInstance> symbolic_instances();
std::vector<Property> symbolic_properties();

namespace detail {
// chips: possibly weakened.
Problem symbolic_problem(const SymbolicInstance& inst, const BusChips& chips, bool vacuity);
std::vector<Problem> symbolic_problems(const SymbolicInstance& inst, const BusChips& chips);
}  // namespace detail

}  // namespace memspec::proofs
