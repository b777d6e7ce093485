// Shrinking a diverging scenario (R134): greedy passes that each try one simplification and keep it
// when the divergence remains — drop ops and initial cells (halves first, then single ones),
// simplify each op's values, pointers, sizes and address space toward 0 and the first address
// space, drop finalize or make its chunk and the initial block size smaller, and bring each config
// field back to its default — until no pass changes anything or the budget of program runs is spent. Every
// simplification moves one quantity one way (fewer elements, smaller numbers, a field to its
// default), so the passes end even when the budget is large.
#pragma once

#include <cstddef>
#include <functional>

#include "spec/vocabulary/scenario.hpp"

namespace memspec::conform {

struct ShrinkStats {
    std::size_t runs = 0;      // candidates tried (each one a run of the program)
    std::size_t accepted = 0;  // simplifications kept
};

// `diverges(candidate)`: does the program still diverge from memspec on it, the same way?
Scenario shrink(Scenario scenario, const std::function<bool(const Scenario&)>& diverges, std::size_t max_runs, ShrinkStats& stats);

}  // namespace memspec::conform
