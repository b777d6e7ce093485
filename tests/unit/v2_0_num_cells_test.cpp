// R330-R331: OpenVM v2.0's per-address-space cell counts in the scenario config, and v1.0 scenarios
// that v2.0 refuses, each with a typed error naming the v2.0 rule. Expected values are worked out by
// hand from the rules (spec/memory.md section 21).
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "spec/interchange/interchange.hpp"
#include "spec/interchange/scenario_reader.hpp"
#include "spec/vocabulary/profiles/openvm_v2_0.hpp"
#include "spec/vocabulary/profiles/registry.hpp"
#include "spec/vocabulary/scenario.hpp"
#include "tests/support/engines.hpp"

namespace memspec {
namespace {

using testing::EachEngine;

// OpenVM v2.0.0's default table with 64 public values, as SystemConfig::with_public_values(64) sets
// it (crates/vm/src/arch/config.rs:271-274), and address space 5 given 8 field cells.
constexpr const char* CELLS_64 = R"("num_cells":[0,128,536870912,64,16384,8,0,0,0])";

std::string v2_doc(const std::string& ops, const std::string& config = "", const std::string& image = "[]") {
    return R"({"profile":"openvm-v2.0","config":{)" + config + R"(},"initial_memory":)" + image + R"(,"ops":[)" + ops +
           R"(],"finalize_chunk":4})";
}

// The setup's error (InvalidConfig, OutOfBounds, ...), its message naming `rule`; no op ran.
void expect_setup_error(const std::string& json, ErrorKind kind, const std::string& rule) {
    auto sc = parse_scenario(json);
    ASSERT_TRUE(sc.ok()) << sc.error().message;
    const auto setup = validate_setup(*sc);
    ASSERT_FALSE(setup.ok()) << json;
    EXPECT_EQ(setup.error().kind, kind) << setup.error().message;
    EXPECT_NE(setup.error().message.find(rule), std::string::npos) << setup.error().message;
}

class V2NumCells : public EachEngine {
protected:
    Result<RunResult> run_doc(const std::string& json) const {
        auto sc = parse_scenario(json);
        if (!sc) return sc.error();
        return run(*sc);
    }
    // The run stops at op `op_index` with `kind`, its message naming every rule of `rules`.
    void expect_op_error(const std::string& json, ErrorKind kind, std::size_t op_index, const std::vector<std::string>& rules) const {
        auto r = run_doc(json);
        ASSERT_FALSE(r.ok()) << json;
        EXPECT_EQ(r.error().kind, kind) << r.error().message;
        ASSERT_TRUE(r.error().op_index.has_value()) << r.error().message;
        EXPECT_EQ(*r.error().op_index, op_index) << r.error().message;
        for (const std::string& rule : rules) EXPECT_NE(r.error().message.find(rule), std::string::npos) << r.error().message;
    }
};
MEMSPEC_ON_EACH_ENGINE(V2NumCells);

// R330: with 64 public values, the block [60, 64) of address space 3 exists and [64, 68) does not;
// under the default table (32) already [32, 36) does not.
TEST_P(V2NumCells, R330_public_values_follow_num_cells) {
    auto r = run_doc(v2_doc(R"({"op":"write","as":3,"ptr":60,"data":[1,2,3,4]},{"op":"read","as":3,"ptr":60,"len":4})", CELLS_64));
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_EQ(r->records.size(), 2u);
    // The read at clock 2 sees the write at clock 1 and its values.
    EXPECT_EQ(r->records[1].prev_timestamp, 1u);
    EXPECT_EQ(r->records[1].data, (std::vector<BabyBear>{BabyBear::from_canonical(1), BabyBear::from_canonical(2),
                                                         BabyBear::from_canonical(3), BabyBear::from_canonical(4)}));
    ASSERT_TRUE(r->final_memory.has_value());
    ASSERT_EQ(r->final_memory->blocks.size(), 1u);
    EXPECT_EQ(r->final_memory->blocks[0].address_space, 3u);
    EXPECT_EQ(r->final_memory->blocks[0].pointer, 60u);
    expect_op_error(v2_doc(R"({"op":"read","as":3,"ptr":60,"len":4},{"op":"read","as":3,"ptr":64,"len":4})", CELLS_64),
                    ErrorKind::OutOfBounds, 1, {"R217", "R330", "64 cells"});
    expect_op_error(v2_doc(R"({"op":"read","as":3,"ptr":32,"len":4})"), ErrorKind::OutOfBounds, 0, {"R217", "32 cells"});
}

// R330: a count can shrink a space (memory to 16 cells) or give cells to one the default leaves
// empty (address space 5: field cells, so 300 is a value it can hold).
TEST_P(V2NumCells, R330_counts_shrink_and_grow_spaces) {
    const std::string small = R"("num_cells":[0,128,16,32,16384,8,0,0,0])";
    ASSERT_TRUE(run_doc(v2_doc(R"({"op":"write","as":2,"ptr":12,"data":[1,2,3,4]})", small)).ok());
    expect_op_error(v2_doc(R"({"op":"write","as":2,"ptr":16,"data":[1,2,3,4]})", small), ErrorKind::OutOfBounds, 0, {"R330"});
    auto r = run_doc(v2_doc(R"({"op":"write","as":5,"ptr":4,"data":[300,0,0,7]})", small));
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->records[0].data[0], BabyBear::from_canonical(300));
    expect_op_error(v2_doc(R"({"op":"write","as":5,"ptr":8,"data":[1,2,3,4]})", small), ErrorKind::OutOfBounds, 0, {"R330"});
    // Without the key, address space 5 has no cells (R214).
    expect_op_error(v2_doc(R"({"op":"write","as":5,"ptr":4,"data":[1,2,3,4]})"), ErrorKind::OutOfBounds, 0, {"R217"});
}

// R330: a count need not be a multiple of 4; a block that only partly lies inside it is out of bounds.
TEST_P(V2NumCells, R330_a_block_partly_past_the_count_is_out_of_bounds) {
    auto sc = parse_scenario(v2_doc(R"({"op":"write","as":3,"ptr":28,"data":[9,9,9,9]})", R"("num_cells":[0,128,536870912,30,16384,0,0,0,0])"));
    ASSERT_TRUE(sc.ok());
    // 30 cells: [28, 32) runs past them (OpenVM's bound is on the cell count, not on whole blocks).
    auto r = run(*sc);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::OutOfBounds);
    EXPECT_NE(r.error().message.find("30 cells"), std::string::npos) << r.error().message;
    EXPECT_TRUE(run_doc(v2_doc(R"({"op":"write","as":3,"ptr":24,"data":[9,9,9,9]})", R"("num_cells":[0,128,536870912,30,16384,0,0,0,0])")).ok());
}

TEST(V2NumCellsSetup, R330_the_table_must_be_openvms) {
    // 8 entries instead of (1 << 3) + 1 = 9.
    expect_setup_error(v2_doc("", R"("num_cells":[0,128,536870912,32,16384,0,0,0])"), ErrorKind::InvalidConfig, "R330");
    // Address space 0 with cells (AddressMap::new asserts it has none).
    expect_setup_error(v2_doc("", R"("num_cells":[4,128,536870912,32,16384,0,0,0,0])"), ErrorKind::InvalidConfig, "R330");
    // A count above 2^29 = 536870912; 2^29 itself is the default memory space.
    expect_setup_error(v2_doc("", R"("num_cells":[0,128,536870913,32,16384,0,0,0,0])"), ErrorKind::InvalidConfig, "R330");
    auto sc = parse_scenario(v2_doc("", R"("num_cells":[0,128,536870912,32,16384,0,0,0,0])"));
    ASSERT_TRUE(sc.ok());
    EXPECT_TRUE(validate_setup(*sc).ok());
}

// Every profile of the registry but openvm-v2.0, so one added later is held to it too.
TEST(V2NumCellsSetup, R330_other_profiles_refuse_the_key) {
    int others = 0;
    for (const ProfileEntry& e : profile_registry()) {
        if (e.id == Profile::openvm_v2_0) continue;
        ++others;
        const std::string head = R"("profile":")" + std::string(e.name) + R"(")";
        SCOPED_TRACE(head);
        expect_setup_error("{" + head + R"(,"config":{"num_cells":[0,128,536870912,32,16384,0,0,0,0]},"ops":[]})",
                           ErrorKind::InvalidConfig, "R330");
    }
    EXPECT_GE(others, 7);  // generalized, v1.0 x2, v1.4 x2, v1.6, v1.7
}

TEST(V2NumCellsSetup, R330_image_cells_follow_num_cells) {
    const std::string image = R"([{"as":3,"ptr":40,"value":7}])";
    auto sc = parse_scenario(v2_doc("", CELLS_64, image));
    ASSERT_TRUE(sc.ok());
    EXPECT_TRUE(validate_setup(*sc).ok());
    expect_setup_error(v2_doc("", "", image), ErrorKind::OutOfBounds, "R214");
    // With a table given, the error names R330 too.
    expect_setup_error(v2_doc("", R"("num_cells":[0,128,536870912,40,16384,0,0,0,0])", image), ErrorKind::OutOfBounds, "R330");
}

// R330: the key is written back only when given, so a document without it keeps its bytes.
TEST(V2NumCellsSetup, R330_round_trips_and_is_written_only_when_given) {
    auto with = parse_scenario(v2_doc("", CELLS_64));
    ASSERT_TRUE(with.ok());
    EXPECT_EQ(with->config.num_cells, (std::vector<std::uint64_t>{0, 128, 536870912, 64, 16384, 8, 0, 0, 0}));
    const std::string text = to_json(*with);
    EXPECT_NE(text.find(R"("num_cells":[0,128,536870912,64,16384,8,0,0,0])"), std::string::npos) << text;
    auto again = parse_scenario(text);
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ(again->config, with->config);
    auto without = parse_scenario(v2_doc(""));
    ASSERT_TRUE(without.ok());
    EXPECT_TRUE(without->config.num_cells.empty());
    EXPECT_EQ(to_json(*without).find("num_cells"), std::string::npos);
    // Not an array of integers: a ParseError.
    EXPECT_EQ(parse_scenario(v2_doc("", R"("num_cells":[0,"a"])")).error().kind, ErrorKind::ParseError);
    EXPECT_EQ(parse_scenario(v2_doc("", R"("num_cells":5)")).error().kind, ErrorKind::ParseError);
}

// R331 (R221): v1.0 scenarios that OpenVM v2.0 cannot run are refused with a typed error naming
// the v2.0 rule — at setup for the setup, at the op for an op — never run under another meaning.
TEST_P(V2NumCells, R331_v1_0_scenarios_are_refused_naming_the_v2_rule) {
    // Unaligned: a 4-cell write at 2 (v1.0 checks no alignment, R8): R217 item 5.
    expect_op_error(v2_doc(R"({"op":"write","as":2,"ptr":2,"data":[1,2,3,4]})"), ErrorKind::UnalignedAccess, 0, {"R217"});
    // Wrong size: an 8-cell read (v1.0: one access up to max_access_adapter_n, R7): R217 item 4.
    expect_op_error(v2_doc(R"({"op":"write","as":2,"ptr":0,"data":[1,2,3,4]},{"op":"read","as":2,"ptr":0,"len":8})"),
                    ErrorKind::OutOfBounds, 1, {"R217", "4-cell"});
    // Wrong size, not a power of two: a 3-cell read: R217 item 3.
    expect_op_error(v2_doc(R"({"op":"read","as":2,"ptr":0,"len":3})"), ErrorKind::SizeNotPowerOfTwo, 0, {"R217"});
    // Address space 0: v1.0's immediate read (R5): R217 item 1, an immediate is a tick (R218).
    expect_op_error(v2_doc(R"({"op":"read","as":0,"ptr":7,"len":1})"), ErrorKind::InvalidAddressSpace, 0, {"R217", "tick"});
    // Beyond num_cells: register 32 (v1.0's address spaces have 2^pointer_max_bits cells, R6).
    expect_op_error(v2_doc(R"({"op":"write","as":1,"ptr":128,"data":[1,2,3,4]})"), ErrorKind::OutOfBounds, 0, {"R217", "128 cells"});
    // A u8 space given 256 (v1.0's cells are field elements, R1): R217 item 7.
    expect_op_error(v2_doc(R"({"op":"write","as":2,"ptr":0,"data":[256,0,0,0]})"), ErrorKind::InvalidValue, 0, {"R217"});
}

TEST(V2NumCellsSetup, R331_v1_0_setups_are_refused_naming_the_v2_rule) {
    // The volatile boundary requested: v1.0-volatile's finalize_chunk 1 (v2.0 has no volatile boundary).
    expect_setup_error(R"({"profile":"openvm-v2.0","ops":[{"op":"write","as":2,"ptr":0,"data":[1,2,3,4]}],"finalize_chunk":1})",
                       ErrorKind::InvalidConfig, "R213");
    // v1.0-volatile's initial_block_size 1 and v1.0-persistent's 8.
    expect_setup_error(R"({"profile":"openvm-v2.0","initial_block_size":1,"ops":[],"finalize_chunk":4})", ErrorKind::InvalidConfig, "R213");
    expect_setup_error(R"({"profile":"openvm-v2.0","initial_block_size":8,"ops":[],"finalize_chunk":8})", ErrorKind::InvalidConfig, "R213");
    // v1.0's free table: another address-space height.
    expect_setup_error(R"({"profile":"openvm-v2.0","config":{"as_height":2},"ops":[]})", ErrorKind::InvalidConfig, "R213");
    // An image cell beyond the table's count (register 200).
    expect_setup_error(R"({"profile":"openvm-v2.0","initial_memory":[{"as":1,"ptr":200,"value":1}],"ops":[]})", ErrorKind::OutOfBounds, "R214");
}

}  // namespace
}  // namespace memspec
