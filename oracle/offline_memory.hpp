// OfflineMemory, the oracle's literal model of the block partition (R14-R25): ordered maps and
// recursion, one function per rule, written for reading rather than speed.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <utility>
#include <vector>

#include "oracle/access_adapter_inventory.hpp"
#include "spec/vocabulary/config.hpp"
#include "spec/vocabulary/error.hpp"
#include "spec/vocabulary/field.hpp"
#include "spec/vocabulary/image.hpp"
#include "spec/vocabulary/records.hpp"

namespace memspec::oracle {

class OfflineMemory {
public:
    // Preconditions (validate_setup): config valid, initial_block_size a power of two within
    // bounds, image cells in bounds.
    OfflineMemory(const MemoryImage& initial, std::uint32_t initial_block_size, const MemoryConfig& config);

    Status read(std::uint64_t address_space, std::uint64_t pointer, std::uint64_t len, AccessAdapterInventory& adapters);
    Status write(std::uint64_t address_space, std::uint64_t pointer, std::span<const BabyBear> values,
                 AccessAdapterInventory& adapters);
    Status increment_timestamp_by(std::uint64_t k);
    // R23: brings every touched chunk to one block of `chunk` cells and returns them (R24).
    Result<TimestampedEquipartition> finalize(std::uint64_t chunk, AccessAdapterInventory& adapters);

    std::uint32_t timestamp() const { return timestamp_; }
    const std::vector<AccessRecord>& records() const { return records_; }
    // Hands the records made so far over to the caller (see Memory::take_log).
    std::vector<AccessRecord> take_records() { return std::exchange(records_, {}); }
    BabyBear get(std::uint32_t address_space, std::uint32_t pointer) const;
    // R22: the touched cells, those of the explicit blocks (which partition them).
    std::uint64_t touched_cells() const;

    struct Block {
        std::uint32_t pointer;
        std::uint32_t size;
        std::uint32_t timestamp;
        friend bool operator==(const Block&, const Block&) = default;
    };
    // R14: the block holding a cell, without materialising it.
    Block block_containing(std::uint32_t address_space, std::uint32_t pointer) const;

private:
    using Cell = std::pair<std::uint32_t, std::uint32_t>;

    // R14, R22: the block holding a cell; an initial block becomes explicit (touched).
    Block get_block(std::uint32_t address_space, std::uint32_t pointer);
    void set_block(std::uint32_t address_space, Block block);
    std::vector<BabyBear> values(std::uint32_t address_space, std::uint32_t pointer, std::uint32_t len) const;

    void access(std::uint32_t as, std::uint32_t pointer, std::uint32_t size, AccessAdapterInventory& adapters);       // R17
    std::uint32_t access_updating_timestamp(std::uint32_t as, std::uint32_t pointer, std::uint32_t size,
                                            AccessAdapterInventory& adapters);                                     // R16
    void split_to_make_boundary(std::uint32_t as, std::uint32_t query, AccessAdapterInventory& adapters);          // R18
    void split_toward(std::uint32_t as, Block block, std::uint32_t query, AccessAdapterInventory& adapters);       // R18
    void merge_block_with_next(std::uint32_t as, std::uint32_t pointer, AccessAdapterInventory& adapters);         // R19

    MemoryConfig config_;
    std::uint32_t initial_block_size_;
    std::map<Cell, BabyBear> cells_;                 // absent = 0
    std::map<Cell, Block> blocks_;                   // explicit (touched) blocks, keyed by (as, first cell)
    std::uint32_t timestamp_ = 1;                    // R9
    std::vector<AccessRecord> records_;
};

}  // namespace memspec::oracle
