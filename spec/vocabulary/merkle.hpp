// The persistent memory's Merkle tree and its roots, as OpenVM v1.0 builds them (R73-R75):
// crates/vm/src/system/memory/tree/mod.rs (MemoryNode::tree_from_memory) and
// controller/dimensions.rs (MemoryDimensions), hashed with spec/vocabulary/poseidon2 (R71, R72).
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "spec/vocabulary/config.hpp"
#include "spec/vocabulary/error.hpp"
#include "spec/vocabulary/image.hpp"
#include "spec/vocabulary/poseidon2.hpp"
#include "spec/vocabulary/records.hpp"

namespace memspec::merkle {

using Digest = poseidon2::Digest;
inline constexpr std::uint32_t CHUNK = 8;
inline constexpr std::uint32_t LOG_CHUNK = 3;

// R73: 2^as_height address spaces from as_offset, each of 2^address_height chunks, with
// address_height = pointer_max_bits - log2(CHUNK). The tree has as_height + address_height levels
// above the leaves.
struct Dimensions {
    std::uint32_t as_height = 0;
    std::uint32_t address_height = 0;
    std::uint32_t as_offset = 1;
    std::uint32_t overall_height() const { return as_height + address_height; }
    // R73: leaf index of chunk `label` of address space `as` (OpenVM's label_to_index).
    std::uint64_t leaf_index(std::uint32_t as, std::uint32_t label) const {
        return (std::uint64_t{as - as_offset} << address_height) + label;
    }
};
// R73: InvalidConfig unless pointer_max_bits >= log2(CHUNK) (a chunk must fit an address space).
Result<Dimensions> dimensions(const MemoryConfig& config);

// R74: the chunk values of the tree's leaves, keyed by leaf index; chunks absent are all zero.
using Leaves = std::map<std::uint64_t, Digest>;
// R74: the leaves of an image (cells never written are 0). InvalidAddressSpace / OutOfBounds for
// cells outside the configuration's memory.
Result<Leaves> leaves_of(const MemoryConfig& config, const MemoryImage& image);

// R74: the digest of an untouched subtree of height h: h = 0 is hash(0^8), then
// compress(d, d). Index h, h = 0..overall_height.
std::vector<Digest> default_digests(const Dimensions& dims);

// R74: the digest of node `index` at height h (leaf indices [index << h, (index + 1) << h)) of the
// sparse tree over `leaves`; `defaults` is default_digests(dims).
Digest node_digest(const Leaves& leaves, const std::vector<Digest>& defaults, std::uint32_t h, std::uint64_t index);

// R74: the root of the sparse tree over `leaves` (hashes only the touched paths).
Digest root_of_leaves(const Dimensions& dims, const Leaves& leaves);
// R74: the root of an image's memory.
Result<Digest> root(const MemoryConfig& config, const MemoryImage& image);

// R74: a dense reference tree: every leaf hashed, level by level. Only for small trees
// (overall height at most MAX_DENSE_HEIGHT, else InvalidConfig); used to check the sparse one.
inline constexpr std::uint32_t MAX_DENSE_HEIGHT = 14;
Result<Digest> dense_root(const MemoryConfig& config, const MemoryImage& image);

// R75: the image of memory after a run: the initial image with every final block's values
// written over it (a final block holds the final values of the whole chunk).
MemoryImage overlay(const MemoryImage& initial, const TimestampedEquipartition& final_memory);

// R75: the final root as OpenVM's MemoryMerkleChip::finalize computes it: start from the initial
// tree and, chunk by chunk of the final partition, replace the leaf and rehash its path. Any
// final chunk size that divides into CHUNK-aligned leaves is accepted (chunk 1 blocks update
// single cells of a leaf).
Result<Digest> updated_root(const MemoryConfig& config, const MemoryImage& initial,
                            const TimestampedEquipartition& final_memory);

}  // namespace memspec::merkle
