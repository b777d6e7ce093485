// OpenVM v1.4's chips (R272, R274-R276): a v1.4 run is traced with v1.0's chips (their AIRs are
// unchanged at v1.4.0) and its records, already rows of AccessAdapterAir<n>, give traces those chips
// accept: hand-worked rows of a persistent and a volatile run, a mutated cell rejected, and a
// RapidCheck property over generated v1.4 scenarios on both engines.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "spec/air/check.hpp"
#include "spec/air/chips.hpp"
#include "spec/air/trace_io.hpp"
#include "spec/air/tracegen.hpp"
#include "spec/vocabulary/engine.hpp"
#include "spec/vocabulary/merkle.hpp"
#include "spec/vocabulary/profiles/registry.hpp"
#include "tests/support/engines.hpp"
#include "tests/unit/air_fixtures.hpp"

namespace memspec {
namespace {

using air::Trace;
BabyBear f(std::int64_t x) { return BabyBear::from_i64(x); }

// A persistent v1.4 scenario with a small clock (10 bits in limbs of 5): R261 allows it, and the
// persistent boundary range-checks no pointer, so the range table has 64 rows.
Scenario persistent_scenario(std::vector<Op> ops, std::vector<InitialCell> image = {}) {
    Scenario sc;
    sc.profile = Profile::openvm_v1_4_persistent;
    sc.config.clk_max_bits = 10;
    sc.config.decomp = 5;
    sc.initial_block_size = 8;
    sc.finalize_chunk = 8;
    sc.initial_memory = std::move(image);
    sc.ops = std::move(ops);
    return sc;
}

// A volatile v1.4 scenario: the volatile boundary splits pointers (29 bits, R261) into two limbs of
// decomp bits (R3a's VolatileBoundaryAir), so decomp is at least 15; clk_max_bits 16.
Scenario volatile_scenario(std::vector<Op> ops) {
    Scenario sc;
    sc.profile = Profile::openvm_v1_4_volatile;
    sc.config.clk_max_bits = 16;
    sc.config.decomp = 15;
    sc.initial_block_size = 1;
    sc.finalize_chunk = 1;
    sc.ops = std::move(ops);
    return sc;
}

// A v1.4 run traced with its chips, on the engine named (both engines run every test).
std::optional<airtest::TracedAirs> trace_run(const char* engine, const Scenario& sc, std::string* why = nullptr) {
    return airtest::trace_run(*engines::by_name(engine), sc, why);
}
using airtest::air_named;
using airtest::cell;
using airtest::describe;

// R274: both v1.4 entries name v1.0's chip set, and a v1.4 run's trace set is a v1.0 trace set
// (no "variant" key), with v1.0's chips in v1.0's order.
TEST(AirV14, R274_v1_4_runs_are_traced_with_the_v1_0_chips) {
    EXPECT_EQ(profile_entry(Profile::openvm_v1_4_volatile).chips, ChipSetId::openvm_v1_0_by_chunk);
    EXPECT_EQ(profile_entry(Profile::openvm_v1_4_persistent).chips, ChipSetId::openvm_v1_0_by_chunk);
    std::string why;
    auto p = trace_run("impl", persistent_scenario({Op::write(2, 0, {1, 2, 3, 4})}), &why);
    ASSERT_TRUE(p) << why;
    EXPECT_EQ(p->traces.variant, air::Variant::OpenVmV1_0);
    EXPECT_EQ(p->traces.chunk, 8u);
    std::vector<std::string> names;
    for (const auto& t : p->traces.traces) names.push_back(t.chip);
    const std::vector<std::string> expected = {"access",          "access_adapter_2", "access_adapter_4",      "access_adapter_8",
                                               "access_adapter_16", "access_adapter_32", "persistent_boundary", "memory_merkle",
                                               "poseidon2_compression", "range_checker", "system"};
    EXPECT_EQ(names, expected);
    auto v = trace_run("impl", volatile_scenario({Op::write(2, 0, {1, 2, 3, 4})}), &why);
    ASSERT_TRUE(v) << why;
    EXPECT_EQ(v->traces.chunk, 1u);
    EXPECT_NE(v->traces.find("volatile_boundary"), nullptr);
    EXPECT_EQ(v->traces.find("memory_merkle"), nullptr);
}

// R275: the rows of a persistent run, worked by hand from R265-R270:
//   ts 1 write (2, 0) [1, 2, 3, 4]: the initial block [0, 8) is split at timestamp 0 into pieces of
//   4 (one AccessAdapterAir<8> split row, values 0), then [0, 4) is one block (no merge).
//   ts 2 read (2, 0) len 4: exactly one block, prev_timestamp 1.
//   finalize: the chunk [0, 8) is merged from the pieces at 2 and 0 (one <8> merge row); one final
//   block at timestamp 2.
TEST(AirV14, R275_rows_of_a_persistent_run) {
    std::string why;
    auto t = trace_run("oracle", persistent_scenario({Op::write(2, 0, {1, 2, 3, 4}), Op::read(2, 0, 4)}), &why);
    ASSERT_TRUE(t) << why;
    const auto& access = air_named(t->airs, "access");
    const Trace& at = *t->traces.find("access");
    EXPECT_EQ(cell(at, access, 0, "is_write"), f(1));
    EXPECT_EQ(cell(at, access, 0, "timestamp"), f(1));
    EXPECT_EQ(cell(at, access, 0, "prev_timestamp"), f(0));
    EXPECT_EQ(cell(at, access, 0, "data[3]"), f(4));
    EXPECT_EQ(cell(at, access, 0, "prev_data[3]"), f(0));
    EXPECT_EQ(cell(at, access, 1, "is_write"), f(0));
    EXPECT_EQ(cell(at, access, 1, "timestamp"), f(2));
    EXPECT_EQ(cell(at, access, 1, "prev_timestamp"), f(1));
    const auto& a8 = air_named(t->airs, "access_adapter_8");
    const Trace& t8 = *t->traces.find("access_adapter_8");
    ASSERT_EQ(t8.height, 2u);
    EXPECT_EQ(cell(t8, a8, 0, "is_split"), f(1));
    EXPECT_EQ(cell(t8, a8, 0, "left_timestamp"), f(0));
    EXPECT_EQ(cell(t8, a8, 0, "values[0]"), f(0));
    EXPECT_EQ(cell(t8, a8, 1, "is_split"), f(0));
    EXPECT_EQ(cell(t8, a8, 1, "left_timestamp"), f(2));
    EXPECT_EQ(cell(t8, a8, 1, "right_timestamp"), f(0));
    EXPECT_EQ(cell(t8, a8, 1, "values[2]"), f(3));
    EXPECT_EQ(cell(t8, a8, 1, "values[4]"), f(0));
    for (const char* n : {"access_adapter_2", "access_adapter_4", "access_adapter_16", "access_adapter_32"})
        EXPECT_EQ(cell(*t->traces.find(n), air_named(t->airs, n), 0, "is_valid"), f(0)) << n;
    const auto& pb = air_named(t->airs, "persistent_boundary");
    const Trace& pt = *t->traces.find("persistent_boundary");
    ASSERT_EQ(pt.height, 2u);
    EXPECT_EQ(cell(pt, pb, 0, "expand_direction"), f(1));
    EXPECT_EQ(cell(pt, pb, 0, "timestamp"), f(0));
    EXPECT_EQ(cell(pt, pb, 1, "expand_direction"), f(-1));
    EXPECT_EQ(cell(pt, pb, 1, "timestamp"), f(2));
    EXPECT_EQ(cell(pt, pb, 1, "values[0]"), f(1));
    EXPECT_EQ(cell(pt, pb, 1, "leaf_label"), f(0));
    const auto v = air::check(t->traces);
    EXPECT_TRUE(v.accepted) << describe(v);
    // R75: the Merkle chip's final root is memspec's tree's.
    const Trace& mt = *t->traces.find("memory_merkle");
    auto final_root = merkle::updated_root(t->setup.config, t->setup.initial_memory, *t->result.final_memory);
    ASSERT_TRUE(final_root.ok());
    for (std::size_t k = 0; k < 8; ++k) EXPECT_EQ(mt.public_values[air::PV_FINAL_ROOT + k], (*final_root)[k]);
}

// R275: the rows of a volatile run: ts 1 write (2, 0) [1, 2, 3, 4]. The piece [0, 4) is merged from
// initial cells of value 0 at timestamp 0 (R267: <2> rows at 0 and 2, a <4> row at 0); finalize
// splits the block at timestamp 1 down to single cells (R270: two <2> rows, one <4> row), each a
// final block at timestamp 1 in the volatile boundary.
TEST(AirV14, R275_rows_of_a_volatile_run) {
    std::string why;
    auto t = trace_run("impl", volatile_scenario({Op::write(2, 0, {1, 2, 3, 4})}), &why);
    ASSERT_TRUE(t) << why;
    const auto count_valid = [&](const std::string& chip, int is_split) {
        const auto& a = air_named(t->airs, chip);
        const Trace& tr = *t->traces.find(chip);
        int n = 0;
        for (std::size_t r = 0; r < tr.height; ++r)
            n += cell(tr, a, r, "is_valid") == f(1) && cell(tr, a, r, "is_split") == f(is_split);
        return n;
    };
    EXPECT_EQ(count_valid("access_adapter_2", 0), 2);
    EXPECT_EQ(count_valid("access_adapter_2", 1), 2);
    EXPECT_EQ(count_valid("access_adapter_4", 0), 1);
    EXPECT_EQ(count_valid("access_adapter_4", 1), 1);
    const auto& vb = air_named(t->airs, "volatile_boundary");
    const Trace& vt = *t->traces.find("volatile_boundary");
    ASSERT_EQ(vt.height, 4u);
    for (std::size_t r = 0; r < 4; ++r) {
        EXPECT_EQ(cell(vt, vb, r, "is_valid"), f(1));
        EXPECT_EQ(cell(vt, vb, r, "initial_data"), f(0));
        EXPECT_EQ(cell(vt, vb, r, "final_data"), f(static_cast<std::int64_t>(r) + 1));
        EXPECT_EQ(cell(vt, vb, r, "final_timestamp"), f(1));
    }
    const auto v = air::check(t->traces);
    EXPECT_TRUE(v.accepted) << describe(v);
}

// R275: a v1.4 trace set is not accepted whatever its cells: one changed value in an access row, in
// an adapter row, or in the final boundary row is rejected by v1.0's chips.
TEST(AirV14, R275_a_mutated_cell_is_rejected) {
    std::string why;
    for (const bool persistent : {true, false}) {
        SCOPED_TRACE(persistent);
        const std::vector<Op> ops = {Op::write(2, 0, {1, 2, 3, 4}), Op::read(2, 0, 4)};
        auto t = trace_run("impl", persistent ? persistent_scenario(ops) : volatile_scenario(ops), &why);
        ASSERT_TRUE(t) << why;
        ASSERT_TRUE(air::check(t->traces).accepted);
        const std::string adapter = persistent ? "access_adapter_8" : "access_adapter_4";
        const std::string boundary = persistent ? "persistent_boundary" : "volatile_boundary";
        const std::vector<std::pair<std::string, std::string>> cells = {
            {"access", "data[1]"}, {adapter, "values[0]"}, {boundary, persistent ? "timestamp" : "final_timestamp"}};
        for (const auto& [chip, col] : cells) {
            SCOPED_TRACE(chip + "." + col);
            air::TraceSet bad = t->traces;
            Trace& tr = *bad.find(chip);
            const auto c = air_named(t->airs, chip).column(col);
            ASSERT_TRUE(c.has_value());
            tr.at(persistent && chip == boundary ? 1 : 0, *c) += f(1);
            air::fill_range_counts(t->airs, bad);
            if (persistent) air::fill_compression_table(t->airs, bad);
            EXPECT_FALSE(air::check(bad).accepted);
        }
    }
}

// A generated v1.4 scenario: persistent (with an image) or volatile, accesses of whole minimum
// blocks in address spaces 1-4, some ticks, finalized.
Scenario gen_v14_scenario() {
    const bool persistent = *rc::gen::inRange(0, 4) != 0;
    std::vector<Op> ops;
    std::vector<InitialCell> image;
    const bool legacy = *rc::gen::inRange(0, 4) == 0;
    if (persistent) {
        const int cells = *rc::gen::inRange(0, 4);
        for (int i = 0; i < cells; ++i) {
            const std::uint64_t as = *rc::gen::inRange<std::uint64_t>(1, 5);
            const std::uint64_t ptr = *rc::gen::inRange<std::uint64_t>(0, 32);
            bool dup = false;
            for (const auto& c : image) dup = dup || (c.address_space == as && c.pointer == ptr);
            if (!dup) image.push_back({as, ptr, *rc::gen::inRange<std::uint64_t>(0, 256)});
        }
    }
    const int n = *rc::gen::inRange(0, 16);
    for (int i = 0; i < n; ++i) {
        const int kind = *rc::gen::inRange(0, 7);
        if (kind == 6) {
            ops.push_back(Op::tick(*rc::gen::inRange<std::uint64_t>(0, 3)));
            continue;
        }
        const std::uint64_t as = *rc::gen::inRange<std::uint64_t>(1, 5);
        const std::uint64_t min = as == 4 || (as == 2 && legacy) ? 1 : 4;
        const std::uint64_t len = min << *rc::gen::inRange(0, min == 1 ? 5 : 3);
        const std::uint64_t ptr = len * *rc::gen::inRange<std::uint64_t>(0, 32 / len) + min * *rc::gen::inRange<std::uint64_t>(0, 2);
        if (ptr + len > 32) continue;  // AS3 has 32 cells; the others are larger
        if (kind < 3) {
            ops.push_back(Op::read(as, ptr, len));
        } else {
            std::vector<std::uint64_t> data;
            for (std::uint64_t k = 0; k < len; ++k) data.push_back(*rc::gen::inRange<std::uint64_t>(0, 256));
            ops.push_back(Op::write(as, ptr, std::move(data)));
        }
    }
    Scenario sc = persistent ? persistent_scenario(std::move(ops), std::move(image)) : volatile_scenario(std::move(ops));
    sc.config.legacy_v1_3_mem_align = legacy;
    return sc;
}

// R276: every generated v1.4 run traces, on both engines, to equal trace sets that v1.0's chips
// accept, and (persistent) whose final root is memspec's tree's.
RC_GTEST_PROP(AirV14Property, R276_generated_v1_4_runs_are_accepted_on_both_engines, ()) {
    const Scenario sc = gen_v14_scenario();
    std::string why;
    auto o = trace_run("oracle", sc, &why);
    if (!o) RC_FAIL("oracle: " + why);
    auto p = trace_run("impl", sc, &why);
    if (!p) RC_FAIL("impl: " + why);
    RC_ASSERT(o->traces == p->traces);
    const auto v = air::check(p->traces);
    if (!v.accepted) RC_FAIL(describe(v));
    if (sc.profile == Profile::openvm_v1_4_persistent) {
        const Trace& mt = *p->traces.find("memory_merkle");
        auto final_root = merkle::updated_root(p->setup.config, p->setup.initial_memory, *p->result.final_memory);
        RC_ASSERT(final_root.ok());
        for (std::size_t k = 0; k < 8; ++k) RC_ASSERT(mt.public_values[air::PV_FINAL_ROOT + k] == (*final_root)[k]);
    }
}

}  // namespace
}  // namespace memspec
