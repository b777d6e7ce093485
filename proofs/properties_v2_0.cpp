// The memory-bus argument of spec/memory.md §13 for OpenVM v2.0's chips (§17b, R284-R287): the
// per-chip lemmas of access (R224) and persistent_boundary (R225, R226) with no timestamp bound
// assumed, L5 derived from L4 (and refuted without it), and bus consistency on a fixed program
// over one 8-cell chunk with no bus invariant assumed.
//
// v2.0 has no access adapters and no volatile boundary, so the memory bus carries only the
// bridge's messages (one per access row and direction) and the persistent boundary's (one per
// 4-cell half and row). NEG = [p - 2^29, p): the residues the bridge's 29-bit AssertLessThan
// cannot tell from small negative numbers.
#include "proofs/merkle_abstraction.hpp"
#include "proofs/props_util.hpp"
#include "proofs/v2_0.hpp"

namespace memspec::proofs {
using namespace detail;

namespace detail {

MemoryConfig v2_config() { return MemoryConfig{}; }  // R213's values: 29-bit timestamps, 17-bit limbs, as_offset 1

air::Air v2_access_air() { return air::make_access_v2_chip(v2_config()).air; }
air::Air v2_boundary_air() { return air::make_persistent_boundary_v2_chip(v2_config()).air; }

namespace {

constexpr std::int64_t P = BabyBear::P;
constexpr std::uint32_t HALVES = air::PERSISTENT_CHUNK / air::V2_BLOCK_SIZE;

Claim in_neg(Term t, std::uint32_t bits) { return int_le(lin_const(P - (std::int64_t{1} << bits)), lin(std::move(t))); }

std::string idx(const std::string& name, std::size_t i) { return name + "[" + std::to_string(i) + "]"; }

}  // namespace

Problem v2_access_guard(const air::Air& access, V2AccessGuard guard) {
    const MemoryConfig c = v2_config();
    Problem p;
    p.blocks.push_back(Block{access, 1, {}, {}});
    const MemoryMessageTerms in = message(p, 0, 0, "access.receive_prev"), out = message(p, 0, 0, "access.send_new");
    switch (guard) {
        case V2AccessGuard::SilentOrOneAccess:
            // L0: both counts 0 or both 1, for every is_valid value (no bound assumed).
            p.name = access.name + " v2_0 silent_or_one_access";
            p.goal = (is(in.count(), 0) && is(out.count(), 0)) || (is(in.count(), 1) && is(out.count(), 1));
            break;
        case V2AccessGuard::ReadOrWrite: {
            // L1: a live row consumes and produces at one address; a row that is not a write keeps
            // its values (a write is exactly is_write = 1).
            p.name = access.name + " v2_0 read_or_write";
            std::vector<Claim> keeps;
            for (std::size_t i = 0; i < in.size(); ++i) keeps.push_back(eq(in.value(i), out.value(i)));
            p.goal = implies(!is(out.count(), 0), eq(in.address_space(), out.address_space()) && eq(in.pointer(), out.pointer()) &&
                                                      (is(col(p, 0, 0, "is_write"), 1) || all_of(keeps)));
            break;
        }
        case V2AccessGuard::ConsumesLowOrNeg:
            // L1: with only its own timestamp bounded (L4: it comes from the execution), a live row
            // consumes a timestamp below it as an integer, or one in NEG.
            p.name = access.name + " v2_0 consumes_low_or_neg";
            p.assumptions = {below(out.timestamp(), c.clk_max_bits)};
            p.goal = implies(!is(out.count(), 0) || !is(in.count(), 0),
                             lt(in.timestamp(), out.timestamp()) || in_neg(in.timestamp(), c.clk_max_bits));
            break;
    }
    // R81: read_keeps_data is a product (1 - is_write)(prev_data - data); as "one factor vanishes"
    // (the same constraint in a field) it stays linear when is_write_bool is removed (R287).
    split_products(p, 0);
    return p;
}

Problem v2_boundary_guard(const air::Air& boundary, V2BoundaryGuard guard) {
    Problem p;
    p.blocks.push_back(Block{boundary, 1, {}, {}});
    std::vector<MemoryMessageTerms> halves;
    for (std::uint32_t h = 0; h < HALVES; ++h) halves.push_back(message(p, 0, 0, idx("persistent_boundary.send_block", h)));
    std::vector<Claim> goals;
    switch (guard) {
        case V2BoundaryGuard::CountsAreTrits:
            // L0: every memory-bus count of a row is one value e in {-1, 0, 1}.
            p.name = boundary.name + " v2_0 counts_are_trits";
            for (const auto& m : halves) goals.push_back(is(m.count(), 0) || is(m.count(), 1) || is(m.count(), -1));
            break;
        case V2BoundaryGuard::CreatesAtZero:
            // L3 / L5: a half the row sends (count 1) is sent at timestamp 0; no bound assumed.
            p.name = boundary.name + " v2_0 creates_at_zero";
            for (const auto& m : halves) goals.push_back(implies(is(m.count(), 1), is(m.timestamp(), 0)));
            break;
    }
    p.goal = all_of(goals);
    return p;
}

Problem v2_access_cycle(std::size_t rows, bool under_l4) {
    const MemoryConfig c = v2_config();
    Problem p;
    p.name = "v2_0 access_cycle rows" + std::to_string(rows) + (under_l4 ? " under_L4" : "");
    p.memory_bus_balanced = true;
    p.blocks.push_back(Block{v2_access_air(), rows, {}, {}});
    for (std::size_t r = 0; r < rows; ++r) {
        if (!p.blocks[0].fix(r, "is_valid", 1)) throw std::runtime_error("access lacks is_valid");
        if (under_l4) p.assumptions.push_back(below(col(p, 0, r, "timestamp"), c.clk_max_bits));
    }
    p.goal = truth(false);  // no balanced assignment may exist
    return p;
}

Problem v2_read_before_any_write(std::size_t rows, bool under_l4) {
    const MemoryConfig c = v2_config();
    Problem p;
    p.name = "v2_0 read_at_1 rows" + std::to_string(rows) + (under_l4 ? " under_L4" : "");
    p.memory_bus_balanced = true;
    p.blocks.push_back(Block{v2_access_air(), rows, {}, {}});
    Block& blk = p.blocks[0];
    // Row 0: the run's first access, a read of block (2, 0) at timestamp 1 (R215: the clock starts
    // at 1), so no write precedes it; on an empty image it returns zeros (R214).
    if (!(blk.fix(0, "is_valid", 1) && blk.fix(0, "is_write", 0) && blk.fix(0, "address_space", 2) && blk.fix(0, "pointer", 0) &&
          blk.fix(0, "timestamp", 1)))
        throw std::runtime_error("access lacks a program column");
    if (under_l4)
        for (std::size_t r = 0; r < rows; ++r) p.assumptions.push_back(below(col(p, 0, r, "timestamp"), c.clk_max_bits));
    std::vector<Claim> zeros;
    for (std::uint32_t k = 0; k < air::V2_BLOCK_SIZE; ++k) zeros.push_back(is(col(p, 0, 0, idx("data", k)), 0));
    p.goal = all_of(zeros);
    return p;
}

namespace {

struct V2Access {
    bool write;
    std::uint32_t ptr;  // 0 or 4: the halves of chunk (1, 0)
};
// Timestamps are the index + 1 (R215: the clock starts at 1, one step per access).
const std::vector<V2Access>& program() {
    static const std::vector<V2Access> prog{{false, 0}, {true, 4}, {true, 0}, {false, 0}, {false, 4}};
    return prog;
}

}  // namespace

Problem v2_bus_problem(const air::Air& access, const air::Air& boundary, const V2BusShape& shape, bool vacuity) {
    const auto& prog = program();
    Problem p;
    p.name = "v2_0 bus 1chunk" + std::string(vacuity ? " vacuity" : "");
    p.memory_bus_balanced = true;
    const std::uint32_t A = 0, B = 1, C = 2;
    p.blocks.push_back(Block{access, prog.size(), {}, {}});
    p.blocks.push_back(Block{leaf_carries_values(boundary), shape.boundary_rows, {}, {}});
    p.blocks.push_back(Block{merkle_commitment_air(), 1, {}, {}});
    if (!p.blocks[C].fix(0, "as_label", 0) || !p.blocks[C].fix(0, "leaf_label", 0))
        throw std::runtime_error("commitment block lacks its label columns");
    for (std::size_t r = 0; r < prog.size(); ++r) {
        Block& blk = p.blocks[A];
        if (!(blk.fix(r, "is_valid", 1) && blk.fix(r, "is_write", prog[r].write) && blk.fix(r, "address_space", 1) &&
              blk.fix(r, "pointer", prog[r].ptr) && blk.fix(r, "timestamp", r + 1)))
            throw std::runtime_error("access lacks a program column");
        // No bound on prev_timestamp: L5 is derived (R285), not assumed.
    }
    if (vacuity) {
        p.goal = truth(false);
        return p;
    }
    auto data = [&](std::size_t r, std::uint32_t k) { return col(p, A, r, idx("data", k)); };
    auto prev = [&](std::size_t r, std::uint32_t k) { return col(p, A, r, idx("prev_data", k)); };
    auto initial = [&](std::uint32_t k) { return col(p, C, 0, idx("initial", k)); };
    auto value = [&](std::size_t r, std::uint32_t k) { return col(p, B, r, idx("values", k)); };
    auto at_chunk = [&](std::size_t r, std::int64_t e) {
        return is(col(p, B, r, "expand_direction"), e) && is(col(p, B, r, "address_space"), 1) && is(col(p, B, r, "leaf_label"), 0);
    };
    std::vector<Claim> goals;
    for (std::uint32_t k = 0; k < air::V2_BLOCK_SIZE; ++k) {
        goals.push_back(eq(data(0, k), initial(k)));                          // the first read: the committed values
        goals.push_back(eq(prev(1, k), initial(air::V2_BLOCK_SIZE + k)));     // the first write's prev_data (R216)
        goals.push_back(eq(prev(2, k), data(0, k)));                          // the second write's prev_data
        goals.push_back(eq(data(3, k), data(2, k)));                          // reads see the latest write
        goals.push_back(eq(data(4, k), data(1, k)));
    }
    std::vector<Claim> final_exists;
    for (std::size_t r = 0; r < shape.boundary_rows; ++r) {
        final_exists.push_back(at_chunk(r, -1));
        std::vector<Claim> final_ok, initial_ok;
        for (std::uint32_t k = 0; k < air::V2_BLOCK_SIZE; ++k) {
            final_ok.push_back(eq(value(r, k), data(2, k)));
            final_ok.push_back(eq(value(r, air::V2_BLOCK_SIZE + k), data(1, k)));
        }
        // The final row takes each half at its last access: half 0 at 4, half 1 at 5.
        final_ok.push_back(is(col(p, B, r, "timestamps[0]"), 4));
        final_ok.push_back(is(col(p, B, r, "timestamps[1]"), 5));
        for (std::uint32_t k = 0; k < air::PERSISTENT_CHUNK; ++k) initial_ok.push_back(eq(value(r, k), initial(k)));
        goals.push_back(implies(at_chunk(r, -1), all_of(final_ok)));
        goals.push_back(implies(at_chunk(r, 1), all_of(initial_ok)));
    }
    goals.push_back(any_of(final_exists));
    p.goal = all_of(goals);
    return p;
}

}  // namespace detail

namespace {

// R180: the one-chunk instance with preprocessing and no cuts spends 1.51 million units (proved),
// its witness 0.80 million; the plain solver 6.58 and 0.88 million. Budgets about 10 times that.
void bus_limits(Property& p, std::uint64_t rlimit) {
    p.rlimit = rlimit;
    p.strategy = smt::Strategy::PreprocessNoCuts;
}

}  // namespace

std::vector<Property> v2_0_properties() {
    std::vector<Property> ps;
    const air::Air access = v2_access_air(), boundary = v2_boundary_air();
    // R284: the per-chip lemmas.
    ps.push_back(prop("lemma.v2_0.L0.access.silent_or_one_access", "R284",
                            "every v2.0 access row is silent or consumes and produces one block, for every is_valid value",
                            ProofStatus::Proved, true,
                            [=] { return std::vector<Problem>{v2_access_guard(access, V2AccessGuard::SilentOrOneAccess)}; }));
    ps.push_back(prop("lemma.v2_0.L1.access.read_or_write", "R284",
                            "a live v2.0 access row consumes and produces at one address and keeps its values unless it is "
                            "a write",
                            ProofStatus::Proved, true,
                            [=] { return std::vector<Problem>{v2_access_guard(access, V2AccessGuard::ReadOrWrite)}; }));
    ps.push_back(prop("lemma.v2_0.L1.access.consumes_low_or_neg", "R284",
                            "a live v2.0 access row whose own timestamp is below 2^29 consumes a timestamp below it, or one "
                            "in NEG = [p - 2^29, p); no other bound assumed",
                            ProofStatus::Proved, true,
                            [=] { return std::vector<Problem>{v2_access_guard(access, V2AccessGuard::ConsumesLowOrNeg)}; }));
    ps.push_back(prop("lemma.v2_0.L0.boundary.counts_are_trits", "R284",
                            "every memory-bus count of a v2.0 boundary row is -1, 0 or 1",
                            ProofStatus::Proved, true,
                            [=] { return std::vector<Problem>{v2_boundary_guard(boundary, V2BoundaryGuard::CountsAreTrits)}; }));
    ps.push_back(prop("lemma.v2_0.L3.boundary.creates_at_zero", "R284",
                            "a v2.0 boundary row sends each half it sends at timestamp 0 (no bound assumed)",
                            ProofStatus::Proved, true,
                            [=] { return std::vector<Problem>{v2_boundary_guard(boundary, V2BoundaryGuard::CreatesAtZero)}; }));
    // R285: L5 from L4, and the 4-row cycle without it.
    ps.push_back(prop("lemma.v2_0.L5.access_cycle.rows3", "R285",
                      "no three live v2.0 access rows balance the memory bus among themselves, whatever their "
                      "timestamps (3 * 2^29 < p)",
                      ProofStatus::Proved, true, [] { return std::vector<Problem>{v2_access_cycle(3, false)}; }));
    ps.push_back(prop("lemma.v2_0.L5.access_cycle.rows4", "R285",
                      "refuted: four live v2.0 access rows with timestamps wrapping around p balance the memory bus "
                      "among themselves (4 * 2^29 > p); only L4 excludes them",
                      ProofStatus::Counterexample, true, [] { return std::vector<Problem>{v2_access_cycle(4, false)}; }));
    ps.push_back(prop("lemma.v2_0.L5.access_cycle.rows4.under_L4", "R285",
                      "with every access timestamp below 2^29 (L4) no four live v2.0 access rows balance among themselves",
                      ProofStatus::Proved, true, [] { return std::vector<Problem>{v2_access_cycle(4, true)}; }));
    ps.push_back(prop("lemma.v2_0.L5.read_before_any_write", "R285",
                      "refuted without L4: the run's first access, a read at timestamp 1, returns a non-zero block on "
                      "an empty image, through three access rows at wrapped timestamps",
                      ProofStatus::Counterexample, true, [] { return std::vector<Problem>{v2_read_before_any_write(4, false)}; }));
    ps.push_back(prop("lemma.v2_0.L5.read_before_any_write.under_L4", "R285",
                      "with every access timestamp below 2^29 (L4) the read at timestamp 1 of the same rows returns zeros "
                      "(no balanced trace lets it return anything else)",
                      ProofStatus::Proved, true, [] { return std::vector<Problem>{v2_read_before_any_write(4, true)}; }));
    // R286: bus consistency, no bus invariant assumed.
    const V2BusShape plain{};
    ps.push_back(prop("bus.v2_0.1chunk.r4w4w4r4r4", "R286",
                      "v2.0 chips, one chunk, program r0 w4 w0 r0 r4 at 1..5, no bound on any timestamp but the "
                      "program's: reads see the committed values, then the latest write; each initial row holds the "
                      "committed values, each final row the last writes at their last accesses",
                      ProofStatus::Proved, true, [=] { return std::vector<Problem>{v2_bus_problem(access, boundary, plain, false)}; }));
    bus_limits(ps.back(), 15'000'000);
    ps.push_back(prop("bus.v2_0.1chunk.r4w4w4r4r4.vacuity", "R286",
                      "a satisfying balanced trace of the same instance exists (expected: the witness)",
                      ProofStatus::Counterexample, true, [=] { return std::vector<Problem>{v2_bus_problem(access, boundary, plain, true)}; }));
    bus_limits(ps.back(), 8'000'000);
    return ps;
}

}  // namespace memspec::proofs
