// Offline memory (R8, R12, R14, R17-R19, R21, R22) with expected records worked out by hand from
// the rules in spec/memory.md.
#include <gtest/gtest.h>

#include "tests/support/engine_parts.hpp"
#include "tests/support/engines.hpp"
#include "tests/support/scenario_helpers.hpp"

using namespace memspec;
using namespace memspec::testing;

class Offline : public EachEngine {};
MEMSPEC_ON_EACH_ENGINE(Offline);

// offline.rs test_partition: block_containing over initial blocks of 8.
// Covers R14.
TEST_P(Offline, R14_block_containing_openvm_partition_test) {
    with_parts(GetParam(), []<class E>() {
        using Block = typename E::OfflineMemory::Block;
        typename E::OfflineMemory m(MemoryImage{}, 8, MemoryConfig{});
        EXPECT_EQ(m.block_containing(1, 13), (Block{8, 8, 0}));
        EXPECT_EQ(m.block_containing(1, 8), (Block{8, 8, 0}));
        EXPECT_EQ(m.block_containing(1, 15), (Block{8, 8, 0}));
        EXPECT_EQ(m.block_containing(1, 16), (Block{16, 8, 0}));
    });
}

// A 1-cell read at 3 inside an initial 8-block: splits 8@0, 4@0, 2@2, halving toward 3; the
// boundary at 4 is then already a block start.
// Covers R18.
TEST_P(Offline, R18_split_chain_toward_query) {
    with_parts(GetParam(), []<class E>() {
        using Block = typename E::OfflineMemory::Block;
        MemoryImage image;
        for (std::uint32_t i = 0; i < 8; ++i) image.insert(1, i, BabyBear::from_canonical(i + 1));
        typename E::OfflineMemory m(image, 8, MemoryConfig{});
        typename E::AccessAdapterInventory a;
        ASSERT_TRUE(m.read(1, 3, 1, a).ok());
        const std::vector<AccessAdapterRecord> expected = {split_rec(8, 1, 0, 0, bb({1, 2, 3, 4, 5, 6, 7, 8})),
                                                           split_rec(4, 1, 0, 0, bb({1, 2, 3, 4})), split_rec(2, 1, 2, 0, bb({3, 4}))};
        EXPECT_EQ(adapter_records(a), expected);
        EXPECT_EQ(m.records().back(), (AccessRecord{AccessKind::Read, 1, 3, 1, 0, bb({4}), {}}));
        EXPECT_EQ(m.block_containing(1, 3), (Block{3, 1, 1}));
        EXPECT_EQ(m.block_containing(1, 2), (Block{2, 1, 0}));
        EXPECT_EQ(m.block_containing(1, 1), (Block{0, 2, 0}));
        EXPECT_EQ(m.block_containing(1, 6), (Block{4, 4, 0}));
    });
}

// A split at the right end of a block: q = 6 in [0,8) gives 8@0 then 4@4 only.
// Covers R18.
TEST_P(Offline, R18_split_chain_right_half) {
    with_parts(GetParam(), []<class E>() {
        typename E::OfflineMemory m(MemoryImage{}, 8, MemoryConfig{});
        typename E::AccessAdapterInventory a;
        ASSERT_TRUE(m.write(1, 6, bb({7, 7}), a).ok());
        const std::vector<AccessAdapterRecord> expected = {split_rec(8, 1, 0, 0, bb({0, 0, 0, 0, 0, 0, 0, 0})),
                                                           split_rec(4, 1, 4, 0, bb({0, 0, 0, 0}))};
        EXPECT_EQ(adapter_records(a), expected);
    });
}

// The first write to fresh memory merges zeros; a later wider write merges the values as they are
// before the write, and its prev_data are those values.
// Covers R19.
TEST_P(Offline, R19_merge_data_before_write) {
    with_parts(GetParam(), []<class E>() {
        typename E::OfflineMemory m(MemoryImage{}, 1, MemoryConfig{});
        typename E::AccessAdapterInventory a;
        ASSERT_TRUE(m.write(1, 0, bb({1, 2}), a).ok());
        ASSERT_TRUE(m.write(1, 0, bb({7, 8, 9, 10}), a).ok());
        const std::vector<AccessAdapterRecord> expected = {merge_rec(2, 1, 0, 0, 0, bb({0, 0})), merge_rec(2, 1, 2, 0, 0, bb({0, 0})),
                                                           merge_rec(4, 1, 0, 1, 0, bb({1, 2, 0, 0}))};
        EXPECT_EQ(adapter_records(a), expected);
        EXPECT_EQ(m.records()[1], (AccessRecord{AccessKind::Write, 1, 0, 2, 1, bb({7, 8, 9, 10}), bb({1, 2, 0, 0})}));
    });
}

// R17: an unaligned 4-cell access at 1 over 1-cell blocks: the halves [1,3) and [3,5) are built
// first, each by a merge, then merged; the resulting blocks are unaligned.
// Covers R17.
TEST_P(Offline, R17_unaligned_access_builds_unaligned_blocks) {
    with_parts(GetParam(), []<class E>() {
        using Block = typename E::OfflineMemory::Block;
        typename E::OfflineMemory m(MemoryImage{}, 1, MemoryConfig{});
        typename E::AccessAdapterInventory a;
        ASSERT_TRUE(m.read(1, 1, 4, a).ok());
        const std::vector<AccessAdapterRecord> expected = {merge_rec(2, 1, 1, 0, 0, bb({0, 0})), merge_rec(2, 1, 3, 0, 0, bb({0, 0})),
                                                           merge_rec(4, 1, 1, 0, 0, bb({0, 0, 0, 0}))};
        EXPECT_EQ(adapter_records(a), expected);
        EXPECT_EQ(m.block_containing(1, 4), (Block{1, 4, 1}));
    });
}

// R8: unaligned accesses, as OpenVM's own offline test does (4 cells at 1, 8 at 2, 2 at 23).
// Covers R8.
TEST_P(Offline, R8_unaligned_accesses_openvm_test) {
    auto r = run(scenario(R"({"initial_block_size":8,"ops":[
        {"op":"write","as":1,"ptr":0,"data":[9,9,9,9]},{"op":"write","as":1,"ptr":2,"data":[100]},
        {"op":"read","as":1,"ptr":1,"len":4},{"op":"read","as":1,"ptr":2,"len":8},{"op":"read","as":1,"ptr":23,"len":2}]})"));
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->reads[0], bb({9, 100, 9, 0}));
    EXPECT_EQ(r->reads[1], bb({100, 9, 0, 0, 0, 0, 0, 0}));
    EXPECT_EQ(r->reads[2], bb({0, 0}));
    // The 8-cell read at 2 is one block [2, 10): an unaligned merge record of n = 8 at pointer 2.
    bool unaligned_merge = false;
    for (const auto& rec : r->adapter_records) unaligned_merge |= rec.kind == AdapterKind::Merge && rec.n == 8 && rec.pointer == 2;
    EXPECT_TRUE(unaligned_merge);
}

// Covers R21.
TEST_P(Offline, R21_immediate_read_record) {
    with_parts(GetParam(), []<class E>() {
        typename E::OfflineMemory m(MemoryImage{}, 1, MemoryConfig{});
        typename E::AccessAdapterInventory a;
        ASSERT_TRUE(m.increment_timestamp_by(5).ok());
        ASSERT_TRUE(m.read(0, 99, 1, a).ok());
        EXPECT_EQ(m.records().back(), (AccessRecord{AccessKind::Read, 0, 99, 6, 0, bb({99}), {}}));
        EXPECT_EQ(a.total_records(), 0u);
        EXPECT_EQ(m.timestamp(), 7u);
    });
}

// Covers R12.
TEST_P(Offline, R12_replay_clock_matches) {
    auto sc = scenario(R"({"ops":[{"op":"write","as":1,"ptr":0,"data":[1]},{"op":"tick","by":7},
                                  {"op":"read","as":0,"ptr":3,"len":1},{"op":"read","as":1,"ptr":0,"len":1}]})");
    auto r = run(sc);
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->records.size(), 3u);
    EXPECT_EQ(r->records[0].timestamp, 1u);
    EXPECT_EQ(r->records[1].timestamp, 9u);  // 2 + tick 7
    EXPECT_EQ(r->records[2].timestamp, 10u);
    EXPECT_EQ(r->records[2].prev_timestamp, 1u);
    EXPECT_EQ(r->final_timestamp, 11u);
}

// R22: touching is per initial block; an access ending at an untouched initial block's start
// touches nothing beyond itself.
// Covers R22.
TEST_P(Offline, R22_touched_chunks_are_whole_initial_blocks) {
    auto r = run(scenario(R"({"initial_block_size":4,"finalize_chunk":4,
                                      "ops":[{"op":"write","as":1,"ptr":4,"data":[1,2,3,4]}]})"));
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->final_memory->blocks.size(), 1u);
    EXPECT_EQ(r->final_memory->blocks[0], (FinalBlock{1, 4, 1, bb({1, 2, 3, 4})}));
    EXPECT_TRUE(r->adapter_records.empty());
    // A 1-cell read at 1 splits the 4-block [0,4): all four cells are touched, so chunk size 2
    // gives two final blocks.
    auto r2 = run(scenario(R"({"initial_block_size":4,"finalize_chunk":2,
                                       "ops":[{"op":"read","as":1,"ptr":1,"len":1}]})"));
    ASSERT_TRUE(r2.ok());
    ASSERT_EQ(r2->final_memory->blocks.size(), 2u);
    EXPECT_EQ(r2->final_memory->blocks[0], (FinalBlock{1, 0, 1, bb({0, 0})}));
    EXPECT_EQ(r2->final_memory->blocks[1], (FinalBlock{1, 2, 0, bb({0, 0})}));
}

// R22, R23 with initial blocks smaller than the chunk: only the touched cell's chunk is finalized,
// its untouched neighbours join at timestamp 0.
// Covers R22.
TEST_P(Offline, R22_single_touched_cell_pulls_in_its_chunk) {
    auto r = run(scenario(R"({"initial_block_size":1,"finalize_chunk":4,
                                      "ops":[{"op":"write","as":1,"ptr":5,"data":[9]}]})"));
    ASSERT_TRUE(r.ok());
    const std::vector<AccessAdapterRecord> expected = {merge_rec(2, 1, 4, 0, 1, bb({0, 9})), merge_rec(2, 1, 6, 0, 0, bb({0, 0})),
                                                       merge_rec(4, 1, 4, 1, 0, bb({0, 9, 0, 0}))};
    EXPECT_EQ(r->adapter_records, expected);
    ASSERT_EQ(r->final_memory->blocks.size(), 1u);
    EXPECT_EQ(r->final_memory->blocks[0], (FinalBlock{1, 4, 1, bb({0, 9, 0, 0})}));
}
