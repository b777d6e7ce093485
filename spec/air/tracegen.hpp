// Trace generation (R66): from any engine's RunResult and the validated Setup to one matrix per
// chip. Depends on spec types only, so the oracle's and impl's results trace the same way.
#pragma once

#include <vector>

#include "spec/air/air.hpp"
#include "spec/air/chips.hpp"
#include "spec/air/trace.hpp"
#include "spec/error.hpp"
#include "spec/scenario.hpp"

namespace memspec::air {

// Larger decomp values make a range-checker table of 2^(decomp+1) rows that is not worth
// materialising; OpenVM uses 17.
inline constexpr std::uint32_t MAX_TRACEABLE_DECOMP = 20;

// R66: which (config, chunk) pairs have AIRs here: chunk 1 (volatile) or 8 (persistent) and
// decomp <= MAX_TRACEABLE_DECOMP. Untraceable otherwise.
Status traceable(const MemoryConfig& config, std::uint32_t chunk);

// R66: requires finalize_chunk 1 or 8 and initial_block_size == finalize_chunk (OpenVM pairs
// volatile memory with blocks of 1 and persistent memory with blocks of CHUNK = 8; any other
// pairing leaves initial blocks that no boundary row creates). Chunk 1 also requires an empty
// initial image, since the volatile boundary creates every cell with value 0.
Result<TraceSet> generate_traces(const Setup& setup, const RunResult& result);

// R63, R66: sets the range checker's multiplicities to the number of requests that every other
// chip's range-bus interactions make over its trace. A request outside the table is not counted
// (and so stays unbalanced for the checker to report).
void fill_range_counts(const std::vector<Air>& airs, TraceSet& traces);

// An all-zero trace of `rows` rows padded to a power of two (at least 1).
Trace empty_trace(const Air& air, std::size_t rows);
std::size_t padded_height(std::size_t rows);

}  // namespace memspec::air
