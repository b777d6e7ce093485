// The usage patterns of spec/memory.md §9 as engine-independent builders of operations (R30-R36).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "spec/vocabulary/config.hpp"
#include "spec/vocabulary/error.hpp"
#include "spec/vocabulary/records.hpp"
#include "spec/vocabulary/scenario.hpp"

namespace memspec::patterns {

// R30: `data` as consecutive `chunk`-cell writes from `start`, the last padded with zeros.
void sequential_write(std::vector<Op>& ops, std::uint32_t address_space, std::uint32_t start,
                      std::span<const std::uint64_t> data, std::uint32_t chunk = 8);

// R36: one single-cell read per (address space, pointer).
void random_reads(std::vector<Op>& ops, std::span<const std::pair<std::uint32_t, std::uint32_t>> addresses);

// R32: a read of `size` cells rounded up to the next power of two.
Status variable_size_read(std::vector<Op>& ops, const MemoryConfig& config, std::uint32_t address_space,
                          std::uint32_t pointer, std::uint64_t size);

// R33: the address-space roles.
enum class AddressSpace : std::uint32_t { Program = 1, Stack = 2, Heap = 3, Global = 4 };

// R33: a bump allocator per address space that zero-fills what it hands out.
struct Allocator {
    std::array<std::uint64_t, 5> next_ptr{};  // indexed by AddressSpace value

    Result<std::uint32_t> allocate(std::vector<Op>& ops, const MemoryConfig& config, AddressSpace space,
                                   std::uint64_t size);
};

// R34: program bytes at (1, i) and a zeroed 0x1000-cell stack at (2, 0x10000).
inline constexpr std::uint32_t STACK_START = 0x10000;
inline constexpr std::uint32_t STACK_SIZE = 0x1000;
std::vector<InitialCell> load_program_image(std::span<const std::uint8_t> program);

// R31: buffered writes, flushed sorted by (as, ptr), never reordering overlapping writes.
class WriteBuffer {
public:
    explicit WriteBuffer(std::size_t threshold) : threshold_(threshold == 0 ? 1 : threshold) {}

    void buffered_write(std::vector<Op>& ops, std::uint32_t address_space, std::uint32_t pointer,
                        std::vector<std::uint64_t> values);
    void flush(std::vector<Op>& ops);
    std::size_t pending() const { return pending_.size(); }

private:
    bool overlaps_pending(std::uint32_t address_space, std::uint32_t pointer, std::size_t len) const;

    std::size_t threshold_;
    std::vector<Op> pending_;  // pairwise disjoint, so any order gives the same memory
};

// R35: every mismatch and every missing cell of `final_memory` against `expected`.
struct Expectation {
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint64_t> cells;  // (as, ptr) -> value
};
std::vector<std::string> verify_final_memory(const Expectation& expected, const TimestampedEquipartition& final_memory);

// The naive model the verifier is usually fed with: every written cell's last value, in
// program order (for a scenario whose operations all succeed).
Expectation last_write_wins(const Scenario& scenario);

}  // namespace memspec::patterns
