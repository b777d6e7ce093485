// Row-level properties (R85-R90) and the rediscovered audit findings (R91-R94). Every problem
// takes its constraints from a spec/air AIR object: gadgets are instantiated through
// spec/air/gadgets.hpp on a one-row AIR, chips through spec/air/chips.hpp.
#include <algorithm>

#include "proofs/props_util.hpp"

namespace memspec::proofs {
namespace detail {

air::Air without_prefix(const air::Air& a, const std::string& prefix) {
    air::Air out = a;
    auto starts = [&](const std::string& n) { return n.rfind(prefix, 0) == 0; };
    const std::size_t before = out.constraints.size() + out.interactions.size();
    std::erase_if(out.constraints, [&](const air::Constraint& c) { return starts(c.name); });
    std::erase_if(out.interactions, [&](const air::Interaction& i) { return starts(i.name); });
    if (out.constraints.size() + out.interactions.size() == before)
        throw std::runtime_error("nothing named " + prefix + "* in " + a.name);
    return out;
}

}  // namespace detail

using namespace detail;

namespace {

// ---- R85, R86: IsLessThan / AssertLessThan on one row: columns x, y (and out) ----
enum class Gadget { IsLt, AssertLt };
enum class Side { Sound, Complete };

Problem less_than_problem(Gadget g, Side side, std::uint32_t max_bits, std::uint32_t decomp) {
    air::AirBuilder b;
    b.air.name = g == Gadget::IsLt ? "is_less_than" : "assert_less_than";
    const auto x = b.add_column("x"), y = b.add_column("y");
    air::LessThanAux aux;
    std::uint32_t out = 0;
    if (g == Gadget::IsLt) {
        out = b.add_column("out");
        aux = air::is_less_than(b, "lt", "R44", air::local(y) - air::local(x), air::local(out), 1, max_bits, decomp);
    } else {
        aux = air::assert_less_than(b, "lt", "R43", air::local(x), air::local(y), 1, max_bits, decomp);
    }
    Problem p;
    p.name = b.air.name + (side == Side::Sound ? ".sound" : ".complete") + " max_bits=" + std::to_string(max_bits) +
             " decomp=" + std::to_string(decomp);
    p.blocks.push_back(Block{b.air, 1, {}, {}});
    Term tx{0, 0, air::local(x)}, ty{0, 0, air::local(y)};
    p.assumptions = {below(tx, max_bits), below(ty, max_bits)};
    Claim less = lt(tx, ty);
    if (side == Side::Sound) {
        p.goal = g == Gadget::IsLt ? (implies(less, is(Term{0, 0, air::local(out)}, 1)) &&
                                      implies(!less, is(Term{0, 0, air::local(out)}, 0)))
                                   : less;
        return p;
    }
    // Completeness: the honest witness (limbs of the wrapped difference) satisfies the AIR.
    p.air_role = AirRole::Goal;
    Lin composed;
    auto bits = air::limb_bits(max_bits, decomp);
    for (std::size_t i = 0; i < aux.lower_decomp.size(); ++i) {
        Term limb{0, 0, air::local(aux.lower_decomp[i])};
        p.assumptions.push_back(below(limb, bits[i]));
        composed = composed + (std::int64_t{1} << (i * decomp)) * lin(limb);
    }
    Lin diff = lin(ty) + (-1 * lin(tx)) + lin_const(-1);
    if (g == Gadget::IsLt) {
        Term tout{0, 0, air::local(out)};
        p.assumptions.push_back(implies(less, is(tout, 1)) && implies(!less, is(tout, 0)));
        p.assumptions.push_back(int_eq(composed, diff + lin_const(std::int64_t{1} << max_bits) +
                                                     (-(std::int64_t{1} << max_bits)) * lin(tout)));
    } else {
        p.assumptions.push_back(less);
        p.assumptions.push_back(int_eq(composed, diff));
    }
    return p;
}

std::vector<Problem> less_than_sweep(Gadget g, Side side, std::uint32_t decomp) {
    std::vector<Problem> ps;
    for (std::uint32_t mb = 1; mb <= 29; ++mb) ps.push_back(less_than_problem(g, side, mb, decomp));
    return ps;
}

// ---- R45 / B6: IsLessThanArray over two entries ----
Problem array_lt_problem(bool weakened) {
    air::AirBuilder b;
    b.air.name = "is_less_than_array";
    const auto x0 = b.add_column("x[0]"), x1 = b.add_column("x[1]"), y0 = b.add_column("y[0]"),
               y1 = b.add_column("y[1]"), out = b.add_column("out");
    air::is_less_than_array(b, "lt", "R45", {air::local(x0), air::local(x1)}, {air::local(y0), air::local(y1)},
                            air::local(out), 1, 29, 17);
    air::Air a = weakened ? without_prefix(b.air, "lt.marker_differs") : b.air;
    Problem p;
    p.name = a.name + (weakened ? " without marker_differs" : "");
    p.blocks.push_back(Block{a, 1, {}, {}});
    auto t = [](std::uint32_t c) { return Term{0, 0, air::local(c)}; };
    for (auto c : {x0, x1, y0, y1}) p.assumptions.push_back(below(t(c), 29));
    Claim less = lt(t(x0), t(y0)) || (ieq(t(x0), t(y0)) && lt(t(x1), t(y1)));
    p.goal = implies(less, is(t(out), 1)) && implies(!less, is(t(out), 0));
    return p;
}

}  // namespace

namespace detail {

// ---- R87: AccessAdapterAir<N> rows ----
std::vector<Problem> adapter_row_problems(const air::Air& adapter, std::uint32_t n, const MemoryConfig& c) {
    Problem p;
    p.name = adapter.name + " row";
    p.blocks.push_back(Block{adapter, 1, {}, {}});
    const std::string nm = adapter.name;
    Term left = col(p, 0, 0, "left_timestamp"), right = col(p, 0, 0, "right_timestamp");
    // Bus invariant (openvm-v1-memory.md §9): timestamps on the bus are below 2^clk_max_bits.
    p.assumptions = {below(left, c.clk_max_bits), below(right, c.clk_max_bits)};
    const MemoryMessageTerms parent = message(p, 0, 0, nm + ".receive_parent"), left_half = message(p, 0, 0, nm + ".send_left"),
                        right_half = message(p, 0, 0, nm + ".send_right");
    if (parent.size() != n || left_half.size() != n / 2 || right_half.size() != n / 2)
        throw std::runtime_error(nm + ": messages do not carry N and N/2 values");
    Term cp = parent.count(), cl = left_half.count(), cr = right_half.count();
    Term parent_ts = parent.timestamp();
    std::vector<Claim> shape;
    // Values preserved and halves addressed at ptr and ptr + N/2.
    shape.push_back(eq(parent.address_space(), left_half.address_space()));
    shape.push_back(eq(parent.pointer(), left_half.pointer()));
    shape.push_back(eq(parent.address_space(), right_half.address_space()));
    shape.push_back(eq(Term{0, 0, parent.pointer().expr + static_cast<int>(n / 2)}, right_half.pointer()));
    for (std::size_t i = 0; i < n; ++i)
        shape.push_back(eq(parent.value(i), i < n / 2 ? left_half.value(i) : right_half.value(i - n / 2)));
    shape.push_back(eq(left_half.timestamp(), left));
    shape.push_back(eq(right_half.timestamp(), right));
    Claim padding = is(cp, 0) && is(cl, 0) && is(cr, 0);
    Claim split = is(cp, 1) && is(cl, 1) && is(cr, 1) && eq(parent_ts, left) && eq(parent_ts, right);
    Claim merge = is(cp, -1) && is(cl, -1) && is(cr, -1) &&
                  implies(lt(left, right), eq(parent_ts, right)) && implies(!lt(left, right), eq(parent_ts, left));
    Claim valid = is(col(p, 0, 0, "is_valid"), 1);
    p.goal = all_of(shape) && (padding || split || merge) && implies(!valid, padding);
    return {p};
}

// ---- R88: the access chip (MemoryBridge read / write / read_or_immediate) ----
std::string name_of(BridgeLemma lemma) {
    switch (lemma) {
        case BridgeLemma::TimestampIncreases: return "timestamp_increases";
        case BridgeLemma::ReadKeepsData: return "read_keeps_data";
        case BridgeLemma::ImmediateYieldsPointer: return "immediate_yields_pointer";
        case BridgeLemma::PaddingSilent: return "padding_silent";
        case BridgeLemma::OneMessageEachWay: return "one_message_each_way";
        case BridgeLemma::ImmediateIsOneCellRead: return "immediate_is_one_cell_read";
        case BridgeLemma::EveryRowSilentOrOneAccess: return "every_row_silent_or_one_access";
    }
    return "?";
}

Problem bridge_problem(const air::Air& access, const MemoryConfig& c, BridgeLemma lemma) {
    Problem p;
    p.name = access.name + " " + name_of(lemma);
    p.blocks.push_back(Block{access, 1, {}, {}});
    p.assumptions = {below(col(p, 0, 0, "timestamp"), c.clk_max_bits), below(col(p, 0, 0, "prev_timestamp"), c.clk_max_bits)};
    auto memory_counts_zero = [&]() {
        std::vector<Claim> z;
        for (const auto& it : access.interactions)
            if (it.bus == air::MEMORY_BUS) z.push_back(is(Term{0, 0, it.count}, 0));
        return all_of(z);
    };
    switch (lemma) {
        case BridgeLemma::TimestampIncreases:
            p.goal = implies(is(col(p, 0, 0, "is_valid"), 1), lt(col(p, 0, 0, "prev_timestamp"), col(p, 0, 0, "timestamp")));
            break;
        case BridgeLemma::ReadKeepsData: {
            std::vector<Claim> same;
            for (std::uint32_t i = 0; i < c.max_access_adapter_n; ++i)
                same.push_back(eq(col(p, 0, 0, "data[" + std::to_string(i) + "]"),
                                  col(p, 0, 0, "prev_data[" + std::to_string(i) + "]")));
            p.goal = implies(is(col(p, 0, 0, "is_valid"), 1) && is(col(p, 0, 0, "is_write"), 0), all_of(same));
            break;
        }
        case BridgeLemma::ImmediateYieldsPointer:
            p.goal = implies(is(col(p, 0, 0, "is_valid"), 1) && is(col(p, 0, 0, "address_space"), 0),
                             eq(col(p, 0, 0, "data[0]"), col(p, 0, 0, "pointer")) && memory_counts_zero());
            break;
        case BridgeLemma::PaddingSilent: p.goal = implies(is(col(p, 0, 0, "is_valid"), 0), memory_counts_zero()); break;
        case BridgeLemma::OneMessageEachWay: {
            // Every valid memory access consumes and produces exactly one message of its size.
            std::vector<Claim> sizes;
            for (std::uint32_t len = 1; len <= c.max_access_adapter_n; len *= 2) {
                const std::string l = "[" + std::to_string(len) + "]";
                std::vector<Claim> others;
                for (std::uint32_t o = 1; o <= c.max_access_adapter_n; o *= 2)
                    if (o != len) others.push_back(is(count(p, 0, 0, "access.send_new[" + std::to_string(o) + "]"), 0) &&
                                                    is(count(p, 0, 0, "access.receive_prev[" + std::to_string(o) + "]"), 0));
                sizes.push_back(is(count(p, 0, 0, "access.send_new" + l), 1) && is(count(p, 0, 0, "access.receive_prev" + l), 1) &&
                                all_of(others));
            }
            p.goal = implies(is(col(p, 0, 0, "is_valid"), 1) && !is(col(p, 0, 0, "address_space"), 0), any_of(sizes));
            break;
        }
        case BridgeLemma::ImmediateIsOneCellRead:
            // R5 / R49: a live row of address space 0 is a 1-cell read with no bus traffic (without
            // immediate_one_cell an AS-0 row with size_flag[1] would return any data[1]). No
            // precondition on is_valid's value: any non-zero value counts as live.
            p.goal = implies(!is(col(p, 0, 0, "is_valid"), 0) && is(col(p, 0, 0, "address_space"), 0),
                             is(col(p, 0, 0, "is_write"), 0) && is(col(p, 0, 0, "size_flag[0]"), 1) && memory_counts_zero());
            break;
        case BridgeLemma::EveryRowSilentOrOneAccess: {
            // For every value of is_valid (0, 1 or any other field element): the row is silent, or it
            // is a valid (is_valid = 1) access that consumes and produces one message of one size with
            // prev_timestamp < timestamp. This is the access-chip lemma L2 of spec/memory.md.
            std::vector<Claim> sizes;
            for (std::uint32_t len = 1; len <= c.max_access_adapter_n; len *= 2) {
                std::vector<Claim> pair;
                for (std::uint32_t o = 1; o <= c.max_access_adapter_n; o *= 2) {
                    const std::int64_t want = o == len ? 1 : 0;
                    pair.push_back(is(count(p, 0, 0, "access.send_new[" + std::to_string(o) + "]"), want));
                    pair.push_back(is(count(p, 0, 0, "access.receive_prev[" + std::to_string(o) + "]"), want));
                }
                sizes.push_back(all_of(pair));
            }
            p.goal = memory_counts_zero() ||
                     (is(col(p, 0, 0, "is_valid"), 1) && any_of(sizes) &&
                      lt(col(p, 0, 0, "prev_timestamp"), col(p, 0, 0, "timestamp")));
            break;
        }
    }
    return p;
}

std::vector<Problem> bridge_problems(const air::Air& access, const MemoryConfig& c) {
    std::vector<Problem> out;
    for (BridgeLemma lemma : BRIDGE_LEMMAS) out.push_back(bridge_problem(access, c, lemma));
    return out;
}

// ---- R89: the volatile boundary ----
Problem boundary_sorted_distinct_problem(const air::Air& boundary, std::size_t rows) {
    Problem p;
    p.name = boundary.name + " sorted_distinct (" + std::to_string(rows) + " rows)";
    p.blocks.push_back(Block{boundary, rows, {}, {}});
    auto initial = [&](std::size_t r) { return message(p, 0, r, "volatile_boundary.send_initial"); };
    std::vector<Claim> distinct;
    for (std::size_t i = 0; i < rows; ++i)
        for (std::size_t j = i + 1; j < rows; ++j) {
            Claim same = eq(initial(i).address_space(), initial(j).address_space()) && eq(initial(i).pointer(), initial(j).pointer());
            distinct.push_back(implies(is(col(p, 0, j, "is_valid"), 1), !same));
        }
    p.goal = all_of(distinct);
    return p;
}

Problem boundary_initial_at_zero_problem(const air::Air& boundary) {
    Problem p;
    p.name = boundary.name + " initial_at_zero";
    p.blocks.push_back(Block{boundary, 1, {}, {}});
    const MemoryMessageTerms initial = message(p, 0, 0, "volatile_boundary.send_initial");
    p.goal = implies(!is(initial.count(), 0), is(initial.timestamp(), 0));
    return p;
}

std::string name_of(BoundaryGuard guard) {
    switch (guard) {
        case BoundaryGuard::CountsAreBits: return "counts_are_bits";
        case BoundaryGuard::AddressBounded: return "address_bounded";
        case BoundaryGuard::SortedPair: return "sorted_pair";
    }
    return "?";
}

Problem boundary_row_guard(const air::Air& boundary, const MemoryConfig& c, BoundaryGuard guard) {
    const std::string si = "volatile_boundary.send_initial", rf = "volatile_boundary.receive_final";
    Problem p;
    p.name = boundary.name + " " + name_of(guard);
    p.blocks.push_back(Block{boundary, guard == BoundaryGuard::SortedPair ? 2u : 1u, {}, {}});
    switch (guard) {
        case BoundaryGuard::CountsAreBits: {
            // For every is_valid value: both counts are 0 or both 1 (no duplicated or reversed cell).
            Term a = message(p, 0, 0, si).count(), b = message(p, 0, 0, rf).count();
            p.goal = (is(a, 0) && is(b, 0)) || (is(a, 1) && is(b, 1));
            break;
        }
        case BoundaryGuard::AddressBounded: {
            // R57: a live row's composed address is an integer below 2^bits (not a residue).
            const MemoryMessageTerms initial = message(p, 0, 0, si);
            p.goal = implies(!is(initial.count(), 0), below(initial.address_space(), c.addr_space_max_bits()) &&
                                                          below(initial.pointer(), c.pointer_max_bits));
            break;
        }
        case BoundaryGuard::SortedPair: {
            // R58 on two rows: a valid next row has a strictly larger (as, ptr), compared as integers.
            const MemoryMessageTerms first = message(p, 0, 0, si), second = message(p, 0, 1, si);
            Term a0 = first.address_space(), p0 = first.pointer(), a1 = second.address_space(), p1 = second.pointer();
            p.goal = implies(is(col(p, 0, 1, "is_valid"), 1), lt(a0, a1) || (ieq(a0, a1) && lt(p0, p1)));
            break;
        }
    }
    return p;
}

}  // namespace detail

namespace {

// B11: the honest row of every valid address space passes the boundary's range checks.
Problem boundary_admits_problem(const air::Air& boundary, const MemoryConfig& c) {
    Problem p;
    p.name = boundary.name + " admits every address space";
    p.blocks.push_back(Block{boundary, 1, {}, {}});
    p.air_role = AirRole::Goal;
    Term as = col(p, 0, 0, "addr_space_limbs[0]");
    for (std::size_t i = 0; i < boundary.columns.size(); ++i) {
        const std::string& n = boundary.columns[i];
        Term t = col(p, 0, 0, n);
        if (n == "is_valid") p.assumptions.push_back(is(t, 1));
        else if (n == "addr_space_limbs[0]") continue;
        else p.assumptions.push_back(is(t, 0));
    }
    p.assumptions.push_back(int_le(lin_const(c.as_offset), lin(as)));
    p.assumptions.push_back(int_lt(lin(as), lin_const(static_cast<std::int64_t>(c.as_end()))));
    return p;
}

}  // namespace

namespace detail {
Problem persistent_initial_problem(const air::Air& a) {
    Problem p;
    p.name = a.name + " initial_at_zero";
    p.blocks.push_back(Block{a, 1, {}, {}});
    const MemoryMessageTerms chunk = message(p, 0, 0, "persistent_boundary.send_chunk");
    p.goal = implies(is(chunk.count(), 1), is(chunk.timestamp(), 0));
    return p;
}

// R60 / R62 for every expand_direction value: the chunk's count is -1, 0 or 1.
Problem persistent_counts_problem(const air::Air& a) {
    Problem p;
    p.name = a.name + " count_is_a_trit";
    p.blocks.push_back(Block{a, 1, {}, {}});
    Term e = message(p, 0, 0, "persistent_boundary.send_chunk").count();
    p.goal = is(e, 0) || is(e, 1) || is(e, -1);
    return p;
}

Problem system_final_problem(const air::Air& a, const MemoryConfig& c) {
    Problem p;
    p.name = a.name + " final_timestamp_bounded";
    p.blocks.push_back(Block{a, 1, {}, {}});
    p.goal = below(pub(p, 0, air::PV_FINAL_TIMESTAMP), c.clk_max_bits);
    return p;
}

}  // namespace detail

namespace {
air::Air with_range_bits(const air::Air& a, const std::string& interaction, std::uint32_t bits) {
    air::Air out = a;
    for (auto& it : out.interactions)
        if (it.name == interaction) it.message.at(1) = air::Expr(static_cast<int>(bits));
    if (!out.find_interaction(interaction)) throw std::runtime_error("no interaction " + interaction);
    return out;
}

}  // namespace

std::vector<Property> row_properties() {
    std::vector<Property> ps;
    for (auto g : {Gadget::IsLt, Gadget::AssertLt})
        for (auto side : {Side::Sound, Side::Complete})
            for (std::uint32_t d = 8; d <= 17; ++d) {
                const std::string gn = g == Gadget::IsLt ? "is_less_than" : "assert_less_than";
                const std::string sn = side == Side::Sound ? "sound" : "complete";
                ps.push_back(prop("gadget." + gn + "." + sn + ".decomp" + std::to_string(d), g == Gadget::IsLt ? "R85" : "R86",
                                  gn + " is " + sn + " for every max_bits in 1..29 with " + std::to_string(d) + "-bit limbs",
                                  ProofStatus::Proved, d == 17 || d == 8,
                                  [=] { return less_than_sweep(g, side, d); }));
            }
    for (auto g : {Gadget::IsLt, Gadget::AssertLt})
        for (std::uint32_t d : {8u, 17u})
            for (std::uint32_t mb : {30u, 31u}) {
                const std::string gn = g == Gadget::IsLt ? "is_less_than" : "assert_less_than";
                ps.push_back(prop("gadget." + gn + ".unsound.max_bits" + std::to_string(mb) + ".decomp" + std::to_string(d),
                                  "R85", gn + " with max_bits " + std::to_string(mb) +
                                             " accepts a wrong answer (why R3 caps clk_max_bits at 29)",
                                  ProofStatus::Counterexample, true,
                                  [=] { return std::vector<Problem>{less_than_problem(g, Side::Sound, mb, d)}; }));
            }
    ps.push_back(prop("gadget.is_less_than_array.sound", "R45", "IsLessThanArray's out is the lexicographic x < y (29-bit entries)",
                      ProofStatus::Proved, true, [] { return std::vector<Problem>{array_lt_problem(false)}; }));
    const MemoryConfig def;
    for (std::uint32_t n = 2; n <= 32; n *= 2)
        ps.push_back(prop("adapter.row.N" + std::to_string(n), "R87",
                          "every satisfying AccessAdapterAir<" + std::to_string(n) +
                              "> row is a split, a merge at the later timestamp, or silent padding",
                          ProofStatus::Proved, n <= 8, [=] { return adapter_row_problems(air::make_adapter_chip(def, n).air, n, def); }));
    for (BridgeLemma lemma : BRIDGE_LEMMAS) {
        const std::string w = name_of(lemma);
        ps.push_back(prop("bridge." + w, "R88", "access chip (MemoryBridge) row: " + w, ProofStatus::Proved, true, [=] {
            return std::vector<Problem>{bridge_problem(air::make_access_chip(def).air, def, lemma)};
        }));
    }
    ps.push_back(prop("boundary.volatile.sorted_distinct", "R89",
                      "valid volatile boundary rows carry pairwise distinct (as, ptr) (3 rows)", ProofStatus::Proved, true,
                      [=] { return std::vector<Problem>{boundary_sorted_distinct_problem(air::make_volatile_boundary_chip(def).air, 3)}; }));
    ps.push_back(prop("boundary.volatile.initial_at_zero", "R89", "the volatile boundary creates cells at timestamp 0",
                      ProofStatus::Proved, true,
                      [=] { return std::vector<Problem>{boundary_initial_at_zero_problem(air::make_volatile_boundary_chip(def).air)}; }));
    ps.push_back(prop("boundary.volatile.admits_every_address_space", "R89",
                      "the honest boundary row of every address space in [as_offset, as_end) passes its range checks",
                      ProofStatus::Proved, true,
                      [=] { return std::vector<Problem>{boundary_admits_problem(air::make_volatile_boundary_chip(def).air, def)}; }));
    for (BoundaryGuard guard : BOUNDARY_GUARDS) {
        const std::string g = name_of(guard);
        ps.push_back(prop("boundary.volatile." + g, "R89", "volatile boundary: " + g, ProofStatus::Proved, true, [=] {
            return std::vector<Problem>{boundary_row_guard(air::make_volatile_boundary_chip(def).air, def, guard)};
        }));
    }
    ps.push_back(prop("boundary.persistent.count_is_a_trit", "R89",
                      "every persistent boundary row creates, consumes or ignores its chunk once (count -1, 0 or 1)",
                      ProofStatus::Proved, true,
                      [=] { return std::vector<Problem>{persistent_counts_problem(air::make_persistent_boundary_chip(def).air)}; }));
    ps.push_back(prop("boundary.persistent.initial_at_zero", "R89", "persistent initial rows (e = 1) sit at timestamp 0",
                      ProofStatus::Proved, true,
                      [=] { return std::vector<Problem>{persistent_initial_problem(air::make_persistent_boundary_chip(def).air)}; }));
    ps.push_back(prop("system.final_timestamp_bounded", "R90", "the system's final timestamp is below 2^clk_max_bits",
                      ProofStatus::Proved, true,
                      [=] { return std::vector<Problem>{system_final_problem(air::make_system_chip(def).air, def)}; }));
    return ps;
}

std::vector<Property> audit_properties() {
    std::vector<Property> ps;
    const MemoryConfig def;
    ps.push_back(prop("audit.B1.boundary_without_limb_range_checks", "R91",
                      "B1: without limb range checks two sorted boundary rows share an address mod p",
                      ProofStatus::Counterexample, true, [=] {
                          air::Air a = air::make_volatile_boundary_chip(def).air;
                          a = without_prefix(a, "volatile_boundary.addr_space_limb_range");
                          a = without_prefix(a, "volatile_boundary.pointer_limb_range");
                          // Each sorted step adds 1..2^29 mod p, so a wrap needs 4 steps (5 rows).
                          return std::vector<Problem>{boundary_sorted_distinct_problem(a, 5)};
                      }));
    // R180: the plain solver spends minutes of CPU here (the wrap is found late); eliminating the
    // sorted steps' equalities first finds it in about 0.16 million units.
    ps.back().strategy = smt::Strategy::Preprocess;
    ps.push_back(prop("audit.B2.persistent_boundary_without_initial_at_zero", "R91",
                      "B2: without pinning initial rows to timestamp 0, memory is created at any timestamp",
                      ProofStatus::Counterexample, true, [=] {
                          air::Air a = without_prefix(air::make_persistent_boundary_chip(def).air, "persistent_boundary.initial_at_zero");
                          return std::vector<Problem>{persistent_initial_problem(a)};
                      }));
    ps.push_back(prop("audit.B3.system_without_final_timestamp_range", "R92",
                      "B3: without range-checking the final timestamp it can exceed 2^clk_max_bits",
                      ProofStatus::Counterexample, true, [=] {
                          air::Air a = without_prefix(air::make_system_chip(def).air, "system.final_timestamp_range");
                          return std::vector<Problem>{system_final_problem(a, def)};
                      }));
    ps.push_back(prop("audit.B3.bridge_without_timestamp_bound", "R92",
                      "B3: if timestamps may exceed 2^clk_max_bits, prev_timestamp < timestamp no longer follows",
                      ProofStatus::Counterexample, true, [=] {
                          Problem p = bridge_problem(air::make_access_chip(def).air, def, BridgeLemma::TimestampIncreases);
                          p.name += " without the timestamp bound";
                          p.assumptions.clear();
                          return std::vector<Problem>{p};
                      }));
    ps.push_back(prop("audit.B5.access_without_one_size_iff_valid", "R93",
                      "B5: if a size flag may be set on a padding row, padding emits memory interactions",
                      ProofStatus::Counterexample, true, [=] {
                          air::Air a = without_prefix(air::make_access_chip(def).air, "access.one_size_iff_valid");
                          return std::vector<Problem>{bridge_problem(a, def, BridgeLemma::PaddingSilent)};
                      }));
    ps.push_back(prop("audit.B6.array_lt_without_marker_differs", "R93",
                      "B6: if the diff marker may point at an equal index, x = [0,0] < y = [0,1] can be answered 0",
                      ProofStatus::Counterexample, true, [] { return std::vector<Problem>{array_lt_problem(true)}; }));
    ps.push_back(prop("audit.B11.boundary_as_bits_off_by_one", "R94",
                      "B11: range-checking the address space to as_height bits instead of ceil(log2(as_offset + 2^as_height)) rejects AS 8",
                      ProofStatus::Counterexample, true, [=] {
                          air::Air a = with_range_bits(air::make_volatile_boundary_chip(def).air,
                                                       "volatile_boundary.addr_space_limb_range[0]", def.as_height);
                          return std::vector<Problem>{boundary_admits_problem(a, def)};
                      }));
    return ps;
}

}  // namespace memspec::proofs
