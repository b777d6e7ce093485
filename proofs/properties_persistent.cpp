// Bus consistency on the persistent side (R79): the persistent boundary (R60-R62, R76) with the
// Merkle side abstracted, on a fixed program over one chunk.
//
// Abstraction (the assumption of every property here): Poseidon2's compression is an injective
// function, so a root determines its leaves and a leaf's hash its values. The boundary's leaf hash
// is therefore replaced by the values themselves (the identity is injective), its compression
// request is dropped, and the Merkle side above the leaves (MemoryMerkleAir + the initial root) is
// the block `merkle_commitment`: for each touched chunk it consumes exactly one initial leaf,
// carrying the committed values, and produces exactly one final leaf (any values). The Merkle
// bus is carried on the encoded bus with its id as a leading tag, so its messages never meet a
// memory-bus message (different length and tag, R41/B8).
#include "proofs/merkle_abstraction.hpp"
#include "proofs/props_util.hpp"

namespace memspec::proofs {
using namespace detail;

namespace {

MemoryConfig persistent_config() {
    MemoryConfig c;
    c.max_access_adapter_n = 8;  // one access of a whole chunk: no adapter rows needed
    return c;
}

air::Air abstract_boundary(bool merkle_side) {
    air::Air a = air::make_persistent_boundary_chip(persistent_config()).air;
    if (!merkle_side)
        return without_prefix(without_prefix(a, "persistent_boundary.compress_leaf"), "persistent_boundary.merkle_leaf");
    return leaf_carries_values(a);  // R79
}

struct Access {
    bool write;
    std::uint32_t timestamp;
};

// Program on chunk (1, 0): read, write, read, each of all 8 cells. `boundary_rows` symbolic rows
// leave room for a forger's extra initial rows. With `merkle_side` false the boundary has no
// Merkle interaction and there is no commitment block (memspec before R76-R78).
Problem persistent_problem(bool merkle_side, bool vacuity, std::size_t boundary_rows,
                           const std::string& removed = "") {
    const MemoryConfig cfg = persistent_config();
    const std::vector<Access> prog{{false, 1}, {true, 2}, {false, 3}};
    Problem p;
    p.name = std::string("bus.persistent.1chunk.r8w8r8") + (merkle_side ? "" : ".without_merkle_bus") + (vacuity ? " vacuity" : "");
    p.memory_bus_balanced = true;
    const std::uint32_t A = 0, B = 1, C = 2;
    p.blocks.push_back(Block{air::make_access_chip(cfg).air, prog.size(), {}, {}});
    air::Air boundary = abstract_boundary(merkle_side);
    if (!removed.empty()) {
        // R97-style necessity: the same instance with one boundary rule removed.
        boundary = without_prefix(boundary, removed);
        p.name += " without " + removed;
    }
    p.blocks.push_back(Block{boundary, boundary_rows, {}, {}});
    if (merkle_side) {
        p.blocks.push_back(Block{merkle_commitment_air(), 1, {}, {}});
        if (!p.blocks[C].fix(0, "as_label", 0) || !p.blocks[C].fix(0, "leaf_label", 0))
            throw std::runtime_error("commitment block lacks its label columns");
    }
    for (std::size_t r = 0; r < prog.size(); ++r) {
        Block& blk = p.blocks[A];
        bool ok = blk.fix(r, "is_valid", 1) && blk.fix(r, "is_write", prog[r].write) && blk.fix(r, "address_space", 1) &&
                  blk.fix(r, "pointer", 0) && blk.fix(r, "timestamp", prog[r].timestamp);
        for (std::uint32_t j = 0; (1u << j) <= cfg.max_access_adapter_n; ++j)
            ok = ok && blk.fix(r, "size_flag[" + std::to_string(j) + "]", (1u << j) == air::PERSISTENT_CHUNK);
        if (!ok) throw std::runtime_error("access chip lacks a program column");
        // Bus invariant: timestamps on the bus are below 2^clk_max_bits.
        p.assumptions.push_back(below(col(p, A, r, "prev_timestamp"), cfg.clk_max_bits));
    }
    for (std::size_t r = 0; r < boundary_rows; ++r) p.assumptions.push_back(below(col(p, B, r, "timestamp"), cfg.clk_max_bits));
    if (vacuity) {
        p.goal = truth(false);
        return p;
    }
    auto data = [&](std::size_t r, std::uint32_t k) { return col(p, A, r, "data[" + std::to_string(k) + "]"); };
    auto value = [&](std::size_t r, std::uint32_t k) { return col(p, B, r, "values[" + std::to_string(k) + "]"); };
    auto at_chunk = [&](std::size_t r, std::int64_t e) {
        return is(col(p, B, r, "expand_direction"), e) && is(col(p, B, r, "address_space"), 1) && is(col(p, B, r, "leaf_label"), 0);
    };
    std::vector<Claim> goals;
    if (!merkle_side) {
        // Only the reads: the counterexample must then be a read that misses the write, as in the
        // two-initial-rows forgery, B9 (not a self-cancelling extra initial/final pair, which also balances).
        for (std::uint32_t k = 0; k < air::PERSISTENT_CHUNK; ++k) goals.push_back(eq(data(2, k), data(1, k)));
        p.goal = all_of(goals);
        return p;
    }
    for (std::uint32_t k = 0; k < air::PERSISTENT_CHUNK; ++k) {
        // The second read sees the write.
        goals.push_back(eq(data(2, k), data(1, k)));
        if (merkle_side) goals.push_back(eq(data(0, k), col(p, C, 0, "initial[" + std::to_string(k) + "]")));
    }
    std::vector<Claim> final_exists;
    for (std::size_t r = 0; r < boundary_rows; ++r) {
        final_exists.push_back(at_chunk(r, -1));
        std::vector<Claim> final_ok, initial_ok;
        for (std::uint32_t k = 0; k < air::PERSISTENT_CHUNK; ++k) {
            final_ok.push_back(eq(value(r, k), data(1, k)));
            if (merkle_side) initial_ok.push_back(eq(value(r, k), col(p, C, 0, "initial[" + std::to_string(k) + "]")));
        }
        goals.push_back(implies(at_chunk(r, -1), all_of(final_ok)));
        if (merkle_side) goals.push_back(implies(at_chunk(r, 1), all_of(initial_ok)));
    }
    goals.push_back(any_of(final_exists));
    p.goal = all_of(goals);
    return p;
}

// The real MemoryMerkleAir in the instance (R79, second form). Config as_height 1,
// pointer_max_bits 4: a tree of height 2 over 4 leaves; chunk (1, 0) is leaf 0, so the honest
// Merkle trace is 4 rows (root and node (1, 0, 0), initial and final). Poseidon2 is an
// uninterpreted function assumed injective: every two compression requests of the instance (from
// boundary and Merkle rows, on their non-zero-count rows) have equal outputs iff equal inputs. The
// compression bus itself is not encoded (its lookup is that function); the Merkle bus is, tagged.
MemoryConfig tree_config() {
    MemoryConfig c = persistent_config();
    c.as_height = 1;
    c.pointer_max_bits = 4;
    return c;
}

void retag_merkle(air::Air& a) {
    for (auto& it : a.interactions)
        if (it.bus == air::MERKLE_BUS) {
            it.message = merkle_tagged(it.message);
            it.bus = air::MEMORY_BUS;
        }
}

// How much of the Merkle trace's shape the instance fixes: all of it (directions, heights,
// sections, root flags, labels), or only the labels (the path to chunk (1, 0) is labelled 0 at
// every level), the rest symbolic and its product constraints split into cases (split_products).
enum class TreeShape { Fixed, LabelsOnly };

Problem tree_problem(bool vacuity, const std::string& removed = "", TreeShape shape = TreeShape::Fixed) {
    const MemoryConfig cfg = tree_config();
    const std::vector<Access> prog{{false, 1}, {true, 2}, {false, 3}};
    Problem p;
    p.name = std::string("bus.persistent.tree2.r8w8r8") + (shape == TreeShape::LabelsOnly ? ".shape_symbolic" : "") +
             (vacuity ? " vacuity" : "");
    p.memory_bus_balanced = true;
    const std::uint32_t A = 0, B = 1, M = 2;
    const std::size_t boundary_rows = 4, merkle_rows = 4;
    air::Air boundary = air::make_persistent_boundary_chip(cfg).air;
    air::Air merkle = air::make_memory_merkle_chip(cfg).air;
    retag_merkle(boundary);
    retag_merkle(merkle);
    if (!removed.empty()) {
        merkle = without_prefix(merkle, removed);
        p.name += " without " + removed;
    }
    p.blocks.push_back(Block{air::make_access_chip(cfg).air, prog.size(), {}, {}});
    p.blocks.push_back(Block{boundary, boundary_rows, {}, {}});
    p.blocks.push_back(Block{merkle, merkle_rows, {}, {}});
    // Fixed: the tree's shape is the honest one (rows: root initial, root final, node (1, 0, 0)
    // initial, final); hashes and direction flags stay symbolic. LabelsOnly: directions, heights,
    // sections and root flags are the forger's too; with MemoryMerkleAir's products kept as
    // products that timed out at 300 s, split into cases it proves in about 100 s.
    if (shape == TreeShape::LabelsOnly) {
        Block& blk = p.blocks[M];
        for (std::size_t r = 0; r < merkle_rows; ++r)
            if (!blk.fix(r, "parent_as_label", 0) || !blk.fix(r, "parent_address_label", 0))
                throw std::runtime_error("memory_merkle lacks a label column");
        split_products(p, M);
    } else {
        const std::int64_t e[] = {1, -1, 1, -1}, hs[] = {1, 1, 0, 0}, ph[] = {2, 2, 1, 1}, root[] = {1, 1, 0, 0};
        Block& blk = p.blocks[M];
        for (std::size_t r = 0; r < merkle_rows; ++r) {
            bool ok = blk.fix(r, "expand_direction", BabyBear::from_i64(e[r]).v) && blk.fix(r, "height_section", hs[r]) &&
                      blk.fix(r, "parent_height", ph[r]) && blk.fix(r, "is_root", root[r]) &&
                      blk.fix(r, "parent_as_label", 0) && blk.fix(r, "parent_address_label", 0);
            if (!ok) throw std::runtime_error("memory_merkle lacks a shape column");
        }
    }
    for (std::size_t r = 0; r < prog.size(); ++r) {
        Block& blk = p.blocks[A];
        bool ok = blk.fix(r, "is_valid", 1) && blk.fix(r, "is_write", prog[r].write) && blk.fix(r, "address_space", 1) &&
                  blk.fix(r, "pointer", 0) && blk.fix(r, "timestamp", prog[r].timestamp);
        for (std::uint32_t j = 0; (1u << j) <= cfg.max_access_adapter_n; ++j)
            ok = ok && blk.fix(r, "size_flag[" + std::to_string(j) + "]", (1u << j) == air::PERSISTENT_CHUNK);
        if (!ok) throw std::runtime_error("access chip lacks a program column");
        p.assumptions.push_back(below(col(p, A, r, "prev_timestamp"), cfg.clk_max_bits));
    }
    for (std::size_t r = 0; r < boundary_rows; ++r) p.assumptions.push_back(below(col(p, B, r, "timestamp"), cfg.clk_max_bits));

    // The hash assumption: compress is a function and injective on the requests made.
    struct Request {
        std::uint32_t block;
        std::size_t row;
        std::string name;
    };
    std::vector<Request> requests;
    for (std::size_t r = 0; r < boundary_rows; ++r) requests.push_back({B, r, "persistent_boundary.compress_leaf"});
    if (p.blocks[M].air.find_interaction("memory_merkle.compress"))
        for (std::size_t r = 0; r < merkle_rows; ++r) requests.push_back({M, r, "memory_merkle.compress"});
    // A compression request is [left (8), right (8), output (8)] (R77): 16 inputs, then 8 outputs.
    const std::size_t inputs = 2 * air::PERSISTENT_CHUNK;
    auto input = [&](const Request& q, std::size_t k) { return field(p, q.block, q.row, q.name, k); };
    auto output = [&](const Request& q, std::size_t k) { return field(p, q.block, q.row, q.name, inputs + k); };
    for (std::size_t i = 0; i < requests.size(); ++i)
        for (std::size_t j = i + 1; j < requests.size(); ++j) {
            const Request &x = requests[i], &y = requests[j];
            std::vector<Claim> same_in, same_out;
            for (std::size_t k = 0; k < inputs; ++k) same_in.push_back(eq(input(x, k), input(y, k)));
            for (std::size_t k = 0; k < air::PERSISTENT_CHUNK; ++k) same_out.push_back(eq(output(x, k), output(y, k)));
            Claim used = !is(count(p, x.block, x.row, x.name), 0) && !is(count(p, y.block, y.row, y.name), 0);
            p.assumptions.push_back(implies(used && all_of(same_in), all_of(same_out)));   // a function
            p.assumptions.push_back(implies(used && all_of(same_out), all_of(same_in)));   // injective
        }
    if (vacuity) {
        p.goal = truth(false);
        return p;
    }
    auto data = [&](std::size_t r, std::uint32_t k) { return col(p, A, r, "data[" + std::to_string(k) + "]"); };
    auto value = [&](std::size_t r, std::uint32_t k) { return col(p, B, r, "values[" + std::to_string(k) + "]"); };
    auto at_chunk = [&](std::size_t r, std::int64_t e) {
        return is(col(p, B, r, "expand_direction"), e) && is(col(p, B, r, "address_space"), 1) && is(col(p, B, r, "leaf_label"), 0);
    };
    std::vector<Claim> goals;
    for (std::uint32_t k = 0; k < air::PERSISTENT_CHUNK; ++k) goals.push_back(eq(data(2, k), data(1, k)));
    std::vector<Claim> final_exists;
    for (std::size_t r = 0; r < boundary_rows; ++r) {
        final_exists.push_back(at_chunk(r, -1));
        std::vector<Claim> final_ok, first_read;
        for (std::uint32_t k = 0; k < air::PERSISTENT_CHUNK; ++k) {
            final_ok.push_back(eq(value(r, k), data(1, k)));
            first_read.push_back(eq(value(r, k), data(0, k)));
        }
        goals.push_back(implies(at_chunk(r, -1), all_of(final_ok)));
        // The first read returns the initial row's values; there is one initial row for the chunk.
        goals.push_back(implies(at_chunk(r, 1), all_of(first_read)));
        for (std::size_t s = r + 1; s < boundary_rows; ++s) goals.push_back(!(at_chunk(r, 1) && at_chunk(s, 1)));
    }
    goals.push_back(any_of(final_exists));
    p.goal = all_of(goals);
    return p;
}

}  // namespace

// R180: the tree instances' strategy and resource budget. With preprocessing and no cuts
// tree2.r8w8r8 spends 39.5 million units (68 s of CPU), its witness 26.9 million,
// shape_symbolic 61.3 million (92 s of CPU), its witness 46.9 million; the plain solver had no
// answer for tree2.r8w8r8 after 98 s of CPU. The budget is 8.2 times the largest.
namespace {
constexpr std::uint64_t TREE_RLIMIT = 500'000'000;
void tree_limits(Property& p) {
    p.rlimit = TREE_RLIMIT;
    p.wall_guard_seconds = 4000;
    p.strategy = smt::Strategy::PreprocessNoCuts;
}
}  // namespace

std::vector<Property> persistent_properties() {
    // MemoryMerkleAir's own guards first (R78): the rows the tree instance below relies on.
    std::vector<Property> ps = merkle_properties();
    ps.push_back(prop("bus.persistent.1chunk.r8w8r8", "R79",
                      "with the Merkle side (hash injective): reads see the committed initial values, then the latest "
                      "write; every initial row holds the committed values, every final row the last write",
                      ProofStatus::Proved, true, [] { return std::vector<Problem>{persistent_problem(true, false, 4)}; }));
    ps.back().rlimit = 25'000'000;  // R180: 2.8 million units measured (plain), 8.9 times that
    ps.push_back(prop("bus.persistent.1chunk.r8w8r8.vacuity", "R79",
                      "a satisfying balanced trace of the same instance exists (expected: the witness)",
                      ProofStatus::Counterexample, true, [] { return std::vector<Problem>{persistent_problem(true, true, 4)}; }));
    // The two-initial-rows forgery (B9, spec/memory.md R106): without the Merkle bus two initial rows for one chunk balance, and the
    // second read consumes the second one's values instead of the write.
    ps.push_back(prop("bus.persistent.1chunk.r8w8r8.without_merkle_bus", "R79",
                      "without the Merkle bus a read can miss the latest write (two initial rows for one chunk)",
                      ProofStatus::Counterexample, true, [] { return std::vector<Problem>{persistent_problem(false, false, 4)}; }));
    ps.push_back(prop("bus.persistent.tree2.r8w8r8", "R79",
                      "with MemoryMerkleAir and an injective hash: one initial row per chunk, reads see it and then "
                      "the latest write, every final row holds the last write",
                      ProofStatus::Proved, false, [] { return std::vector<Problem>{tree_problem(false)}; }));
    tree_limits(ps.back());
    ps.push_back(prop("bus.persistent.tree2.r8w8r8.vacuity", "R79",
                      "a satisfying balanced trace of the same instance exists (expected: the witness)",
                      ProofStatus::Counterexample, false, [] { return std::vector<Problem>{tree_problem(true)}; }));
    tree_limits(ps.back());
    ps.push_back(prop("bus.persistent.tree2.r8w8r8.shape_symbolic", "R79",
                      "as bus.persistent.tree2.r8w8r8 with the Merkle rows' directions, heights, sections and root "
                      "flags symbolic too (labels fixed)",
                      ProofStatus::Proved, false,
                      [] { return std::vector<Problem>{tree_problem(false, "", TreeShape::LabelsOnly)}; }));
    tree_limits(ps.back());
    ps.push_back(prop("bus.persistent.tree2.r8w8r8.shape_symbolic.vacuity", "R79",
                      "a satisfying balanced trace of the same instance exists (expected: the witness)",
                      ProofStatus::Counterexample, false,
                      [] { return std::vector<Problem>{tree_problem(true, "", TreeShape::LabelsOnly)}; }));
    tree_limits(ps.back());
    // Necessity on the persistent side: each constraint of the boundary removed in turn from the
    // proved instance. Interactions are not removed one side at a time: the partner's fixed
    // messages would make the instance unsatisfiable (vacuously proved); the Merkle bus is removed
    // on both sides by `.without_merkle_bus` above. Both constraints come out redundant here, for
    // reasons of the instance; the row-level table (necessity.persistent_boundary.*, R97) and
    // audit.B2 show each is needed by the boundary's own row guards.
    const std::pair<const char*, const char*> redundant_here[] = {
        {"persistent_boundary.direction_trit",
         "a row's leaf message carries its direction e and has count e, so a row with e outside "
         "{-1, 0, 1} leaves a message no other direction cancels; the commitment (like MemoryMerkleAir, "
         "whose child directions are e + 2*dd in {-1, 1}, merkle.row) takes only directions 1 and -1"},
        {"persistent_boundary.initial_at_zero",
         "the claims are about values, and the Merkle bus admits one initial row for the chunk, with the "
         "committed values, whatever its timestamp (here the first access, at timestamp 1, even forces "
         "it to 0: prev_timestamp < 1); what the rule itself enforces is shown by the row guard (audit.B2)"},
    };
    for (const auto& [name, reason] : redundant_here) {
        const std::string n = name;
        ps.push_back(prop("necessity." + n + ".persistent_instance", "R97",
                          std::string("redundant in bus.persistent.1chunk.r8w8r8: ") + reason, ProofStatus::Proved,
                          false, [n] { return std::vector<Problem>{persistent_problem(true, false, 4, n)}; }));
        // R180: with preprocessing and no cuts direction_trit spends 4.3 million units,
        // initial_at_zero 1.8 million (the plain solver 12.3 and 3.6 million): 9.3 times the larger.
        ps.back().rlimit = 40'000'000;
        ps.back().strategy = smt::Strategy::PreprocessNoCuts;
    }
    return ps;
}

}  // namespace memspec::proofs
