// OpenVM v1.0's own offline-memory unit tests (crates/vm/src/system/memory/offline.rs),
// re-expressed as scenarios and run on each engine (R16-R19, R23). The suite keeps the name it
// had when only the oracle ran it, which spec/memory.md cites.
#include <gtest/gtest.h>

#include "tests/support/engines.hpp"
#include "tests/support/scenario_helpers.hpp"

using namespace memspec;
using memspec::testing::bb;

class OracleOpenVM : public memspec::testing::EachEngine {};
MEMSPEC_ON_EACH_ENGINE(OracleOpenVM);

// Covers R16, R19, R20 (the exact record sequence).
TEST_P(OracleOpenVM, R16_R19_records_initial_block_len_1) {
    Scenario sc;
    sc.ops = {Op::write(1, 0, {1, 2, 3, 4}), Op::read(1, 0, 4), Op::write(1, 0, {10, 11}), Op::read(1, 0, 4)};
    auto r = run(sc);
    ASSERT_TRUE(r.ok()) << r.error().message;
    const auto& a = r->adapter_records;
    ASSERT_EQ(a.size(), 5u);
    EXPECT_EQ(a[0], (AccessAdapterRecord{2, AdapterKind::Merge, 1, 0, 0, 0, bb({0, 0})}));
    EXPECT_EQ(a[1], (AccessAdapterRecord{2, AdapterKind::Merge, 1, 2, 0, 0, bb({0, 0})}));
    EXPECT_EQ(a[2], (AccessAdapterRecord{4, AdapterKind::Merge, 1, 0, 0, 0, bb({0, 0, 0, 0})}));
    EXPECT_EQ(a[3], (AccessAdapterRecord{4, AdapterKind::Split, 1, 0, 2, 2, bb({1, 2, 3, 4})}));
    EXPECT_EQ(a[4], (AccessAdapterRecord{4, AdapterKind::Merge, 1, 0, 3, 2, bb({10, 11, 3, 4})}));
    ASSERT_EQ(r->records.size(), 4u);
    EXPECT_EQ(r->records[0], (AccessRecord{AccessKind::Write, 1, 0, 1, 0, bb({1, 2, 3, 4}), bb({0, 0, 0, 0})}));
    EXPECT_EQ(r->records[1], (AccessRecord{AccessKind::Read, 1, 0, 2, 1, bb({1, 2, 3, 4}), {}}));
    EXPECT_EQ(r->records[2], (AccessRecord{AccessKind::Write, 1, 0, 3, 2, bb({10, 11}), bb({1, 2})}));
    EXPECT_EQ(r->records[3], (AccessRecord{AccessKind::Read, 1, 0, 4, 3, bb({10, 11, 3, 4}), {}}));
    EXPECT_EQ(r->final_timestamp, 5u);
}

// offline.rs test_records_initial_block_len_8: the same program with initial blocks of 8 cells.
// Covers R16, R19, R20 (the exact record sequence).
TEST_P(OracleOpenVM, R16_R19_records_initial_block_len_8) {
    Scenario sc;
    sc.initial_block_size = 8;
    sc.ops = {Op::write(1, 0, {1, 2, 3, 4}), Op::read(1, 0, 4), Op::write(1, 0, {10, 11}), Op::read(1, 0, 4)};
    auto r = run(sc);
    ASSERT_TRUE(r.ok()) << r.error().message;
    const auto& a = r->adapter_records;
    ASSERT_EQ(a.size(), 3u);
    EXPECT_EQ(a[0], (AccessAdapterRecord{8, AdapterKind::Split, 1, 0, 0, 0, bb({0, 0, 0, 0, 0, 0, 0, 0})}));
    EXPECT_EQ(a[1], (AccessAdapterRecord{4, AdapterKind::Split, 1, 0, 2, 2, bb({1, 2, 3, 4})}));
    EXPECT_EQ(a[2], (AccessAdapterRecord{4, AdapterKind::Merge, 1, 0, 3, 2, bb({10, 11, 3, 4})}));
    EXPECT_EQ(r->records[0], (AccessRecord{AccessKind::Write, 1, 0, 1, 0, bb({1, 2, 3, 4}), bb({0, 0, 0, 0})}));
    EXPECT_EQ(r->records[1], (AccessRecord{AccessKind::Read, 1, 0, 2, 1, bb({1, 2, 3, 4}), {}}));
    EXPECT_EQ(r->records[2], (AccessRecord{AccessKind::Write, 1, 0, 3, 2, bb({10, 11}), bb({1, 2})}));
    EXPECT_EQ(r->records[3], (AccessRecord{AccessKind::Read, 1, 0, 4, 3, bb({10, 11, 3, 4}), {}}));
}

// offline.rs test_finalize_block_len_8: three writes, finalize::<8>, four chunks, two more adapters.
// Covers R23.
TEST_P(OracleOpenVM, R23_finalize_block_len_8) {
    Scenario sc;
    sc.initial_block_size = 8;
    sc.finalize_chunk = 8;
    sc.ops = {Op::write(1, 0, {1, 2, 3, 4}), Op::write(1, 16, std::vector<std::uint64_t>(16, 1)),
              Op::write(2, 64, {8, 7, 6, 5, 4, 3, 2, 1})};
    auto r = run(sc);
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_TRUE(r->final_memory.has_value());
    const auto& blocks = r->final_memory->blocks;
    ASSERT_EQ(blocks.size(), 4u);
    EXPECT_EQ(blocks[0], (FinalBlock{1, 0, 1, bb({1, 2, 3, 4, 0, 0, 0, 0})}));
    EXPECT_EQ(blocks[1], (FinalBlock{1, 16, 2, bb({1, 1, 1, 1, 1, 1, 1, 1})}));
    EXPECT_EQ(blocks[2], (FinalBlock{1, 24, 2, bb({1, 1, 1, 1, 1, 1, 1, 1})}));
    EXPECT_EQ(blocks[3], (FinalBlock{2, 64, 3, bb({8, 7, 6, 5, 4, 3, 2, 1})}));
    // Before finalize: split 8@0 for the first write, merge 16@16 for the second. Finalize: merge
    // [0,4)+[4,8) and split the 16-block at 16: OpenVM counts 1 + 1 = 2.
    ASSERT_EQ(r->adapter_records.size(), 4u);
    EXPECT_EQ(r->adapter_records[0], (AccessAdapterRecord{8, AdapterKind::Split, 1, 0, 0, 0, bb({0, 0, 0, 0, 0, 0, 0, 0})}));
    EXPECT_EQ(r->adapter_records[1].kind, AdapterKind::Merge);
    EXPECT_EQ(r->adapter_records[1].n, 16u);
    EXPECT_EQ(r->adapter_records[2], (AccessAdapterRecord{8, AdapterKind::Merge, 1, 0, 1, 0, bb({1, 2, 3, 4, 0, 0, 0, 0})}));
    EXPECT_EQ(r->adapter_records[3], (AccessAdapterRecord{16, AdapterKind::Split, 1, 16, 2, 2, std::vector<BabyBear>(16, BabyBear::from_canonical(1))}));
    EXPECT_EQ(r->final_timestamp, 4u);
}

// offline.rs test_write_read_initial_block_len_8_initial_memory: initial memory, unaligned reads (R8, R13).
// Covers R13.
TEST_P(OracleOpenVM, R13_initial_memory_block_len_8) {
    Scenario sc;
    sc.initial_block_size = 8;
    for (std::uint64_t i = 0; i < 8; ++i) {
        sc.initial_memory.push_back({1, i, i + 1});
        sc.initial_memory.push_back({1, 16 + i, i + 1});
    }
    sc.ops = {Op::read(1, 0, 8),  Op::read(1, 16, 8), Op::write(1, 0, {9, 9, 9, 9}), Op::read(1, 0, 2),
              Op::read(1, 0, 8),  Op::write(1, 2, {100}), Op::read(1, 1, 4),         Op::read(1, 2, 8),
              Op::write(1, 23, {77}), Op::read(1, 23, 2), Op::read(1, 10, 4),        Op::read(1, 100, 4),
              Op::write(1, 16, {50, 50, 50, 50, 50, 50, 50, 50}), Op::read(1, 16, 8)};
    auto r = run(sc);
    ASSERT_TRUE(r.ok()) << r.error().message;
    const std::vector<std::vector<BabyBear>> expected = {
        bb({1, 2, 3, 4, 5, 6, 7, 8}), bb({1, 2, 3, 4, 5, 6, 7, 8}), bb({9, 9}), bb({9, 9, 9, 9, 5, 6, 7, 8}),
        bb({9, 100, 9, 5}), bb({100, 9, 5, 6, 7, 8, 0, 0}), bb({77, 0}), bb({0, 0, 0, 0}), bb({0, 0, 0, 0}),
        bb({50, 50, 50, 50, 50, 50, 50, 50})};
    EXPECT_EQ(r->reads, expected);
}

// online.rs test_write_read, as a scenario (R10, R11).
// Covers R10, R11.
TEST_P(OracleOpenVM, R10_R11_online_write_read) {
    Scenario sc;
    sc.ops = {Op::write(1, 0, {1, 2, 3, 4}), Op::read(1, 0, 2), Op::write(1, 2, {100}), Op::read(1, 0, 4)};
    auto r = run(sc);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->reads, (std::vector<std::vector<BabyBear>>{bb({1, 2}), bb({1, 2, 100, 4})}));
}
