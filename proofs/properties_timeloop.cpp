// The adapter time loop's fix, proved per row (spec/memory.md L5, R252). Under OpenVM v1.0's
// AccessAdapterAir a merge can send a timestamp anywhere in the field (lemma.L5.adapter.N*.neg_closed
// is refuted; R250 builds the loop on a whole trace set). Under Variant::FixedAdapter (R251) the
// parent timestamp is decomposed into range-checked limbs, and these properties prove, for one
// row and no bound assumed on any input, that every timestamp an adapter row sends is below
// 2^clk_max_bits: with the access rows (L1: they send their own timestamp, bounded by L4) and the
// boundaries (L3: timestamp 0) that makes L5 a lemma instead of an assumption.
#include "proofs/props_util.hpp"

namespace memspec::proofs {
using namespace detail;

namespace {

constexpr std::int64_t P = BabyBear::P;

Claim in_neg(Term t, std::uint32_t bits) { return int_le(lin_const(P - (std::int64_t{1} << bits)), lin(std::move(t))); }

struct AdapterRow {
    Problem p;
    Term parent, left, right, dir;
};

AdapterRow fixed_adapter_row(std::uint32_t n, const MemoryConfig& c, const std::string& what) {
    AdapterRow r;
    const air::Air a = air::make_adapter_chip(c, n, air::Variant::FixedAdapter).air;
    r.p.name = a.name + " (fixed) " + what;
    r.p.blocks.push_back(Block{a, 1, {}, {}});
    const MemoryMessageTerms received = message(r.p, 0, 0, a.name + ".receive_parent");
    r.parent = received.timestamp();
    r.left = col(r.p, 0, 0, "left_timestamp");
    r.right = col(r.p, 0, 0, "right_timestamp");
    r.dir = received.count();
    return r;
}

// What a row sends onto the bus (count +1 on a send, -1 on a receive): a split sends both halves,
// a merge sends the parent. Each is an integer below 2^clk_max_bits.
Problem sends_bounded(std::uint32_t n, const MemoryConfig& c) {
    AdapterRow r = fixed_adapter_row(n, c, "sends_bounded");
    const std::uint32_t bits = c.clk_max_bits;
    Claim split = is(r.dir, 1) && below(r.left, bits) && below(r.right, bits);
    Claim merge = is(r.dir, -1) && below(r.parent, bits);
    r.p.goal = is(r.dir, 0) || split || merge;
    return std::move(r.p);
}

// The statement lemma.L5.adapter.N*.neg_closed refutes for OpenVM v1.0's chip, on the fixed one:
// a row never sends a NEG timestamp it did not receive.
Problem neg_closed(std::uint32_t n, const MemoryConfig& c) {
    AdapterRow r = fixed_adapter_row(n, c, "neg_closed");
    const std::uint32_t bits = c.clk_max_bits;
    Claim split = is(r.dir, 1) && eq(r.left, r.parent) && eq(r.right, r.parent);
    Claim merge = is(r.dir, -1) && implies(in_neg(r.parent, bits), in_neg(r.left, bits) && in_neg(r.right, bits));
    r.p.goal = is(r.dir, 0) || split || merge;
    return std::move(r.p);
}

// Vacuity: the fixed chip still admits a live merge of two halves 2^29 - 2 apart (an honest merge
// of the largest spread), so the proofs above do not hold because no row is satisfiable.
Problem merge_possible(std::uint32_t n, const MemoryConfig& c) {
    AdapterRow r = fixed_adapter_row(n, c, "merge_possible");
    const std::int64_t top = (std::int64_t{1} << c.clk_max_bits) - 1;
    r.p.goal = !(is(r.dir, -1) && int_eq(lin(r.left), lin_const(1)) && int_eq(lin(r.right), lin_const(top)));
    return std::move(r.p);
}

// §13's bus argument on one small instance with no timestamp bound assumed anywhere (no L5): 2
// cells, a write of both at 1 then a read of the second at 2, six symbolic AccessAdapter<2> rows,
// the fixed adapters (expected proved). With OpenVM v1.0's adapters this instance is proved too:
// the honest merge and split take two rows, and R250's loop needs six more.
Problem unbounded_bus(air::Variant variant, std::size_t adapter_rows = 6) {
    const MemoryConfig c = small_config();
    BusInstance inst{"bus.unbounded.2cells.w2r1.adapters" + std::to_string(adapter_rows), 2, {{true, 0, 2}, {false, 1, 1}},
                     adapter_rows, 0, false, 0, 1200, false};
    BusChips chips{air::make_access_chip(c).air, air::make_adapter_chip(c, 2, variant).air,
                   air::make_adapter_chip(c, 4, variant).air, air::make_volatile_boundary_chip(c).air};
    Problem p = bus_problem(inst, chips, false);
    p.name += variant == air::Variant::FixedAdapter ? " (fixed adapters)" : " (OpenVM v1.0 adapters)";
    p.assumptions.clear();  // bus_problem's only assumptions are L5's timestamp bounds
    return p;
}

}  // namespace

std::vector<Property> timeloop_properties() {
    std::vector<Property> ps;
    const MemoryConfig def;  // 29-bit timestamps in 17-bit limbs, OpenVM's defaults
    for (std::uint32_t n = 2; n <= 32; n *= 2) {
        const std::string N = "N" + std::to_string(n);
        Property bounded = prop("lemma.L5.fixed_adapter." + N + ".sends_bounded", "R252",
                                "with the parent timestamp range-checked (R251), every timestamp an adapter row sends "
                                "is below 2^29, whatever it receives",
                                ProofStatus::Proved, n <= 4, [=] { return std::vector<Problem>{sends_bounded(n, def)}; });
        Property closed = prop("lemma.L5.fixed_adapter." + N + ".neg_closed", "R252",
                               "with the parent timestamp range-checked (R251), an adapter row never sends a NEG "
                               "timestamp it did not receive (refuted without the fix: lemma.L5.adapter." + N + ".neg_closed)",
                               ProofStatus::Proved, n <= 4, [=] { return std::vector<Problem>{neg_closed(n, def)}; });
        Property vacuity = prop("lemma.L5.fixed_adapter." + N + ".merge_possible", "R252",
                                "vacuity: the fixed chip admits a live merge of halves at 1 and 2^29 - 1",
                                ProofStatus::Counterexample, n <= 4, [=] { return std::vector<Problem>{merge_possible(n, def)}; });
        // R180: measured with `memspec prove --rlimit 0 --json --filter lemma.L5.fixed_adapter`
        // (Z3 4.8.12, seed 0): sends_bounded 4996, neg_closed 7497, merge_possible 3580 units for
        // every N; the budget is ten times the largest (proofs/README.md "Resource budgets").
        bounded.rlimit = closed.rlimit = vacuity.rlimit = 75'000;
        ps.push_back(std::move(bounded));
        ps.push_back(std::move(closed));
        ps.push_back(std::move(vacuity));
    }
    // R180: 62.0 M units measured (94 s of CPU at load 20); the budget is ten times that.
    Property bus = prop("bus.unbounded.fixed_adapter.2cells.w2r1.adapters6", "R252",
                        "no timestamp bound assumed, fixed adapters: the read sees the write, the boundary the last value",
                        ProofStatus::Proved, false, [] { return std::vector<Problem>{unbounded_bus(air::Variant::FixedAdapter)}; });
    bus.rlimit = 620'000'000;
    bus.wall_guard_seconds = 1200;
    ps.push_back(std::move(bus));
    // The same goal with OpenVM v1.0's adapters and eight rows is refuted: Z3's witness carries a
    // message around the field through the adapters (timestamps 1, 2^29 + 1, …, p - 2^29 in NEG)
    // and merges it back down. 181.6 M units measured (462 s at load 20): --extended only.
    Property v1 = prop("bus.unbounded.openvm_v1_0.2cells.w2r1.adapters8", "R252",
                       "no timestamp bound assumed, OpenVM v1.0's adapters, 8 rows: the bus argument fails (a time loop)",
                       ProofStatus::Counterexample, false,
                       [] { return std::vector<Problem>{unbounded_bus(air::Variant::OpenVmV1_0, 8)}; });
    v1.rlimit = 1'800'000'000;
    v1.wall_guard_seconds = 1800;
    v1.extended = true;
    ps.push_back(std::move(v1));
    return ps;
}

}  // namespace memspec::proofs
