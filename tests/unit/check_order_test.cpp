// R27, R15, R26 restated independently of spec/vocabulary/preconditions.cpp. Both engines call those checks, so the
// differential properties cannot see a fault in them; this test writes the rule's order again,
// from spec/memory.md §7 alone, and compares it with the checks on a grid of edge values: every
// address space class, pointers at and past the end, every size class, values at p, clocks at
// the limit, strict and lax alignment.
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "spec/vocabulary/preconditions.hpp"

using namespace memspec;

namespace {

using Kind = std::optional<ErrorKind>;  // nullopt: the operation passes every check

// R27, in its order: the first failing check wins.
Kind expected_access(const MemoryConfig& c, bool is_write, std::uint64_t as, std::uint64_t ptr, std::uint64_t len,
                     const std::vector<std::uint64_t>& values, std::uint64_t clock) {
    const std::uint64_t p = 2013265921;  // BabyBear's modulus, written out (R1)
    const std::uint64_t memory = std::uint64_t{1} << c.pointer_max_bits;
    const std::uint64_t first_as = c.as_offset, end_as = std::uint64_t{c.as_offset} + (std::uint64_t{1} << c.as_height);
    // 1. address space 0: never written, one cell at a time (R5)
    if (as == 0 && (is_write || len != 1)) return ErrorKind::InvalidAddressSpace;
    if (as != 0) {
        // 2. memory address spaces are [as_offset, as_offset + 2^as_height) (R4)
        if (as < first_as || as >= end_as) return ErrorKind::InvalidAddressSpace;
        // 3. a power of two (R7)
        bool power = len != 0;
        for (std::uint64_t k = len; k > 1; k /= 2) power = power && k % 2 == 0;
        if (!power) return ErrorKind::SizeNotPowerOfTwo;
        // 4. at most max_access_adapter_n (R7)
        if (len > c.max_access_adapter_n) return ErrorKind::OutOfBounds;
        // 5. the last cell, not only the first, below 2^pointer_max_bits (R6)
        if (ptr >= memory || ptr + len > memory) return ErrorKind::OutOfBounds;
        // 6. alignment, only under strict_alignment (R8)
        if (c.strict_alignment && ptr % len != 0) return ErrorKind::UnalignedAccess;
    }
    // 7. field elements: written values (R1), an immediate's pointer (R5)
    for (std::uint64_t v : values)
        if (v >= p) return ErrorKind::InvalidValue;
    if (as == 0 && ptr >= p) return ErrorKind::InvalidValue;
    // 8. the clock after the access stays below 2^clk_max_bits (R9)
    if (clock + 1 >= (std::uint64_t{1} << c.clk_max_bits)) return ErrorKind::TimestampViolation;
    return std::nullopt;
}

// A tick has only check 8 (R9, R27).
Kind expected_tick(const MemoryConfig& c, std::uint64_t by, std::uint64_t clock) {
    const std::uint64_t limit = std::uint64_t{1} << c.clk_max_bits;
    if (clock >= limit || by >= limit - clock) return ErrorKind::TimestampViolation;
    return std::nullopt;
}

// R15, R26: a power of two, at most max_access_adapter_n, at most 2^pointer_max_bits.
Kind expected_block_size(const MemoryConfig& c, std::uint64_t size) {
    if (size == 0 || (size & (size - 1)) != 0) return ErrorKind::SizeNotPowerOfTwo;
    if (size > c.max_access_adapter_n || size > (std::uint64_t{1} << c.pointer_max_bits)) return ErrorKind::OutOfBounds;
    return std::nullopt;
}

Kind actual(const Status& st) { return st.ok() ? Kind{} : Kind{st.error().kind}; }

std::string name(Kind k) { return k ? std::string(to_string(*k)) : "ok"; }

std::vector<MemoryConfig> configs() {
    std::vector<MemoryConfig> out;
    for (bool strict : {false, true})
        for (std::uint32_t pmb : {2u, 5u, 29u})
            for (std::uint32_t max_n : {2u, 8u, 32u}) {
                MemoryConfig c;
                c.as_height = pmb == 2 ? 0 : 2;
                c.as_offset = pmb == 5 ? 3 : 1;
                c.pointer_max_bits = pmb;
                c.clk_max_bits = pmb == 29 ? 29 : 6;
                c.max_access_adapter_n = max_n;
                c.strict_alignment = strict;
                out.push_back(c);
            }
    return out;
}

}  // namespace

TEST(CheckOrder, R27_every_access_check_in_order_on_an_edge_grid) {
    const std::uint64_t p = 2013265921;
    int compared = 0, failing = 0;
    for (const MemoryConfig& c : configs()) {
        ASSERT_TRUE(validate(c).ok());
        const std::uint64_t mem = std::uint64_t{1} << c.pointer_max_bits, limit = std::uint64_t{1} << c.clk_max_bits;
        const std::uint64_t end_as = std::uint64_t{c.as_offset} + (std::uint64_t{1} << c.as_height);
        const std::vector<std::uint64_t> spaces{0, c.as_offset - 1, c.as_offset, end_as - 1, end_as, (std::uint64_t{1} << 32) + c.as_offset, ~std::uint64_t{0}};
        const std::vector<std::uint64_t> pointers{0, 1, 2, 3, 4, 6, mem - 2, mem - 1, mem, mem + 1, p - 1, p, std::uint64_t{1} << 32, ~std::uint64_t{0}};
        const std::vector<std::uint64_t> sizes{0, 1, 2, 3, 4, 6, 8, 16, 32, 64, c.max_access_adapter_n * std::uint64_t{2}, (std::uint64_t{1} << 32) + 1};
        const std::vector<std::uint64_t> clocks{1, limit - 2, limit - 1, limit};
        for (std::uint64_t as : spaces)
            for (std::uint64_t ptr : pointers)
                for (std::uint64_t len : sizes)
                    for (std::uint64_t clock : clocks) {
                        const Kind want_read = expected_access(c, false, as, ptr, len, {}, clock);
                        const Kind got_read = actual(check_read(c, as, ptr, len, clock));
                        EXPECT_EQ(name(got_read), name(want_read)) << "read as " << as << " ptr " << ptr << " len " << len
                                                                   << " clock " << clock << " strict " << c.strict_alignment;
                        if (len > 64) continue;
                        for (std::uint64_t bad : {std::uint64_t{0}, p - 1, p, ~std::uint64_t{0}}) {
                            std::vector<std::uint64_t> values(len, 7);
                            if (len > 0) values[len - 1] = bad;
                            const Kind want = expected_access(c, true, as, ptr, len, values, clock);
                            const Kind got = actual(check_write(c, as, ptr, values, clock));
                            EXPECT_EQ(name(got), name(want)) << "write as " << as << " ptr " << ptr << " len " << len << " last value "
                                                             << bad << " clock " << clock << " strict " << c.strict_alignment;
                            failing += want.has_value();
                            ++compared;
                        }
                        failing += want_read.has_value();
                        ++compared;
                    }
    }
    // The grid must exercise both outcomes, so neither "always ok" nor "always an error" passes.
    EXPECT_GT(failing, compared / 2);
    EXPECT_LT(failing, compared);
}

TEST(CheckOrder, R27_R9_tick_has_only_the_clock_check) {
    for (const MemoryConfig& c : configs()) {
        const std::uint64_t limit = std::uint64_t{1} << c.clk_max_bits;
        for (std::uint64_t clock : {std::uint64_t{1}, limit - 2, limit - 1, limit})
            for (std::uint64_t by : {std::uint64_t{0}, std::uint64_t{1}, limit - clock - 1, limit - clock, limit, ~std::uint64_t{0}})
                EXPECT_EQ(name(actual(check_tick(c, by, clock))), name(expected_tick(c, by, clock)))
                    << "tick " << by << " at clock " << clock << " limit " << limit;
    }
}

TEST(CheckOrder, R15_R26_block_sizes) {
    for (const MemoryConfig& c : configs())
        for (std::uint64_t size : {0ull, 1ull, 2ull, 3ull, 4ull, 6ull, 8ull, 16ull, 32ull, 64ull, 1ull << 32, (1ull << 32) + 1}) {
            EXPECT_EQ(name(actual(check_initial_block_size(c, size))), name(expected_block_size(c, size))) << "initial_block_size " << size;
            EXPECT_EQ(name(actual(check_finalize_chunk(c, size))), name(expected_block_size(c, size))) << "finalize_chunk " << size;
        }
}
