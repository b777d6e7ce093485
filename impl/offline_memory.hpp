// impl's OfflineMemory (R14-R25): the oracle's interface, with the block partition kept per cell
// in paged arrays. R70: this per-cell form and the oracle's map of explicit blocks over the
// initial partition describe the same partition at every step. Each cell stores its distance to
// the first cell of its block; the first cell stores the block's log2 size and timestamp; a flag
// says whether the cell was ever in a materialised block (R22). Finding a block, making a
// boundary and merging therefore cost O(block size) array writes and no tree lookups.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "impl/access_adapter_inventory.hpp"
#include "impl/arena.hpp"
#include "impl/paged.hpp"
#include "spec/vocabulary/config.hpp"
#include "spec/vocabulary/error.hpp"
#include "spec/vocabulary/field.hpp"
#include "spec/vocabulary/image.hpp"
#include "spec/vocabulary/records.hpp"

namespace memspec::impl {

// finalize's result before conversion: one row per chunk plus a value arena.
struct FlatEquipartition {
    struct Row {
        std::uint32_t address_space;
        std::uint32_t pointer;
        std::uint32_t timestamp;
    };
    std::uint32_t chunk = 0;
    Arena<Row> rows;
    Arena<BabyBear> values;  // chunk values per row, in row order

    TimestampedEquipartition to_spec() const;
};

class OfflineMemory {
public:
    // Preconditions (validate_setup): config valid, initial_block_size a power of two within
    // bounds, image cells in bounds. The expected counts only size the record arenas (0: use the
    // access_capacity hint, capped).
    OfflineMemory(const MemoryImage& initial, std::uint32_t initial_block_size, const MemoryConfig& config,
                  std::uint64_t expected_accesses = 0, std::uint64_t expected_values = 0);

    Status read(std::uint64_t address_space, std::uint64_t pointer, std::uint64_t len, AccessAdapterInventory& adapters);
    Status write(std::uint64_t address_space, std::uint64_t pointer, std::span<const BabyBear> values,
                 AccessAdapterInventory& adapters);
    // Raw values, checked in R27's order (shape, then R1 values, then clock) before they are stored.
    Status write(std::uint64_t address_space, std::uint64_t pointer, std::span<const std::uint64_t> values,
                 AccessAdapterInventory& adapters);
    Status increment_timestamp_by(std::uint64_t k);
    // R23, R24.
    Result<TimestampedEquipartition> finalize(std::uint64_t chunk, AccessAdapterInventory& adapters);
    Result<FlatEquipartition> finalize_flat(std::uint64_t chunk, AccessAdapterInventory& adapters);

    // Where the cell (address_space, pointer) lives if that is cheap to find, else nullptr; never
    // allocates. For prefetching: the caller issues __builtin_prefetch itself, because GCC
    // deletes calls to a void helper whose only effect is a prefetch (it deems it pure).
    const void* cell_address(std::uint64_t address_space, std::uint64_t pointer) const {
        if (pointer >= memory_size_ || address_space > 0xFFFFFFFFu) return nullptr;
        const Space* sp = mem_.peek_space(static_cast<std::uint32_t>(address_space));
        if (!sp) return nullptr;
        const Page* pg = sp->find(static_cast<std::uint32_t>(pointer >> PAGE_BITS));
        return pg ? &pg->cells[pointer & PAGE_MASK] : nullptr;
    }

    std::uint32_t timestamp() const { return timestamp_; }
    BabyBear get(std::uint32_t address_space, std::uint32_t pointer) const;

    struct Block {
        std::uint32_t pointer;
        std::uint32_t size;
        std::uint32_t timestamp;
        friend bool operator==(const Block&, const Block&) = default;
    };
    // R14.
    Block block_containing(std::uint32_t address_space, std::uint32_t pointer) const;

    // Access records as 20-byte rows. Their values go to `record_values()` in row order (data,
    // then prev_data for writes), so a row needs no offset: conversion walks both in step.
    struct RecordRow {
        std::uint32_t address_space;
        std::uint32_t pointer;
        std::uint32_t timestamp;
        std::uint32_t prev_timestamp;
        std::uint8_t len;  // <= 32 (R7)
        bool is_write;
    };
    const Arena<RecordRow>& record_rows() const { return records_; }
    const Arena<BabyBear>& record_values() const { return record_values_; }
    // R16: the records in the spec's vocabulary, in operation order.
    std::vector<AccessRecord> records() const;
    // Forgets the records made so far (after the engine handed them to its sink).
    void clear_records() {
        records_.clear();
        record_values_.clear();
    }

    // Bytes held by pages and arenas (for the benchmarks' bytes-per-access figure).
    std::size_t bytes() const;
    // R22: the touched cells, counted from their flags (once per run: a walk over the pages).
    std::uint64_t touched_cells() const;

private:
    // A cell's value and its block metadata side by side, so that a random access touches one
    // cache line (and one TLB entry) of the page: under nested paging a TLB miss costs more than
    // the cache miss.
    struct Cell {
        BabyBear value;
        std::uint32_t ts;       // the block's timestamp, valid at a block's first cell
        std::uint8_t off;       // distance from the cell to its block's first cell (< 32)
        std::uint8_t lsz;       // log2 of the block size, valid at a block's first cell
        std::uint8_t touched;   // R22: the cell belongs to a materialised block
        std::uint8_t unused;
    };
    struct Page {
        Cell cells[PAGE_CELLS];
        bool is_touched(std::uint32_t i) const { return cells[i].touched != 0; }
        // Cells [i, i+n) of this page.
        void mark_touched(std::uint32_t i, std::uint32_t n) {
            for (std::uint32_t k = 0; k < n; ++k) cells[i + k].touched = 1;
        }
    };
    using Space = PagedSpace<Page>;

    Page& page(Space& sp, std::uint32_t p);
    template <class F>
    void for_cells(Space& sp, std::uint32_t start, std::uint32_t n, F&& f);
    void set_block(Space& sp, std::uint32_t start, std::uint32_t lsz, std::uint32_t ts);
    // R23 for one address space: its touched chunks in ascending order.
    void finalize_space(std::uint32_t as, Space& sp, std::uint32_t chunk, AccessAdapterInventory& adapters,
                        FlatEquipartition& out);
    void copy_values(Space& sp, std::uint32_t start, std::uint32_t n, BabyBear* out);
    void emit(AccessAdapterInventory& adapters, Space& sp, AdapterKind kind, std::uint32_t as, std::uint32_t start,
              std::uint32_t lsz, std::uint32_t lts, std::uint32_t rts);

    void access(Space& sp, std::uint32_t as, std::uint32_t ptr, std::uint32_t size, AccessAdapterInventory& adapters);  // R17
    std::uint32_t access_updating_timestamp(Space& sp, std::uint32_t as, std::uint32_t ptr, std::uint32_t size,
                                            AccessAdapterInventory& adapters);                                          // R16
    void split_to_make_boundary(Space& sp, std::uint32_t as, std::uint32_t query, AccessAdapterInventory& adapters);  // R18
    void merge_block_with_next(Space& sp, std::uint32_t as, std::uint32_t ptr, AccessAdapterInventory& adapters);     // R19
    void write_unchecked(std::uint32_t as, std::uint32_t ptr, std::uint32_t len, const BabyBear* data,
                         const std::uint64_t* raw, AccessAdapterInventory& adapters);

    MemoryConfig config_;
    std::uint32_t initial_block_size_;
    std::uint32_t initial_lsz_;
    std::uint64_t memory_size_;
    PagedMemory<Page> mem_;
    std::uint32_t timestamp_ = 1;  // R9
    Arena<RecordRow> records_;
    Arena<BabyBear> record_values_;
};

}  // namespace memspec::impl
