// Trace generation (R66): from any engine's RunResult and the validated Setup to one matrix per
// chip. Depends on spec types only, so the oracle's and impl's results trace the same way.
#pragma once

#include <vector>

#include "spec/air/air.hpp"
#include "spec/air/chips.hpp"
#include "spec/air/trace.hpp"
#include "spec/vocabulary/error.hpp"
#include "spec/vocabulary/scenario.hpp"

namespace memspec::air {

// R66: requires finalize_chunk 1 or 8 (and, through validate_setup, an empty initial image for
// chunk 1, since the volatile boundary creates every cell with value 0). `variant` chooses the
// chips (R251); the run's rows are the same under either.
Result<TraceSet> generate_traces(const Setup& setup, const RunResult& result, Variant variant = Variant::OpenVmV1_0);

// R66: OpenVM pairs volatile memory with initial blocks of 1 and persistent memory with blocks of
// CHUNK = 8, so the boundary creates exactly the initial blocks. For other initial_block_size
// values memspec adds AccessAdapter rows at timestamp 0 holding the initial values: splits of
// each boundary chunk down to initial blocks (ibs < chunk), or merges of the chunks of each
// initial block (ibs > chunk). They are ordinary adapter rows, constrained like any other.
Result<std::vector<AccessAdapterRecord>> reconcile_initial_blocks(const Setup& setup,
                                                                  const std::vector<FinalBlock>& blocks);

// R63, R66: sets the range checker's multiplicities to the number of requests that every other
// chip's range-bus interactions make over its trace. A request outside the table is not counted
// (and so stays unbalanced for the checker to report).
void fill_range_counts(const std::vector<Air>& airs, TraceSet& traces);

// R77: rebuilds the Poseidon2 compression lookup's trace from every other chip's compression-bus
// requests: one row per distinct request whose output is compress(input), its multiplicity the
// number of requests. A request with a wrong output gets no row (and stays unbalanced).
void fill_compression_table(const std::vector<Air>& airs, TraceSet& traces);

// An all-zero trace of `rows` rows padded to a power of two (at least 1).
Trace empty_trace(const Air& air, std::size_t rows);
std::size_t padded_height(std::size_t rows);

}  // namespace memspec::air
