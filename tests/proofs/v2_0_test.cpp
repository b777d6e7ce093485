// OpenVM v2.0's chips in the bus argument (spec/memory.md §17b): the necessity table covers every
// constraint (R287), the four-row wrapped cycle of R285 written out by hand and checked by the AIR
// checker (no solver), and the counterexample of R285 as a v2.0 trace set (R288).
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "proofs/catalogue.hpp"
#include "proofs/emit.hpp"
#include "spec/air/check.hpp"
#include "spec/air/chips.hpp"
#include "spec/air/tracegen.hpp"

namespace memspec::proofs {
namespace {

// R287: every constraint and range request of v2.0's access, persistent boundary and Merkle chip has
// an entry, and the entries the table calls redundant are the ones R287 lists.
TEST(ProofsV2, R287_every_v2_constraint_has_an_entry) {
    std::set<std::string> entries, redundant;
    for (const auto& p : necessity_properties())
        if (p.name.rfind("necessity.v2_0.", 0) == 0) {
            entries.insert(p.name);
            if (p.expected == ProofStatus::Proved) redundant.insert(p.name);
        }
    const MemoryConfig cfg;
    MemoryConfig merkle_cfg = cfg;
    merkle_cfg.as_height = 1;
    merkle_cfg.pointer_max_bits = 4;
    for (const air::Air& a : {air::make_access_v2_chip(cfg).air, air::make_persistent_boundary_v2_chip(cfg).air,
                              air::make_memory_merkle_chip(merkle_cfg, air::Variant::OpenVmV2_0).air}) {
        for (const auto& k : a.constraints) EXPECT_TRUE(entries.count("necessity.v2_0." + k.name)) << k.name;
        for (const auto& it : a.interactions) {
            if (it.bus == air::RANGE_BUS) {
                EXPECT_TRUE(entries.count("necessity.v2_0." + it.name)) << it.name;
            }
        }
    }
    const std::set<std::string> stated = {
        "necessity.v2_0.access.write_is_valid",          "necessity.v2_0.access.is_write_bool",
        "necessity.v2_0.memory_merkle.last_is_root",     "necessity.v2_0.memory_merkle.height_section_step",
        "necessity.v2_0.memory_merkle.root_as_label_zero", "necessity.v2_0.memory_merkle.root_address_label_zero",
        "necessity.v2_0.memory_merkle.parent_height_nonzero",
    };
    EXPECT_EQ(redundant, stated);
}

// R285: four access rows of v2.0's chip whose timestamps wrap once around p, each consuming what the
// previous one produced, worked by hand: 1 -> 1 + 2^29 -> 1 + 2*2^29 -> 1 + 3*2^29 -> 1. Every step
// is in [1, 2^29] modulo p (the last one is p - 3*2^29 = 402653185), so each row's AssertLessThan
// decomposes its step minus 1 into a 17-bit and a 12-bit limb, and the four messages cancel. Three
// steps of at most 2^29 cannot add up to p.
TEST(ProofsV2, R285_four_wrapped_access_rows_are_accepted_by_the_v2_chips) {
    constexpr std::uint64_t P = BabyBear::P, STEP = std::uint64_t{1} << 29;
    static_assert(3 * STEP < P && P < 4 * STEP);
    // The honest trace set of a v2.0 run with no operation (R230: its Merkle side touches leaf 0 of
    // address space 1), whose access chip gets the four rows; block (2, 0) is untouched by it.
    auto base = empty_v2_run_traces();
    ASSERT_TRUE(base) << base.error().message;
    air::TraceSet set = *base;
    const air::ChipSet chips = air::make_chip_set(set.config, set.chunk, set.variant);
    const auto airs = chips.airs();
    const std::uint64_t ts[4] = {1, 1 + STEP, 1 + 2 * STEP, 1 + 3 * STEP};
    for (air::Trace& t : set.traces) {
        if (t.chip != "access") continue;
        const air::Air& a = chips.access_v2.air;
        const std::vector<BabyBear> public_values = t.public_values;
        t = air::empty_trace(a, 4);
        t.public_values = public_values;
        const air::AccessV2Chip& c = chips.access_v2;
        for (std::size_t r = 0; r < 4; ++r) {
            const std::uint64_t prev = ts[(r + 3) % 4], now = ts[r];
            const std::uint64_t lower = (now + P - prev - 1) % P;  // the AssertLessThan's y - x - 1
            ASSERT_LT(lower, STEP) << "row " << r;
            t.at(r, c.is_valid) = BabyBear::from_canonical(1);
            t.at(r, c.address_space) = BabyBear::from_canonical(2);
            t.at(r, c.timestamp) = BabyBear::from_canonical(static_cast<std::uint32_t>(now));
            t.at(r, c.prev_timestamp) = BabyBear::from_canonical(static_cast<std::uint32_t>(prev));
            for (std::uint32_t k = 0; k < air::V2_BLOCK_SIZE; ++k) {
                t.at(r, c.data[k]) = BabyBear::from_canonical(7);  // a read (is_write 0) of a value never written
                t.at(r, c.prev_data[k]) = BabyBear::from_canonical(7);
            }
            t.at(r, c.ts_lt.lower_decomp.at(0)) = BabyBear::from_canonical(static_cast<std::uint32_t>(lower & ((1u << 17) - 1)));
            t.at(r, c.ts_lt.lower_decomp.at(1)) = BabyBear::from_canonical(static_cast<std::uint32_t>(lower >> 17));
        }
    }
    air::fill_range_counts(airs, set);
    const air::Verdict v = air::check(airs, set.traces);
    EXPECT_TRUE(v.accepted) << (v.reason ? v.reason->chip + " " + v.reason->constraint + " " + v.reason->detail : "");
}

// R288: lemma.v2_0.L5.read_before_any_write's counterexample is a v2.0 trace set (chunk 8, variant
// openvm-v2.0) with nothing removed, which the sound chips accept; its first access row is the read
// at timestamp 1 and returns something other than zeros.
TEST(ProofsV2, R288_read_before_any_write_is_a_v2_trace_set_the_chips_accept) {
    Property prop;
    for (auto& p : catalogue())
        if (p.name == "lemma.v2_0.L5.read_before_any_write") prop = p;
    ASSERT_FALSE(prop.name.empty());
    auto r = run_catalogue({prop}, "", Settings{});
    ASSERT_EQ(r.size(), 1u);
    ASSERT_EQ(r[0].outcome.status, ProofStatus::Counterexample) << r[0].outcome.detail;
    const Counterexample& cx = *r[0].outcome.counterexample;
    ASSERT_TRUE(cx.fixture);
    EXPECT_EQ(cx.fixture->variant, "openvm-v2.0");
    auto f = make_fixture(cx);
    ASSERT_TRUE(f) << f.error().message;
    EXPECT_TRUE(f->without.empty());
    EXPECT_TRUE(f->balanced);
    EXPECT_EQ(f->traces.variant, air::Variant::OpenVmV2_0);
    EXPECT_EQ(f->traces.chunk, air::PERSISTENT_CHUNK);
    const air::Verdict v = air::check(f->traces);
    EXPECT_TRUE(v.accepted) << (v.reason ? v.reason->chip + " " + v.reason->constraint + " " + v.reason->detail : "");
    bool nonzero = false;
    for (const auto& row : cx.rows)
        if (row.chip == "access" && row.row == 0) {
            EXPECT_EQ(row.cells.at("timestamp"), 1u);
            EXPECT_EQ(row.cells.at("is_write"), 0u);
            for (std::uint32_t k = 0; k < air::V2_BLOCK_SIZE; ++k) nonzero = nonzero || row.cells.at("data[" + std::to_string(k) + "]") != 0;
        }
    EXPECT_TRUE(nonzero);
}

}  // namespace
}  // namespace memspec::proofs
