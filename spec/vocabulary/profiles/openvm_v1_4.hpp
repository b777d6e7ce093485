// OpenVM v1.4's memory (R260-R271): what both v1.4 engines share — the address-space table with its
// per-space minimum block size, and each access's checks in R263's order — stated once here and
// tested without going through either engine (tests/unit/v1_4_test.cpp).
#pragma once

#include <cstdint>
#include <span>

#include <string_view>

#include "spec/vocabulary/config.hpp"
#include "spec/vocabulary/error.hpp"
#include "spec/vocabulary/profiles/registry.hpp"

namespace memspec::v1_4 {

// R261: the persistent boundary's and Merkle leaf's CHUNK (OpenVM v1.4.0,
// crates/vm/src/system/memory/controller/mod.rs:44) and the initial block sizes
// SystemConfig::initial_block_size gives (crates/vm/src/arch/config.rs:380-385).
inline constexpr std::uint32_t CHUNK = 8;
// R263: MAX_BLOCK_SIZE of the access metadata (crates/vm/src/system/memory/online.rs:49).
inline constexpr std::uint32_t MAX_BLOCK_SIZE = 32;
// R261: the default table's height and ADDR_SPACE_OFFSET (crates/vm/src/arch/config.rs:43,190-197).
inline constexpr std::uint32_t AS_OFFSET = 1;
inline constexpr std::uint32_t AS_HEIGHT = 3;
inline constexpr std::uint32_t POINTER_MAX_BITS = 29;
inline constexpr std::uint32_t MAX_TIMESTAMP_BITS = 29;

// R262: what one cell of an address space holds (MemoryCellType, crates/vm/src/arch/config.rs).
enum class CellType { u8, field };

struct AddressSpace {
    std::uint64_t num_cells;
    std::uint32_t min_block_size;  // every access is a multiple of it and aligned to it
    CellType cells;
};

// R262: MemoryConfig::default() of v1.4.0 (crates/vm/src/arch/config.rs:188-232): AS1 registers
// 128 u8 cells, AS2 memory 2^29 u8 cells, AS3 public values 32 u8 cells, each with minimum block 4
// (AS2's is 1 under the `legacy-v1-3-mem-align` feature); AS4 native 2^29 field cells and AS5..AS8
// no cells, minimum block 1. Precondition: 1 <= as <= 8.
AddressSpace address_space(std::uint64_t as, bool legacy_mem_align);

// R263: one access's checks in order, each error naming the OpenVM check it stands for.
Status check_access(const MemoryConfig& config, std::uint64_t as, std::uint64_t ptr, std::uint64_t len);
// R263 (values): a u8 cell holds 0..255, a field cell a BabyBear element.
Status check_values(std::uint64_t as, std::span<const std::uint64_t> values);
// R264: after advancing the clock by `advance`, it stays below 2^clk_max_bits.
Status check_clock(const MemoryConfig& config, std::uint64_t clock, std::uint64_t advance);
Status check_read(const MemoryConfig& config, std::uint64_t as, std::uint64_t ptr, std::uint64_t len, std::uint64_t clock);
Status check_write(const MemoryConfig& config, std::uint64_t as, std::uint64_t ptr, std::span<const std::uint64_t> values,
                   std::uint64_t clock);
Status check_tick(const MemoryConfig& config, std::uint64_t by, std::uint64_t clock);

// R271: one initial cell lies in a cell of the table and holds a value its cell type can.
Status check_image_cell(const MemoryConfig& config, std::uint64_t as, std::uint64_t ptr, std::uint64_t value);

// R261 (persistent), under the profile named `profile`: every persistent profile of the v1.4 family
// (v1.4-v1.5, v1.6, v1.7: R309) has these config rules, so they are stated once and each error names
// the scenario's own profile.
Status persistent_head_of(std::string_view profile, const MemoryConfig& config, std::uint64_t initial_block_size);
Status persistent_finalize_of(std::string_view profile, std::uint64_t finalize_chunk);

// R309: a persistent entry of the v1.4 family: v1.4's engines (Semantics::openvm_v1_4), config and
// image rules, CHUNK 8, no roots in the result; what differs between its tags is the chip set.
// `c_abi_code` is its capi/ constant (-1: none, R323); `generated`: `memspec diff` draws its configs (R320).
ProfileEntry persistent_entry(Profile id, std::string_view name, std::span<const std::string_view> tags, std::string_view summary,
                              ChipSetId chips, Status (*check_head)(const MemoryConfig&, std::uint64_t),
                              Status (*check_finalize)(std::uint64_t), int c_abi_code, bool generated);

}  // namespace memspec::v1_4
