// The per-chip lemmas of the unbounded soundness argument (spec/memory.md §13, R103). Unlike the
// row properties of R87/R88, no timestamp is assumed below 2^clk_max_bits here except the access
// chip's own timestamp (it comes from the execution, bounded by the system's final timestamp):
// the argument derives every other bound from these lemmas and the bus balance.
//
// NEG = [p - 2^clk_max_bits, p): the residues an AssertLessThan / IsLessThan on 29-bit inputs
// cannot tell from small negative numbers.
#include "proofs/props_util.hpp"

namespace memspec::proofs {
using namespace detail;

namespace {

constexpr std::int64_t P = BabyBear::P;

Claim in_neg(Term t, std::uint32_t bits) { return int_le(lin_const(P - (std::int64_t{1} << bits)), lin(std::move(t))); }

// L1 (access): a live memory row consumes a timestamp that is either an integer below its own
// timestamp or in NEG; it produces at its own timestamp.
Problem access_consumes_low_or_neg(const MemoryConfig& c) {
    Problem p;
    p.name = "access consumes_low_or_neg";
    p.blocks.push_back(Block{air::make_access_chip(c).air, 1, {}, {}});
    p.assumptions = {below(col(p, 0, 0, "timestamp"), c.clk_max_bits)};
    std::vector<Claim> live;
    for (const auto& it : p.blocks[0].air.interactions)
        if (it.bus == air::MEMORY_BUS) live.push_back(!is(Term{0, 0, it.count}, 0));
    Term prev = col(p, 0, 0, "prev_timestamp"), ts = col(p, 0, 0, "timestamp");
    p.goal = implies(any_of(live), lt(prev, ts) || in_neg(prev, c.clk_max_bits));
    return p;
}

// L1 (adapter): a row never sends a NEG timestamp it did not receive: a merge whose parent is in
// NEG received both halves in NEG, and a split sends the parent's timestamp.
Problem adapter_neg_closed(std::uint32_t n, const MemoryConfig& c) {
    Problem p;
    const air::Air a = air::make_adapter_chip(c, n).air;
    p.name = a.name + " neg_closed";
    p.blocks.push_back(Block{a, 1, {}, {}});
    const std::string nm = a.name;
    const MemoryMessageTerms received = message(p, 0, 0, nm + ".receive_parent");
    Term parent = received.timestamp(), left = col(p, 0, 0, "left_timestamp"), right = col(p, 0, 0, "right_timestamp");
    Term dir = received.count();
    Claim split = is(dir, 1) && eq(left, parent) && eq(right, parent);
    Claim merge = is(dir, -1) && implies(in_neg(parent, c.clk_max_bits), in_neg(left, c.clk_max_bits) && in_neg(right, c.clk_max_bits));
    p.goal = is(dir, 0) || split || merge;
    return p;
}

// L2 (adapter): outside NEG a merge's parent is not earlier than either half (it is their max),
// with no bound assumed: timestamps only grow along the cells an adapter passes on.
Problem adapter_monotone(std::uint32_t n, const MemoryConfig& c) {
    Problem p;
    const air::Air a = air::make_adapter_chip(c, n).air;
    p.name = a.name + " monotone";
    p.blocks.push_back(Block{a, 1, {}, {}});
    const std::string nm = a.name;
    const MemoryMessageTerms received = message(p, 0, 0, nm + ".receive_parent");
    Term parent = received.timestamp(), left = col(p, 0, 0, "left_timestamp"), right = col(p, 0, 0, "right_timestamp");
    Term dir = received.count();
    p.goal = implies(is(dir, -1) && !in_neg(left, c.clk_max_bits) && !in_neg(right, c.clk_max_bits),
                     int_le(lin(left), lin(parent)) && int_le(lin(right), lin(parent)));
    return p;
}

}  // namespace

std::vector<Property> lemma_properties() {
    std::vector<Property> ps;
    const MemoryConfig def;
    ps.push_back(prop("lemma.L1.access.consumes_low_or_neg", "R103",
                      "a live access row consumes a timestamp below its own, or one in NEG = [p - 2^29, p)",
                      ProofStatus::Proved, true, [=] { return std::vector<Problem>{access_consumes_low_or_neg(def)}; }));
    for (std::uint32_t n = 2; n <= 32; n *= 2) {
        // Refuted: a merge of a NEG half with a mid-range half (in [2^29, p - 2^29)) sends its
        // parent in NEG. This is why L5 (every bus timestamp below 2^29) cannot be derived from
        // the chips and stays an assumption; R104 (tests/proofs) builds the resulting time loop.
        ps.push_back(prop("lemma.L5.adapter.N" + std::to_string(n) + ".neg_closed", "R103",
                          "refuted: without a timestamp bound an adapter merge can send a NEG timestamp it did not "
                          "receive (why L5 is an assumption)",
                          ProofStatus::Counterexample, n <= 4, [=] { return std::vector<Problem>{adapter_neg_closed(n, def)}; }));
        ps.push_back(prop("lemma.L2.adapter.N" + std::to_string(n) + ".monotone", "R103",
                          "outside NEG a merge's parent timestamp is at least both halves' (no bound assumed)",
                          ProofStatus::Proved, n <= 4, [=] { return std::vector<Problem>{adapter_monotone(n, def)}; }));
    }
    return ps;
}

}  // namespace memspec::proofs
