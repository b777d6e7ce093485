// R79's abstraction of the Merkle side, shared by the persistent bus instances of v1.0's chips
// (properties_persistent.cpp) and of v2.0's (properties_v2_0.cpp): Poseidon2's compression is
// injective, so a leaf's hash stands for its values; the boundary's leaf message carries the values
// and its compression request is dropped, and one commitment row stands for the tree above a chunk.
#pragma once

#include <vector>

#include "spec/air/air.hpp"

namespace memspec::proofs {

// [tag, rest...]: the Merkle bus carried on the encoded memory bus behind its id, so its messages
// never meet a memory-bus message (different length and tag, R41).
std::vector<air::Expr> merkle_tagged(std::vector<air::Expr> rest);

// A persistent boundary (v1.0's or v2.0's: both name the interactions `persistent_boundary.*` and
// the columns `values[k]`) whose leaf message carries the chunk's values instead of its hash, tagged
// onto the memory bus; the compression request is dropped.
air::Air leaf_carries_values(const air::Air& boundary);

// The Merkle side above the leaves for one chunk: consumes the committed initial leaf (the initial
// tree's leaf receive, count e = 1) and produces one final leaf with any values (count -e = 1).
air::Air merkle_commitment_air();

}  // namespace memspec::proofs
