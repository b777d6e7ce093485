// The memory system's chips, each defined once as an Air plus the column indices that trace
// generation fills (R47-R65). One .cpp per chip under spec/air/chips/.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "spec/air/air.hpp"
#include "spec/air/gadgets.hpp"
#include "spec/air/messages.hpp"
#include "spec/air/trace.hpp"
#include "spec/vocabulary/config.hpp"
#include "spec/vocabulary/error.hpp"

namespace memspec::air {

// The generic access chip (R47-R51): one row per AccessRecord, any size 1..max_access_adapter_n,
// through OpenVM's MemoryBridge read / write / read_or_immediate.
struct AccessChip {
    Air air;
    std::uint32_t is_valid, is_write, address_space, pointer, timestamp, prev_timestamp, is_immediate;
    std::vector<std::uint32_t> size_flag;  // size_flag[j]: the record has 2^j cells
    std::vector<std::uint32_t> data, prev_data;
    IsZeroAux immediate_aux;
    LessThanAux ts_lt;
};
AccessChip make_access_chip(const MemoryConfig& config);

// OpenVM v2.0's accesses (R224): one row per 4-cell AccessRecord, through the MemoryBridge's read /
// write; no size flags, no immediates (R216, R218).
inline constexpr std::uint32_t V2_BLOCK_SIZE = 4;
struct AccessV2Chip {
    Air air;
    std::uint32_t is_valid, is_write, address_space, pointer, timestamp, prev_timestamp;
    std::vector<std::uint32_t> data, prev_data;
    LessThanAux ts_lt;
};
AccessV2Chip make_access_v2_chip(const MemoryConfig& config);

// AccessAdapterAir<N> (R52-R55). Under Variant::FixedAdapter (R251) the parent timestamp is also
// decomposed into range-checked limbs (parent_ts_limbs; empty under OpenVmV1_0).
struct AdapterChip {
    Air air;
    std::uint32_t n;
    std::uint32_t is_valid, is_split, address_space, pointer, left_timestamp, right_timestamp, is_right_larger;
    std::vector<std::uint32_t> values;
    LessThanAux lt;
    std::vector<std::uint32_t> parent_ts_limbs;
};
AdapterChip make_adapter_chip(const MemoryConfig& config, std::uint32_t n, Variant variant = Variant::OpenVmV1_0);
std::string adapter_chip_name(std::uint32_t n);

// VolatileBoundaryAir, CHUNK = 1 (R56-R59).
struct VolatileBoundaryChip {
    Air air;
    std::vector<std::uint32_t> as_limbs, ptr_limbs;
    std::uint32_t initial_data, final_data, final_timestamp, is_valid;
    IsLessThanArrayAux addr_lt;
};
VolatileBoundaryChip make_volatile_boundary_chip(const MemoryConfig& config);

// PersistentBoundaryAir, CHUNK = 8 (R60-R62, R76): the memory-bus side and the Merkle side (the
// leaf's hash column, its Merkle-bus message and its Poseidon2 compression request).
inline constexpr std::uint32_t PERSISTENT_CHUNK = 8;
// R78: OpenVM's MemoryMerkleChip needs at least one address-space level and one pointer level
// (as_height >= 1, pointer_max_bits - 3 >= 1). For other configs memspec has no Merkle side: the
// boundary keeps its memory-bus side only and verdicts name the gap (R62).
bool has_merkle_side(const MemoryConfig& config);
struct PersistentBoundaryChip {
    Air air;
    std::uint32_t expand_direction, address_space, leaf_label, timestamp;
    std::vector<std::uint32_t> values;
    std::vector<std::uint32_t> hash;  // R76: hash(values) = compress(values, 0^8)
};
PersistentBoundaryChip make_persistent_boundary_chip(const MemoryConfig& config);

// OpenVM v2.0's PersistentBoundaryAir<8> (R225, R226): v1.0's columns with one timestamp per 4-cell
// half instead of one per chunk, and one memory-bus message per half.
struct PersistentBoundaryV2Chip {
    Air air;
    std::uint32_t expand_direction, address_space, leaf_label;
    std::vector<std::uint32_t> values, hash;
    std::vector<std::uint32_t> timestamps;  // timestamps[h]: the last access of cells [4h, 4h + 4)
};
PersistentBoundaryV2Chip make_persistent_boundary_v2_chip(const MemoryConfig& config);

// MemoryMerkleAir<8> (R78): one row per touched non-leaf node and direction (initial, final).
struct MemoryMerkleChip {
    Air air;
    std::uint32_t expand_direction, height_section, parent_height, is_root, parent_as_label, parent_address_label;
    std::vector<std::uint32_t> parent_hash, left_child_hash, right_child_hash;
    std::uint32_t left_direction_different, right_direction_different;
    std::optional<std::uint32_t> parent_height_inv;  // R227: OpenVM v2.0's column only
};
MemoryMerkleChip make_memory_merkle_chip(const MemoryConfig& config, Variant variant = Variant::OpenVmV1_0);
inline constexpr std::uint32_t PV_INITIAL_ROOT = 0;  // public values initial_root[0..8)
inline constexpr std::uint32_t PV_FINAL_ROOT = 8;    // then final_root[0..8)

// The Poseidon2 compression lookup (R77): rows (input[16], output[8], mult) served on the
// compression bus, outputs computed by memspec (spec/vocabulary/poseidon2, R71, R72).
struct Poseidon2CompressionChip {
    Air air;
    std::vector<std::uint32_t> input, output;
    std::uint32_t mult;
};
Poseidon2CompressionChip make_poseidon2_compression_chip();

// VariableRangeCheckerAir (R63): fixed (value, bits) table, multiplicity column.
struct RangeCheckerChip {
    Air air;
    std::uint32_t value, bits, mult;
};
RangeCheckerChip make_range_checker_chip(const MemoryConfig& config);
// The table row of (value, bits): rows are (0,0), then for b = 1..decomp the values 0..2^b-1.
std::uint64_t range_table_row(std::uint32_t value, std::uint32_t bits);
std::uint64_t range_table_height(std::uint32_t decomp);

// System public values (R64, R65): initial timestamp 1 and final timestamp < 2^clk_max_bits.
struct SystemChip {
    Air air;
    std::vector<std::uint32_t> final_ts_limbs;
};
SystemChip make_system_chip(const MemoryConfig& config);
inline constexpr std::uint32_t PV_INITIAL_TIMESTAMP = 0;
inline constexpr std::uint32_t PV_FINAL_TIMESTAMP = 1;

// All chips of one configuration; chunk selects the boundary (1 volatile, 8 persistent). Under
// Variant::OpenVmV2_0 (R223) the chips are access_v2 (named "access"), persistent_boundary_v2 (named
// "persistent_boundary"), memory_merkle with v2.0's additions, poseidon2_compression, range_checker
// and system; there are no adapters and no volatile boundary.
struct ChipSet {
    MemoryConfig config;
    std::uint32_t chunk = 1;
    Variant variant = Variant::OpenVmV1_0;
    AccessChip access;
    std::vector<AdapterChip> adapters;  // N = 2, 4, ..., max_access_adapter_n
    VolatileBoundaryChip volatile_boundary;
    PersistentBoundaryChip persistent_boundary;
    MemoryMerkleChip memory_merkle;              // chunk 8 only
    Poseidon2CompressionChip poseidon2_compression;  // chunk 8 only
    RangeCheckerChip range_checker;
    SystemChip system;
    AccessV2Chip access_v2;                         // Variant::OpenVmV2_0 only
    PersistentBoundaryV2Chip persistent_boundary_v2;  // Variant::OpenVmV2_0 only

    // The AIRs that take part in a proof of this configuration, in a fixed order.
    std::vector<Air> airs() const;
    // Every chip defined for this config, both boundaries and the Merkle side included (for
    // printing the AIRs): access, adapters, volatile boundary, persistent boundary, memory_merkle,
    // poseidon2_compression, range checker, system.
    std::vector<Air> every_air() const;
};
ChipSet make_chip_set(const MemoryConfig& config, std::uint32_t chunk, Variant variant = Variant::OpenVmV1_0);

// Larger decomp values make a range-checker table of 2^(decomp+1) rows that is not worth
// materialising; OpenVM uses 17.
inline constexpr std::uint32_t MAX_TRACEABLE_DECOMP = 20;

// R66: which (config, chunk) pairs have AIRs here: chunk 1 (volatile) or 8 (persistent) and
// decomp <= MAX_TRACEABLE_DECOMP. Untraceable otherwise. R223: OpenVM v2.0's chips need chunk 8 and
// a config with a Merkle side (R78).
Status traceable(const MemoryConfig& config, std::uint32_t chunk, Variant variant = Variant::OpenVmV1_0);

}  // namespace memspec::air
