// The checks of one operation, in the precedence order of R27. Both engines call these before
// touching any state, so a failing operation changes nothing (R28).
#pragma once

#include <cstdint>
#include <span>

#include "spec/vocabulary/config.hpp"
#include "spec/vocabulary/error.hpp"
#include "spec/vocabulary/field.hpp"

namespace memspec {

// Address-space-0 rules, address-space range, power of two, size limit, bounds, alignment (R4-R8).
Status check_access_shape(const MemoryConfig& config, bool is_write, std::uint64_t address_space,
                          std::uint64_t pointer, std::uint64_t len);
// R5: an address-space-0 pointer is an immediate, so it must be a field element.
Status check_immediate(std::uint64_t address_space, std::uint64_t pointer);
// R1: every written value must be a field element.
Status check_values(std::span<const std::uint64_t> values);
// R9: after advancing the clock by `advance`, it must stay below 2^clk_max_bits.
Status check_clock(const MemoryConfig& config, std::uint64_t clock, std::uint64_t advance);

// R15, R26: a power of two within max_access_adapter_n and 2^pointer_max_bits, so that every
// block of the partition can be split and merged by an existing adapter.
Status check_initial_block_size(const MemoryConfig& config, std::uint64_t size);
Status check_finalize_chunk(const MemoryConfig& config, std::uint64_t chunk);

// Whole-operation checks.
Status check_read(const MemoryConfig& config, std::uint64_t address_space, std::uint64_t pointer,
                  std::uint64_t len, std::uint64_t clock);
Status check_write(const MemoryConfig& config, std::uint64_t address_space, std::uint64_t pointer,
                   std::span<const std::uint64_t> values, std::uint64_t clock);
// Typed values are field elements already; only the other checks remain.
Status check_write(const MemoryConfig& config, std::uint64_t address_space, std::uint64_t pointer,
                   std::span<const BabyBear> values, std::uint64_t clock);
Status check_tick(const MemoryConfig& config, std::uint64_t by, std::uint64_t clock);

}  // namespace memspec
