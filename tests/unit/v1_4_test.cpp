// R260-R271: OpenVM v1.4's memory (spec/memory.md section 20), each rule on both v1.4 engines,
// through the reader and the one driver. Every expected record is worked out by hand from the
// rules (and from OpenVM v1.4.0's crates/vm/src/system/memory/online.rs), never by an engine.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "spec/air/check.hpp"
#include "spec/air/tracegen.hpp"
#include "spec/interchange/interchange.hpp"
#include "spec/vocabulary/profiles/openvm_v1_4.hpp"
#include "spec/vocabulary/profiles/registry.hpp"
#include "tests/support/engines.hpp"

namespace memspec {
namespace {

using testing::EachEngine;

// A v1.4 document under the persistent (CHUNK 8) or volatile (CHUNK 1) profile.
std::string v14_doc(const std::string& ops, bool persistent = true, const std::string& config = "", const std::string& image = "[]") {
    const std::string chunk = persistent ? "8" : "1";
    return std::string(R"({"profile":")") + (persistent ? "openvm-v1.4-persistent" : "openvm-v1.4-volatile") + R"(","config":{)" + config +
           R"(},"initial_block_size":)" + chunk + R"(,"initial_memory":)" + image + R"(,"ops":[)" + ops + R"(],"finalize_chunk":)" + chunk +
           "}";
}

std::vector<BabyBear> vals(std::initializer_list<std::uint32_t> v) {
    std::vector<BabyBear> out;
    for (std::uint32_t x : v) out.push_back(BabyBear::from_canonical(x));
    return out;
}
std::vector<BabyBear> zeros(std::uint32_t n) { return std::vector<BabyBear>(n); }

AccessAdapterRecord split_row(std::uint32_t n, std::uint32_t as, std::uint32_t ptr, std::uint32_t ts, std::vector<BabyBear> data) {
    return {n, AdapterKind::Split, as, ptr, ts, ts, std::move(data)};
}
AccessAdapterRecord merge_row(std::uint32_t n, std::uint32_t as, std::uint32_t ptr, std::uint32_t left, std::uint32_t right,
                          std::vector<BabyBear> data) {
    return {n, AdapterKind::Merge, as, ptr, left, right, std::move(data)};
}

class V14Access : public EachEngine {
protected:
    Result<RunResult> run_doc(const std::string& json) const {
        auto sc = parse_scenario(json);
        if (!sc) return sc.error();
        return run(*sc);
    }
    RunResult ok(const std::string& json) const {
        auto r = run_doc(json);
        EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
        return r.ok() ? *r : RunResult{};
    }
    void expect_error(const std::string& json, ErrorKind kind, std::size_t op_index, const std::string& part) const {
        auto r = run_doc(json);
        ASSERT_FALSE(r.ok()) << json;
        EXPECT_EQ(r.error().kind, kind) << r.error().message;
        ASSERT_TRUE(r.error().op_index.has_value()) << r.error().message;
        EXPECT_EQ(*r.error().op_index, op_index);
        EXPECT_NE(r.error().message.find(part), std::string::npos) << r.error().message;
    }
};
MEMSPEC_ON_EACH_ENGINE(V14Access);

// R264, R265, R267, R270: a 4-cell write in AS2 (minimum block 4) cuts its initial 8-block at
// timestamp 0; the read of the same block emits nothing; finalize merges the two halves of the chunk.
TEST_P(V14Access, R265_an_exact_block_emits_no_record) {
    const RunResult r = ok(v14_doc(R"({"op":"write","as":2,"ptr":0,"data":[1,2,3,4]},{"op":"read","as":2,"ptr":0,"len":4})"));
    ASSERT_EQ(r.records.size(), 2u);
    EXPECT_EQ(r.records[0], (AccessRecord{AccessKind::Write, 2, 0, 1, 0, vals({1, 2, 3, 4}), zeros(4)}));
    EXPECT_EQ(r.records[1], (AccessRecord{AccessKind::Read, 2, 0, 2, 1, vals({1, 2, 3, 4}), {}}));
    const std::vector<AccessAdapterRecord> expected = {
        split_row(8, 2, 0, 0, zeros(8)),                          // R267: the initial block [0, 8) at timestamp 0
        merge_row(8, 2, 0, 2, 0, vals({1, 2, 3, 4, 0, 0, 0, 0})),  // R270: finalize's chunk from the pieces at 2 and 0
    };
    EXPECT_EQ(r.adapter_records, expected);
    ASSERT_TRUE(r.final_memory.has_value());
    ASSERT_EQ(r.final_memory->blocks.size(), 1u);
    EXPECT_EQ(r.final_memory->blocks[0], (FinalBlock{2, 0, 2, vals({1, 2, 3, 4, 0, 0, 0, 0})}));
    EXPECT_EQ(r.final_timestamp, 3u);
}

// R266, R268: an 8-cell write at 4 (aligned to the minimum 4, not to 8) initializes two initial
// blocks, then one merge; a 4-cell read inside it splits the whole 8-block back to minimum pieces.
TEST_P(V14Access, R266_overlapping_blocks_are_split_to_the_minimum_then_merged_once) {
    const RunResult r = ok(v14_doc(R"({"op":"write","as":2,"ptr":4,"data":[1,2,3,4,5,6,7,8]},{"op":"read","as":2,"ptr":8,"len":4})"));
    ASSERT_EQ(r.records.size(), 2u);
    EXPECT_EQ(r.records[0], (AccessRecord{AccessKind::Write, 2, 4, 1, 0, vals({1, 2, 3, 4, 5, 6, 7, 8}), zeros(8)}));
    EXPECT_EQ(r.records[1], (AccessRecord{AccessKind::Read, 2, 8, 2, 1, vals({5, 6, 7, 8}), {}}));
    const std::vector<AccessAdapterRecord> expected = {
        split_row(8, 2, 0, 0, zeros(8)),                          // R267: piece 4 lies in the initial block [0, 8)
        split_row(8, 2, 8, 0, zeros(8)),                          // R267: piece 8 lies in [8, 16)
        merge_row(8, 2, 4, 0, 0, zeros(8)),                       // R268: the access's block from its two pieces
        split_row(8, 2, 4, 1, vals({1, 2, 3, 4, 5, 6, 7, 8})),    // R266: the read splits [4, 12) at its timestamp 1
        merge_row(8, 2, 0, 0, 1, vals({0, 0, 0, 0, 1, 2, 3, 4})),  // R270: chunk [0, 8) from pieces at 0 and 1
        merge_row(8, 2, 8, 2, 0, vals({5, 6, 7, 8, 0, 0, 0, 0})),  // R270: chunk [8, 16) from pieces at 2 and 0
    };
    EXPECT_EQ(r.adapter_records, expected);
    ASSERT_TRUE(r.final_memory.has_value());
    ASSERT_EQ(r.final_memory->blocks.size(), 2u);
    EXPECT_EQ(r.final_memory->blocks[0], (FinalBlock{2, 0, 1, vals({0, 0, 0, 0, 1, 2, 3, 4})}));
    EXPECT_EQ(r.final_memory->blocks[1], (FinalBlock{2, 8, 2, vals({5, 6, 7, 8, 0, 0, 0, 0})}));
}

// R267, R269, R270 (volatile): the initial block size 1 is below AS2's minimum 4, so an untouched
// piece is merged from four initial cells of value 0 at timestamp 0 (rows n = 2, 2, 4); finalize
// with CHUNK 1 splits the piece back to cells (rows n = 2, 2, 4) and emits one final cell each.
TEST_P(V14Access, R267_volatile_pieces_are_merged_from_initial_cells) {
    const RunResult r = ok(v14_doc(R"({"op":"write","as":2,"ptr":0,"data":[1,2,3,4]})", false));
    const std::vector<AccessAdapterRecord> expected = {
        merge_row(2, 2, 0, 0, 0, zeros(2)),     merge_row(2, 2, 2, 0, 0, zeros(2)),     merge_row(4, 2, 0, 0, 0, zeros(4)),
        split_row(2, 2, 0, 1, vals({1, 2})), split_row(2, 2, 2, 1, vals({3, 4})), split_row(4, 2, 0, 1, vals({1, 2, 3, 4})),
    };
    EXPECT_EQ(r.adapter_records, expected);
    ASSERT_TRUE(r.final_memory.has_value());
    ASSERT_EQ(r.final_memory->blocks.size(), 4u);
    for (std::uint32_t i = 0; i < 4; ++i) EXPECT_EQ(r.final_memory->blocks[i], (FinalBlock{2, i, 1, vals({i + 1})}));
}

// R262, R266, R269: AS4 (native, minimum block 1): the initial 8-block is split to single cells
// (rows n = 2 x4, 4 x2, 8), a 2-cell access at 3 is merged from cells 3 and 4, and a 1-cell read of
// cell 4 splits that block again; field values above 255 are cells of this space.
TEST_P(V14Access, R269_rows_go_level_by_level_from_the_smallest) {
    const RunResult r = ok(v14_doc(R"({"op":"write","as":4,"ptr":3,"data":[7,1073741824]},{"op":"read","as":4,"ptr":4,"len":1})"));
    ASSERT_EQ(r.records.size(), 2u);
    EXPECT_EQ(r.records[1], (AccessRecord{AccessKind::Read, 4, 4, 2, 1, vals({1073741824}), {}}));
    const std::vector<AccessAdapterRecord> expected_steps = {
        split_row(2, 4, 0, 0, zeros(2)), split_row(2, 4, 2, 0, zeros(2)), split_row(2, 4, 4, 0, zeros(2)), split_row(2, 4, 6, 0, zeros(2)),
        split_row(4, 4, 0, 0, zeros(4)), split_row(4, 4, 4, 0, zeros(4)), split_row(8, 4, 0, 0, zeros(8)),
        merge_row(2, 4, 3, 0, 0, zeros(2)),                // R268: the access [3, 5) from cells 3 and 4
        split_row(2, 4, 3, 1, vals({7, 1073741824})),      // R266: the read of cell 4 splits [3, 5)
    };
    ASSERT_GE(r.adapter_records.size(), expected_steps.size());
    EXPECT_EQ(std::vector<AccessAdapterRecord>(r.adapter_records.begin(), r.adapter_records.begin() + expected_steps.size()), expected_steps);
    // R270: finalize merges the eight cells of [0, 8) (timestamps 0,0,0,1,2,0,0,0) level by level.
    const std::vector<AccessAdapterRecord> expected_finalize = {
        merge_row(2, 4, 0, 0, 0, zeros(2)), merge_row(2, 4, 2, 0, 1, vals({0, 7})), merge_row(2, 4, 4, 2, 0, vals({1073741824, 0})),
        merge_row(2, 4, 6, 0, 0, zeros(2)), merge_row(4, 4, 0, 0, 1, vals({0, 0, 0, 7})), merge_row(4, 4, 4, 2, 0, vals({1073741824, 0, 0, 0})),
        merge_row(8, 4, 0, 1, 2, vals({0, 0, 0, 7, 1073741824, 0, 0, 0})),
    };
    EXPECT_EQ(std::vector<AccessAdapterRecord>(r.adapter_records.begin() + expected_steps.size(), r.adapter_records.end()), expected_finalize);
}

// R262: with legacy_v1_3_mem_align, AS2's minimum block is 1, so a 2-cell access at an odd pointer runs.
TEST_P(V14Access, R262_legacy_alignment_switch) {
    const std::string ops = R"({"op":"write","as":2,"ptr":1,"data":[1,2]})";
    expect_error(v14_doc(ops), ErrorKind::UnalignedAccess, 0, "R263");
    const RunResult r = ok(v14_doc(ops, true, R"("legacy_v1_3_mem_align":true)"));
    ASSERT_EQ(r.records.size(), 1u);
    EXPECT_EQ(r.records[0].pointer, 1u);
    // The 7 rows that split [0, 8) to single cells, the merge of [1, 3) from cells 1 and 2; finalize
    // splits [1, 3) (1 row) and merges the chunk from single cells (7 rows).
    ASSERT_EQ(r.adapter_records.size(), 8u + 8u);
    EXPECT_EQ(r.adapter_records[7], (merge_row(2, 2, 1, 0, 0, zeros(2))));
}

// R263: each check, in order, through each engine.
TEST_P(V14Access, R263_each_check_in_order) {
    expect_error(v14_doc(R"({"op":"read","as":0,"ptr":0,"len":1})"), ErrorKind::InvalidAddressSpace, 0, "R263");
    expect_error(v14_doc(R"({"op":"read","as":9,"ptr":0,"len":4})"), ErrorKind::InvalidAddressSpace, 0, "R263");
    expect_error(v14_doc(R"({"op":"read","as":9,"ptr":1,"len":3})"), ErrorKind::InvalidAddressSpace, 0, "R263");  // 2 before 3
    expect_error(v14_doc(R"({"op":"read","as":2,"ptr":1,"len":3})"), ErrorKind::SizeNotPowerOfTwo, 0, "R263");    // 3 before 5, 6
    expect_error(v14_doc(R"({"op":"read","as":4,"ptr":0,"len":64})"), ErrorKind::OutOfBounds, 0, "MAX_BLOCK_SIZE");
    expect_error(v14_doc(R"({"op":"read","as":4,"ptr":0,"len":32})", true, R"("max_access_adapter_n":16)"), ErrorKind::OutOfBounds, 0,
                 "max_access_adapter_n");
    expect_error(v14_doc(R"({"op":"read","as":2,"ptr":0,"len":2})"), ErrorKind::UnalignedAccess, 0, "multiple");
    expect_error(v14_doc(R"({"op":"read","as":1,"ptr":6,"len":4})"), ErrorKind::UnalignedAccess, 0, "not aligned");
    expect_error(v14_doc(R"({"op":"read","as":1,"ptr":128,"len":4})"), ErrorKind::OutOfBounds, 0, "out of bounds");
    expect_error(v14_doc(R"({"op":"read","as":3,"ptr":32,"len":4})"), ErrorKind::OutOfBounds, 0, "out of bounds");
    expect_error(v14_doc(R"({"op":"read","as":5,"ptr":0,"len":1})"), ErrorKind::OutOfBounds, 0, "out of bounds");
    expect_error(v14_doc(R"({"op":"write","as":2,"ptr":0,"data":[1,2,256,4]})"), ErrorKind::InvalidValue, 0, "u8");
    expect_error(v14_doc(R"({"op":"write","as":4,"ptr":0,"data":[2013265921]})"), ErrorKind::InvalidValue, 0, "field element");
    // The last cells of AS1 and AS3 are accessible.
    ok(v14_doc(R"({"op":"read","as":1,"ptr":124,"len":4},{"op":"read","as":3,"ptr":28,"len":4})"));
}

// R264: the clock starts at 1, counts accesses and ticks, and never reaches 2^clk_max_bits.
TEST_P(V14Access, R264_clock) {
    const std::string config = R"("clk_max_bits":4,"decomp":2)";
    const RunResult r = ok(v14_doc(R"({"op":"tick","by":13},{"op":"read","as":2,"ptr":0,"len":4})", true, config));
    ASSERT_EQ(r.records.size(), 1u);
    EXPECT_EQ(r.records[0].timestamp, 14u);
    EXPECT_EQ(r.final_timestamp, 15u);
    expect_error(v14_doc(R"({"op":"tick","by":14},{"op":"read","as":2,"ptr":0,"len":4})", true, config), ErrorKind::TimestampViolation, 1,
                 "R264");
}

// R271: image cells must exist in the table and fit their type; untouched cells read their image value.
TEST_P(V14Access, R271_image) {
    const RunResult r = ok(v14_doc(R"({"op":"read","as":2,"ptr":4,"len":4})", true, "", R"([{"as":2,"ptr":5,"value":9}])"));
    ASSERT_EQ(r.records.size(), 1u);
    EXPECT_EQ(r.records[0].data, vals({0, 9, 0, 0}));
    // The initial block's split carries the image's values.
    ASSERT_FALSE(r.adapter_records.empty());
    EXPECT_EQ(r.adapter_records[0], split_row(8, 2, 0, 0, vals({0, 0, 0, 0, 0, 9, 0, 0})));
    auto bad_value = run_doc(v14_doc("", true, "", R"([{"as":2,"ptr":5,"value":300}])"));
    ASSERT_FALSE(bad_value.ok());
    EXPECT_EQ(bad_value.error().kind, ErrorKind::InvalidValue);
    auto bad_ptr = run_doc(v14_doc("", true, "", R"([{"as":1,"ptr":128,"value":1}])"));
    ASSERT_FALSE(bad_ptr.ok());
    EXPECT_EQ(bad_ptr.error().kind, ErrorKind::OutOfBounds);
    auto volatile_image = run_doc(v14_doc("", false, "", R"([{"as":2,"ptr":5,"value":1}])"));
    ASSERT_FALSE(volatile_image.ok());
    EXPECT_EQ(volatile_image.error().kind, ErrorKind::InvalidConfig);
}

// R261: the config rules, each naming R261; R262: the switch only under v1.4.
TEST(V14Setup, R261_config_rules) {
    const auto err = [](const std::string& json) {
        auto sc = parse_scenario(json);
        if (!sc) return sc.error();
        auto setup = validate_setup(*sc);
        return setup.ok() ? MemoryError{} : setup.error();
    };
    EXPECT_EQ(err(v14_doc("", true, R"("pointer_max_bits":20)")).kind, ErrorKind::InvalidConfig);
    EXPECT_NE(err(v14_doc("", true, R"("pointer_max_bits":20)")).message.find("R261"), std::string::npos);
    EXPECT_NE(err(v14_doc("", true, R"("as_offset":2)")).message.find("R261"), std::string::npos);
    EXPECT_NE(err(v14_doc("", true, R"("as_height":2)")).message.find("R261"), std::string::npos);
    EXPECT_NE(err(v14_doc("", true, R"("strict_alignment":true)")).message.find("R261"), std::string::npos);
    EXPECT_NE(err(v14_doc("", true, R"("clk_max_bits":29,"decomp":8)")).message.find("AUX_LEN"), std::string::npos);
    // R261: the volatile boundary's pointer limbs: decomp 14 (two limbs, 28 bits) is refused under
    // volatile memory and accepted under persistent memory, decomp 15 under both.
    const std::string d14 = R"("clk_max_bits":20,"decomp":14)", d15 = R"("clk_max_bits":20,"decomp":15)";
    EXPECT_NE(err(v14_doc("", false, d14)).message.find("volatile/mod.rs"), std::string::npos);
    EXPECT_TRUE(err(v14_doc("", true, d14)).message.empty());
    EXPECT_TRUE(err(v14_doc("", false, d15)).message.empty());
    EXPECT_NE(err(R"({"profile":"openvm-v1.4-persistent","initial_block_size":1,"ops":[]})").message.find("R261"), std::string::npos);
    EXPECT_NE(err(R"({"profile":"openvm-v1.4-volatile","initial_block_size":1,"ops":[],"finalize_chunk":8})").message.find("R261"),
              std::string::npos);
    EXPECT_TRUE(err(v14_doc("", true)).message.empty());
    EXPECT_TRUE(err(v14_doc("", false)).message.empty());
    // R262: the legacy switch is refused by every other profile.
    const auto legacy = err(R"({"profile":"openvm-v1.0-persistent","config":{"legacy_v1_3_mem_align":true},"initial_block_size":8,"ops":[]})");
    EXPECT_EQ(legacy.kind, ErrorKind::InvalidConfig);
    EXPECT_NE(legacy.message.find("R262"), std::string::npos);
    EXPECT_EQ(err(R"({"config":{"legacy_v1_3_mem_align":1},"ops":[]})").kind, ErrorKind::ParseError);
}

// R260: the entries, their tags and their family.
// R260, R309: volatile memory of v1.4.0-v1.7.0 is one profile; persistent memory of v1.4.0-v1.5.0 is
// openvm-v1.4-persistent (v1.6.0 and v1.7.0 have their own, for their Merkle chips).
TEST(V14Setup, R260_entries_cover_v1_4_to_v1_7) {
    for (Profile p : {Profile::openvm_v1_4_volatile, Profile::openvm_v1_4_persistent}) {
        const ProfileEntry& e = profile_entry(p);
        EXPECT_EQ(e.semantics, Semantics::openvm_v1_4);
        const std::vector<std::string_view> tags(e.openvm_tags.begin(), e.openvm_tags.end());
        if (p == Profile::openvm_v1_4_volatile)
            EXPECT_EQ(tags, (std::vector<std::string_view>{"v1.4.0", "v1.4.1", "v1.4.2", "v1.4.3", "v1.5.0", "v1.6.0", "v1.7.0"}));
        else
            EXPECT_EQ(tags, (std::vector<std::string_view>{"v1.4.0", "v1.4.1", "v1.4.2", "v1.4.3", "v1.5.0"}));
        EXPECT_TRUE(e.legacy_mem_align_switch);
        EXPECT_FALSE(e.result_roots);
    }
    EXPECT_EQ(profile_entry(Profile::openvm_v1_4_volatile).chunk, 1u);
    EXPECT_EQ(profile_entry(Profile::openvm_v1_4_persistent).chunk, 8u);
}

// R262: the table, restated from OpenVM v1.4.0's MemoryConfig::default (arch/config.rs:188-232).
TEST(V14Setup, R262_address_space_table) {
    using v1_4::address_space;
    EXPECT_EQ(address_space(1, false).num_cells, 128u);
    EXPECT_EQ(address_space(1, false).min_block_size, 4u);
    EXPECT_EQ(address_space(2, false).num_cells, std::uint64_t{1} << 29);
    EXPECT_EQ(address_space(2, false).min_block_size, 4u);
    EXPECT_EQ(address_space(2, true).min_block_size, 1u);
    EXPECT_EQ(address_space(1, true).min_block_size, 4u);  // the feature changes AS2 only
    EXPECT_EQ(address_space(3, false).num_cells, 32u);
    EXPECT_EQ(address_space(4, false).min_block_size, 1u);
    EXPECT_TRUE(address_space(4, false).cells == v1_4::CellType::field);
    for (std::uint64_t as = 5; as <= 8; ++as) EXPECT_EQ(address_space(as, false).num_cells, 0u);
}

}  // namespace
}  // namespace memspec

namespace memspec {
namespace {

// R272: the v1.4 entries have v1.0's chip set: a v1.4 run is traced (no longer refused) and the
// trace set names no variant, so v1.0's chips check it.
TEST(V14Setup, R272_traces_use_the_v1_0_chips) {
    auto sc = parse_scenario(v14_doc(R"({"op":"write","as":2,"ptr":0,"data":[1,2,3,4]})", true, R"("clk_max_bits":10,"decomp":5)"));
    ASSERT_TRUE(sc.ok()) << sc.error().message;
    auto setup = validate_setup(*sc);
    ASSERT_TRUE(setup.ok()) << setup.error().message;
    auto result = run_to_result(*engines::by_name("impl"), *sc);
    ASSERT_TRUE(result.ok());
    const auto traces = air::generate_traces(*setup, *result);
    ASSERT_TRUE(traces.ok()) << traces.error().message;
    EXPECT_EQ(traces->variant, air::Variant::OpenVmV1_0);
    EXPECT_EQ(traces->chunk, 8u);
    EXPECT_TRUE(air::check(*traces).accepted);
}

class V14CrossVersion : public EachEngine {};
MEMSPEC_ON_EACH_ENGINE(V14CrossVersion);

// R273: the same operations under v1.0, v1.4 and v2.0, differing where the table says.
TEST_P(V14CrossVersion, R273_the_same_ops_under_v1_0_v1_4_and_v2_0) {
    const auto run_doc = [&](const std::string& json) {
        auto sc = parse_scenario(json);
        EXPECT_TRUE(sc.ok());
        return run(*sc);
    };
    // A 1-cell write at 3 of a native space (AS4), no finalize.
    const std::string ops = R"("ops":[{"op":"write","as":4,"ptr":3,"data":[7]}])";
    const auto v10 = run_doc(R"({"profile":"openvm-v1.0-persistent","initial_block_size":8,)" + ops + "}");
    const auto v14 = run_doc(R"({"profile":"openvm-v1.4-persistent","initial_block_size":8,)" + ops + "}");
    const auto v20 = run_doc(R"({"profile":"openvm-v2.0","initial_block_size":4,)" + ops + "}");
    ASSERT_TRUE(v10.ok() && v14.ok());
    // R17-R18: v1.0 halves [0, 8) down to the boundaries of [3, 4): rows n = 8, 4, 2.
    ASSERT_EQ(v10->adapter_records.size(), 3u);
    std::vector<std::uint32_t> sizes;
    for (const auto& a : v10->adapter_records) sizes.push_back(a.n);
    std::sort(sizes.begin(), sizes.end());
    EXPECT_EQ(sizes, (std::vector<std::uint32_t>{2, 4, 8}));
    // R266, R267, R269: v1.4 splits [0, 8) whole to single cells: rows n = 2 x4, 4 x2, 8.
    EXPECT_EQ(v14->adapter_records.size(), 7u);
    // Both return the initial timestamp 0 and the image's 0.
    EXPECT_EQ(v10->records, v14->records);
    // R217: v2.0 accesses 4 cells only.
    ASSERT_FALSE(v20.ok());
    EXPECT_EQ(v20.error().kind, ErrorKind::OutOfBounds);

    // A 4-cell write then read of AS2: v1.0 and v1.4 agree, record for record; v2.0 has no rows.
    const std::string ops4 = R"("ops":[{"op":"write","as":2,"ptr":0,"data":[1,2,3,4]},{"op":"read","as":2,"ptr":0,"len":4}])";
    const auto a10 = run_doc(R"({"profile":"openvm-v1.0-persistent","initial_block_size":8,)" + ops4 + R"(,"finalize_chunk":8})");
    const auto a14 = run_doc(R"({"profile":"openvm-v1.4-persistent","initial_block_size":8,)" + ops4 + R"(,"finalize_chunk":8})");
    const auto a20 = run_doc(R"({"profile":"openvm-v2.0","initial_block_size":4,)" + ops4 + R"(,"finalize_chunk":4})");
    ASSERT_TRUE(a10.ok() && a14.ok() && a20.ok());
    EXPECT_EQ(a10->records, a14->records);
    EXPECT_EQ(a10->adapter_records, a14->adapter_records);
    EXPECT_EQ(a10->final_memory, a14->final_memory);
    EXPECT_TRUE(a20->adapter_records.empty());
    EXPECT_EQ(a20->records, a14->records);  // the same timestamps and values, 4-cell blocks in both
}

}  // namespace
}  // namespace memspec
