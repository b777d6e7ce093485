// MemoryConfig: OpenVM v1.0's memory parameters and their bounds (R2, R3).
#pragma once

#include <cstdint>
#include <vector>

#include "spec/vocabulary/error.hpp"

namespace memspec {

struct MemoryConfig {
    // Defaults are MemoryConfig::default() of OpenVM v1.0 (crates/vm/src/arch/config.rs).
    std::uint32_t as_height = 3;
    std::uint32_t as_offset = 1;
    std::uint32_t pointer_max_bits = 29;
    std::uint32_t clk_max_bits = 29;
    std::uint32_t decomp = 17;
    std::uint32_t max_access_adapter_n = 32;
    std::uint64_t access_capacity = std::uint64_t{1} << 24;  // a capacity hint only, never a bound
    // memspec extension (R8): reject accesses whose pointer is not a multiple of their size.
    bool strict_alignment = false;
    // R262: OpenVM v1.4's `legacy-v1-3-mem-align` feature (crates/vm/src/arch/config.rs:217-226):
    // address space 2 keeps v1.3's minimum block size 1. Only the openvm-v1.4 profiles accept it.
    bool legacy_v1_3_mem_align = false;
    // R330: OpenVM v2.0's per-address-space cell counts (AddressSpaceHostConfig::num_cells,
    // crates/vm/src/arch/config.rs:324-328), indexed by address space, entry 0 first; empty: the
    // default table (R214). Only the openvm-v2.0 profile accepts it.
    std::vector<std::uint64_t> num_cells;

    friend bool operator==(const MemoryConfig&, const MemoryConfig&) = default;

    // Address spaces usable as memory: [as_offset, as_offset + 2^as_height) (R4).
    std::uint64_t as_end() const { return std::uint64_t{as_offset} + (std::uint64_t{1} << as_height); }
    // Cells per address space: pointers range over [0, 2^pointer_max_bits) (R6).
    std::uint64_t memory_size() const { return std::uint64_t{1} << pointer_max_bits; }
    // First clock value that may never be reached (R9).
    std::uint64_t timestamp_limit() const { return std::uint64_t{1} << clk_max_bits; }
    // Bits of the largest address space, as the volatile boundary range-checks it:
    // ceil(log2(as_offset + 2^as_height)) (OpenVM controller/mod.rs; audit class B11).
    std::uint32_t addr_space_max_bits() const;
};

// R3: the bounds every profile needs (memspec's arithmetic and AIRs). OpenVM v1.0 asserts more;
// the OpenVM profiles check those (spec/vocabulary/profile.hpp, R3a).
Status validate(const MemoryConfig& config);

// Helpers shared by both engines.
constexpr bool is_power_of_two(std::uint64_t x) { return x != 0 && (x & (x - 1)) == 0; }
constexpr std::uint32_t log2_exact(std::uint64_t x) {
    std::uint32_t r = 0;
    while (x > 1) {
        x >>= 1;
        ++r;
    }
    return r;
}
constexpr std::uint32_t log2_ceil(std::uint64_t x) {
    std::uint32_t r = 0;
    while ((std::uint64_t{1} << r) < x) ++r;
    return r;
}

}  // namespace memspec
