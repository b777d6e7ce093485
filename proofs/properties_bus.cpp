// Bus consistency on small instances (R95, R96) and the constraint-necessity table (R97).
//
// An instance fixes the program: which accesses happen (kind, address, size, timestamp), as the
// access chip's rows with those cells fixed. Everything else is symbolic: written and read data,
// prev_data, prev_timestamp and every aux column of the accesses; every column of every adapter
// row (is_valid included, so rows may be padding); every column of every boundary row. The claim:
// whenever all AIRs hold and the memory bus balances, each read returns the value of the latest
// earlier write to that cell (or the boundary's initial value), and the boundary's final row of
// each cell holds its last written value.
#include "proofs/props_util.hpp"

namespace memspec::proofs {
using namespace detail;

namespace detail {

const std::vector<BusInstance>& bus_instances() {
    // R180: each instance's strategy is the deterministic one whose larger count of the proof and
    // the vacuity witness is smallest, and its resource budget 5-10 times that count
    // (proofs/README.md), 0 for the default; the count does not depend on the machine's load.
    // The wall-clock guards are 10 times the old wall-clock limits (on 2 shared cores at load 10
    // the 4-cell instances ran 5-10 times slower than alone).
    static const std::vector<BusInstance> all = {
        // The prototype's shape: a 2-cell write, a 1-cell read; 0.35 million units (plain), the default budget.
        {"bus.consistency.2cells.w2r1.adapters2", 2, {{true, 0, 2}, {false, 1, 1}}, 2, 0, true, 0, 1200, false},
        // 3.8 million units with preprocessing and no cuts (the witness 3.3 million; the plain
        // solver 5.2 and 1.8 million): 7.9 times that.
        {"bus.consistency.2cells.w2r1r2.adapters4", 2, {{true, 0, 2}, {false, 1, 1}, {false, 0, 2}}, 4, 0, true, 30'000'000, 1200,
         false, smt::Strategy::PreprocessNoCuts},
        // 4 cells, mixed sizes.
        // 17.5 million units with preprocessing and no cuts (the witness 14.8 million; the plain
        // solver had no answer after 300 s of wall time at load 20): 8.6 times that.
        {"bus.consistency.4cells.4acc.adapters6", 4, {{true, 0, 2}, {true, 2, 1}, {false, 0, 4}, {false, 1, 1}}, 4, 2,
         false, 150'000'000, 3000, false, smt::Strategy::PreprocessNoCuts},
        // 91.5 million units with preprocessing and no cuts, 68 s of CPU (the witness 39.5 million;
        // the plain solver had no answer after 96 s of CPU): 8.7 times that.
        {"bus.consistency.4cells.6acc.adapters8", 4,
         {{true, 0, 2}, {true, 2, 1}, {false, 0, 4}, {false, 1, 1}, {true, 2, 2}, {false, 3, 1}}, 4, 4, false, 800'000'000, 6000,
         false, smt::Strategy::PreprocessNoCuts},
        // 8 accesses; the honest trace needs 8 adapter_2 and 4 adapter_4 rows.
        // Never proved (no answer in 1100 s): the most one Z3 check takes.
        {"bus.consistency.4cells.8acc.adapters12", 4,
         {{true, 0, 2}, {true, 2, 1}, {false, 0, 4}, {false, 1, 1}, {true, 2, 2}, {false, 3, 1}, {true, 0, 4}, {false, 2, 2}},
         8, 4, false, 4'000'000'000, 6000, true},
    };
    return all;
}

const BusInstance& bus_instance(const std::string& name) {
    for (const auto& inst : bus_instances())
        if (inst.name == name) return inst;
    throw std::runtime_error("no bus instance " + name);
}

Problem bus_problem(const BusInstance& inst, const BusChips& chips, bool vacuity) {
    const MemoryConfig cfg = small_config();
    const std::vector<ProgramAccess>& prog = inst.program;
    Problem p;
    p.name = inst.name + (vacuity ? " vacuity" : "");
    p.memory_bus_balanced = true;
    const std::uint32_t A = 0;
    p.blocks.push_back(Block{chips.access, prog.size(), {}, {}});
    std::uint32_t A2 = 0, A4 = 0;
    if (inst.adapter2_rows) {
        A2 = static_cast<std::uint32_t>(p.blocks.size());
        p.blocks.push_back(Block{chips.adapter_2, inst.adapter2_rows, {}, {}});
    }
    if (inst.adapter4_rows) {
        A4 = static_cast<std::uint32_t>(p.blocks.size());
        p.blocks.push_back(Block{chips.adapter_4, inst.adapter4_rows, {}, {}});
    }
    const std::uint32_t B = static_cast<std::uint32_t>(p.blocks.size());
    p.blocks.push_back(Block{chips.volatile_boundary, inst.cells, {}, {}});

    const std::uint32_t as = 1;
    for (std::size_t r = 0; r < prog.size(); ++r) {
        Block& blk = p.blocks[A];
        bool ok = blk.fix(r, "is_valid", 1) && blk.fix(r, "is_write", prog[r].write) && blk.fix(r, "address_space", as) &&
                  blk.fix(r, "pointer", prog[r].ptr) && blk.fix(r, "timestamp", r + 1);
        for (std::uint32_t j = 0; (1u << j) <= cfg.max_access_adapter_n; ++j)
            ok = ok && blk.fix(r, "size_flag[" + std::to_string(j) + "]", (1u << j) == prog[r].len);
        if (!ok) throw std::runtime_error("access chip lacks a program column");
        p.assumptions.push_back(below(col(p, A, r, "prev_timestamp"), cfg.clk_max_bits));
    }
    // Bus invariant (openvm-v1-memory.md §9): every timestamp on the bus is below 2^clk_max_bits.
    for (std::uint32_t b : {A2, A4}) {
        if (!b) continue;
        // The adapter AIR never couples rows and the claims below name no adapter row.
        p.blocks[b].interchangeable_order = {"is_valid", "pointer", "left_timestamp", "right_timestamp", "is_split"};
        for (std::size_t r = 0; r < p.blocks[b].rows; ++r) {
            p.assumptions.push_back(below(col(p, b, r, "left_timestamp"), cfg.clk_max_bits));
            p.assumptions.push_back(below(col(p, b, r, "right_timestamp"), cfg.clk_max_bits));
        }
    }
    for (std::size_t r = 0; r < inst.cells; ++r)
        p.assumptions.push_back(below(col(p, B, r, "final_timestamp"), cfg.clk_max_bits));

    if (vacuity) {
        p.goal = truth(false);
        return p;
    }
    // Expected value of each cell: the boundary's initial value, or (row, index) of the last write.
    auto initial = [&](std::size_t j) { return message(p, B, j, "volatile_boundary.send_initial"); };
    auto final_ = [&](std::size_t j) { return message(p, B, j, "volatile_boundary.receive_final"); };
    auto at_cell = [&](std::size_t j, std::uint32_t cell) {
        return is(col(p, B, j, "is_valid"), 1) && is(initial(j).address_space(), as) && is(initial(j).pointer(), cell);
    };
    std::vector<std::optional<std::pair<std::size_t, std::uint32_t>>> last(inst.cells);
    std::vector<Claim> goals;
    auto holds_expected = [&](std::uint32_t cell, Term v) {
        if (last[cell]) return eq(v, col(p, A, last[cell]->first, "data[" + std::to_string(last[cell]->second) + "]"));
        std::vector<Claim> alts;
        for (std::size_t j = 0; j < inst.cells; ++j) alts.push_back(at_cell(j, cell) && eq(initial(j).value(0), v));
        return any_of(alts);
    };
    for (std::size_t r = 0; r < prog.size(); ++r) {
        const ProgramAccess& a = prog[r];
        for (std::uint32_t i = 0; i < a.len; ++i) {
            const std::uint32_t cell = a.ptr + i;
            if (cell >= inst.cells) throw std::runtime_error("program touches a cell outside the instance");
            if (a.write) last[cell] = std::make_pair(r, i);
            else goals.push_back(holds_expected(cell, col(p, A, r, "data[" + std::to_string(i) + "]")));
        }
    }
    for (std::uint32_t cell = 0; cell < inst.cells; ++cell) {
        std::vector<Claim> exists;
        for (std::size_t j = 0; j < inst.cells; ++j) {
            exists.push_back(at_cell(j, cell));
            Claim final_ok = last[cell] ? eq(final_(j).value(0), col(p, A, last[cell]->first, "data[" + std::to_string(last[cell]->second) + "]"))
                                        : eq(final_(j).value(0), initial(j).value(0));
            goals.push_back(implies(at_cell(j, cell), final_ok));
        }
        goals.push_back(any_of(exists));
    }
    p.goal = all_of(goals);
    return p;
}

BusChips bus_chips() {
    const MemoryConfig c = small_config();
    return {air::make_access_chip(c).air, air::make_adapter_chip(c, 2).air, air::make_adapter_chip(c, 4).air,
            air::make_volatile_boundary_chip(c).air};
}

}  // namespace detail

std::vector<Property> bus_properties() {
    std::vector<Property> ps;
    for (const auto& inst : bus_instances()) {
        ps.push_back(prop(inst.name, "R95",
                          "balanced traces of " + std::to_string(inst.cells) + " cells: reads see the latest write, the boundary the last",
                          ProofStatus::Proved, inst.fast, [inst] { return std::vector<Problem>{bus_problem(inst, bus_chips(), false)}; }));
        ps.back().rlimit = inst.rlimit;
        ps.back().wall_guard_seconds = inst.wall_guard;
        ps.back().extended = inst.extended;
        ps.back().strategy = inst.strategy;
        ps.push_back(prop(inst.name + ".vacuity", "R96",
                          "a satisfying balanced trace of the same instance exists (expected: the witness)",
                          ProofStatus::Counterexample, inst.fast, [inst] { return std::vector<Problem>{bus_problem(inst, bus_chips(), true)}; }));
        ps.back().rlimit = inst.rlimit;
        ps.back().wall_guard_seconds = inst.wall_guard;
        ps.back().extended = inst.extended;
        ps.back().strategy = inst.strategy;
    }
    // R95 with a weakened access chip: without prev_timestamp < timestamp (R50) a read may take
    // the initial value and hand it to an earlier write, so it misses that write.
    ps.push_back(prop("bus.consistency.2cells.w2r1.without_access_timestamp_lt", "R95",
                      "without the access chip's timestamp check a read can miss the latest write",
                      ProofStatus::Counterexample, true, [] {
                          BusChips chips = bus_chips();
                          chips.access = without_prefix(chips.access, "access.timestamp_lt");
                          return std::vector<Problem>{bus_problem(bus_instance("bus.consistency.2cells.w2r1.adapters2"), chips, false)};
                      }));
    return ps;
}

}  // namespace memspec::proofs
