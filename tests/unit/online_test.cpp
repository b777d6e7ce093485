// Online memory (R5, R9-R12) through each engine's Memory directly.
#include <gtest/gtest.h>

#include "tests/support/engine_parts.hpp"
#include "tests/support/engines.hpp"
#include "tests/support/scenario_helpers.hpp"

using namespace memspec;
using namespace memspec::testing;

class Online : public EachEngine {};
MEMSPEC_ON_EACH_ENGINE(Online);

// Covers R10, R11.
TEST_P(Online, R10_R11_openvm_online_test) {
    with_parts(GetParam(), []<class E>() {
        typename E::Memory m(MemoryConfig{}, MemoryImage{});
        ASSERT_TRUE(m.write(1, 0, bb({1, 2, 3, 4})).ok());
        EXPECT_EQ(*m.read(1, 0, 2), bb({1, 2}));
        ASSERT_TRUE(m.write(1, 2, bb({100})).ok());
        EXPECT_EQ(*m.read(1, 0, 4), bb({1, 2, 100, 4}));
    });
}

// Covers R11.
TEST_P(Online, R11_write_returns_previous_values) {
    with_parts(GetParam(), []<class E>() {
        MemoryImage image;
        image.insert(2, 1, BabyBear::from_canonical(42));
        typename E::Memory m(MemoryConfig{}, image);
        EXPECT_EQ(*m.write(2, 0, bb({7, 8})), bb({0, 42}));  // never-written = initial image, else 0
        EXPECT_EQ(*m.write(2, 0, bb({9, 9})), bb({7, 8}));
        EXPECT_EQ(*m.read(2, 0, 4), bb({9, 9, 0, 0}));
    });
}

// Covers R5.
TEST_P(Online, R5_immediate_read_returns_pointer) {
    with_parts(GetParam(), []<class E>() {
        typename E::Memory m(MemoryConfig{}, MemoryImage{});
        EXPECT_EQ(*m.read(0, 123456, 1), bb({123456}));
        EXPECT_EQ(*m.read(0, BabyBear::P - 1, 1), bb({BabyBear::P - 1}));  // not bounded by 2^29
        EXPECT_EQ(m.timestamp(), 3u);  // each immediate read takes a timestamp (R9)
    });
}

// Covers R9.
TEST_P(Online, R9_clock_starts_at_one_and_counts_accesses_and_ticks) {
    with_parts(GetParam(), []<class E>() {
        typename E::Memory m(MemoryConfig{}, MemoryImage{});
        EXPECT_EQ(m.timestamp(), 1u);
        ASSERT_TRUE(m.write(1, 0, bb({1})).ok());
        EXPECT_EQ(m.timestamp(), 2u);
        ASSERT_TRUE(m.increment_timestamp_by(10).ok());
        EXPECT_EQ(m.timestamp(), 12u);
        ASSERT_TRUE(m.increment_timestamp_by(0).ok());
        EXPECT_EQ(m.timestamp(), 12u);
        ASSERT_TRUE(m.read(1, 0, 1).ok());
        EXPECT_EQ(m.timestamp(), 13u);
    });
}

// Covers R12.
TEST_P(Online, R12_log_entries) {
    with_parts(GetParam(), []<class E>() {
        typename E::Memory m(MemoryConfig{}, MemoryImage{});
        ASSERT_TRUE(m.write(3, 8, bb({5, 6})).ok());
        ASSERT_TRUE(m.increment_timestamp_by(4).ok());
        ASSERT_TRUE(m.read(0, 77, 1).ok());
        ASSERT_TRUE(m.read(3, 8, 2).ok());
        const std::vector<MemoryLogEntry> expected = {
            {LogKind::Write, 3, 8, 2, bb({5, 6}), 0},
            {LogKind::IncrementTimestampBy, 0, 0, 0, {}, 4},
            {LogKind::Read, 0, 77, 1, {}, 0},
            {LogKind::Read, 3, 8, 2, {}, 0},
        };
        EXPECT_EQ(m.log(), expected);
    });
}
