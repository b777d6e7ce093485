// The memory system's chips, each defined once as an Air plus the column indices that trace
// generation fills (R47-R65). One .cpp per chip under spec/air/chips/.
#pragma once

#include <cstdint>
#include <vector>

#include "spec/air/air.hpp"
#include "spec/air/gadgets.hpp"
#include "spec/config.hpp"

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

// AccessAdapterAir<N> (R52-R55).
struct AdapterChip {
    Air air;
    std::uint32_t n;
    std::uint32_t is_valid, is_split, address_space, pointer, left_timestamp, right_timestamp, is_right_larger;
    std::vector<std::uint32_t> values;
    LessThanAux lt;
};
AdapterChip make_adapter_chip(const MemoryConfig& config, std::uint32_t n);
std::string adapter_chip_name(std::uint32_t n);

// VolatileBoundaryAir, CHUNK = 1 (R56-R59).
struct VolatileBoundaryChip {
    Air air;
    std::vector<std::uint32_t> as_limbs, ptr_limbs;
    std::uint32_t initial_data, final_data, final_timestamp, is_valid;
    IsLessThanArrayAux addr_lt;
};
VolatileBoundaryChip make_volatile_boundary_chip(const MemoryConfig& config);

// The memory-bus side of PersistentBoundaryAir, CHUNK = 8 (R60-R62). The Merkle and Poseidon2
// interactions (hash columns, merkle and compression buses) are out of scope: nothing here ties
// the initial values to a committed root.
inline constexpr std::uint32_t PERSISTENT_CHUNK = 8;
struct PersistentBoundaryChip {
    Air air;
    std::uint32_t expand_direction, address_space, leaf_label, timestamp;
    std::vector<std::uint32_t> values;
};
PersistentBoundaryChip make_persistent_boundary_chip(const MemoryConfig& config);

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

// All chips of one configuration; chunk selects the boundary (1 volatile, 8 persistent).
struct ChipSet {
    MemoryConfig config;
    std::uint32_t chunk = 1;
    AccessChip access;
    std::vector<AdapterChip> adapters;  // N = 2, 4, ..., max_access_adapter_n
    VolatileBoundaryChip volatile_boundary;
    PersistentBoundaryChip persistent_boundary;
    RangeCheckerChip range_checker;
    SystemChip system;

    // The AIRs that take part in a proof of this configuration, in a fixed order.
    std::vector<Air> airs() const;
};
ChipSet make_chip_set(const MemoryConfig& config, std::uint32_t chunk);

}  // namespace memspec::air
