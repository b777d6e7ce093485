// Audit classes (reference/audit-findings.md) as forged traces: each is accepted by a weakened
// AIR (the constraint the audit found missing is dropped) and rejected by the real one, which
// names the constraint. Plus OpenVM v1.0's docs/specs/memory.md worked example, reproduced
// interaction by interaction.
#include <algorithm>

#include "tests/unit/air_fixtures.hpp"

using namespace memspec;
using namespace memspec::airtest;

namespace {

std::vector<air::Air> replace(std::vector<air::Air> airs, const air::Air& a) {
    for (auto& x : airs)
        if (x.name == a.name) x = a;
    return airs;
}
}  // namespace

// B1: without limb range checks, the sorted-address check compares residues mod p. Four
// steps of (p - 1) / 4 < 2^29 in the address-space coordinate wrap around the field and land
// on (1, 5) again: a second boundary row for a cell that already has one.
// Covers R57.
TEST(AirAudit, B1_R57_volatile_limbs_unchecked_duplicate_address) {
    Scenario sc;  // default config: decomp 17, 29-bit pointers, 4-bit address spaces
    sc.finalize_chunk = 1;
    sc.ops = {Op::write(1, 5, {7}), Op::write(2, 0, {1})};
    auto t = run_and_trace(sc);
    ASSERT_TRUE(t);
    const auto& vc = t->chips.volatile_boundary;
    ASSERT_EQ(vc.as_limbs.size(), 1u);
    const air::Trace& honest = *t->traces.find("volatile_boundary");

    air::Trace forged = air::empty_trace(vc.air, 6);
    std::copy(honest.row(0), honest.row(0) + 2 * honest.width, forged.cells.begin());
    const std::int64_t step = (BabyBear::P - 1) / 4;  // 503316480 < 2^29
    for (int k = 1; k <= 4; ++k) {
        BabyBear* row = forged.row(1 + k);
        row[vc.as_limbs[0]] = f(2 + k * step);  // k = 4: 2 + p - 1 = 1 (mod p)
        row[vc.ptr_limbs[0]] = f(5);
        row[vc.is_valid] = f(1);  // created with 0 at 0 and consumed as 0 at 0: self-cancelling
    }
    for (int r = 1; r <= 4; ++r) {  // rows 1..4 now compare with a valid next row
        BabyBear* row = forged.row(r);
        row[vc.addr_lt.diff_marker[0]] = f(1);
        row[vc.addr_lt.diff_inv] = f(step).inverse();
        air::fill_decomposition(row, vc.addr_lt.lt.lower_decomp, step - 1, 17);
    }
    EXPECT_EQ(forged.at(5, vc.as_limbs[0]), f(1));
    EXPECT_EQ(forged.at(0, vc.as_limbs[0]), f(1));
    EXPECT_EQ(forged.at(5, vc.ptr_limbs[0]), forged.at(0, vc.ptr_limbs[0]));
    *t->traces.find("volatile_boundary") = forged;

    auto airs = t->chips.airs();
    auto weak = air::without_interaction(vc.air, "volatile_boundary.addr_space_limb_range[0]");
    ASSERT_TRUE(weak);
    auto weak_airs = replace(airs, *weak);
    air::TraceSet weak_set = t->traces;
    air::fill_range_counts(weak_airs, weak_set);
    auto vw = air::check(weak_airs, weak_set.traces);
    EXPECT_TRUE(vw.accepted) << describe(vw);

    air::fill_range_counts(airs, t->traces);
    auto v = air::check(airs, t->traces.traces);
    ASSERT_FALSE(v.accepted);
    EXPECT_EQ(v.reason->kind, air::RejectionKind::Bus);
    EXPECT_EQ(v.reason->bus, air::RANGE_BUS);
    EXPECT_EQ(v.reason->constraint, "volatile_boundary.addr_space_limb_range[0]") << describe(v);
    EXPECT_EQ(v.reason->chip, "volatile_boundary");
}

// B5: a padding row (is_valid = 0) that still interacts can overwrite memory: here it
// replaces the value 5 of (1, 0) by 666 and the boundary's final value follows.
// Covers R47.
TEST(AirAudit, B5_R47_padding_row_write_rejected) {
    Scenario sc;
    sc.config.decomp = 5;
    sc.config.clk_max_bits = 12;
    sc.config.pointer_max_bits = 10;
    sc.config.max_access_adapter_n = 2;
    sc.finalize_chunk = 1;
    sc.ops = {Op::write(1, 0, {5}), Op::read(1, 0, 1), Op::read(1, 1, 1)};
    auto t = run_and_trace(sc);
    ASSERT_TRUE(t);
    const auto& ac = t->chips.access;
    auto& at = *t->traces.find("access");
    ASSERT_EQ(at.height, 4u);
    ASSERT_EQ(at.at(3, ac.is_valid), f(0));
    BabyBear* row = at.row(3);
    row[ac.is_write] = f(1);
    row[ac.size_flag[0]] = f(1);
    row[ac.address_space] = f(1);
    row[ac.pointer] = f(0);
    row[ac.prev_data[0]] = f(5);
    row[ac.prev_timestamp] = f(2);
    row[ac.data[0]] = f(666);
    row[ac.timestamp] = f(3);
    auto& vb = *t->traces.find("volatile_boundary");
    ASSERT_EQ(vb.at(0, t->chips.volatile_boundary.final_data), f(5));
    vb.at(0, t->chips.volatile_boundary.final_data) = f(666);
    vb.at(0, t->chips.volatile_boundary.final_timestamp) = f(3);

    auto airs = t->chips.airs();
    auto weak = air::without_constraint(ac.air, "access.one_size_iff_valid");
    ASSERT_TRUE(weak);
    weak = air::without_constraint(*weak, "access.write_is_valid");
    ASSERT_TRUE(weak);
    auto vw = air::check(replace(airs, *weak), t->traces.traces);
    EXPECT_TRUE(vw.accepted) << describe(vw);

    auto v = air::check(airs, t->traces.traces);
    ASSERT_FALSE(v.accepted);
    EXPECT_EQ(v.reason->constraint, "access.one_size_iff_valid");
    EXPECT_EQ(v.reason->rule, "R47");
    EXPECT_EQ(v.reason->chip, "access");
    EXPECT_EQ(v.reason->row, 3u);
}

// B6: IsLessThanArray with a marker on an index that does not differ accepted
// x = [0, 0] < y = [0, 1] with out = 0. A stand-alone gadget AIR with count 1.
// Covers R45.
TEST(AirAudit, B6_R45_diff_marker_on_equal_index_rejected) {
    MemoryConfig config;
    config.decomp = 5;
    air::AirBuilder b;
    b.air.name = "lt_array";
    auto x0 = b.add_column("x0"), x1 = b.add_column("x1"), y0 = b.add_column("y0"), y1 = b.add_column("y1"),
         out = b.add_column("out");
    auto aux = air::is_less_than_array(b, "lt_array", "R45", {air::local(x0), air::local(x1)},
                                       {air::local(y0), air::local(y1)}, air::local(out), 1, 12, 5);
    air::Air lt = b.air;
    air::Air rc = air::make_range_checker_chip(config).air;

    air::TraceSet set;
    set.config = config;
    air::Trace t = air::empty_trace(lt, 1);
    t.at(0, y1) = f(1);
    air::Trace rct = air::empty_trace(rc, air::range_table_height(5));
    for (const auto& fc : rc.fixed)
        for (std::size_t r = 0; r < rct.height; ++r) rct.at(r, fc.column) = fc.values[r];

    // Honest witness: out = 1.
    air::Trace honest = t;
    honest.at(0, out) = f(1);
    air::fill_is_less_than_array(honest.row(0), aux, {0, 0}, {0, 1});
    set.traces = {honest, rct};
    air::fill_range_counts({lt, rc}, set);
    auto vh = air::check({lt, rc}, set.traces);
    EXPECT_TRUE(vh.accepted) << describe(vh);

    // Forged: out = 0, marker on index 0 (equal entries), lower = 2^12 - 1.
    air::Trace forged = t;
    forged.at(0, aux.diff_marker[0]) = f(1);
    air::fill_decomposition(forged.row(0), aux.lt.lower_decomp, (1u << 12) - 1, 5);
    set.traces = {forged, rct};
    auto weak = air::without_constraint(lt, "lt_array.marker_differs[0]");
    ASSERT_TRUE(weak);
    air::fill_range_counts({*weak, rc}, set);
    auto vw = air::check({*weak, rc}, set.traces);
    EXPECT_TRUE(vw.accepted) << describe(vw);
    auto v = air::check({lt, rc}, set.traces);
    ASSERT_FALSE(v.accepted);
    EXPECT_EQ(v.reason->constraint, "lt_array.marker_differs[0]");
    EXPECT_EQ(v.reason->rule, "R45");
}

// B8: a 2-field message on the range bus and the same fields zero-padded on the memory bus
// would cancel under a fingerprint that ignores the bus id; here they are distinct messages.
// Covers R41.
TEST(AirAudit, B8_R41_bus_id_is_part_of_the_message) {
    air::AirBuilder s, r;
    s.air.name = "short_sender";
    auto a = s.add_column("a"), bcol = s.add_column("b");
    s.range_check("short_sender.request", "R46", air::local(a), 3, 1);
    r.air.name = "padded_receiver";
    auto ra = r.add_column("a"), rb = r.add_column("b");
    r.interact("padded_receiver.consume", "R51", air::MEMORY_BUS, air::Direction::Receive,
               {air::local(ra), air::local(rb), 0, 0}, 1);
    air::Trace ts = air::empty_trace(s.air, 1), tr = air::empty_trace(r.air, 1);
    ts.at(0, a) = f(5);
    ts.at(0, bcol) = f(3);
    tr.at(0, ra) = f(5);
    tr.at(0, rb) = f(3);
    auto v = air::check({s.air, r.air}, {ts, tr});
    ASSERT_FALSE(v.accepted);
    EXPECT_EQ(v.reason->kind, air::RejectionKind::Bus);
    EXPECT_EQ(v.reason->bus, air::MEMORY_BUS);
    EXPECT_EQ(v.reason->constraint, "padded_receiver.consume");
    auto unbalanced = air::bus_entries({s.air, r.air}, {ts, tr}, false);
    ASSERT_EQ(unbalanced.size(), 2u);
    EXPECT_EQ(unbalanced[0].bus, air::MEMORY_BUS);
    EXPECT_EQ(unbalanced[1].bus, air::RANGE_BUS);
    EXPECT_EQ(unbalanced[1].message, (std::vector<BabyBear>{f(5), f(3)}));
}

// B2: the initial timestamp must be pinned (to 1 here, the first access's timestamp).
// Covers R64.
TEST(AirAudit, B2_R64_initial_timestamp_not_one_rejected) {
    Scenario sc;
    sc.config.decomp = 5;
    sc.config.clk_max_bits = 12;
    sc.finalize_chunk = 1;
    sc.ops = {Op::write(1, 0, {5})};
    auto t = run_and_trace(sc);
    ASSERT_TRUE(t);
    t->traces.find("system")->public_values[air::PV_INITIAL_TIMESTAMP] = f(0);
    auto airs = t->chips.airs();
    auto weak = air::without_constraint(t->chips.system.air, "system.initial_timestamp_is_one");
    ASSERT_TRUE(weak);
    EXPECT_TRUE(air::check(replace(airs, *weak), t->traces.traces).accepted);
    auto v = air::check(airs, t->traces.traces);
    ASSERT_FALSE(v.accepted);
    EXPECT_EQ(v.reason->constraint, "system.initial_timestamp_is_one");
    EXPECT_EQ(v.reason->rule, "R64");
}

// B3: a final timestamp of 2^clk_max_bits decomposes only with an out-of-range top limb.
// Covers R65.
TEST(AirAudit, B3_R65_final_timestamp_at_limit_rejected) {
    Scenario sc;
    sc.config.decomp = 5;
    sc.config.clk_max_bits = 12;  // limbs of 5, 5, 2 bits
    sc.finalize_chunk = 1;
    sc.ops = {Op::write(1, 0, {5})};
    auto t = run_and_trace(sc);
    ASSERT_TRUE(t);
    auto& sys = *t->traces.find("system");
    sys.public_values[air::PV_FINAL_TIMESTAMP] = f(1 << 12);
    air::fill_decomposition(sys.row(0), t->chips.system.final_ts_limbs, 0, 5);
    sys.at(0, t->chips.system.final_ts_limbs[2]) = f(4);  // 4 * 2^10 = 2^12, but limb 2 has 2 bits
    auto airs = t->chips.airs();
    EXPECT_TRUE(air::failing_constraints(t->chips.system.air, sys).empty());
    auto weak = air::without_interaction(t->chips.system.air, "system.final_timestamp_range[2]");
    ASSERT_TRUE(weak);
    auto weak_airs = replace(airs, *weak);
    air::TraceSet weak_set = t->traces;
    air::fill_range_counts(weak_airs, weak_set);
    EXPECT_TRUE(air::check(weak_airs, weak_set.traces).accepted);
    air::fill_range_counts(airs, t->traces);
    auto v = air::check(airs, t->traces.traces);
    ASSERT_FALSE(v.accepted);
    EXPECT_EQ(v.reason->kind, air::RejectionKind::Bus);
    EXPECT_EQ(v.reason->constraint, "system.final_timestamp_range[2]");
    EXPECT_EQ(v.reason->message, (std::vector<BabyBear>{f(4), f(2)}));
}

namespace {
struct Msg {
    char dir;  // 'S' send (the doc's <-), 'R' receive (the doc's ->)
    std::vector<std::uint32_t> fields;
    bool operator<(const Msg& o) const { return std::tie(dir, fields) < std::tie(o.dir, o.fields); }
    bool operator==(const Msg& o) const { return dir == o.dir && fields == o.fields; }
};
}  // namespace

// OpenVM v1.0 docs/specs/memory.md, "Access adapters", CHUNK = 1: write [1,2,3,4] to [0,4) of
// AS 2, write [5,6,7,8] to [4,8), read [2,6). Every memory-bus interaction the document lists
// appears with the same direction, and nothing else does except finalize's splits and the
// boundary's final receives, listed by hand below. One correction: the document's final merge
// consumes [(2,6),(7,8),2], but the middle halves are [2,4) and [4,6), so it consumes
// [(2,4),(5,6),2] (the block [6,8) is never merged).
// Covers R51, R55, R59.
TEST(AirWorkedExample, R51_R55_R59_openvm_memory_md_interaction_by_interaction) {
    Scenario sc;
    sc.finalize_chunk = 1;
    sc.ops = {Op::write(2, 0, {1, 2, 3, 4}), Op::write(2, 4, {5, 6, 7, 8}), Op::read(2, 2, 4)};
    auto t = run_and_trace(sc);
    ASSERT_TRUE(t);
    ASSERT_TRUE(air::check(t->traces).accepted);

    std::vector<Msg> expected = {
        // write [1,2,3,4]
        {'S', {2, 0, 0, 0}}, {'S', {2, 1, 0, 0}}, {'S', {2, 2, 0, 0}}, {'S', {2, 3, 0, 0}},
        {'R', {2, 0, 0, 0}}, {'R', {2, 1, 0, 0}}, {'S', {2, 0, 0, 0, 0}},
        {'R', {2, 2, 0, 0}}, {'R', {2, 3, 0, 0}}, {'S', {2, 2, 0, 0, 0}},
        {'R', {2, 0, 0, 0, 0}}, {'R', {2, 2, 0, 0, 0}}, {'S', {2, 0, 0, 0, 0, 0, 0}},
        {'R', {2, 0, 0, 0, 0, 0, 0}}, {'S', {2, 0, 1, 2, 3, 4, 1}},
        // write [5,6,7,8]
        {'S', {2, 4, 0, 0}}, {'S', {2, 5, 0, 0}}, {'S', {2, 6, 0, 0}}, {'S', {2, 7, 0, 0}},
        {'R', {2, 4, 0, 0}}, {'R', {2, 5, 0, 0}}, {'S', {2, 4, 0, 0, 0}},
        {'R', {2, 6, 0, 0}}, {'R', {2, 7, 0, 0}}, {'S', {2, 6, 0, 0, 0}},
        {'R', {2, 4, 0, 0, 0}}, {'R', {2, 6, 0, 0, 0}}, {'S', {2, 4, 0, 0, 0, 0, 0}},
        {'R', {2, 4, 0, 0, 0, 0, 0}}, {'S', {2, 4, 5, 6, 7, 8, 2}},
        // read [2,6)
        {'R', {2, 0, 1, 2, 3, 4, 1}}, {'S', {2, 0, 1, 2, 1}}, {'S', {2, 2, 3, 4, 1}},
        {'R', {2, 4, 5, 6, 7, 8, 2}}, {'S', {2, 4, 5, 6, 2}}, {'S', {2, 6, 7, 8, 2}},
        {'R', {2, 2, 3, 4, 1}}, {'R', {2, 4, 5, 6, 2}}, {'S', {2, 2, 3, 4, 5, 6, 2}},
        {'R', {2, 2, 3, 4, 5, 6, 2}}, {'S', {2, 2, 3, 4, 5, 6, 3}},
        // finalize::<1> (not in the document): split every block down to cells
        {'R', {2, 0, 1, 2, 1}}, {'S', {2, 0, 1, 1}}, {'S', {2, 1, 2, 1}},
        {'R', {2, 2, 3, 4, 5, 6, 3}}, {'S', {2, 2, 3, 4, 3}}, {'S', {2, 4, 5, 6, 3}},
        {'R', {2, 2, 3, 4, 3}}, {'S', {2, 2, 3, 3}}, {'S', {2, 3, 4, 3}},
        {'R', {2, 4, 5, 6, 3}}, {'S', {2, 4, 5, 3}}, {'S', {2, 5, 6, 3}},
        {'R', {2, 6, 7, 8, 2}}, {'S', {2, 6, 7, 2}}, {'S', {2, 7, 8, 2}},
        // volatile boundary: final values
        {'R', {2, 0, 1, 1}}, {'R', {2, 1, 2, 1}}, {'R', {2, 2, 3, 3}}, {'R', {2, 3, 4, 3}},
        {'R', {2, 4, 5, 3}}, {'R', {2, 5, 6, 3}}, {'R', {2, 6, 7, 2}}, {'R', {2, 7, 8, 2}},
    };

    std::vector<Msg> actual;
    for (const auto& a : t->chips.airs()) {
        const air::Trace& tr = *t->traces.find(a.name);
        for (std::size_t r = 0; r < tr.height; ++r) {
            air::RowView v{tr.row(r), tr.row((r + 1) % tr.height), tr.public_values.data(), tr.width,
                           tr.public_values.size()};
            for (const auto& it : a.interactions) {
                if (it.bus != air::MEMORY_BUS) continue;
                BabyBear count = air::eval(it.count, v);
                if (count.is_zero()) continue;
                ASSERT_TRUE(count == f(1) || count == f(-1)) << it.name;
                // A merge is an adapter row with direction -1: its "receive" produces.
                bool send = (it.direction == air::Direction::Send) == (count == f(1));
                Msg m{send ? 'S' : 'R', {}};
                for (const auto& e : it.message) m.fields.push_back(air::eval(e, v).v);
                actual.push_back(m);
            }
        }
    }
    std::sort(expected.begin(), expected.end());
    std::sort(actual.begin(), actual.end());
    EXPECT_EQ(actual.size(), expected.size());
    EXPECT_TRUE(actual == expected);
}
