// Poseidon2 over BabyBear as OpenVM v1.0 configures it for the memory Merkle tree (R71, R72).
//
// Width 16, S-box x^7, 4 + 4 external (full) rounds around 13 internal (partial) rounds, in the
// round structure of Plonky3's `Poseidon2` (p3-poseidon2, used through p3-baby-bear's
// `Poseidon2BabyBear<16>` by OpenVM's `Poseidon2Hasher`, crates/vm/src/arch/hasher/poseidon2.rs):
//   external linear layer; 4 x (add round constants to all 16, S-box on all 16, external layer);
//   13 x (add constant to lane 0, S-box on lane 0, internal layer);
//   4 x (add round constants, S-box on all, external layer).
// External layer: Plonky3's MDSMat4 on each 4-lane block, then each lane adds the sum of its
// lane class (i mod 4) over the four blocks. Internal layer: s_i <- sum(s) + V_i * s_i with
// Plonky3's BabyBear width-16 diagonal V. Round constants: HorizenLabs' RC16 for BabyBear, which
// OpenVM v1.0 loads (crates/circuits/poseidon2-air/src/babybear.rs).
#pragma once

#include <array>
#include <cstddef>

#include "spec/vocabulary/field.hpp"

namespace memspec::poseidon2 {

inline constexpr std::size_t WIDTH = 16;
inline constexpr std::size_t HALF_FULL_ROUNDS = 4;
inline constexpr std::size_t PARTIAL_ROUNDS = 13;
inline constexpr std::uint64_t SBOX_DEGREE = 7;
// R72: the memory tree's digests have CHUNK = 8 elements.
inline constexpr std::size_t DIGEST = 8;

using State = std::array<BabyBear, WIDTH>;
using Digest = std::array<BabyBear, DIGEST>;

struct Constants {
    std::array<State, HALF_FULL_ROUNDS> initial;   // before the internal rounds
    std::array<BabyBear, PARTIAL_ROUNDS> partial;  // lane 0 of each internal round
    std::array<State, HALF_FULL_ROUNDS> terminal;  // after the internal rounds
};

// R71: OpenVM v1.0's constants (HorizenLabs RC16, see poseidon2.cpp for the citation).
const Constants& openvm_constants();
// R71: Plonky3's BabyBear width-16 internal diagonal V (the matrix is 1 + Diag(V) over the
// all-ones matrix: s_i <- sum + V_i s_i).
const State& internal_diagonal();

// The building blocks, exposed so tests can check each against its definition.
void external_linear_layer(State& s);
void internal_linear_layer(State& s);

// R71: the permutation with the given constants (the structure and matrices are fixed).
void permute_in_place(State& s, const Constants& c);
State permute(State s, const Constants& c = openvm_constants());

// R72: OpenVM's `Hasher<8, F>::compress(l, r)`: the first 8 lanes of permute(l || r).
Digest compress(const Digest& left, const Digest& right);
// R72: `Hasher::hash(values)` = compress(values, 0^8): a leaf's digest.
Digest hash(const Digest& values);

}  // namespace memspec::poseidon2
