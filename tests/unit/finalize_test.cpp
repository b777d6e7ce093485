// Finalize (R23-R26).
#include <gtest/gtest.h>

#include "tests/support/engines.hpp"
#include "tests/support/scenario_helpers.hpp"

using namespace memspec;
using namespace memspec::testing;

class Finalize : public EachEngine {};
MEMSPEC_ON_EACH_ENGINE(Finalize);

// R23: chunks are visited in ascending (as, ptr) order whatever order they were touched in.
// Covers R23.
TEST_P(Finalize, R23_ascending_order) {
    auto r = run(scenario(R"({"initial_block_size":1,"finalize_chunk":2,"ops":[
        {"op":"write","as":2,"ptr":9,"data":[3]},{"op":"write","as":1,"ptr":5,"data":[2]},{"op":"write","as":1,"ptr":0,"data":[1]}]})"));
    ASSERT_TRUE(r.ok());
    const std::vector<AccessAdapterRecord> expected = {merge_rec(2, 1, 0, 3, 0, bb({1, 0})), merge_rec(2, 1, 4, 0, 2, bb({0, 2})),
                                                       merge_rec(2, 2, 8, 0, 1, bb({0, 3}))};
    EXPECT_EQ(r->adapter_records, expected);
    const std::vector<FinalBlock> blocks = {{1, 0, 3, bb({1, 0})}, {1, 4, 2, bb({0, 2})}, {2, 8, 1, bb({0, 3})}};
    EXPECT_EQ(r->final_memory->blocks, blocks);
}

// R24: with CHUNK = 1 and initial blocks of 1, finalize only splits: a 4-cell write becomes four
// cells at the write's timestamp.
// Covers R24.
TEST_P(Finalize, R24_volatile_finalize_only_splits) {
    auto r = run(scenario(R"({"finalize_chunk":1,"ops":[{"op":"write","as":1,"ptr":0,"data":[1,2,3,4]},
                                                                 {"op":"read","as":1,"ptr":2,"len":1}]})"));
    ASSERT_TRUE(r.ok());
    const std::vector<FinalBlock> blocks = {{1, 0, 1, bb({1})}, {1, 1, 1, bb({2})}, {1, 2, 2, bb({3})}, {1, 3, 1, bb({4})}};
    EXPECT_EQ(r->final_memory->blocks, blocks);
    // Records after the three merges of the write: the read's split chain 4@0 then 2@2, then
    // finalize's split of [0,2).
    ASSERT_EQ(r->adapter_records.size(), 6u);
    EXPECT_EQ(r->adapter_records[3], split_rec(4, 1, 0, 1, bb({1, 2, 3, 4})));
    EXPECT_EQ(r->adapter_records[4], split_rec(2, 1, 2, 1, bb({3, 4})));
    EXPECT_EQ(r->adapter_records[5], split_rec(2, 1, 0, 1, bb({1, 2})));
}

// R24: a 32-block is split down to chunks of 8, each keeping the block's timestamp.
// Covers R24.
TEST_P(Finalize, R24_large_blocks_split_to_chunks) {
    auto r = run(scenario(R"({"initial_block_size":8,"finalize_chunk":8,"ops":[{"op":"tick","by":4},
        {"op":"read","as":3,"ptr":32,"len":32}]})"));
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->final_memory->blocks.size(), 4u);
    for (std::uint32_t i = 0; i < 4; ++i)
        EXPECT_EQ(r->final_memory->blocks[i], (FinalBlock{3, 32 + 8 * i, 5, std::vector<BabyBear>(8)}));
}

// Covers R25.
TEST_P(Finalize, R25_clock_unchanged) {
    auto r = run(scenario(R"({"initial_block_size":1,"finalize_chunk":32,"ops":[{"op":"write","as":1,"ptr":3,"data":[1]}]})"));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->final_timestamp, 2u);
    EXPECT_GT(r->adapter_records.size(), 0u);  // finalize did work, and still the clock stayed
}

// Covers R26.
TEST_P(Finalize, R26_absent_chunk_no_final_memory) {
    auto r = run(scenario(R"({"ops":[{"op":"write","as":1,"ptr":3,"data":[1]}]})"));
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(r->final_memory.has_value());
    auto empty = run(scenario(R"({"finalize_chunk":4})"));
    ASSERT_TRUE(empty.ok());
    ASSERT_TRUE(empty->final_memory.has_value());
    EXPECT_TRUE(empty->final_memory->blocks.empty());  // offline.rs test_finalize_empty
    EXPECT_TRUE(empty->adapter_records.empty());
}
