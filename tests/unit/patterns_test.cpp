// The usage patterns of spec/memory.md §9 (R30-R36): what they generate, and their runs on each engine.
#include <gtest/gtest.h>

#include <map>

#include "spec/workloads/patterns.hpp"
#include "spec/workloads/workloads.hpp"
#include "tests/support/engines.hpp"
#include "tests/support/scenario_helpers.hpp"

using namespace memspec;
using namespace memspec::testing;
using namespace memspec::patterns;

class Patterns : public EachEngine {};  // the TEST_Ps below; the TESTs check generated ops alone
MEMSPEC_ON_EACH_ENGINE(Patterns);

// Covers R30.
TEST_P(Patterns, R30_sequential_write_pads_last_chunk_with_zeros) {
    std::vector<Op> ops;
    const std::vector<std::uint64_t> data = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    sequential_write(ops, 1, 16, data, 8);
    ASSERT_EQ(ops.size(), 2u);
    EXPECT_EQ(ops[0], Op::write(1, 16, {1, 2, 3, 4, 5, 6, 7, 8}));
    EXPECT_EQ(ops[1], Op::write(1, 24, {9, 10, 0, 0, 0, 0, 0, 0}));
    Scenario sc;
    sc.initial_block_size = 8;
    sc.finalize_chunk = 8;
    sc.ops = ops;
    auto r = run(sc);
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r->adapter_records.empty());  // chunk-aligned 8-writes over 8-blocks need no adapters
    ASSERT_EQ(r->final_memory->blocks.size(), 2u);
    EXPECT_EQ(r->final_memory->blocks[1].values, bb({9, 10, 0, 0, 0, 0, 0, 0}));
}

// The naive buffer, reproduced to show the bug R31 fixes: a map keyed by start pointer, flushed
// sorted by address.
static std::vector<Op> seed_buffered(const std::vector<Op>& writes) {
    std::map<std::pair<std::uint64_t, std::uint64_t>, std::vector<std::uint64_t>> buffer;
    for (const Op& w : writes) buffer[{w.address_space, w.pointer}] = w.data;
    std::vector<Op> out;
    for (const auto& [key, data] : buffer) out.push_back(Op::write(key.first, key.second, data));
    return out;
}

// Covers R31.
TEST_P(Patterns, R31_seed_buffer_breaks_overlapping_writes) {
    // Program order: a 1-cell write at 4, then an 8-cell write over [0, 8): cell 4 must end as 14.
    const std::vector<Op> program = {Op::write(1, 4, {99}), Op::write(1, 0, {10, 11, 12, 13, 14, 15, 16, 17})};
    auto final_of = [this](std::vector<Op> ops) {
        Scenario sc;
        sc.finalize_chunk = 1;
        sc.ops = std::move(ops);
        auto r = run(sc);
        EXPECT_TRUE(r.ok());
        return r.ok() ? r->final_memory->blocks : std::vector<FinalBlock>{};
    };
    const auto expected = final_of(program);
    ASSERT_EQ(expected.size(), 8u);
    EXPECT_EQ(expected[4].values, bb({14}));

    const auto seed = final_of(seed_buffered(program));
    ASSERT_EQ(seed.size(), 8u);
    EXPECT_EQ(seed[4].values, bb({99})) << "the seed's sort lets the earlier short write win";

    std::vector<Op> ours;
    WriteBuffer buffer(16);
    for (const Op& w : program) buffer.buffered_write(ours, 1, static_cast<std::uint32_t>(w.pointer), w.data);
    buffer.flush(ours);
    const auto got = final_of(ours);
    ASSERT_EQ(got.size(), expected.size());
    for (std::size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i].values, expected[i].values) << i;
}

// Covers R31.
TEST_P(Patterns, R31_same_start_different_lengths_keeps_all_cells) {
    // The naive buffer's map would drop the 4-cell write's cells 1..3 when the 1-cell write replaces it.
    std::vector<Op> ours;
    WriteBuffer buffer(16);
    buffer.buffered_write(ours, 1, 0, {1, 2, 3, 4});
    buffer.buffered_write(ours, 1, 0, {9});
    buffer.flush(ours);
    Scenario sc;
    sc.ops = ours;
    sc.ops.push_back(Op::read(1, 0, 4));
    auto r = run(sc);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->reads.back(), bb({9, 2, 3, 4}));
    EXPECT_EQ(seed_buffered({Op::write(1, 0, {1, 2, 3, 4}), Op::write(1, 0, {9})}).size(), 1u);
}

// Covers R31.
TEST(Patterns, R31_disjoint_writes_are_sorted_and_threshold_flushes) {
    std::vector<Op> ops;
    WriteBuffer buffer(3);
    buffer.buffered_write(ops, 1, 40, {1});
    buffer.buffered_write(ops, 2, 0, {2});
    EXPECT_TRUE(ops.empty());
    EXPECT_EQ(buffer.pending(), 2u);
    buffer.buffered_write(ops, 1, 8, {3, 4});
    ASSERT_EQ(ops.size(), 3u);  // threshold reached
    EXPECT_EQ(ops[0], Op::write(1, 8, {3, 4}));
    EXPECT_EQ(ops[1], Op::write(1, 40, {1}));
    EXPECT_EQ(ops[2], Op::write(2, 0, {2}));
}

// Covers R32.
TEST(Patterns, R32_variable_size_read_rounds_up) {
    std::vector<Op> ops;
    MemoryConfig c;
    c.max_access_adapter_n = 8;
    ASSERT_TRUE(variable_size_read(ops, c, 1, 0, 5).ok());
    ASSERT_TRUE(variable_size_read(ops, c, 1, 0, 1).ok());
    ASSERT_TRUE(variable_size_read(ops, c, 1, 0, 8).ok());
    EXPECT_EQ(ops, (std::vector<Op>{Op::read(1, 0, 8), Op::read(1, 0, 1), Op::read(1, 0, 8)}));
    EXPECT_EQ(variable_size_read(ops, c, 1, 0, 9).error().kind, ErrorKind::OutOfBounds);
    EXPECT_EQ(variable_size_read(ops, c, 1, 0, 0).error().kind, ErrorKind::SizeNotPowerOfTwo);
    EXPECT_EQ(ops.size(), 3u);
}

// Covers R33.
TEST(Patterns, R33_allocation_per_address_space) {
    std::vector<Op> ops;
    MemoryConfig c;
    c.pointer_max_bits = 4;
    Allocator alloc;
    EXPECT_EQ(*alloc.allocate(ops, c, AddressSpace::Heap, 3), 0u);
    EXPECT_EQ(*alloc.allocate(ops, c, AddressSpace::Heap, 2), 3u);
    EXPECT_EQ(*alloc.allocate(ops, c, AddressSpace::Stack, 1), 0u);
    EXPECT_EQ(ops.size(), 6u);
    EXPECT_EQ(ops[3], Op::write(3, 3, {0}));
    EXPECT_EQ(ops[5], Op::write(2, 0, {0}));
    auto full = alloc.allocate(ops, c, AddressSpace::Heap, 12);  // 5 + 12 > 16
    ASSERT_FALSE(full.ok());
    EXPECT_EQ(full.error().kind, ErrorKind::OutOfBounds);
    EXPECT_EQ(ops.size(), 6u);
    EXPECT_EQ(*alloc.allocate(ops, c, AddressSpace::Heap, 11), 5u);  // nothing was taken by the failure
}

// Covers R34.
TEST_P(Patterns, R34_program_image_and_stack) {
    const std::vector<std::uint8_t> program = {0x13, 0x05, 0xff};
    Scenario sc;
    sc.initial_memory = load_program_image(program);
    sc.initial_block_size = 8;
    sc.finalize_chunk = 8;
    sc.ops = {Op::read(1, 0, 4), Op::read(2, STACK_START, 2), Op::read(2, STACK_START + STACK_SIZE, 1)};
    auto r = run(sc);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->reads[0], bb({0x13, 0x05, 0xff, 0}));
    EXPECT_EQ(r->reads[1], bb({0, 0}));
    EXPECT_EQ(sc.initial_memory.size(), 3u + STACK_SIZE);
    sc.finalize_chunk = 1;  // the volatile profile cannot carry an image (R13)
    EXPECT_EQ(run(sc).error().kind, ErrorKind::InvalidConfig);
}

// Covers R35.
TEST(Patterns, R35_verifier_lists_mismatches_and_missing) {
    TimestampedEquipartition fm{2, {{1, 0, 3, bb({5, 6})}, {1, 8, 1, bb({0, 7})}}};
    Expectation e;
    e.cells[{1, 0}] = 5;   // matches
    e.cells[{1, 1}] = 9;   // mismatch: 6
    e.cells[{1, 9}] = 7;   // matches
    e.cells[{1, 4}] = 0;   // missing chunk
    e.cells[{2, 0}] = 1;   // missing address space
    const auto errors = verify_final_memory(e, fm);
    const std::vector<std::string> expected = {"Mismatch at (1, 1): expected 9, got 6", "Missing memory at (1, 4)",
                                               "Missing memory at (2, 0)"};
    EXPECT_EQ(errors, expected);
    Expectation good;
    good.cells[{1, 9}] = 7;
    EXPECT_TRUE(verify_final_memory(good, fm).empty());
}

// Covers R35.
TEST_P(Patterns, R35_last_write_wins_matches_a_workload) {
    auto sc = scenario(R"({"finalize_chunk":4,"ops":[{"op":"write","as":1,"ptr":0,"data":[1,2]},
        {"op":"write","as":1,"ptr":1,"data":[7]},{"op":"write","as":2,"ptr":6,"data":[3,4]}]})");
    const Expectation e = last_write_wins(sc);
    EXPECT_EQ(e.cells.size(), 4u);
    EXPECT_EQ(e.cells.at({1, 1}), 7u);
    auto r = run(sc);
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(verify_final_memory(e, *r->final_memory).empty());
}

// Covers R36.
TEST_P(Patterns, R36_random_single_cell_reads) {
    std::vector<Op> ops;
    const std::vector<std::pair<std::uint32_t, std::uint32_t>> addrs = {{1, 5}, {3, 0}, {1, 5}};
    random_reads(ops, addrs);
    EXPECT_EQ(ops, (std::vector<Op>{Op::read(1, 5, 1), Op::read(3, 0, 1), Op::read(1, 5, 1)}));
    Scenario sc;
    sc.ops = {Op::write(1, 5, {8})};
    sc.ops.insert(sc.ops.end(), ops.begin(), ops.end());
    auto r = run(sc);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->reads, (std::vector<std::vector<BabyBear>>{bb({8}), bb({0}), bb({8})}));
}

TEST_P(Patterns, workloads_are_deterministic_and_run) {
    for (const auto& w : workloads()) {
        auto a = make_workload(w.name, 2000);
        auto b = make_workload(w.name, 2000);
        ASSERT_TRUE(a.ok()) << w.name;
        EXPECT_EQ(*a, *b) << w.name;
        auto r = run(*a);
        ASSERT_TRUE(r.ok()) << w.name << ": " << r.error().message;
        ASSERT_TRUE(r->final_memory.has_value());
        EXPECT_TRUE(verify_final_memory(last_write_wins(*a), *r->final_memory).empty()) << w.name;
    }
    EXPECT_EQ(make_workload("nope").error().kind, ErrorKind::ParseError);
}
