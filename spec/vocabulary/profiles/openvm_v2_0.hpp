// OpenVM v2.0's memory (R211-R222): what both v2.0 engines share — the address-space table and each
// access's checks in R217's order — stated once here and tested without going through either engine.
#pragma once

#include <cstdint>
#include <span>

#include "spec/vocabulary/config.hpp"
#include "spec/vocabulary/error.hpp"
#include "spec/vocabulary/field.hpp"

namespace memspec::v2_0 {

// R216: every access is one aligned block of DEFAULT_BLOCK_SIZE = 4 cells (OpenVM v2.0.0,
// crates/vm/src/arch/config.rs:125); the Merkle leaf / persistent boundary chunk is CHUNK = 8
// (crates/vm/src/system/memory/controller/mod.rs:38).
inline constexpr std::uint32_t BLOCK_SIZE = 4;
inline constexpr std::uint32_t CHUNK = 8;
// R213: POINTER_MAX_BITS (crates/vm/src/system/memory/mod.rs:30) and the largest timestamp_max_bits
// SystemConfig::new admits (crates/vm/src/arch/config.rs:250-253).
inline constexpr std::uint32_t POINTER_MAX_BITS = 29;
inline constexpr std::uint32_t MAX_TIMESTAMP_BITS = 29;
// R213: ADDR_SPACE_OFFSET (crates/vm/src/arch/config.rs:40) and the default table's height.
inline constexpr std::uint32_t AS_OFFSET = 1;
inline constexpr std::uint32_t AS_HEIGHT = 3;

// R214: what one cell of an address space holds (MemoryCellType, crates/vm/src/arch/config.rs:339).
enum class CellType { u8, field };

struct AddressSpace {
    std::uint64_t num_cells;
    CellType cells;
};

// R214: MemoryConfig::default() with SystemConfig's default public values (config.rs:187-197,
// 246-254): AS1 registers 128 u8 cells, AS2 memory 2^29 u8 cells, AS3 public values 32 u8 cells,
// AS4 the deferral space 2^14 field cells, AS5..AS8 no cells. Precondition: 1 <= as <= 8.
AddressSpace address_space(std::uint64_t as);
// R330: the same entry under a config: its num_cells, when given, replaces the default counts (the
// cell types stay those of empty_address_space_configs). Precondition: 1 <= as <= 8, and the config
// passed R330's rule.
AddressSpace address_space(const MemoryConfig& config, std::uint64_t as);
// R330: config.num_cells, when given: one count per entry of the table, 0 for address space 0, and
// none above 2^pointer_max_bits.
Status check_num_cells(const MemoryConfig& config);

// R217: one access's checks in order — address space 0, the address-space table, the size (a
// power of two, then exactly 4), alignment, bounds — each error naming the OpenVM check it stands for.
Status check_access(const MemoryConfig& config, std::uint64_t as, std::uint64_t ptr, std::uint64_t len);
// R217 (values): a u8 cell holds 0..255, a field cell a BabyBear element.
Status check_values(std::uint64_t as, std::span<const std::uint64_t> values);
// R215: after advancing the clock by `advance`, it stays below 2^clk_max_bits.
Status check_clock(const MemoryConfig& config, std::uint64_t clock, std::uint64_t advance);
// R217 and R218 together: a whole read, write or tick.
Status check_read(const MemoryConfig& config, std::uint64_t as, std::uint64_t ptr, std::uint64_t len, std::uint64_t clock);
Status check_write(const MemoryConfig& config, std::uint64_t as, std::uint64_t ptr, std::span<const std::uint64_t> values, std::uint64_t clock);
Status check_tick(const MemoryConfig& config, std::uint64_t by, std::uint64_t clock);

// R214: one initial cell: it lies in a cell of the table and holds a value its cell type can.
Status check_image_cell(const MemoryConfig& config, std::uint64_t as, std::uint64_t ptr, std::uint64_t value);

}  // namespace memspec::v2_0
