// What the Merkle roots commit to (R280-R282): the persistent boundary (R60, R76) and
// MemoryMerkleAir (R78) of OpenVM v1.0, on a tree whose Merkle rows are symbolic in every column
// (labels, heights, sections, root flags, directions, hashes) and whose boundary rows are symbolic
// in every column (direction, address, values, hash).
//
// Assumption (as R79's tree instances): Poseidon2's compression is an uninterpreted injective
// function. The compression bus is not encoded; instead two compression requests that are made
// (non-zero count) have equal outputs iff equal inputs, stated for every chip request against every
// reference request and for the reference's requests of M and M' at the same place.
//
// What "the root of a memory" means is stated by a reference block that hashes a whole symbolic
// memory M (and M') densely, leaf by leaf and level by level (R72-R74). Its requests take part in
// the same injectivity assumption, so "the public initial root is the root of M" is a field
// equality between the public values and the reference root.
//
// The claims are at the boundary's interface to the memory bus: what the boundary's initial rows
// send is the initial memory the accesses see, and what its final rows receive is the final memory
// (R62; that the final rows receive the last writes is R79's bus claim, L6). So
// - R280: if the public initial root is the root of M, every initial boundary row lies in the tree
//   and holds M's values at its address;
// - R281: with M' = M overwritten, at each final boundary row's address, with that row's values,
//   the public final root is the root of M', every final row lies in the tree and no two final
//   rows share an address.
#include "proofs/props_util.hpp"

namespace memspec::proofs {
using namespace detail;

namespace {

// as_height 1, pointer_max_bits 4: 2 address spaces of 2 chunks, a tree of height 2 with one level
// in each section (address_height 1): the smallest tree in which both label rules of
// MemoryMerkleAir (address-space section, pointer section) and the switch between them occur.
MemoryConfig roots_config() { return merkle_config(); }

constexpr std::size_t BOUNDARY_ROWS = 4;  // two chunks, an initial and a final row each
constexpr std::size_t MERKLE_ROWS = 6;    // the root and both level-1 nodes, initial and final
constexpr std::size_t LEAVES = 4;

// Which MemoryMerkleAir: OpenVM v1.0's (root rows' labels free: v1.0.0 to v1.5.0), or with the
// two constraints OpenVM added in v1.6.0 (`crates/vm/src/system/memory/merkle/air.rs:78-85` at
// v1.6.0: on a root row, parent_as_label = 0 and parent_address_label = 0).
enum class RootLabels { Free, Zero };
enum class RootClaim { Initial, Final };

std::vector<air::Expr> tagged(std::vector<air::Expr> rest) {
    rest.insert(rest.begin(), air::Expr(static_cast<int>(air::MERKLE_BUS)));
    return rest;
}

// The Merkle bus on the encoded bus behind its id as a tag (R79): never equal to a memory-bus
// message. The boundary's memory-bus interaction is dropped: the claims are about what it would
// send and receive there, so nothing else in the instance uses the memory bus.
air::Air merkle_only(air::Air a) {
    std::vector<air::Interaction> kept;
    for (auto& it : a.interactions) {
        if (it.bus == air::MEMORY_BUS) continue;
        if (it.bus == air::MERKLE_BUS) {
            it.message = tagged(it.message);
            it.bus = air::MEMORY_BUS;
        }
        kept.push_back(it);
    }
    a.interactions = std::move(kept);
    return a;
}

// The reference: a symbolic memory M ("memory") and M' ("final_memory") of LEAVES chunks, and the
// dense tree of each as compression requests [left (8), right (8), output (8)], count 1.
air::Air reference_air(bool with_final) {
    air::AirBuilder b;
    b.air.name = "reference_tree";
    const std::size_t C = air::PERSISTENT_CHUNK;
    for (const char* tree : {"memory", "final_memory"}) {
        const std::string t = tree;
        if (t == "final_memory" && !with_final) break;
        std::vector<std::vector<std::uint32_t>> level;  // digests of the current level
        for (std::size_t i = 0; i < LEAVES; ++i) {
            auto values = b.add_columns(t + "[" + std::to_string(i) + "]", C);
            auto digest = b.add_columns(t + ".leaf_hash[" + std::to_string(i) + "]", C);
            std::vector<air::Expr> req;
            for (auto c : values) req.push_back(air::local(c));
            for (std::size_t k = 0; k < C; ++k) req.push_back(air::Expr(0));  // R72: hash(v) = compress(v, 0^8)
            for (auto c : digest) req.push_back(air::local(c));
            b.interact(t + ".leaf[" + std::to_string(i) + "]", "R280", air::COMPRESSION_BUS, air::Direction::Send, req, 1);
            level.push_back(digest);
        }
        for (std::size_t height = 1; level.size() > 1; ++height) {
            std::vector<std::vector<std::uint32_t>> up;
            for (std::size_t j = 0; j < level.size() / 2; ++j) {
                const std::string n = t + ".node[" + std::to_string(height) + "][" + std::to_string(j) + "]";
                auto digest = b.add_columns(n + ".hash", C);
                std::vector<air::Expr> req;
                for (auto c : level[2 * j]) req.push_back(air::local(c));
                for (auto c : level[2 * j + 1]) req.push_back(air::local(c));
                for (auto c : digest) req.push_back(air::local(c));
                b.interact(n, "R280", air::COMPRESSION_BUS, air::Direction::Send, req, 1);
                up.push_back(digest);
            }
            level = std::move(up);
        }
    }
    return b.air;
}

Problem roots_problem(RootClaim claim, RootLabels labels, bool vacuity) {
    const MemoryConfig cfg = roots_config();
    const std::size_t C = air::PERSISTENT_CHUNK;
    Problem p;
    p.name = std::string("roots.") + (claim == RootClaim::Initial ? "initial" : "final") + ".tree2.symbolic" +
             (labels == RootLabels::Zero ? ".root_labels_zero" : "") + (vacuity ? " vacuity" : "");
    p.memory_bus_balanced = true;  // carries the Merkle bus only (tagged)
    const std::uint32_t B = 0, M = 1, T = 2;
    p.blocks.push_back(Block{merkle_only(air::make_persistent_boundary_chip(cfg).air), BOUNDARY_ROWS, {}, {}});
    p.blocks.push_back(Block{merkle_only(air::make_memory_merkle_chip(cfg).air), MERKLE_ROWS, {}, {}});
    p.blocks.push_back(Block{reference_air(claim == RootClaim::Final), 1, {}, {}});

    // MemoryMerkleAir's product constraints as "one factor vanishes" (the same constraint in a
    // field, R79's shape_symbolic instance); then two facts of every whole 6-row trace, proved by
    // merkle.trace (R78): height_section and is_root are bits. Stated as constraints, they make
    // both cells small domains (R81), so the label products of the child messages
    // (parent_as_label·(1 + height_section), ...) become cases instead of non-linear terms.
    split_products(p, M);
    {
        air::Air& a = p.blocks[M].air;
        const auto hs = air::local(*a.column("height_section"));
        const auto root = air::local(*a.column("is_root"));
        a.constraints.push_back(air::Constraint{"memory_merkle.height_section_bit(merkle.trace)", "R78", air::Scope::EveryRow, hs * (hs - 1)});
        a.constraints.push_back(air::Constraint{"memory_merkle.is_root_bit(merkle.trace)", "R78", air::Scope::EveryRow, root * (root - 1)});
        if (labels == RootLabels::Zero) {
            // v1.6.0's fix, on every root row (degree 2, linear under the is_root case).
            a.constraints.push_back(air::Constraint{"memory_merkle.root_as_label_zero(v1.6.0)", "R282", air::Scope::EveryRow, root * air::local(*a.column("parent_as_label"))});
            a.constraints.push_back(air::Constraint{"memory_merkle.root_address_label_zero(v1.6.0)", "R282", air::Scope::EveryRow, root * air::local(*a.column("parent_address_label"))});
        }
    }

    // The hash assumption: compress is a function and injective on the requests made.
    struct Request {
        std::uint32_t block;
        std::size_t row;
        std::string name;
    };
    std::vector<Request> requests;
    for (std::size_t r = 0; r < BOUNDARY_ROWS; ++r) requests.push_back({B, r, "persistent_boundary.compress_leaf"});
    for (std::size_t r = 0; r < MERKLE_ROWS; ++r) requests.push_back({M, r, "memory_merkle.compress"});
    for (const auto& it : p.blocks[T].air.interactions) requests.push_back({T, 0, it.name});
    const std::size_t inputs = 2 * C;
    auto input = [&](const Request& q, std::size_t k) { return field(p, q.block, q.row, q.name, k); };
    auto output = [&](const Request& q, std::size_t k) { return field(p, q.block, q.row, q.name, inputs + k); };
    // Which pairs: every chip request with every reference request, and each reference request of
    // M with the one of M' at the same place. A proof from fewer injectivity facts is a proof from
    // more; the chip-chip pairs are left out because the chain from a public root down to a leaf
    // only ever meets a reference digest (measured: with every pair the instance took minutes).
    const std::size_t chip_requests = BOUNDARY_ROWS + MERKLE_ROWS;
    const std::size_t per_tree = 2 * LEAVES - 1;  // 4 leaves, 2 nodes, the root
    auto paired = [&](std::size_t i, std::size_t j) {
        if (i < chip_requests) return j >= chip_requests;
        return j == i + per_tree && i < chip_requests + per_tree;
    };
    for (std::size_t i = 0; i < requests.size(); ++i)
        for (std::size_t j = i + 1; j < requests.size(); ++j) {
            if (!paired(i, j)) continue;
            const Request &x = requests[i], &y = requests[j];
            std::vector<Claim> same_in, same_out;
            for (std::size_t k = 0; k < inputs; ++k) same_in.push_back(eq(input(x, k), input(y, k)));
            for (std::size_t k = 0; k < C; ++k) same_out.push_back(eq(output(x, k), output(y, k)));
            Claim used = !is(count(p, x.block, x.row, x.name), 0) && !is(count(p, y.block, y.row, y.name), 0);
            p.assumptions.push_back(implies(used && all_of(same_in), all_of(same_out)));  // a function
            p.assumptions.push_back(implies(used && all_of(same_out), all_of(same_in)));  // injective
        }

    auto ref = [&](const std::string& n, std::size_t k) { return col(p, T, 0, n + "[" + std::to_string(k) + "]"); };
    auto memory = [&](const char* tree, std::size_t leaf, std::size_t k) {
        return ref(std::string(tree) + "[" + std::to_string(leaf) + "]", k);
    };
    // The reference root's digest: the output of the last node request of the tree.
    auto ref_root = [&](const char* tree, std::size_t k) { return ref(std::string(tree) + ".node[2][0].hash", k); };
    // The public initial root is the root of M: what a verifier of this segment knows.
    for (std::size_t k = 0; k < C; ++k) p.assumptions.push_back(eq(pub(p, M, air::PV_INITIAL_ROOT + k), ref_root("memory", k)));

    auto e_is = [&](std::size_t r, std::int64_t e) { return is(col(p, B, r, "expand_direction"), e); };
    // Boundary row r is at leaf `leaf` (R73: leaf ((as - as_offset) << address_height) + label).
    auto at_leaf = [&](std::size_t r, std::size_t leaf) {
        return is(col(p, B, r, "address_space"), cfg.as_offset + (leaf >> 1)) && is(col(p, B, r, "leaf_label"), leaf & 1);
    };
    auto values_are = [&](std::size_t r, const char* tree, std::size_t leaf) {
        std::vector<Claim> same;
        for (std::size_t k = 0; k < C; ++k) same.push_back(eq(col(p, B, r, "values[" + std::to_string(k) + "]"), memory(tree, leaf, k)));
        return all_of(same);
    };
    auto in_tree = [&](std::size_t r) {
        std::vector<Claim> any;
        for (std::size_t leaf = 0; leaf < LEAVES; ++leaf) any.push_back(at_leaf(r, leaf));
        return any_of(any);
    };
    if (claim == RootClaim::Final) {
        // M' is M overwritten at each final row's address with its values.
        for (std::size_t leaf = 0; leaf < LEAVES; ++leaf) {
            std::vector<Claim> written;
            for (std::size_t r = 0; r < BOUNDARY_ROWS; ++r) {
                Claim here = e_is(r, -1) && at_leaf(r, leaf);
                p.assumptions.push_back(implies(here, values_are(r, "final_memory", leaf)));
                written.push_back(here);
            }
            std::vector<Claim> kept;
            for (std::size_t k = 0; k < C; ++k) kept.push_back(eq(memory("final_memory", leaf, k), memory("memory", leaf, k)));
            p.assumptions.push_back(implies(!any_of(written), all_of(kept)));
        }
    }
    if (vacuity) {
        p.goal = truth(false);
        return p;
    }
    std::vector<Claim> goals;
    if (claim == RootClaim::Initial) {
        for (std::size_t r = 0; r < BOUNDARY_ROWS; ++r) {
            goals.push_back(implies(e_is(r, 1), in_tree(r)));
            for (std::size_t leaf = 0; leaf < LEAVES; ++leaf)
                goals.push_back(implies(e_is(r, 1) && at_leaf(r, leaf), values_are(r, "memory", leaf)));
        }
    } else {
        for (std::size_t k = 0; k < C; ++k) goals.push_back(eq(pub(p, M, air::PV_FINAL_ROOT + k), ref_root("final_memory", k)));
        for (std::size_t r = 0; r < BOUNDARY_ROWS; ++r) {
            goals.push_back(implies(e_is(r, -1), in_tree(r)));
            for (std::size_t s = r + 1; s < BOUNDARY_ROWS; ++s)
                for (std::size_t leaf = 0; leaf < LEAVES; ++leaf)
                    goals.push_back(!(e_is(r, -1) && e_is(s, -1) && at_leaf(r, leaf) && at_leaf(s, leaf)));
        }
    }
    p.goal = all_of(goals);
    return p;
}

}  // namespace

std::vector<Property> roots_properties() {
    std::vector<Property> ps;
    struct Entry {
        RootClaim claim;
        RootLabels labels;
        const char* rule;
        ProofStatus expected;
        const char* statement;
    };
    const Entry entries[] = {
        {RootClaim::Initial, RootLabels::Free, "R282", ProofStatus::Counterexample,
         "OpenVM v1.0's MemoryMerkleAir (root labels free): an initial boundary row can hold values other than "
         "those the public initial root commits at its address (expected: the relabelled tree)"},
        {RootClaim::Initial, RootLabels::Zero, "R280", ProofStatus::Proved,
         "with the root rows' labels 0 (v1.6.0): if the public initial root is the root of M, every initial "
         "boundary row lies in the tree and holds M's values at its address"},
        {RootClaim::Final, RootLabels::Free, "R282", ProofStatus::Counterexample,
         "OpenVM v1.0's MemoryMerkleAir (root labels free): the public final root need not be the root of the "
         "initial memory overwritten by the final boundary rows (expected: the relabelled tree)"},
        {RootClaim::Final, RootLabels::Zero, "R281", ProofStatus::Proved,
         "with the root rows' labels 0 (v1.6.0): the public final root is the root of M overwritten, at each final "
         "boundary row's address, by its values; final rows lie in the tree, one per address"},
    };
    for (const Entry& en : entries) {
        const RootClaim claim = en.claim;
        const RootLabels labels = en.labels;
        ps.push_back(prop(roots_problem(claim, labels, false).name, en.rule, en.statement, en.expected, false,
                          [=] { return std::vector<Problem>{roots_problem(claim, labels, false)}; }));
        if (labels == RootLabels::Zero)
            ps.push_back(prop(ps.back().name + ".vacuity", "R96",
                              "a satisfying trace of the same instance exists (expected: the witness)",
                              ProofStatus::Counterexample, false,
                              [=] { return std::vector<Problem>{roots_problem(claim, labels, true)}; }));
    }
    // R180: not calibrated yet (proofs/README.md "Root commitments"): --extended, with the budget
    // of the other uncalibrated extended entries (about the most one check takes), and the
    // strategy each claim is being measured with.
    for (auto& p : ps) {
        p.extended = true;
        p.rlimit = 4'000'000'000;
        p.wall_guard_seconds = 3600;
        p.strategy = p.name.rfind("roots.initial.", 0) == 0 ? smt::Strategy::PreprocessNoCuts : smt::Strategy::Plain;
    }
    return ps;
}

}  // namespace memspec::proofs
