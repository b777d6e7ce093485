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

namespace {

struct Access {
    bool write;
    std::uint32_t ptr, len;
};

std::vector<Access> program(int variant) {
    switch (variant) {
        case 0: return {{true, 0, 2}, {false, 1, 1}};  // the prototype's shape: 2-cell write, 1-cell read
        case 1: return {{true, 0, 2}, {false, 1, 1}, {false, 0, 2}};
        case 2: return {{true, 0, 2}, {true, 2, 1}, {false, 0, 4}, {false, 1, 1}};  // 4 cells, mixed sizes
        case 3: return {{true, 0, 2}, {true, 2, 1}, {false, 0, 4}, {false, 1, 1}, {true, 2, 2}, {false, 3, 1}};
        default:  // 8 accesses; the honest trace needs 8 adapter_2 and 4 adapter_4 rows
            return {{true, 0, 2}, {true, 2, 1}, {false, 0, 4}, {false, 1, 1},
                    {true, 2, 2}, {false, 3, 1}, {true, 0, 4}, {false, 2, 2}};
    }
}

}  // namespace

namespace detail {

Problem bus_problem(const BusInstance& inst, const std::vector<air::Air>& airs, bool vacuity) {
    const MemoryConfig cfg = small_config();
    // airs: access, adapter_2, adapter_4, volatile_boundary (possibly weakened).
    const std::vector<Access> prog = program(inst.variant);
    Problem p;
    p.name = inst.name + (vacuity ? " vacuity" : "");
    p.memory_bus_balanced = true;
    const std::uint32_t A = 0;
    p.blocks.push_back(Block{airs.at(0), prog.size(), {}, {}});
    std::uint32_t A2 = 0, A4 = 0;
    if (inst.adapter2_rows) {
        A2 = static_cast<std::uint32_t>(p.blocks.size());
        p.blocks.push_back(Block{airs.at(1), inst.adapter2_rows, {}, {}});
    }
    if (inst.adapter4_rows) {
        A4 = static_cast<std::uint32_t>(p.blocks.size());
        p.blocks.push_back(Block{airs.at(2), inst.adapter4_rows, {}, {}});
    }
    const std::uint32_t B = static_cast<std::uint32_t>(p.blocks.size());
    p.blocks.push_back(Block{airs.at(3), inst.cells, {}, {}});

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
    const std::string init = "volatile_boundary.send_initial", fin = "volatile_boundary.receive_final";
    auto at_cell = [&](std::size_t j, std::uint32_t cell) {
        return is(col(p, B, j, "is_valid"), 1) && is(field(p, B, j, init, 0), as) && is(field(p, B, j, init, 1), cell);
    };
    std::vector<std::optional<std::pair<std::size_t, std::uint32_t>>> last(inst.cells);
    std::vector<Claim> goals;
    auto holds_expected = [&](std::uint32_t cell, Term v) {
        if (last[cell]) return eq(v, col(p, A, last[cell]->first, "data[" + std::to_string(last[cell]->second) + "]"));
        std::vector<Claim> alts;
        for (std::size_t j = 0; j < inst.cells; ++j) alts.push_back(at_cell(j, cell) && eq(field(p, B, j, init, 2), v));
        return any_of(alts);
    };
    for (std::size_t r = 0; r < prog.size(); ++r) {
        const Access& a = prog[r];
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
            Claim final_ok = last[cell] ? eq(field(p, B, j, fin, 2), col(p, A, last[cell]->first, "data[" + std::to_string(last[cell]->second) + "]"))
                                        : eq(field(p, B, j, fin, 2), field(p, B, j, init, 2));
            goals.push_back(implies(at_cell(j, cell), final_ok));
        }
        goals.push_back(any_of(exists));
    }
    p.goal = all_of(goals);
    return p;
}

}  // namespace detail

namespace detail {

std::vector<air::Air> real_airs() {
    const MemoryConfig c = small_config();
    return {air::make_access_chip(c).air, air::make_adapter_chip(c, 2).air, air::make_adapter_chip(c, 4).air,
            air::make_volatile_boundary_chip(c).air};
}

}  // namespace detail

namespace {

std::vector<BusInstance> instances() {
    return {
        {"bus.consistency.2cells.w2r1.adapters2", 2, 0, 2, 0},
        {"bus.consistency.2cells.w2r1r2.adapters4", 2, 1, 4, 0},
        {"bus.consistency.4cells.4acc.adapters6", 4, 2, 4, 2},
        {"bus.consistency.4cells.6acc.adapters8", 4, 3, 4, 4},
        {"bus.consistency.4cells.8acc.adapters12", 4, 4, 8, 4},
    };
}

}  // namespace

std::vector<Property> bus_properties() {
    std::vector<Property> ps;
    for (const auto& inst : instances()) {
        const bool fast = inst.variant <= 1;
        // Limits leave room for a loaded machine: on 2 shared cores at load 10 the 4-cell instances
        // ran 5-10 times slower than alone (proofs/README.md), and a timeout is not an answer.
        const double limit = inst.variant >= 3 ? 600 : inst.variant == 2 ? 300 : 120;
        ps.push_back(prop(inst.name, "R95",
                          "balanced traces of " + std::to_string(inst.cells) + " cells: reads see the latest write, the boundary the last",
                          Status::Proved, fast, [inst] { return std::vector<Problem>{bus_problem(inst, real_airs(), false)}; }));
        ps.back().timeout_seconds = limit;
        ps.back().extended = inst.variant >= 4;
        ps.push_back(prop(inst.name + ".vacuity", "R96",
                          "a satisfying balanced trace of the same instance exists (expected: the witness)",
                          Status::Counterexample, fast, [inst] { return std::vector<Problem>{bus_problem(inst, real_airs(), true)}; }));
        ps.back().timeout_seconds = limit;
        ps.back().extended = inst.variant >= 4;
    }
    // R95 with a weakened access chip: without prev_timestamp < timestamp (R50) a read may take
    // the initial value and hand it to an earlier write, so it misses that write.
    ps.push_back(prop("bus.consistency.2cells.w2r1.without_access_timestamp_lt", "R95",
                      "without the access chip's timestamp check a read can miss the latest write",
                      Status::Counterexample, true, [] {
                          auto airs = real_airs();
                          airs[0] = without_prefix(airs[0], "access.timestamp_lt");
                          return std::vector<Problem>{bus_problem(instances()[0], airs, false)};
                      }));
    return ps;
}

}  // namespace memspec::proofs
