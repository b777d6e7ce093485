// Bus consistency for every program up to a size (R100): the access chip's rows are symbolic in
// kind (read / write), address space (0 = immediates, or a memory space), pointer, size (1, 2, 4)
// and timestamp (strictly increasing, gaps = ticks), not fixed as in R95. Adapter, boundary and
// system rows are symbolic as before; heights are fixed per instance, so a program whose honest
// trace needs more adapter rows than the instance has is covered vacuously (no satisfying trace).
//
// No timestamp is assumed bounded except through the system chip: the accesses' timestamps lie
// in [initial_timestamp, final_timestamp) of the system's public values (R9: the clock starts at
// the initial timestamp and ends after the last access; that link is the execution bus, out of
// scope), and the system chip's own range checks bound final_timestamp (R65). prev_timestamp,
// the adapter timestamps and the boundary's final timestamps are unconstrained field elements.
//
// The goal is the last-writer formula: each read cell equals the latest earlier write covering
// it, else the boundary's initial value of that cell; each immediate read returns its pointer;
// each touched cell has a boundary row, whose final value is the last write (or its initial).
#include "proofs/props_util.hpp"
#include "proofs/symbolic.hpp"

namespace memspec::proofs {
using namespace detail;

namespace detail {

Problem symbolic_problem(const SymbolicInstance& inst, const BusChips& chips, bool vacuity) {
    const MemoryConfig cfg = small_config();
    Problem p;
    p.name = inst.name + (vacuity ? " vacuity" : "");
    p.memory_bus_balanced = true;
    const std::uint32_t A = 0;
    p.blocks.push_back(Block{chips.access, inst.accesses, {}, {}});
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
    p.blocks.push_back(Block{chips.volatile_boundary, inst.boundary_rows, {}, {}});
    const std::uint32_t S = static_cast<std::uint32_t>(p.blocks.size());
    p.blocks.push_back(Block{air::make_system_chip(cfg).air, 1, {}, {}});
    for (std::uint32_t b : {A2, A4})
        if (b) p.blocks[b].interchangeable_order = {"is_valid", "pointer", "left_timestamp", "right_timestamp", "is_split"};

    const std::size_t K = inst.accesses;
    auto c = [&](std::size_t r, const std::string& n) { return col(p, A, r, n); };
    auto data = [&](std::size_t r, std::uint32_t i) { return c(r, "data[" + std::to_string(i) + "]"); };
    // Cell i (0..3) lies inside access r: i < its size.
    auto within = [&](std::size_t r, std::uint32_t i) -> Claim {
        if (i == 0) return truth(true);
        if (i == 1) return !is(c(r, "size_flag[0]"), 1);
        return is(c(r, "size_flag[2]"), 1);
    };
    auto memory = [&](std::size_t r) { return !is(c(r, "address_space"), 0); };
    for (std::size_t r = 0; r < K; ++r) {
        if (!p.blocks[A].fix(r, "is_valid", 1)) throw std::runtime_error("access chip lacks is_valid");
        // The program's domain: address spaces below inst.address_spaces, and a memory access's
        // cells inside [0, inst.cells) (unaligned allowed, R8).
        p.assumptions.push_back(int_lt(lin(c(r, "address_space")), lin_const(inst.address_spaces)));
        std::vector<Claim> fits;
        for (std::uint32_t i = 1; i < 4; ++i)
            fits.push_back(implies(within(r, i), int_lt(lin(c(r, "pointer")) + lin_const(i), lin_const(inst.cells))));
        fits.push_back(int_lt(lin(c(r, "pointer")), lin_const(inst.cells)));
        p.assumptions.push_back(implies(memory(r), all_of(fits)));
        // Timestamps: strictly increasing, within the system's [initial, final).
        if (r + 1 < K) p.assumptions.push_back(lt(c(r, "timestamp"), c(r + 1, "timestamp")));
    }
    if (inst.bounded_timestamps) {
        for (std::size_t r = 0; r < K; ++r) p.assumptions.push_back(below(c(r, "prev_timestamp"), cfg.clk_max_bits));
        for (std::uint32_t b : {A2, A4})
            for (std::size_t r = 0; b && r < p.blocks[b].rows; ++r) {
                p.assumptions.push_back(below(col(p, b, r, "left_timestamp"), cfg.clk_max_bits));
                p.assumptions.push_back(below(col(p, b, r, "right_timestamp"), cfg.clk_max_bits));
            }
        for (std::size_t r = 0; r < inst.boundary_rows; ++r)
            p.assumptions.push_back(below(col(p, B, r, "final_timestamp"), cfg.clk_max_bits));
    }
    p.assumptions.push_back(int_le(lin(pub(p, S, air::PV_INITIAL_TIMESTAMP)), lin(c(0, "timestamp"))));
    p.assumptions.push_back(lt(c(K - 1, "timestamp"), pub(p, S, air::PV_FINAL_TIMESTAMP)));
    if (vacuity) {
        p.goal = truth(false);
        return p;
    }

    auto initial = [&](std::size_t b) { return message(p, B, b, "volatile_boundary.send_initial"); };
    auto final_ = [&](std::size_t b) { return message(p, B, b, "volatile_boundary.receive_final"); };
    // Write w covers the cell at (as, ptr + off) through its index j.
    auto covers = [&](std::size_t w, std::uint32_t j, Term as, Lin cell_ptr) {
        return is(c(w, "is_write"), 1) && eq(c(w, "address_space"), as) && within(w, j) &&
               int_eq(lin(c(w, "pointer")) + lin_const(j), cell_ptr);
    };
    auto covers_any = [&](std::size_t w, Term as, const Lin& cell_ptr) {
        std::vector<Claim> any;
        for (std::uint32_t j = 0; j < 4; ++j) any.push_back(covers(w, j, as, cell_ptr));
        return any_of(any);
    };
    // The value a cell must hold just before row `before` (rows [0, before) considered): the
    // latest covering write, else the boundary's initial value of that cell.
    auto expected = [&](std::size_t before, Term as, Lin cell_ptr, Term v, std::optional<Term> known_initial) {
        std::vector<Claim> cases;
        for (std::size_t w = 0; w < before; ++w) {
            std::vector<Claim> none_later;
            for (std::size_t w2 = w + 1; w2 < before; ++w2) none_later.push_back(!covers_any(w2, as, cell_ptr));
            for (std::uint32_t j = 0; j < 4; ++j)
                cases.push_back(implies(covers(w, j, as, cell_ptr) && all_of(none_later), eq(v, data(w, j))));
        }
        std::vector<Claim> none;
        for (std::size_t w = 0; w < before; ++w) none.push_back(!covers_any(w, as, cell_ptr));
        Claim from_initial = truth(false);
        if (known_initial) {
            from_initial = eq(v, *known_initial);
        } else {
            std::vector<Claim> rows;
            for (std::size_t b = 0; b < inst.boundary_rows; ++b)
                rows.push_back(is(col(p, B, b, "is_valid"), 1) && eq(initial(b).address_space(), as) &&
                               int_eq(lin(initial(b).pointer()), cell_ptr) && eq(initial(b).value(0), v));
            from_initial = any_of(rows);
        }
        cases.push_back(implies(all_of(none), from_initial));
        return all_of(cases);
    };

    std::vector<Claim> goals;
    for (std::size_t r = 0; r < K; ++r) {
        // R5: an immediate read returns its pointer.
        goals.push_back(implies(!memory(r), eq(data(r, 0), c(r, "pointer"))));
        for (std::uint32_t i = 0; i < 4; ++i) {
            const Lin cell_ptr = lin(c(r, "pointer")) + lin_const(i);
            Claim read_cell = memory(r) && within(r, i) && is(c(r, "is_write"), 0);
            goals.push_back(implies(read_cell, expected(r, c(r, "address_space"), cell_ptr, data(r, i), std::nullopt)));
            // Every touched cell has a boundary row.
            std::vector<Claim> rows;
            for (std::size_t b = 0; b < inst.boundary_rows; ++b)
                rows.push_back(is(col(p, B, b, "is_valid"), 1) && eq(initial(b).address_space(), c(r, "address_space")) &&
                               int_eq(lin(initial(b).pointer()), cell_ptr));
            goals.push_back(implies(memory(r) && within(r, i), any_of(rows)));
        }
    }
    // The final value of every boundary row is the cell's last write, or its initial value.
    for (std::size_t b = 0; b < inst.boundary_rows; ++b)
        goals.push_back(implies(is(col(p, B, b, "is_valid"), 1),
                                expected(K, initial(b).address_space(), lin(initial(b).pointer()), final_(b).value(0),
                                         initial(b).value(0))));
    p.goal = all_of(goals);
    return p;
}

std::vector<Problem> symbolic_problems(const SymbolicInstance& inst, const BusChips& chips) {
    Problem whole = symbolic_problem(inst, chips, false);
    whole.incremental_goals = inst.incremental;
    if (!inst.split_goal) return {whole};
    // One query per conjunct of the goal: each is a smaller unsat core to find.
    std::vector<Problem> out;
    for (std::size_t i = 0; i < whole.goal.kids.size(); ++i) {
        Problem q = whole;
        q.name += " goal " + std::to_string(i);
        q.goal = whole.goal.kids[i];
        out.push_back(std::move(q));
    }
    return out;
}

}  // namespace detail

std::vector<SymbolicInstance> symbolic_instances() {
    std::vector<SymbolicInstance> v;
    // 2 accesses over 2 cells, no timestamp bound at all (prev_timestamp, adapter and boundary
    // timestamps are free field elements): proved. Two adapter rows are too few for the time loop
    // of R104 (which needs eight), so this does not contradict it.
    // R180: 19 split queries on one incremental plain solver, 37.6 million units in all (its
    // vacuity witness 1.5 million): 8 times that.
    SymbolicInstance a{"bus.symbolic.2acc.2cells", 2, 2, 2, 2, 0, 2, false, 300'000'000, 6000, true, false, false};
    v.push_back(a);
    // 3 accesses over 4 cells, sizes 1, 2, 4: the adapter timestamps must be assumed below 2^29
    // (R104: without that bound the AIR accepts a time loop). Proved conjunct by conjunct in
    // about 14 minutes (proofs/README.md), hence --extended.
    // R180: 31 split queries of up to a minute each: 40 billion units in all.
    SymbolicInstance b{"bus.symbolic.3acc.4cells", 3, 4, 2, 2, 1, 4, false, 40'000'000'000, 18000, true, true, false};
    b.extended = true;
    v.push_back(b);
    return v;
}

std::vector<Property> symbolic_properties() {
    std::vector<Property> ps;
    for (const auto& inst : symbolic_instances()) {
        const std::string sizes = std::to_string(inst.accesses) + " symbolic accesses over " + std::to_string(inst.cells) +
                                  " cells of " + std::to_string(inst.address_spaces - 1) +
                                  " memory address space(s) and AS 0" +
                                  (inst.bounded_timestamps ? ", adapter/boundary timestamps assumed < 2^29" : ", no timestamp bound");
        ps.push_back(prop(inst.name, "R100", sizes + ": reads see the latest write, the boundary the last",
                          ProofStatus::Proved, inst.fast, [inst] {
                              return symbolic_problems(inst, bus_chips());
                          }));
        ps.back().rlimit = inst.rlimit;
        ps.back().wall_guard_seconds = inst.wall_guard;
        ps.back().extended = inst.extended;
        ps.push_back(prop(inst.name + ".vacuity", "R96", "a satisfying balanced trace of the same instance exists",
                          ProofStatus::Counterexample, inst.fast, [inst] {
                              return std::vector<Problem>{symbolic_problem(inst, bus_chips(), true)};
                          }));
        ps.back().rlimit = inst.rlimit;
        ps.back().wall_guard_seconds = inst.wall_guard;
        ps.back().extended = inst.extended;
    }
    return ps;
}

}  // namespace memspec::proofs
