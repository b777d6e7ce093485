// The Merkle side of the persistent boundary in the AIR (R76-R78): trace generation ties the root
// public values to the roots of spec/vocabulary/merkle (R74, R75); the compression lookup's computed rows
// (R77); tampering with leaves, hashes or tree rows is rejected on the bus it breaks.
#include "spec/vocabulary/merkle.hpp"
#include "tests/unit/air_fixtures.hpp"

using namespace memspec;
using namespace memspec::airtest;
using air::Trace;

namespace {

Scenario persistent(std::uint32_t as_height, std::uint32_t pmb, std::vector<InitialCell> image, std::vector<Op> ops) {
    Scenario sc;
    sc.config.max_access_adapter_n = 8;
    sc.config.decomp = 5;
    sc.config.clk_max_bits = 12;
    sc.config.pointer_max_bits = pmb;
    sc.config.as_height = as_height;
    sc.initial_block_size = 8;
    sc.finalize_chunk = 8;
    sc.initial_memory = std::move(image);
    sc.ops = std::move(ops);
    return sc;
}

Scenario two_spaces() {
    return persistent(2, 10, {{1, 3, 33}, {3, 100, 7}, {4, 1000, 9}},
                      {Op::write(1, 2, {4, 5}), Op::read(3, 96, 8), Op::write(4, 1016, {1, 2, 3, 4, 5, 6, 7, 8}),
                       Op::read(0, 5, 1)});
}

merkle::Digest pv(const Trace& t, std::uint32_t from) {
    merkle::Digest d;
    for (std::uint32_t i = 0; i < 8; ++i) d[i] = t.public_values[from + i];
    return d;
}

TEST(AirMerkle, R78_root_public_values_are_the_roots_of_spec_merkle) {
    for (const Scenario& sc : {two_spaces(), persistent(1, 4, {}, {}), persistent(3, 29, {{8, (1u << 29) - 1, 5}}, {Op::read(8, (1u << 29) - 8, 8)}),
                               persistent(1, 6, {{1, 0, 1}}, {Op::tick(2)})}) {
        std::string why;
        auto t = run_and_trace(sc, &why);
        ASSERT_TRUE(t) << why;
        const Trace& m = *t->traces.find("memory_merkle");
        EXPECT_EQ(pv(m, air::PV_INITIAL_ROOT), *merkle::root(sc.config, t->setup.initial_memory));
        EXPECT_EQ(pv(m, air::PV_FINAL_ROOT),
                  *merkle::root(sc.config, merkle::overlay(t->setup.initial_memory, *t->result.final_memory)));
        air::Verdict v = air::check(t->traces);
        EXPECT_TRUE(v.accepted) << (v.reason ? air::to_text(*v.reason) : "");
        EXPECT_TRUE(v.not_checked.empty());
    }
}

// 40 random persistent runs (initial images in several address spaces, mixed sizes): the AIR's
// root public values, the path-update root (R75), the sparse root of the overlay (R74) and the
// dense tree (pointer_max_bits 10, as_height 2: 2^9 leaves) all agree, and the trace is accepted.
TEST(AirMerkle, R74_R75_R78_roots_agree_on_random_runs) {
    Rng rng{2026};
    for (int i = 0; i < 40; ++i) {
        Scenario sc = random_scenario(rng, 8, 8, 5, 12);
        SCOPED_TRACE(i);
        auto t = run_and_trace(sc);
        ASSERT_TRUE(t);
        const Trace& m = *t->traces.find("memory_merkle");
        MemoryImage final_image = merkle::overlay(t->setup.initial_memory, *t->result.final_memory);
        merkle::Digest final_root = *merkle::updated_root(sc.config, t->setup.initial_memory, *t->result.final_memory);
        EXPECT_EQ(final_root, *merkle::root(sc.config, final_image));
        EXPECT_EQ(final_root, *merkle::dense_root(sc.config, final_image));
        EXPECT_EQ(*merkle::dense_root(sc.config, t->setup.initial_memory), pv(m, air::PV_INITIAL_ROOT));
        EXPECT_EQ(final_root, pv(m, air::PV_FINAL_ROOT));
        EXPECT_TRUE(air::check(t->traces).accepted);
    }
}

// Every interaction of every row, evaluated: what a trace set says on the buses.
std::vector<std::vector<BabyBear>> said(const std::vector<air::Air>& airs, const air::TraceSet& set) {
    std::vector<std::vector<BabyBear>> out;
    for (const auto& a : airs) {
        const Trace* t = set.find(a.name);
        for (std::size_t r = 0; r < t->height; ++r) {
            air::RowView v{t->row(r), t->row((r + 1) % t->height), t->public_values.data(), t->width, t->public_values.size()};
            for (const auto& it : a.interactions) {
                BabyBear count = air::eval(it.count, v);
                if (count.is_zero()) continue;
                std::vector<BabyBear> m{BabyBear::from_canonical(it.bus), count};
                for (const auto& e : it.message) m.push_back(air::eval(e, v));
                out.push_back(std::move(m));
            }
        }
    }
    return out;
}

// As the trace_mutation fuzz target, exhaustively over the persistent side's chips of a small run:
// a one-cell change (and a change of each public value) is rejected, unless nothing any row says
// on a bus changed (an unconstrained cell, e.g. a padding row's hash input).
TEST(AirMerkle, R76_R77_R78_every_one_cell_change_is_rejected_or_silent) {
    auto t = run_and_trace(persistent(1, 5, {{1, 3, 33}, {2, 17, 4}}, {Op::write(1, 2, {4, 5}), Op::read(2, 16, 4)}));
    ASSERT_TRUE(t);
    const auto airs = t->chips.airs();
    const auto honest = said(airs, t->traces);
    std::size_t rejected = 0;
    for (std::string chip : {"persistent_boundary", "memory_merkle", "poseidon2_compression"}) {
        const Trace& base = *t->traces.find(chip);
        for (std::size_t cell = 0; cell < base.cells.size() + base.public_values.size(); ++cell) {
            air::TraceSet ts = t->traces;
            Trace& m = *ts.find(chip);
            if (cell < m.cells.size()) m.cells[cell] += f(1);
            else m.public_values[cell - m.cells.size()] += f(1);
            air::Verdict v = air::check(airs, ts.traces);
            if (!v.accepted) ++rejected;
            else EXPECT_EQ(said(airs, ts), honest) << chip << " cell " << cell << " accepted with a different bus claim";
        }
    }
    EXPECT_GT(rejected, 100u);
}

TEST(AirMerkle, R78_rows_per_touched_node) {
    // One touched chunk in a tree of height 1 + 1: root (height 2) and its child at height 1, two
    // rows each (initial, final), sorted by descending height.
    auto t = run_and_trace(persistent(1, 4, {}, {Op::write(1, 0, {1})}));
    ASSERT_TRUE(t);
    const Trace& m = *t->traces.find("memory_merkle");
    const auto& c = t->chips.memory_merkle;
    ASSERT_EQ(m.height, 4u);
    const std::int64_t heights[] = {2, 2, 1, 1}, dirs[] = {1, -1, 1, -1}, sections[] = {1, 1, 0, 0}, roots[] = {1, 1, 0, 0};
    for (std::size_t r = 0; r < 4; ++r) {
        EXPECT_EQ(m.at(r, c.parent_height), f(heights[r])) << r;
        EXPECT_EQ(m.at(r, c.expand_direction), f(dirs[r])) << r;
        EXPECT_EQ(m.at(r, c.height_section), f(sections[r])) << r;
        EXPECT_EQ(m.at(r, c.is_root), f(roots[r])) << r;
    }
    // The final root row re-emits the untouched right child (address space 2); the height-1
    // final row re-emits the untouched chunk 1 of address space 1.
    EXPECT_EQ(m.at(1, c.left_direction_different), f(0));
    EXPECT_EQ(m.at(1, c.right_direction_different), f(1));
    EXPECT_EQ(m.at(3, c.left_direction_different), f(0));
    EXPECT_EQ(m.at(3, c.right_direction_different), f(1));
    // The height-1 row's children hash by hand: chunk 0 = [1, 0..], chunk 1 empty.
    merkle::Digest one{};
    one[0] = f(1);
    for (std::uint32_t i = 0; i < 8; ++i) {
        EXPECT_EQ(m.at(3, c.left_child_hash[i]), poseidon2::hash(one)[i]);
        EXPECT_EQ(m.at(3, c.right_child_hash[i]), poseidon2::hash(merkle::Digest{})[i]);
    }
}

TEST(AirMerkle, R77_compression_row_with_a_wrong_output_is_rejected) {
    auto t = run_and_trace(two_spaces());
    ASSERT_TRUE(t);
    const auto& c = t->chips.poseidon2_compression;
    air::TraceSet ts = t->traces;
    Trace& table = *ts.find("poseidon2_compression");
    ASSERT_NE(table.at(0, c.mult), f(0));
    table.at(0, c.output[3]) += f(1);
    auto failing = air::failing_constraints(c.air, table);
    ASSERT_EQ(failing.size(), 1u);
    EXPECT_EQ(failing[0].first, "poseidon2_compression.output_is_compress");
    air::Verdict v = air::check(ts);
    ASSERT_FALSE(v.accepted);
    EXPECT_EQ(v.reason->kind, air::RejectionKind::Constraint);
    EXPECT_EQ(v.reason->constraint, "poseidon2_compression.output_is_compress");
    EXPECT_EQ(v.reason->rule, "R77");
    // A row that nobody uses (multiplicity 0) is not computed.
    air::TraceSet unused = t->traces;
    Trace& u = *unused.find("poseidon2_compression");
    u.at(u.height - 1, c.output[0]) += f(u.at(u.height - 1, c.mult).is_zero() ? 1 : 0);
    EXPECT_TRUE(air::failing_constraints(c.air, u).empty());
}

TEST(AirMerkle, R76_boundary_hash_not_the_leaf_hash_is_unbalanced) {
    auto t = run_and_trace(two_spaces());
    ASSERT_TRUE(t);
    air::TraceSet ts = t->traces;
    ts.find("persistent_boundary")->at(0, t->chips.persistent_boundary.hash[0]) += f(1);
    air::fill_compression_table(t->chips.airs(), ts);  // a forger's table cannot serve a wrong hash
    EXPECT_FALSE(air::check(ts).accepted);
    // The tampered leaf no longer matches the tree (Merkle bus) and its compression request has no
    // table row (compression bus), at the boundary row that made it.
    bool compression = false;
    for (const auto& e : air::bus_entries(t->chips.airs(), ts.traces, false))
        for (const auto& p : e.places)
            compression = compression || (e.bus == air::COMPRESSION_BUS && p.chip == "persistent_boundary" &&
                                          p.interaction == "persistent_boundary.compress_leaf" && p.row == 0);
    EXPECT_TRUE(compression);
}

TEST(AirMerkle, R76_initial_values_other_than_the_committed_ones_are_unbalanced_on_the_merkle_bus) {
    // A forger changes an initial row's value and makes everything else consistent with it
    // (its hash, the compression lookup, the access row that reads it) except the committed tree.
    auto t = run_and_trace(persistent(1, 6, {{1, 3, 33}}, {Op::read(1, 0, 8)}));
    ASSERT_TRUE(t);
    air::TraceSet ts = t->traces;
    const auto& pc = t->chips.persistent_boundary;
    const auto& ac = t->chips.access;
    Trace& b = *ts.find("persistent_boundary");
    Trace& a = *ts.find("access");
    // Rows 0 (initial) and 1 (final) of chunk (1, 0); access row 0 the read at timestamp 1.
    for (std::size_t r : {0u, 1u}) {
        b.at(r, pc.values[3]) = f(34);
        merkle::Digest vals;
        for (std::uint32_t i = 0; i < 8; ++i) vals[i] = b.at(r, pc.values[i]);
        auto h = poseidon2::hash(vals);
        for (std::uint32_t i = 0; i < 8; ++i) b.at(r, pc.hash[i]) = h[i];
    }
    a.at(0, ac.prev_data[3]) = f(34);
    a.at(0, ac.data[3]) = f(34);
    air::fill_compression_table(t->chips.airs(), ts);
    air::Verdict v = air::check(ts);
    ASSERT_FALSE(v.accepted);
    ASSERT_EQ(v.reason->kind, air::RejectionKind::Bus);
    EXPECT_EQ(v.reason->bus, air::MERKLE_BUS) << air::to_text(*v.reason);
    // Without the Merkle side it would pass: the memory bus balances.
    for (const auto& e : air::bus_entries(t->chips.airs(), ts.traces, false)) EXPECT_EQ(e.bus, air::MERKLE_BUS);
}

TEST(AirMerkle, R78_merkle_row_missing_is_reported_with_its_places) {
    auto t = run_and_trace(two_spaces());
    ASSERT_TRUE(t);
    air::TraceSet ts = t->traces;
    Trace& m = *ts.find("memory_merkle");
    // Zero a non-root initial row (row 2): its messages vanish, its parent's and children's stay.
    for (std::size_t k = 0; k < m.width; ++k) m.at(2, k) = f(0);
    air::fill_compression_table(t->chips.airs(), ts);
    auto entries = air::bus_entries(t->chips.airs(), ts.traces, false);
    ASSERT_FALSE(entries.empty());
    bool merkle_place = false;
    for (const auto& e : entries)
        for (const auto& p : e.places) merkle_place = merkle_place || (e.bus == air::MERKLE_BUS && p.chip == "memory_merkle");
    EXPECT_TRUE(merkle_place);
    EXPECT_FALSE(air::check(ts).accepted);
}

// OpenVM's MemoryMerkleChip asserts as_height > 0 and address_height > 0. memspec traces such
// configs with the memory-bus side only, and the verdict names what it did not check (R62).
TEST(AirMerkle, R62_R78_configs_without_a_merkle_side_name_the_gap) {
    for (const Scenario& sc : {persistent(0, 6, {{1, 3, 3}}, {Op::read(1, 0, 8)}), persistent(1, 3, {}, {Op::write(1, 0, {1})})}) {
        std::string why;
        auto t = run_and_trace(sc, &why);
        ASSERT_TRUE(t) << why;
        EXPECT_FALSE(air::has_merkle_side(sc.config));
        EXPECT_EQ(t->traces.find("memory_merkle"), nullptr);
        air::Verdict v = air::check(t->traces);
        EXPECT_TRUE(v.accepted) << (v.reason ? air::to_text(*v.reason) : "");
        ASSERT_EQ(v.not_checked.size(), 1u);
        EXPECT_EQ(v.not_checked[0].rule, "R62");
    }
    EXPECT_TRUE(air::has_merkle_side(persistent(1, 4, {}, {}).config));
}

}  // namespace
