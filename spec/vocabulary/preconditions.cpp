#include "spec/vocabulary/preconditions.hpp"

#include <string>

namespace memspec {

namespace {
std::string s(std::uint64_t x) { return std::to_string(x); }

// R15, R26: a block size the partition and the adapters can represent.
Status check_block_size(const MemoryConfig& c, std::uint64_t size, const char* what, const char* rule) {
    if (!is_power_of_two(size))
        return make_error(ErrorKind::SizeNotPowerOfTwo, std::string(what) + " = " + s(size) + " is not a power of two (" + rule + ")");
    if (size > c.max_access_adapter_n)
        return make_error(ErrorKind::OutOfBounds, std::string(what) + " = " + s(size) + " exceeds max_access_adapter_n = " +
                                                      s(c.max_access_adapter_n) + ": splitting or merging such a block would need "
                                                      "an adapter that does not exist (" + rule + ")");
    if (size > c.memory_size())
        return make_error(ErrorKind::OutOfBounds, std::string(what) + " = " + s(size) + " exceeds the address space size 2^pointer_max_bits = " +
                                                      s(c.memory_size()) + " (" + rule + ")");
    return {};
}
}  // namespace

Status check_initial_block_size(const MemoryConfig& c, std::uint64_t size) {
    return check_block_size(c, size, "initial_block_size", "R15");
}

Status check_finalize_chunk(const MemoryConfig& c, std::uint64_t chunk) {
    return check_block_size(c, chunk, "finalize_chunk", "R26");
}

Status check_access_shape(const MemoryConfig& c, bool is_write, std::uint64_t as, std::uint64_t ptr,
                          std::uint64_t len) {
    // 1. Address space 0 holds immediates: it cannot be written and reads are single cells (R5).
    if (as == 0) {
        if (is_write)
            return make_error(ErrorKind::InvalidAddressSpace,
                              "address space 0 holds immediates and cannot be written (R5)");
        if (len != 1)
            return make_error(ErrorKind::InvalidAddressSpace,
                              "cannot batch read from address space 0: an immediate is one cell, "
                              "but len = " + s(len) + " (R5)");
        return {};
    }
    // 2. Memory address spaces are [as_offset, as_offset + 2^as_height) (R4, audit class B11).
    if (as < c.as_offset || as >= c.as_end())
        return make_error(ErrorKind::InvalidAddressSpace,
                          "address space " + s(as) + " is outside 0 and [" + s(c.as_offset) + ", " +
                              s(c.as_end()) + ") (R4)");
    // 3. Sizes are powers of two (R7).
    if (!is_power_of_two(len))
        return make_error(ErrorKind::SizeNotPowerOfTwo, "access size " + s(len) + " is not a power of two (R7)");
    // 4. No adapter exists above max_access_adapter_n (R7).
    if (len > c.max_access_adapter_n)
        return make_error(ErrorKind::OutOfBounds, "access size " + s(len) + " exceeds max_access_adapter_n = " +
                                                      s(c.max_access_adapter_n) + " (R7)");
    // 5. The whole range, not only its start, lies in [0, 2^pointer_max_bits) (R6, audit class B7).
    if (ptr >= c.memory_size() || len > c.memory_size() - ptr)
        return make_error(ErrorKind::OutOfBounds, "access [" + s(ptr) + ", " + s(ptr) + " + " + s(len) +
                                                      ") runs past 2^pointer_max_bits = " + s(c.memory_size()) +
                                                      " (R6)");
    // 6. Alignment only under strict_alignment (R8).
    if (c.strict_alignment && ptr % len != 0)
        return make_error(ErrorKind::UnalignedAccess, "pointer " + s(ptr) + " is not a multiple of the access size " +
                                                          s(len) + " and strict_alignment is set (R8)");
    return {};
}

Status check_immediate(std::uint64_t as, std::uint64_t ptr) {
    if (as == 0 && ptr >= BabyBear::P)
        return make_error(ErrorKind::InvalidValue, "immediate " + s(ptr) + " read from address space 0 is not a "
                                                   "field element (must be < p = 2013265921) (R5)");
    return {};
}

Status check_values(std::span<const std::uint64_t> values) {
    for (std::size_t i = 0; i < values.size(); ++i)
        if (values[i] >= BabyBear::P)
            return make_error(ErrorKind::InvalidValue, "value " + s(values[i]) + " at index " + s(i) +
                                                           " is not a field element (must be < p = 2013265921) (R1)");
    return {};
}

Status check_clock(const MemoryConfig& c, std::uint64_t clock, std::uint64_t advance) {
    const std::uint64_t limit = c.timestamp_limit();
    if (clock >= limit || advance >= limit - clock)
        return make_error(ErrorKind::TimestampViolation,
                          "the clock at " + s(clock) + " advanced by " + s(advance) + " would reach 2^clk_max_bits = " +
                              s(limit) + "; every timestamp must stay below it (R9, audit class B3)");
    return {};
}

Status check_read(const MemoryConfig& c, std::uint64_t as, std::uint64_t ptr, std::uint64_t len, std::uint64_t clock) {
    if (auto st = check_access_shape(c, false, as, ptr, len); !st) return st;
    if (auto st = check_immediate(as, ptr); !st) return st;
    return check_clock(c, clock, 1);
}

Status check_write(const MemoryConfig& c, std::uint64_t as, std::uint64_t ptr, std::span<const std::uint64_t> values,
                   std::uint64_t clock) {
    if (auto st = check_access_shape(c, true, as, ptr, values.size()); !st) return st;
    if (auto st = check_values(values); !st) return st;
    return check_clock(c, clock, 1);
}

Status check_write(const MemoryConfig& c, std::uint64_t as, std::uint64_t ptr, std::span<const BabyBear> values,
                   std::uint64_t clock) {
    if (auto st = check_access_shape(c, true, as, ptr, values.size()); !st) return st;
    return check_clock(c, clock, 1);
}

Status check_tick(const MemoryConfig& c, std::uint64_t by, std::uint64_t clock) { return check_clock(c, clock, by); }

}  // namespace memspec
