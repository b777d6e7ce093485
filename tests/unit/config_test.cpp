// R2, R3: MemoryConfig defaults and every bound, on both sides.
#include <gtest/gtest.h>

#include "spec/vocabulary/config.hpp"

using namespace memspec;

namespace {
ErrorKind kind_of(const MemoryConfig& c) {
    auto st = validate(c);
    EXPECT_FALSE(st.ok());
    return st.ok() ? ErrorKind::ParseError : st.error().kind;
}
}  // namespace

// Covers R2.
TEST(Config, R2_defaults_are_openvm_v1) {
    const MemoryConfig c;
    EXPECT_EQ(c.as_height, 3u);
    EXPECT_EQ(c.as_offset, 1u);
    EXPECT_EQ(c.pointer_max_bits, 29u);
    EXPECT_EQ(c.clk_max_bits, 29u);
    EXPECT_EQ(c.decomp, 17u);
    EXPECT_EQ(c.max_access_adapter_n, 32u);
    EXPECT_EQ(c.access_capacity, 1u << 24);
    EXPECT_FALSE(c.strict_alignment);
    EXPECT_TRUE(validate(c).ok());
    EXPECT_EQ(c.as_end(), 9u);  // address spaces 1..8
    EXPECT_EQ(c.addr_space_max_bits(), 4u);  // ceil(log2 9), as OpenVM's volatile boundary uses
}

// Covers R3.
TEST(Config, R3_as_height_below_29) {
    MemoryConfig c;
    c.as_height = 28;
    EXPECT_TRUE(validate(c).ok());  // 1 + 2^28 needs 29 bits: still allowed
    c.as_height = 29;
    EXPECT_EQ(kind_of(c), ErrorKind::InvalidConfig);
}

// Covers R3.
TEST(Config, R3_as_offset_nonzero_and_width) {
    MemoryConfig c;
    c.as_offset = 0;
    EXPECT_EQ(kind_of(c), ErrorKind::InvalidConfig);
    c.as_offset = 2;
    EXPECT_TRUE(validate(c).ok());
    c.as_height = 28;
    c.as_offset = (1u << 28);  // 2^28 + 2^28 = 2^29: exactly 29 bits
    EXPECT_TRUE(validate(c).ok());
    c.as_offset = (1u << 28) + 1;  // needs 30 bits
    EXPECT_EQ(kind_of(c), ErrorKind::InvalidConfig);
}

// Covers R3.
TEST(Config, R3_pointer_max_bits_at_most_29) {
    MemoryConfig c;
    c.pointer_max_bits = 0;
    EXPECT_TRUE(validate(c).ok());
    c.pointer_max_bits = 29;
    EXPECT_TRUE(validate(c).ok());
    c.pointer_max_bits = 30;
    EXPECT_EQ(kind_of(c), ErrorKind::InvalidConfig);
}

// Covers R3.
TEST(Config, R3_clk_max_bits_in_1_to_29) {
    MemoryConfig c;
    c.clk_max_bits = 0;
    EXPECT_EQ(kind_of(c), ErrorKind::InvalidConfig);
    c.clk_max_bits = 1;
    EXPECT_TRUE(validate(c).ok());
    c.clk_max_bits = 29;
    EXPECT_TRUE(validate(c).ok());
    c.clk_max_bits = 30;
    EXPECT_EQ(kind_of(c), ErrorKind::InvalidConfig);
    EXPECT_NE(validate(c).error().message.find("unsound"), std::string::npos) << "the message must say why";
}

// Covers R3.
TEST(Config, R3_decomp_in_1_to_29) {
    MemoryConfig c;
    c.decomp = 0;
    EXPECT_EQ(kind_of(c), ErrorKind::InvalidConfig);
    c.decomp = 1;
    EXPECT_TRUE(validate(c).ok());
    c.decomp = 29;
    EXPECT_TRUE(validate(c).ok());
    c.decomp = 30;
    EXPECT_EQ(kind_of(c), ErrorKind::InvalidConfig);
}

// Covers R3.
TEST(Config, R3_max_access_adapter_n_is_2_to_32_power) {
    for (std::uint32_t n : {2u, 4u, 8u, 16u, 32u}) {
        MemoryConfig c;
        c.max_access_adapter_n = n;
        EXPECT_TRUE(validate(c).ok()) << n;
    }
    for (std::uint32_t n : {0u, 1u, 3u, 6u, 64u, 1024u}) {
        MemoryConfig c;
        c.max_access_adapter_n = n;
        EXPECT_EQ(kind_of(c), ErrorKind::InvalidConfig) << n;
    }
}
