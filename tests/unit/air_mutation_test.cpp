// For every named constraint of every chip, a targeted mutation of a valid trace that exactly
// the named constraint(s) reject (R47-R65). A few constraints are implied by their siblings
// in a given chip (noted per entry); there the expected set names all of them. A final test
// checks that the table covers every constraint name of every AIR used.
#include <map>
#include <set>

#include "tests/unit/air_fixtures.hpp"

using namespace memspec;
using namespace memspec::airtest;
using air::Trace;

namespace {

Scenario volatile_scenario() {
    return small_volatile_scenario({Op::write(1, 0, {0, 1, 2, 3}),  // access row 0, ts 1
                                    Op::read(1, 0, 4),              // row 1, ts 2
                                    Op::write(1, 0, {10, 11}),      // row 2, ts 3
                                    Op::read(1, 0, 4),              // row 3, ts 4: merge with left ts 3 > right ts 1
                                    Op::read(0, 77, 1),             // row 4, ts 5: immediate
                                    Op::tick(3),
                                    Op::write(2, 0, {5, 6}),        // row 5, ts 9
                                    Op::read(1, 2, 1),              // row 6, ts 10: reads 2 at pointer 2
                                    Op::write(2, 2, {7}),           // row 7, ts 11: (2, 2) is the largest address
                                    Op::read(1, 3, 1)});  // row 8, ts 12; rows 9..15 are padding
}

Scenario persistent_scenario() {
    Scenario sc;
    sc.config.max_access_adapter_n = 8;
    sc.config.decomp = 5;
    sc.config.clk_max_bits = 12;
    sc.config.pointer_max_bits = 10;
    sc.config.as_height = 2;
    sc.initial_block_size = 8;
    sc.finalize_chunk = 8;
    sc.initial_memory = {{1, 3, 33}, {1, 9, 99}};
    sc.ops = {Op::write(1, 2, {4, 5}), Op::read(1, 8, 4)};
    return sc;
}

struct Mutation {
    std::string chip;
    std::string target;               // the constraint the mutation is aimed at
    std::set<std::string> expected;   // exactly the constraints that must then fail
    std::function<void(Trace&, const air::Air&)> edit;
};

void set(Trace& t, const air::Air& a, std::size_t row, const std::string& col, BabyBear v) {
    auto c = a.column(col);
    ASSERT_TRUE(c.has_value()) << col;
    t.at(row, *c) = v;
}
BabyBear get(const Trace& t, const air::Air& a, std::size_t row, const std::string& col) {
    return t.at(row, *a.column(col));
}
std::size_t find_row(const Trace& t, const air::Air& a, const std::function<bool(std::size_t)>& pred) {
    for (std::size_t r = 0; r < t.height; ++r)
        if (pred(r)) return r;
    ADD_FAILURE() << "no row matches in " << a.name;
    return 0;
}

std::vector<Mutation> access_mutations(std::uint32_t num_sizes, std::uint32_t max_n) {
    std::vector<Mutation> m;
    auto one = [](std::string s) { return std::set<std::string>{s}; };
    // Row 1: a valid 4-cell read. A second size flag keeps the flag sum equal to is_valid = 2.
    m.push_back({"access", "access.is_valid_bool", one("access.is_valid_bool"), [](Trace& t, const air::Air& a) {
                     set(t, a, 1, "is_valid", f(2));
                     set(t, a, 1, "size_flag[0]", f(1));
                 }});
    m.push_back({"access", "access.is_write_bool", one("access.is_write_bool"),
                 [](Trace& t, const air::Air& a) { set(t, a, 1, "is_write", f(2)); }});
    for (std::uint32_t j = 0; j < num_sizes; ++j) {
        // Padding row 9: flags 1 and -1 sum to is_valid = 0; only flag j is not boolean.
        std::string name = "access.size_flag_bool[" + std::to_string(j) + "]";
        m.push_back({"access", name, one(name), [j](Trace& t, const air::Air& a) {
                         set(t, a, 9, "size_flag[" + std::to_string(j) + "]", f(-1));
                         set(t, a, 9, "size_flag[" + std::to_string(j == 0 ? 1 : 0) + "]", f(1));
                     }});
    }
    m.push_back({"access", "access.one_size_iff_valid", one("access.one_size_iff_valid"),
                 [](Trace& t, const air::Air& a) { set(t, a, 9, "size_flag[0]", f(1)); }});
    m.push_back({"access", "access.write_is_valid", one("access.write_is_valid"),
                 [](Trace& t, const air::Air& a) { set(t, a, 9, "is_write", f(1)); }});
    for (std::uint32_t i = 0; i < max_n; ++i) {
        std::string name = "access.read_keeps_data[" + std::to_string(i) + "]";
        m.push_back({"access", name, one(name), [i](Trace& t, const air::Air& a) {
                         set(t, a, 1, "prev_data[" + std::to_string(i) + "]", f(99));
                     }});
    }
    // Row 6 reads value 2 at pointer 2, so claiming it is an immediate only breaks x*out == 0.
    m.push_back({"access", "access.is_immediate.zero_product", one("access.is_immediate.zero_product"),
                 [](Trace& t, const air::Air& a) {
                     set(t, a, 6, "is_immediate", f(1));
                     set(t, a, 6, "access.is_immediate.inv", f(0));
                 }});
    m.push_back({"access", "access.is_immediate.inverse", one("access.is_immediate.inverse"),
                 [](Trace& t, const air::Air& a) { set(t, a, 0, "access.is_immediate.inv", f(5)); }});
    m.push_back({"access", "access.immediate_value", one("access.immediate_value"), [](Trace& t, const air::Air& a) {
                     set(t, a, 4, "data[0]", f(78));
                     set(t, a, 4, "prev_data[0]", f(78));
                 }});
    m.push_back({"access", "access.immediate_is_read", one("access.immediate_is_read"),
                 [](Trace& t, const air::Air& a) { set(t, a, 4, "is_write", f(1)); }});
    m.push_back({"access", "access.immediate_one_cell", one("access.immediate_one_cell"), [](Trace& t, const air::Air& a) {
                     set(t, a, 4, "size_flag[0]", f(0));
                     set(t, a, 4, "size_flag[1]", f(1));
                 }});
    m.push_back({"access", "access.timestamp_lt.decomp", one("access.timestamp_lt.decomp"),
                 [](Trace& t, const air::Air& a) {
                     set(t, a, 1, "access.timestamp_lt.lower_decomp[0]",
                         get(t, a, 1, "access.timestamp_lt.lower_decomp[0]") + f(1));
                 }});
    return m;
}

std::vector<Mutation> adapter_mutations(std::uint32_t n, std::uint32_t clk_max_bits) {
    const std::string c = air::adapter_chip_name(n);
    auto one = [&](std::string s) { return std::set<std::string>{c + "." + s}; };
    auto split_row = [](const Trace& t, const air::Air& a) {
        return find_row(t, a, [&](std::size_t r) { return get(t, a, r, "is_valid") == f(1) && get(t, a, r, "is_split") == f(1); });
    };
    std::vector<Mutation> m;
    m.push_back({c, c + ".is_valid_bool", one("is_valid_bool"), [=](Trace& t, const air::Air& a) {
                     set(t, a, split_row(t, a), "is_valid", f(2));
                 }});
    m.push_back({c, c + ".is_split_bool", one("is_split_bool"), [=](Trace& t, const air::Air& a) {
                     set(t, a, split_row(t, a), "is_split", f(2));
                 }});
    // A split whose halves got different timestamps, with an honest comparison witness.
    m.push_back({c, c + ".split_same_timestamp", one("split_same_timestamp"), [=](Trace& t, const air::Air& a) {
                     std::size_t r = split_row(t, a);
                     BabyBear left = get(t, a, r, "left_timestamp");
                     set(t, a, r, "right_timestamp", left + f(1));
                     set(t, a, r, "is_right_larger", f(1));
                     for (std::size_t i = 0; a.column(c + ".timestamp_lt.lower_decomp[" + std::to_string(i) + "]"); ++i)
                         set(t, a, r, c + ".timestamp_lt.lower_decomp[" + std::to_string(i) + "]", f(0));
                 }});
    m.push_back({c, c + ".timestamp_lt.decomp", one("timestamp_lt.decomp"), [=](Trace& t, const air::Air& a) {
                     std::size_t r = split_row(t, a);
                     std::string l0 = c + ".timestamp_lt.lower_decomp[0]";
                     set(t, a, r, l0, get(t, a, r, l0) + f(1));
                 }});
    // out = 2 with the decomposition shifted by -2^max_bits keeps the sum identity true.
    m.push_back({c, c + ".timestamp_lt.out_bool", one("timestamp_lt.out_bool"), [=](Trace& t, const air::Air& a) {
                     std::size_t r = split_row(t, a);
                     std::string l0 = c + ".timestamp_lt.lower_decomp[0]";
                     set(t, a, r, "is_right_larger", f(2));
                     set(t, a, r, l0, get(t, a, r, l0) - f(std::int64_t{2} << clk_max_bits));
                 }});
    return m;
}

// Volatile rows (sorted): (1,0) (1,1) (1,2) (1,3) (2,0) (2,1) (2,2), then padding row 7.
std::vector<Mutation> volatile_mutations() {
    const std::string c = "volatile_boundary";
    const std::string lt = c + ".addr_lt";
    auto one = [&](std::string s) { return std::set<std::string>{c + "." + s}; };
    std::vector<Mutation> m;
    m.push_back({c, c + ".is_valid_bool", one("is_valid_bool"),
                 [](Trace& t, const air::Air& a) { set(t, a, 6, "is_valid", f(2)); }});
    m.push_back({c, c + ".valid_rows_first", one("valid_rows_first"),
                 [](Trace& t, const air::Air& a) { set(t, a, 0, "is_valid", f(0)); }});
    // Row 6 has count 0 (next row is padding) and as == ptr == 2, so both differences are -2.
    m.push_back({c, lt + ".marker_bool[0]", {lt + ".marker_bool[0]", lt + ".marker_bool[1]"},  // implied pairwise
                 [=](Trace& t, const air::Air& a) {
                     set(t, a, 6, lt + ".diff_marker[0]", f(-1));
                     set(t, a, 6, lt + ".diff_marker[1]", f(2));
                     set(t, a, 6, lt + ".diff_inv", f(-2).inverse());
                 }});
    m.push_back({c, lt + ".marker_bool[1]", {lt + ".marker_bool[0]", lt + ".marker_bool[1]"},
                 [=](Trace& t, const air::Air& a) {
                     set(t, a, 6, lt + ".diff_marker[0]", f(2));
                     set(t, a, 6, lt + ".diff_marker[1]", f(-1));
                     set(t, a, 6, lt + ".diff_inv", f(-2).inverse());
                 }});
    m.push_back({c, lt + ".at_most_one_marker", {lt + ".at_most_one_marker"}, [=](Trace& t, const air::Air& a) {
                     set(t, a, 6, lt + ".diff_marker[0]", f(1));
                     set(t, a, 6, lt + ".diff_marker[1]", f(1));
                     set(t, a, 6, lt + ".diff_inv", f(-2).inverse());
                 }});
    // Row 3 -> row 4 is (1,3) -> (2,0): the address spaces differ. Marking index 1 instead
    // (difference -3) with a matching inverse and decomposition only breaks index 0's equality.
    m.push_back({c, lt + ".equal_before_marker[0]", {lt + ".equal_before_marker[0]"}, [=](Trace& t, const air::Air& a) {
                     set(t, a, 3, lt + ".diff_marker[0]", f(0));
                     set(t, a, 3, lt + ".diff_marker[1]", f(1));
                     set(t, a, 3, lt + ".diff_inv", f(-3).inverse());
                     set(t, a, 3, lt + ".lt.lower_decomp[0]", f(-4));
                     set(t, a, 3, lt + ".lt.lower_decomp[1]", f(0));
                 }});
    // With out = 1 fixed, "no marker" already contradicts equal_not_less: implied pair. The
    // decomposition is adjusted to the now-zero marked difference (lower = -1).
    auto unmark = [=](std::size_t row) {
        return [=](Trace& t, const air::Air& a) {
            set(t, a, row, lt + ".diff_marker[1]", f(0));
            for (std::size_t i = 0; a.column(lt + ".lt.lower_decomp[" + std::to_string(i) + "]"); ++i)
                set(t, a, row, lt + ".lt.lower_decomp[" + std::to_string(i) + "]", f(i == 0 ? -1 : 0));
        };
    };
    m.push_back({c, lt + ".equal_before_marker[1]", {lt + ".equal_before_marker[1]", lt + ".equal_not_less"}, unmark(0)});
    m.push_back({c, lt + ".equal_not_less", {lt + ".equal_before_marker[1]", lt + ".equal_not_less"}, unmark(1)});
    m.push_back({c, lt + ".marker_differs[0]", {lt + ".marker_differs[0]"},
                 [=](Trace& t, const air::Air& a) { set(t, a, 3, lt + ".diff_inv", f(7)); }});
    m.push_back({c, lt + ".marker_differs[1]", {lt + ".marker_differs[1]"},
                 [=](Trace& t, const air::Air& a) { set(t, a, 0, lt + ".diff_inv", f(7)); }});
    m.push_back({c, lt + ".lt.decomp", {lt + ".lt.decomp"}, [=](Trace& t, const air::Air& a) {
                     set(t, a, 0, lt + ".lt.lower_decomp[0]", get(t, a, 0, lt + ".lt.lower_decomp[0]") + f(1));
                 }});
    return m;
}

std::vector<Mutation> persistent_mutations() {
    const std::string c = "persistent_boundary";
    std::vector<Mutation> m;
    // Row 0 is an initial row (direction 1, timestamp 0).
    m.push_back({c, c + ".direction_trit", {c + ".direction_trit"},
                 [](Trace& t, const air::Air& a) { set(t, a, 0, "expand_direction", f(2)); }});
    m.push_back({c, c + ".initial_at_zero", {c + ".initial_at_zero"},
                 [](Trace& t, const air::Air& a) { set(t, a, 0, "timestamp", f(5)); }});
    return m;
}

// MemoryMerkleAir (R78) on the persistent scenario: as_height 2, pointer_max_bits 10, so address
// height 7 and tree height 9. Touched leaves 0 and 1 (chunks (1, 0) and (1, 8)) make 9 touched
// non-leaf nodes, two rows each: rows 0, 1 the root (height 9, initial then final), rows 2, 3
// height 8, rows 4, 5 height 7 (the first pointer level), ..., rows 16, 17 height 1; rows 18..31
// are padding. height_section is 1 on rows 0..3.
std::vector<Mutation> merkle_mutations() {
    const std::string c = "memory_merkle", m = "memory_merkle.";
    std::vector<Mutation> v;
    auto one = [](std::string s) { return std::set<std::string>{s}; };
    auto hs_rows = [](Trace& t, const air::Air& a, std::size_t until, BabyBear x, BabyBear rest) {
        for (std::size_t r = 0; r < t.height; ++r) set(t, a, r, "height_section", r < until ? x : rest);
    };
    v.push_back({c, m + "direction_trit", one(m + "direction_trit"),
                 [](Trace& t, const air::Air& a) { set(t, a, 20, "expand_direction", f(2)); }});
    for (std::string side : {"left", "right"}) {
        // A final-direction padding row (e = -1) with a non-boolean flag, then a flag on a non-final row.
        v.push_back({c, m + side + "_direction_different_bool", one(m + side + "_direction_different_bool"),
                     [side](Trace& t, const air::Air& a) {
                         set(t, a, 20, "expand_direction", f(-1));
                         set(t, a, 20, side + "_direction_different", f(2));
                     }});
        v.push_back({c, m + side + "_different_only_final", one(m + side + "_different_only_final"),
                     [side](Trace& t, const air::Air& a) { set(t, a, 20, side + "_direction_different", f(1)); }});
    }
    v.push_back({c, m + "parent_height_step", one(m + "parent_height_step"),
                 [](Trace& t, const air::Air& a) { set(t, a, 10, "parent_height", f(10)); }});
    // height_section can only step down once, where the heights cross the address levels; a step of
    // 2 there leaves -1 below, which the last row then shows.
    v.push_back({c, m + "height_section_step", {m + "height_section_step", m + "last_height_section"},
                 [=](Trace& t, const air::Air& a) { hs_rows(t, a, 4, f(1), f(-1)); }});
    // Row 2 raised to the root's height: a third root row with is_root 2 breaks the step and the
    // root pair's directions.
    v.push_back({c, m + "is_root_step", {m + "is_root_step", m + "root_directions"}, [](Trace& t, const air::Air& a) {
                     set(t, a, 2, "parent_height", f(9));
                     set(t, a, 2, "is_root", f(2));
                 }});
    v.push_back({c, m + "first_height_section", one(m + "first_height_section"),
                 [=](Trace& t, const air::Air& a) { hs_rows(t, a, 0, f(0), f(0)); }});
    v.push_back({c, m + "first_is_root", one(m + "first_is_root"),
                 [](Trace& t, const air::Air& a) { set(t, a, 0, "is_root", f(2)); }});
    v.push_back({c, m + "second_is_root", one(m + "second_is_root"),
                 [](Trace& t, const air::Air& a) { set(t, a, 1, "is_root", f(0)); }});
    v.push_back({c, m + "last_height_section", one(m + "last_height_section"),
                 [=](Trace& t, const air::Air& a) { hs_rows(t, a, 32, f(1), f(1)); }});
    // is_root may only step down and root rows sit at the tree's height: a root flag on the last
    // (padding) row breaks all four.
    v.push_back({c, m + "last_is_root",
                 {m + "last_is_root", m + "is_root_step", m + "root_height", m + "root_directions"},
                 [](Trace& t, const air::Air& a) { set(t, a, t.height - 1, "is_root", f(1)); }});
    // Switch between two height-7 rows (4 -> 5): only the local-height factor is non-zero.
    v.push_back({c, m + "height_section_switch_local", one(m + "height_section_switch_local"),
                 [=](Trace& t, const air::Air& a) { hs_rows(t, a, 5, f(1), f(0)); }});
    // Switch between two height-8 rows (2 -> 3): only the next-height factor is non-zero.
    v.push_back({c, m + "height_section_switch_next", one(m + "height_section_switch_next"),
                 [=](Trace& t, const air::Air& a) { hs_rows(t, a, 3, f(1), f(0)); }});
    v.push_back({c, m + "root_directions", one(m + "root_directions"), [](Trace& t, const air::Air& a) {
                     set(t, a, 1, "expand_direction", f(0));
                     set(t, a, 1, "left_direction_different", f(0));
                     set(t, a, 1, "right_direction_different", f(0));
                 }});
    v.push_back({c, m + "root_height", one(m + "root_height"), [](Trace& t, const air::Air& a) {
                     set(t, a, 0, "parent_height", f(8));
                     set(t, a, 1, "parent_height", f(8));
                 }});
    for (std::uint32_t i = 0; i < 8; ++i) {
        std::string ini = m + "initial_root[" + std::to_string(i) + "]", fin = m + "final_root[" + std::to_string(i) + "]";
        v.push_back({c, ini, one(ini), [i](Trace& t, const air::Air&) { t.public_values[air::PV_INITIAL_ROOT + i] += f(1); }});
        v.push_back({c, fin, one(fin), [i](Trace& t, const air::Air&) { t.public_values[air::PV_FINAL_ROOT + i] += f(1); }});
    }
    return v;
}

std::vector<Mutation> system_mutations() {
    std::vector<Mutation> m;
    m.push_back({"system", "system.initial_timestamp_is_one", {"system.initial_timestamp_is_one"},
                 [](Trace& t, const air::Air&) { t.public_values[air::PV_INITIAL_TIMESTAMP] = f(0); }});
    m.push_back({"system", "system.final_timestamp_decomp", {"system.final_timestamp_decomp"},
                 [](Trace& t, const air::Air&) { t.public_values[air::PV_FINAL_TIMESTAMP] += f(1); }});
    return m;
}

void run_mutations(const Traced& base, const std::vector<Mutation>& muts, std::set<std::string>& covered) {
    auto airs = base.chips.airs();
    for (const Mutation& mu : muts) {
        SCOPED_TRACE(mu.target);
        const air::Air* a = nullptr;
        for (const auto& x : airs)
            if (x.name == mu.chip) a = &x;
        ASSERT_NE(a, nullptr) << mu.chip;
        ASSERT_NE(a->find_constraint(mu.target), nullptr) << "no constraint " << mu.target;
        air::TraceSet ts = base.traces;
        ASSERT_TRUE(air::failing_constraints(*a, *ts.find(mu.chip)).empty());
        mu.edit(*ts.find(mu.chip), *a);
        std::set<std::string> failing;
        for (auto& [name, row] : air::failing_constraints(*a, *ts.find(mu.chip))) failing.insert(name);
        EXPECT_EQ(failing, mu.expected);
        // And the checker's verdict names one of them, with its rule.
        auto v = air::check(airs, ts.traces);
        ASSERT_FALSE(v.accepted);
        ASSERT_EQ(v.reason->kind, air::RejectionKind::Constraint) << describe(v);
        EXPECT_TRUE(mu.expected.count(v.reason->constraint)) << describe(v);
        EXPECT_EQ(v.reason->rule, a->find_constraint(v.reason->constraint)->rule);
        if (failing == mu.expected) covered.insert(mu.target);
    }
}

}  // namespace

// Covers every named constraint, so rules R42, R43, R44, R45, R46, R47, R48, R49, R50, R51, R52,
// R53, R54, R55, R56, R57, R58, R59, R60, R61, R62, R63, R64, R65, and MemoryMerkleAir's R78.
TEST(AirMutation, R47_R65_every_named_constraint_has_a_targeted_mutation) {
    auto vol = run_and_trace(volatile_scenario());
    auto per = run_and_trace(persistent_scenario());
    ASSERT_TRUE(vol && per);
    ASSERT_TRUE(air::check(vol->traces).accepted);
    ASSERT_TRUE(air::check(per->traces).accepted);

    std::set<std::string> covered;
    run_mutations(*vol, access_mutations(3, 4), covered);
    for (std::uint32_t n : {2u, 4u}) run_mutations(*vol, adapter_mutations(n, 12), covered);
    run_mutations(*vol, volatile_mutations(), covered);
    run_mutations(*vol, system_mutations(), covered);
    run_mutations(*per, persistent_mutations(), covered);
    run_mutations(*per, adapter_mutations(8, 12), covered);
    run_mutations(*per, merkle_mutations(), covered);

    // Coverage: every constraint of every AIR of the volatile chip set, plus the persistent
    // boundary, MemoryMerkleAir and AccessAdapterAir<8>, was targeted successfully. (The access chip's
    // per-size and per-cell families for max_n 8 are the same templates as for max_n 4.)
    std::set<std::string> all;
    for (const auto& a : vol->chips.airs())
        for (const auto& c : a.constraints) all.insert(c.name);
    for (const auto& a : per->chips.airs())
        if (a.name == "persistent_boundary" || a.name == "access_adapter_8" || a.name == "memory_merkle")
            for (const auto& c : a.constraints) all.insert(c.name);
    EXPECT_GT(all.size(), 40u);
    for (const auto& name : all) EXPECT_TRUE(covered.count(name)) << "no targeted mutation for " << name;
}
