// OpenVM v2.0's chips (R223-R231): a v2.0 run's traces, their rows worked by hand, acceptance on both
// engines (and a RapidCheck property over generated v2.0 scenarios), the roots as public values
// against memspec's Merkle tree, and a targeted mutation for every constraint the v2.0 chips add.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "spec/air/check.hpp"
#include "spec/air/chips.hpp"
#include "spec/air/trace_io.hpp"
#include "spec/air/tracegen.hpp"
#include "spec/vocabulary/engine.hpp"
#include "spec/vocabulary/merkle.hpp"
#include "tests/support/engines.hpp"
#include "tests/unit/air_fixtures.hpp"

namespace memspec {
namespace {

using air::Trace;
BabyBear f(std::int64_t x) { return BabyBear::from_i64(x); }

// A v2.0 scenario with a small clock (10 bits in limbs of 5), so the range table has 64 rows.
Scenario v2_scenario(std::vector<Op> ops, std::vector<InitialCell> image = {}) {
    Scenario sc;
    sc.profile = Profile::openvm_v2_0;
    sc.config.clk_max_bits = 10;
    sc.config.decomp = 5;
    sc.initial_block_size = 4;
    sc.finalize_chunk = 4;
    sc.initial_memory = std::move(image);
    sc.ops = std::move(ops);
    return sc;
}

// The hand-worked scenario (timestamps in comments):
//   image (2, 5) = 55, (2, 12) = 7
//   ts 1 write (2, 0) [1, 2, 3, 4]; ts 2 read (2, 8); tick 3; ts 6 write (1, 4) [9, 9, 9, 9];
//   ts 7 read (2, 0). Final timestamp 8.
Scenario worked_scenario() {
    return v2_scenario({Op::write(2, 0, {1, 2, 3, 4}), Op::read(2, 8, 4), Op::tick(3), Op::write(1, 4, {9, 9, 9, 9}),
                        Op::read(2, 0, 4)},
                       {{2, 5, 55}, {2, 12, 7}});
}

// A v2.0 run traced with its chips, on the engine named (both engines run every test).
std::optional<airtest::TracedAirs> trace_v2(const char* engine, const Scenario& sc, std::string* why = nullptr) {
    return airtest::trace_run(*engines::by_name(engine), sc, why);
}
using airtest::air_named;
using airtest::cell;
using airtest::describe;
void set(Trace& t, const air::Air& a, std::size_t row, const std::string& col, BabyBear v) {
    auto c = a.column(col);
    ASSERT_TRUE(c.has_value()) << col;
    t.at(row, *c) = v;
}

// R223: the chip set a v2.0 run is traced with, in its fixed order, and v2.0's trace set key.
TEST(AirV2, R223_chip_set_of_a_v2_run) {
    std::string why;
    auto t = trace_v2("impl", worked_scenario(), &why);
    ASSERT_TRUE(t) << why;
    EXPECT_EQ(t->traces.variant, air::Variant::OpenVmV2_0);
    EXPECT_EQ(t->traces.chunk, 8u);
    std::vector<std::string> names;
    for (const auto& tr : t->traces.traces) names.push_back(tr.chip);
    EXPECT_EQ(names, (std::vector<std::string>{"access", "persistent_boundary", "memory_merkle", "poseidon2_compression",
                                               "range_checker", "system"}));
    // R223: v2.0's chips need chunk 8 and a Merkle side.
    EXPECT_FALSE(air::traceable(t->setup.config, 1, air::Variant::OpenVmV2_0).ok());
    MemoryConfig flat = t->setup.config;
    flat.as_height = 0;
    EXPECT_FALSE(air::traceable(flat, 8, air::Variant::OpenVmV2_0).ok());
}

// R224, R225, R226, R230: the access and boundary rows of the worked scenario, restated by hand.
TEST(AirV2, R230_rows_of_the_worked_scenario) {
    std::string why;
    auto t = trace_v2("oracle", worked_scenario(), &why);
    ASSERT_TRUE(t) << why;
    const air::Air& acc = air_named(t->airs, "access");
    const Trace& at = *t->traces.find("access");
    ASSERT_EQ(at.height, 4u);  // 4 accesses
    // Row 2: the write of (1, 4) at 6, never accessed before.
    EXPECT_EQ(cell(at, acc, 2, "is_write"), f(1));
    EXPECT_EQ(cell(at, acc, 2, "address_space"), f(1));
    EXPECT_EQ(cell(at, acc, 2, "pointer"), f(4));
    EXPECT_EQ(cell(at, acc, 2, "timestamp"), f(6));
    EXPECT_EQ(cell(at, acc, 2, "prev_timestamp"), f(0));
    // Row 3: the read of (2, 0) at 7 sees the write at 1.
    EXPECT_EQ(cell(at, acc, 3, "prev_timestamp"), f(1));
    EXPECT_EQ(cell(at, acc, 3, "data[3]"), f(4));

    const air::Air& pb = air_named(t->airs, "persistent_boundary");
    const Trace& bt = *t->traces.find("persistent_boundary");
    ASSERT_EQ(bt.height, 8u);  // 3 chunks, 2 rows each, padded
    struct Row {
        std::int64_t e;
        std::uint32_t as, label;
        std::vector<std::int64_t> values;
        std::int64_t ts0, ts1;
    };
    const std::vector<Row> expected = {
        {1, 1, 0, {0, 0, 0, 0, 0, 0, 0, 0}, 0, 0},    // (1, chunk 0): initial
        {-1, 1, 0, {0, 0, 0, 0, 9, 9, 9, 9}, 0, 6},   // upper half written at 6, lower untouched
        {1, 2, 0, {0, 0, 0, 0, 0, 55, 0, 0}, 0, 0},   // (2, chunk 0): the image's 55 at cell 5
        {-1, 2, 0, {1, 2, 3, 4, 0, 55, 0, 0}, 7, 0},  // lower half last read at 7; upper keeps 55 and 0
        {1, 2, 1, {0, 0, 0, 0, 7, 0, 0, 0}, 0, 0},    // (2, chunk 1): the image's 7 at cell 12
        {-1, 2, 1, {0, 0, 0, 0, 7, 0, 0, 0}, 2, 0},   // lower half read at 2
    };
    for (std::size_t r = 0; r < expected.size(); ++r) {
        SCOPED_TRACE(r);
        EXPECT_EQ(cell(bt, pb, r, "expand_direction"), f(expected[r].e));
        EXPECT_EQ(cell(bt, pb, r, "address_space"), f(expected[r].as));
        EXPECT_EQ(cell(bt, pb, r, "leaf_label"), f(expected[r].label));
        for (std::size_t k = 0; k < 8; ++k)
            EXPECT_EQ(cell(bt, pb, r, "values[" + std::to_string(k) + "]"), f(expected[r].values[k]));
        EXPECT_EQ(cell(bt, pb, r, "timestamps[0]"), f(expected[r].ts0));
        EXPECT_EQ(cell(bt, pb, r, "timestamps[1]"), f(expected[r].ts1));
    }
    for (std::size_t r = 6; r < 8; ++r) EXPECT_EQ(cell(bt, pb, r, "expand_direction"), f(0));
    // R229: the connector's public values.
    const Trace& sys = *t->traces.find("system");
    EXPECT_EQ(sys.public_values[air::PV_INITIAL_TIMESTAMP], f(1));
    EXPECT_EQ(sys.public_values[air::PV_FINAL_TIMESTAMP], f(8));
}

// R227: every Merkle row carries the inverse of its parent height.
TEST(AirV2, R227_parent_height_inverse_column) {
    auto t = trace_v2("impl", worked_scenario());
    ASSERT_TRUE(t);
    const air::Air& m = air_named(t->airs, "memory_merkle");
    const Trace& mt = *t->traces.find("memory_merkle");
    ASSERT_TRUE(m.column("parent_height_inv").has_value());
    std::size_t rows = 0;
    for (std::size_t r = 0; r < mt.height; ++r) {
        if (cell(mt, m, r, "expand_direction").is_zero()) continue;
        ++rows;
        EXPECT_EQ(cell(mt, m, r, "parent_height") * cell(mt, m, r, "parent_height_inv"), f(1)) << r;
    }
    // Three leaves: chunk 0 of AS 1 (as label 0) and chunks 0, 1 of AS 2 (as label 1), in a tree of
    // 3 address-space levels over 26 pointer levels. AS 1's leaf has 26 pointer-level ancestors (heights
    // 1-26); AS 2's two leaves are siblings, so they share all 26 of theirs. As labels 0 and 1 are
    // siblings too: heights 27, 28 and 29 (the root) have one node each. 26 + 26 + 3 = 55 touched
    // nodes, each with an initial and a final row.
    EXPECT_EQ(rows, 110u);
}

// R228: the roots are the Merkle chip's public values and equal memspec's tree over the image and the
// image overwritten by the final blocks.
TEST(AirV2, R228_roots_are_the_public_values) {
    for (const char* engine : {"oracle", "impl"}) {
        SCOPED_TRACE(engine);
        auto t = trace_v2(engine, worked_scenario());
        ASSERT_TRUE(t);
        const Trace& mt = *t->traces.find("memory_merkle");
        auto initial = merkle::root(t->setup.config, t->setup.initial_memory);
        auto final_root = merkle::updated_root(t->setup.config, t->setup.initial_memory, *t->result.final_memory);
        ASSERT_TRUE(initial.ok() && final_root.ok());
        for (std::size_t k = 0; k < 8; ++k) {
            EXPECT_EQ(mt.public_values[air::PV_INITIAL_ROOT + k], (*initial)[k]);
            EXPECT_EQ(mt.public_values[air::PV_FINAL_ROOT + k], (*final_root)[k]);
        }
        EXPECT_NE(*initial, *final_root);
    }
}

// R223, R230: v2.0 runs of several shapes are accepted on both engines, and both engines' traces are equal.
TEST(AirV2, R223_v2_runs_are_accepted_on_both_engines) {
    const std::vector<Scenario> scenarios = {
        worked_scenario(),
        v2_scenario({}),                                  // nothing touched: the artificial touch (R230)
        v2_scenario({}, {{2, 0, 5}}),                     // an image, nothing touched
        v2_scenario({Op::tick(5)}),                       // only time passes
        v2_scenario({Op::read(3, 28, 4), Op::write(4, 16380, {1, 2, BabyBear::P - 1, 0}), Op::read(4, 16380, 4)}),
        v2_scenario({Op::write(2, 4, {1, 1, 1, 1}), Op::write(2, 0, {2, 2, 2, 2}), Op::write(2, 4, {3, 3, 3, 3})},
                    {{2, 0, 9}, {2, 7, 8}}),
    };
    for (std::size_t i = 0; i < scenarios.size(); ++i) {
        SCOPED_TRACE(i);
        std::string why;
        auto o = trace_v2("oracle", scenarios[i], &why);
        ASSERT_TRUE(o) << why;
        auto p = trace_v2("impl", scenarios[i], &why);
        ASSERT_TRUE(p) << why;
        const auto v = air::check(o->traces);
        EXPECT_TRUE(v.accepted) << describe(v);
        EXPECT_TRUE(v.not_checked.empty());
        EXPECT_EQ(o->traces, p->traces);
        // R231: the trace set round-trips through its JSON, variant included.
        auto back = air::parse_traces(air::traces_to_json(o->traces));
        ASSERT_TRUE(back.ok()) << back.error().message;
        EXPECT_EQ(*back, o->traces);
    }
}

// R230: a result whose records are not v2.0's 4-cell blocks is refused, not indexed.
TEST(AirV2, R230_malformed_records_are_untraceable) {
    auto t = trace_v2("impl", worked_scenario());
    ASSERT_TRUE(t);
    RunResult r = t->result;
    r.records[0].data.pop_back();
    auto bad = air::generate_traces(t->setup, r);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().kind, ErrorKind::Untraceable);
    EXPECT_NE(bad.error().message.find("R230"), std::string::npos);
    RunResult dup = t->result;
    dup.final_memory->blocks.push_back(dup.final_memory->blocks[0]);
    auto twice = air::generate_traces(t->setup, dup);
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().kind, ErrorKind::Untraceable);
}

// R231: a trace set's variant must fit its chunk.
TEST(AirV2, R231_a_v2_trace_set_with_chunk_1_is_refused) {
    auto t = trace_v2("impl", worked_scenario());
    ASSERT_TRUE(t);
    std::string json = air::traces_to_json(t->traces);
    const auto at = json.find("\"chunk\":8");
    ASSERT_NE(at, std::string::npos);
    json.replace(at, 9, "\"chunk\":1");
    auto back = air::parse_traces(json);
    ASSERT_FALSE(back.ok());
    EXPECT_EQ(back.error().kind, ErrorKind::Untraceable);
}

// One targeted mutation per constraint the v2.0 chips add (R224, R225, R227): exactly the named
// constraints fail, and the checker's verdict names one of them with its rule.
struct Mutation {
    std::string chip, target;
    std::set<std::string> expected;
    std::function<void(Trace&, const air::Air&)> edit;
};

std::vector<Mutation> v2_mutations() {
    std::vector<Mutation> m;
    auto one = [](std::string s) { return std::set<std::string>{s}; };
    // access rows of the worked scenario: 0 write (2,0) at 1; 1 read (2,8) at 2; 2 write; 3 read.
    m.push_back({"access", "access.is_valid_bool", one("access.is_valid_bool"),
                 [](Trace& t, const air::Air& a) { set(t, a, 1, "is_valid", f(2)); }});
    m.push_back({"access", "access.is_write_bool", one("access.is_write_bool"),
                 [](Trace& t, const air::Air& a) { set(t, a, 1, "is_write", f(2)); }});
    m.push_back({"access", "access.write_is_valid", one("access.write_is_valid"), [](Trace& t, const air::Air& a) {
                     set(t, a, 1, "is_write", f(1));
                     set(t, a, 1, "is_valid", f(0));
                 }});
    for (int i = 0; i < 4; ++i) {
        std::string name = "access.read_keeps_data[" + std::to_string(i) + "]";
        m.push_back({"access", name, one(name), [i](Trace& t, const air::Air& a) {
                         set(t, a, 3, "prev_data[" + std::to_string(i) + "]", f(100));
                     }});
    }
    // prev_timestamp = timestamp: y - x - 1 = -1 is not the honest limbs' sum.
    m.push_back({"access", "access.timestamp_lt.decomp", one("access.timestamp_lt.decomp"),
                 [](Trace& t, const air::Air& a) { set(t, a, 3, "prev_timestamp", f(7)); }});
    // boundary rows: 0 initial (1, 0); 1 final (1, 0); ...; 6, 7 padding.
    m.push_back({"persistent_boundary", "persistent_boundary.direction_trit", one("persistent_boundary.direction_trit"),
                 [](Trace& t, const air::Air& a) { set(t, a, 6, "expand_direction", f(2)); }});
    for (int h = 0; h < 2; ++h) {
        std::string name = "persistent_boundary.initial_at_zero[" + std::to_string(h) + "]";
        m.push_back({"persistent_boundary", name, one(name),
                     [h](Trace& t, const air::Air& a) { set(t, a, 2, "timestamps[" + std::to_string(h) + "]", f(3)); }});
    }
    const std::string mm = "memory_merkle.";
    m.push_back({"memory_merkle", mm + "root_as_label_zero", one(mm + "root_as_label_zero"),
                 [](Trace& t, const air::Air& a) { set(t, a, 0, "parent_as_label", f(1)); }});
    m.push_back({"memory_merkle", mm + "root_address_label_zero", one(mm + "root_address_label_zero"),
                 [](Trace& t, const air::Air& a) { set(t, a, 1, "parent_address_label", f(1)); }});
    m.push_back({"memory_merkle", mm + "parent_height_nonzero", one(mm + "parent_height_nonzero"),
                 [](Trace& t, const air::Air& a) { set(t, a, 5, "parent_height_inv", f(0)); }});
    return m;
}

// R224, R225, R227 (and the v2.0 chips' R226 interactions in the next test).
TEST(AirV2Mutation, R224_R225_R227_every_new_constraint_has_a_targeted_mutation) {
    auto base = trace_v2("oracle", worked_scenario());
    ASSERT_TRUE(base);
    ASSERT_TRUE(air::check(base->traces).accepted);
    std::set<std::string> covered;
    for (const Mutation& mu : v2_mutations()) {
        SCOPED_TRACE(mu.target);
        const air::Air& a = air_named(base->airs, mu.chip);
        ASSERT_NE(a.find_constraint(mu.target), nullptr);
        air::TraceSet ts = base->traces;
        mu.edit(*ts.find(mu.chip), a);
        std::set<std::string> failing;
        for (auto& [name, row] : air::failing_constraints(a, *ts.find(mu.chip))) failing.insert(name);
        EXPECT_EQ(failing, mu.expected);
        const auto v = air::check(ts);
        ASSERT_FALSE(v.accepted);
        ASSERT_EQ(v.reason->kind, air::RejectionKind::Constraint) << describe(v);
        EXPECT_TRUE(mu.expected.count(v.reason->constraint)) << describe(v);
        EXPECT_EQ(v.reason->rule, a.find_constraint(v.reason->constraint)->rule);
        if (failing == mu.expected) covered.insert(mu.target);
    }
    // Every constraint of a v2.0 rule (R223-R234) has its mutation.
    for (const auto& a : base->airs)
        for (const auto& c : a.constraints) {
            const int rule = std::stoi(c.rule.substr(1));
            if (rule >= 223 && rule <= 234) {
                EXPECT_TRUE(covered.count(c.name)) << "no mutation for " << c.name;
            }
        }
}

// R226, R224: a cell changed so that one of the v2.0 chips' interactions makes a message nobody
// matches; the verdict is a bus imbalance, and the changed row's message is among the unbalanced ones.
TEST(AirV2Mutation, R226_every_new_interaction_unbalances_its_bus_when_its_cells_change) {
    auto base = trace_v2("oracle", worked_scenario());
    ASSERT_TRUE(base);
    struct BusMutation {
        std::string chip, interaction;
        std::uint32_t bus;
        std::size_t row;
        std::function<void(Trace&, const air::Air&)> edit;
    };
    const std::vector<BusMutation> muts = {
        // The final row of (1, 0) claims its untouched lower half was last accessed at 1.
        {"persistent_boundary", "persistent_boundary.send_block[0]", air::MEMORY_BUS, 1,
         [](Trace& t, const air::Air& a) { set(t, a, 1, "timestamps[0]", f(1)); }},
        // The final row of (2, 0) claims its untouched upper half was last accessed at 1.
        {"persistent_boundary", "persistent_boundary.send_block[1]", air::MEMORY_BUS, 3,
         [](Trace& t, const air::Air& a) { set(t, a, 3, "timestamps[1]", f(1)); }},
        // A final leaf whose hash is not the tree's.
        {"persistent_boundary", "persistent_boundary.merkle_leaf", air::MERKLE_BUS, 3,
         [](Trace& t, const air::Air& a) { set(t, a, 3, "hash[0]", cell(t, a, 3, "hash[0]") + f(1)); }},
        // The untouched upper half of (2, 0) changed on both of its rows: the memory bus and the
        // Merkle bus still balance; only the compression lookup sees values the hash is not of.
        {"persistent_boundary", "persistent_boundary.compress_leaf", air::COMPRESSION_BUS, 2,
         [](Trace& t, const air::Air& a) {
             set(t, a, 2, "values[5]", f(56));
             set(t, a, 3, "values[5]", f(56));
         }},
        // The read of (2, 8) at 2 claims an earlier access at 1 that never happened.
        {"access", "access.receive_prev", air::MEMORY_BUS, 1,
         [](Trace& t, const air::Air& a) {
             set(t, a, 1, "prev_timestamp", f(1));
             // keep the honest limbs of 2 - 1 - 1 = 0
             for (std::size_t k = 0; k < a.columns.size(); ++k)
                 if (a.columns[k].rfind("access.timestamp_lt", 0) == 0 || a.columns[k].rfind("timestamp_lt", 0) == 0)
                     t.at(1, k) = f(0);
         }},
    };
    for (const auto& mu : muts) {
        SCOPED_TRACE(mu.interaction);
        const air::Air& a = air_named(base->airs, mu.chip);
        ASSERT_NE(a.find_interaction(mu.interaction), nullptr);
        air::TraceSet ts = base->traces;
        mu.edit(*ts.find(mu.chip), a);
        const auto v = air::check(ts);
        ASSERT_FALSE(v.accepted);
        ASSERT_EQ(v.reason->kind, air::RejectionKind::Bus) << describe(v);
        // Among the unbalanced messages is the one the changed row's interaction makes.
        bool named = false;
        for (const auto& e : air::bus_entries(base->airs, ts.traces, false))
            for (const auto& p : e.places)
                named = named || (e.bus == mu.bus && p.chip == mu.chip && p.row == mu.row && p.interaction == mu.interaction);
        EXPECT_TRUE(named) << describe(v);
    }
}

// R223: each new interaction is needed: the honest traces checked without it leave a bus unbalanced.
TEST(AirV2Mutation, R226_without_an_interaction_the_honest_traces_are_rejected) {
    auto base = trace_v2("impl", worked_scenario());
    ASSERT_TRUE(base);
    for (const std::string name : {"persistent_boundary.send_block[0]", "persistent_boundary.send_block[1]",
                                   "persistent_boundary.merkle_leaf", "persistent_boundary.compress_leaf",
                                   "access.receive_prev", "access.send_new"}) {
        SCOPED_TRACE(name);
        auto airs = base->airs;
        bool removed = false;
        for (auto& a : airs)
            if (auto w = air::without_interaction(a, name)) {
                a = *w;
                removed = true;
            }
        ASSERT_TRUE(removed);
        const auto v = air::check(airs, base->traces.traces);
        ASSERT_FALSE(v.accepted);
        EXPECT_EQ(v.reason->kind, air::RejectionKind::Bus) << describe(v);
    }
}

// A generated v2.0 scenario that runs to its end: aligned 4-cell accesses in address spaces 1-4,
// small pointers so that blocks and chunks are shared, ticks, an image, and a clock of 10 bits.
Scenario gen_v2_scenario() {
    const std::uint64_t cells[] = {0, 128, 1u << 29, 32, 1u << 14};
    auto value = [](std::uint64_t as) {
        return as == 4 ? *rc::gen::element<std::uint64_t>(0, 1, BabyBear::P - 1) : *rc::gen::inRange<std::uint64_t>(0, 256);
    };
    std::vector<InitialCell> image;
    std::set<std::pair<std::uint64_t, std::uint64_t>> seen;
    const int n_image = *rc::gen::inRange(0, 6);
    for (int i = 0; i < n_image; ++i) {
        const std::uint64_t as = *rc::gen::inRange<std::uint64_t>(1, 5);
        const std::uint64_t ptr = *rc::gen::inRange<std::uint64_t>(0, 24) % cells[as];
        if (!seen.insert({as, ptr}).second) continue;
        image.push_back({as, ptr, value(as)});
    }
    std::vector<Op> ops;
    const int n = *rc::gen::inRange(0, 30);
    for (int i = 0; i < n; ++i) {
        const int kind = *rc::gen::inRange(0, 7);
        if (kind == 6) {
            ops.push_back(Op::tick(*rc::gen::inRange<std::uint64_t>(0, 4)));
            continue;
        }
        const std::uint64_t as = *rc::gen::inRange<std::uint64_t>(1, 5);
        const std::uint64_t ptr = 4 * *rc::gen::inRange<std::uint64_t>(0, 6);
        if (kind < 3) {
            ops.push_back(Op::read(as, ptr, 4));
        } else {
            std::vector<std::uint64_t> data;
            for (int k = 0; k < 4; ++k) data.push_back(value(as));
            ops.push_back(Op::write(as, ptr, std::move(data)));
        }
    }
    return v2_scenario(std::move(ops), std::move(image));
}

// R223, R228, R230: every generated v2.0 run is accepted, on both engines, with equal traces, and its
// roots are memspec's tree's.
RC_GTEST_PROP(AirV2Property, R223_generated_v2_runs_are_accepted_on_both_engines, ()) {
    const Scenario sc = gen_v2_scenario();
    std::string why;
    auto o = trace_v2("oracle", sc, &why);
    RC_ASSERT(o.has_value());
    auto p = trace_v2("impl", sc, &why);
    RC_ASSERT(p.has_value());
    RC_ASSERT(o->traces == p->traces);
    const auto v = air::check(p->traces);
    if (!v.accepted) RC_FAIL(describe(v));
    const Trace& mt = *p->traces.find("memory_merkle");
    auto final_root = merkle::updated_root(p->setup.config, p->setup.initial_memory, *p->result.final_memory);
    RC_ASSERT(final_root.ok());
    for (std::size_t k = 0; k < 8; ++k) RC_ASSERT(mt.public_values[air::PV_FINAL_ROOT + k] == (*final_root)[k]);
}

}  // namespace
}  // namespace memspec
