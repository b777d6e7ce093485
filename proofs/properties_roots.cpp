// What the Merkle roots commit to (R280-R282, R290-R292), decomposed into one tree level per query:
// each lemma is about one row (or the two root rows) of one chip and one compression request of a
// reference tree, so that every query is small and its status is decided in the default run.
// The induction over heights and the bus step that join the lemmas into R280 and R281 are an
// argument, written in proofs/README.md "Root commitments"; what each query proves is said beside it.
//
// Assumption (as R79's tree instances): Poseidon2's compression is an uninterpreted injective
// function. The compression bus is not encoded; instead a chip's request that is made (non-zero
// count) and a reference request have equal outputs iff equal inputs.
//
// The reference is a symbolic memory's dense tree (R72-R74): a node's reference digest is the
// compression of its two children's reference digests, a leaf's that of its chunk and 0^8. A lemma
// names one reference request by its inputs and output, all symbolic, so it holds for every node
// of every tree; the labels and heights it talks about are symbolic too, except where the chip
// itself fixes them (the root rows' height is the config's overall height).
//
// The chips (crates/vm/src/system/memory/merkle/air.rs at each tag):
// - OpenVM v1.0.0 to v1.5.0: memspec's MemoryMerkleAir (Variant::OpenVmV1_0); root rows' labels free.
// - OpenVM v1.6.0: the same, plus, on a root row, parent_address_label = 0 and parent_as_label = 0
//   (air.rs:78-85 at v1.6.0, commit 790f090ec8). memspec has no chip variant for v1.6.0, so the
//   two constraints are added here to v1.0's AIR.
// - OpenVM v1.7.0, v2.0.0, v2.0.1: Variant::OpenVmV2_0 (R227): v1.6.0's constraints, and a column
//   parent_height_inv with parent_height·parent_height_inv = 1 on every row with e != 0
//   (air.rs:118-121 at v1.7.0, commit bb123f6073; unchanged in substance at v2.0.0).
#include <map>
#include <stdexcept>

#include "proofs/props_util.hpp"

namespace memspec::proofs {
using namespace detail;

namespace {

enum class MerkleChip { V1_0, V1_6, V1_7 };

std::string name_of(MerkleChip chip) {
    switch (chip) {
        case MerkleChip::V1_0: return "openvm_v1_0";
        case MerkleChip::V1_6: return "openvm_v1_6";
        case MerkleChip::V1_7: return "openvm_v1_7";
    }
    return "?";
}

std::string tags_of(MerkleChip chip) {
    switch (chip) {
        case MerkleChip::V1_0: return "OpenVM v1.0.0-v1.5.0's MemoryMerkleAir (root labels free)";
        case MerkleChip::V1_6: return "OpenVM v1.6.0's MemoryMerkleAir (root labels 0)";
        case MerkleChip::V1_7: return "OpenVM v1.7.0/v2.0.0's MemoryMerkleAir (root labels 0, parent_height != 0)";
    }
    return "?";
}

// The chips `check`, `trace` and `air` use, so a proof here is about them: v1.0's (R78), v1.6.0's
// (R310: root rows labelled 0) and v1.7.0's, which is v2.0.0's (R311, R227).
air::Air merkle_air(const MemoryConfig& cfg, MerkleChip chip) {
    switch (chip) {
        case MerkleChip::V1_0: return air::make_memory_merkle_chip(cfg, air::Variant::OpenVmV1_0).air;
        case MerkleChip::V1_6: return air::make_memory_merkle_chip(cfg, air::Variant::OpenVmV1_6).air;
        case MerkleChip::V1_7: return air::make_memory_merkle_chip(cfg, air::Variant::OpenVmV2_0).air;
    }
    return air::make_memory_merkle_chip(cfg).air;
}

bool reads_next(const air::Node& n) {
    if (n.kind == air::NodeKind::Next) return true;
    return (n.lhs && reads_next(*n.lhs)) || (n.rhs && reads_next(*n.rhs));
}

// The first `rows` rows of a whole trace: first-row constraints apply, last-row ones do not, and
// an every-row constraint that reads the next row applies only where that row is in the window.
// Dropping constraints only weakens the AIR, so what holds on the window holds on the trace.
air::Air head(const air::Air& a) {
    air::Air w = a;
    std::erase_if(w.constraints, [](const air::Constraint& k) { return k.scope == air::Scope::LastRow; });
    for (auto& k : w.constraints)
        if (k.scope == air::Scope::EveryRow && reads_next(*k.expr)) k.scope = air::Scope::Transition;
    return w;
}

// One row from anywhere in a trace: every constraint that reads another row is dropped, and so is
// root_height, the one left that names a constant of the config (the overall height): the lemma
// then holds for a row of a tree of any height.
air::Air one_row(const air::Air& a) {
    air::Air w = a;
    std::erase_if(w.constraints, [](const air::Constraint& k) {
        return k.scope != air::Scope::EveryRow || reads_next(*k.expr) || k.name == "memory_merkle.root_height";
    });
    return w;
}

// A reference block of compression requests [left (8), right (8), output (8)], count 1, one per
// name; a leaf request's right half is 0^8 (R72: a leaf's digest is compress(chunk, 0^8)).
struct RefRequest {
    std::string name;
    bool leaf = false;
};
air::Air reference_air(const std::vector<RefRequest>& requests) {
    air::AirBuilder b;
    b.air.name = "reference_tree";
    const std::size_t C = air::PERSISTENT_CHUNK;
    for (const auto& r : requests) {
        auto left = b.add_columns(r.name + ".left", C);
        std::vector<std::uint32_t> right;
        if (!r.leaf) right = b.add_columns(r.name + ".right", C);
        auto out = b.add_columns(r.name + ".hash", C);
        std::vector<air::Expr> req;
        for (auto c : left) req.push_back(air::local(c));
        for (std::size_t k = 0; k < C; ++k) req.push_back(r.leaf ? air::Expr(0) : air::local(right[k]));
        for (auto c : out) req.push_back(air::local(c));
        b.interact(r.name, "R290", air::COMPRESSION_BUS, air::Direction::Send, req, 1);
    }
    return b.air;
}

// A chip's compression request on one row.
struct ChipRequest {
    std::uint32_t block;
    std::size_t row;
    std::string name;
};

// R79's hash assumption between each chip request that is made and each reference request:
// compress is a function (equal inputs, equal outputs) and injective (equal outputs, equal inputs).
void hash_facts(Problem& p, const std::vector<ChipRequest>& chip, std::uint32_t ref_block) {
    const std::size_t C = air::PERSISTENT_CHUNK, inputs = 2 * C;
    for (const auto& x : chip)
        for (const auto& it : p.blocks[ref_block].air.interactions) {
            std::vector<Claim> same_in, same_out;
            for (std::size_t k = 0; k < inputs; ++k) same_in.push_back(eq(field(p, x.block, x.row, x.name, k), field(p, ref_block, 0, it.name, k)));
            for (std::size_t k = 0; k < C; ++k)
                same_out.push_back(eq(field(p, x.block, x.row, x.name, inputs + k), field(p, ref_block, 0, it.name, inputs + k)));
            Claim made = !is(count(p, x.block, x.row, x.name), 0);
            p.assumptions.push_back(implies(made && all_of(same_in), all_of(same_out)));
            p.assumptions.push_back(implies(made && all_of(same_out), all_of(same_in)));
        }
}

// The 8 cells of a reference column group, or of a message's hash (from position `from`).
Claim digest_is(const Problem& p, std::uint32_t b, std::size_t r, const std::string& msg, std::size_t from, std::uint32_t ref,
                const std::string& ref_cols) {
    std::vector<Claim> same;
    for (std::size_t k = 0; k < air::PERSISTENT_CHUNK; ++k)
        same.push_back(eq(field(p, b, r, msg, from + k), col(p, ref, 0, ref_cols + "[" + std::to_string(k) + "]")));
    return all_of(same);
}

// Merkle-bus messages are [direction, height, as_label, address_label, hash[8]] (R76, R78).
constexpr std::size_t DIR = 0, HEIGHT = 1, AS_LABEL = 2, ADDR_LABEL = 3, HASH = 4;

// R291 (the leaf, base of the induction): one persistent boundary row with e != 0 sends the leaf
// [e, 0, as - as_offset, leaf_label, hash]; its hash is the reference digest of a chunk m iff its
// values are m. Top-down (initial root): a leaf message carrying a reference digest holds that
// leaf's values. Bottom-up (final root): a row holding M''s values sends M''s leaf digest.
Problem leaf_problem(bool v2, bool vacuity) {
    const MemoryConfig cfg = merkle_config();
    Problem p;
    p.name = std::string("roots.leaf.") + (v2 ? "persistent_boundary_v2_0" : "persistent_boundary") + (vacuity ? " vacuity" : "");
    p.blocks.push_back(Block{v2 ? air::make_persistent_boundary_v2_chip(cfg).air : air::make_persistent_boundary_chip(cfg).air, 1, {}, {}});
    p.blocks.push_back(Block{reference_air(std::vector<RefRequest>{RefRequest{"leaf", true}}), 1, {}, {}});
    // The memory-bus side is what the claims talk about (R62): no balance over one row.
    p.memory_bus_balanced = false;
    hash_facts(p, {{0, 0, "persistent_boundary.compress_leaf"}}, 1);
    const Term e = col(p, 0, 0, "expand_direction");
    p.assumptions.push_back(!is(e, 0));
    if (vacuity) {
        p.goal = truth(false);
        return p;
    }
    const std::string leaf = "persistent_boundary.merkle_leaf";
    std::vector<Claim> values_are_m;
    for (std::size_t k = 0; k < air::PERSISTENT_CHUNK; ++k)
        values_are_m.push_back(eq(col(p, 0, 0, "values[" + std::to_string(k) + "]"), col(p, 1, 0, "leaf.left[" + std::to_string(k) + "]")));
    const Claim carries_digest = digest_is(p, 0, 0, leaf, HASH, 1, "leaf.hash");
    p.goal = all_of({is(e, 1) || is(e, -1), eq(field(p, 0, 0, leaf, DIR), e), is(field(p, 0, 0, leaf, HEIGHT), 0),
                     implies(carries_digest, all_of(values_are_m)), implies(all_of(values_are_m), carries_digest)});
    return p;
}

// R290 (one level): one MemoryMerkleAir row from anywhere in a trace with e != 0, and one reference
// node: digest P = compress(RL, RR). Its child messages are at height parent_height - 1, carry the
// labels of the parent's reference children in the row's section (height_section 1: as_label
// doubles; 0: address_label doubles), the row's direction or, on a final row only, 1 (an untouched
// child re-emitted); top-down, a parent digest P gives children RL and RR; bottom-up, children RL
// and RR give parent P. height_section is a bit on every row of a whole trace (merkle.trace, and
// R290's argument for any length), assumed here.
Problem node_problem(MerkleChip chip, bool vacuity) {
    const MemoryConfig cfg = merkle_config();
    Problem p;
    p.name = "roots.node." + name_of(chip) + (vacuity ? " vacuity" : "");
    p.blocks.push_back(Block{one_row(merkle_air(cfg, chip)), 1, {}, {}});
    p.blocks.push_back(Block{reference_air(std::vector<RefRequest>{RefRequest{"node"}}), 1, {}, {}});
    split_products(p, 0);
    hash_facts(p, {{0, 0, "memory_merkle.compress"}}, 1);
    auto at = [&](const char* n) { return col(p, 0, 0, n); };
    const Term e = at("expand_direction"), hs = at("height_section"), ph = at("parent_height");
    const Term as_l = at("parent_as_label"), addr_l = at("parent_address_label");
    p.assumptions.push_back(!is(e, 0));
    p.assumptions.push_back(is(hs, 0) || is(hs, 1));
    if (vacuity) {
        p.goal = truth(false);
        return p;
    }
    std::vector<Claim> goal;
    const Claim parent_is_ref = digest_is(p, 0, 0, "memory_merkle.send_parent", HASH, 1, "node.hash");
    Claim children_are_ref = truth(true);
    for (int b = 0; b < 2; ++b) {
        const std::string msg = b == 0 ? "memory_merkle.receive_left" : "memory_merkle.receive_right";
        const Term d = field(p, 0, 0, msg, DIR), h = field(p, 0, 0, msg, HEIGHT);
        const Term ca = field(p, 0, 0, msg, AS_LABEL), cd = field(p, 0, 0, msg, ADDR_LABEL);
        goal.push_back(eq(d, e) || (is(e, -1) && is(d, 1)));
        goal.push_back(eq(Term{0, 0, h.expr + 1}, ph));
        // The reference children of (as_l, addr_l): (2·as_l + b, addr_l) above address_height,
        // (as_l, 2·addr_l + b) below (R73).
        goal.push_back(implies(is(hs, 1), eq(ca, Term{0, 0, as_l.expr * 2 + b}) && eq(cd, addr_l)));
        goal.push_back(implies(is(hs, 0), eq(ca, as_l) && eq(cd, Term{0, 0, addr_l.expr * 2 + b})));
        children_are_ref = children_are_ref && digest_is(p, 0, 0, msg, HASH, 1, b == 0 ? "node.left" : "node.right");
    }
    goal.push_back(implies(parent_is_ref, children_are_ref));
    goal.push_back(implies(children_are_ref, parent_is_ref));
    p.goal = all_of(goal);
    return p;
}

// R292 (the root): the first two rows of a whole MemoryMerkleAir trace. One query per root row,
// each with its own reference root, so that each query pairs one chip request with one reference
// request (measured: both rows against both references in one query spent over 4 million units).
// Initial: if the public initial root is M's reference root P = compress(RL, RR), row 0 is the
// initial root row at the overall height with labels (0, 0), and its children are the messages
// [1, overall - 1, (0, 0) / (1, 0), RL / RR]. Final: row 1 is the final root row at the overall
// height with labels (0, 0), its child messages carry labels (0, 0) / (1, 0) at overall - 1, and
// if they carry M''s reference digests RL' and RR', the public final root is M''s reference root
// P'. Without a constraint on the root rows' labels (v1.0.0-v1.5.0) both fail: the expected
// counterexample is R282's relabelling.
enum class RootRow { Initial, Final };

std::string name_of(RootRow row) { return row == RootRow::Initial ? "initial" : "final"; }

Problem root_problem(MerkleChip chip, RootRow which, bool vacuity) {
    const MemoryConfig cfg = merkle_config();
    const int overall = static_cast<int>(cfg.as_height + cfg.pointer_max_bits) - 3;  // R73
    const std::size_t r = which == RootRow::Initial ? 0 : 1;
    const std::string ref = which == RootRow::Initial ? "root" : "final_root";
    Problem p;
    p.name = "roots.root." + name_of(which) + "." + name_of(chip) + (vacuity ? " vacuity" : "");
    p.blocks.push_back(Block{head(merkle_air(cfg, chip)), 2, {}, {}});
    p.blocks.push_back(Block{reference_air(std::vector<RefRequest>{RefRequest{ref}}), 1, {}, {}});
    split_products(p, 0);
    hash_facts(p, {{0, r, "memory_merkle.compress"}}, 1);
    for (std::size_t k = 0; k < 2; ++k) {
        const Term hs = col(p, 0, k, "height_section"), root = col(p, 0, k, "is_root");
        p.assumptions.push_back(is(hs, 0) || is(hs, 1));  // merkle.trace
        p.assumptions.push_back(is(root, 0) || is(root, 1));
    }
    // What a verifier knows: the public initial root is the root of M.
    if (which == RootRow::Initial)
        for (std::size_t k = 0; k < air::PERSISTENT_CHUNK; ++k)
            p.assumptions.push_back(eq(pub(p, 0, air::PV_INITIAL_ROOT + k), col(p, 1, 0, "root.hash[" + std::to_string(k) + "]")));
    if (vacuity) {
        p.goal = truth(false);
        return p;
    }
    std::vector<Claim> goal;
    auto at = [&](const char* n) { return col(p, 0, r, n); };
    const std::int64_t e = which == RootRow::Initial ? 1 : -1;
    goal.push_back(is(at("is_root"), 1) && is(at("expand_direction"), e) && is(at("parent_height"), overall));
    goal.push_back(is(at("parent_as_label"), 0) && is(at("parent_address_label"), 0));
    Claim children = truth(true);
    for (int b = 0; b < 2; ++b) {
        const std::string msg = b == 0 ? "memory_merkle.receive_left" : "memory_merkle.receive_right";
        goal.push_back(is(field(p, 0, r, msg, HEIGHT), overall - 1) && is(field(p, 0, r, msg, AS_LABEL), b) &&
                       is(field(p, 0, r, msg, ADDR_LABEL), 0));
        children = children && digest_is(p, 0, r, msg, HASH, 1, ref + (b == 0 ? ".left" : ".right"));
        if (which == RootRow::Initial) goal.push_back(is(field(p, 0, r, msg, DIR), 1));
    }
    if (which == RootRow::Initial) {
        goal.push_back(children);
    } else {
        std::vector<Claim> final_root;
        for (std::size_t k = 0; k < air::PERSISTENT_CHUNK; ++k)
            final_root.push_back(eq(pub(p, 0, air::PV_FINAL_ROOT + k), col(p, 1, 0, "final_root.hash[" + std::to_string(k) + "]")));
        goal.push_back(implies(children, all_of(final_root)));
    }
    p.goal = all_of(goal);
    p.incremental_goals = true;
    return p;
}

// R180: the rlimit count each property spent, measured with `memspec prove --filter roots.` (plain
// strategy; Z3's count is deterministic, whatever the load); its budget is 10 times that
// (proofs/README.md "Root commitments").
std::uint64_t measured_count(const std::string& name) {
    static const std::map<std::string, std::uint64_t> counts = {
        {"roots.leaf.persistent_boundary", 123'000},
        {"roots.leaf.persistent_boundary.vacuity", 19'700},
        {"roots.leaf.persistent_boundary_v2_0", 132'900},
        {"roots.leaf.persistent_boundary_v2_0.vacuity", 16'000},
        {"roots.node.openvm_v1_0", 453'300},
        {"roots.node.openvm_v1_0.vacuity", 44'900},
        {"roots.node.openvm_v1_6", 499'600},
        {"roots.node.openvm_v1_6.vacuity", 43'600},
        {"roots.node.openvm_v1_7", 472'600},
        {"roots.node.openvm_v1_7.vacuity", 48'100},
        {"roots.root.initial.openvm_v1_0", 85'800},
        {"roots.root.initial.openvm_v1_6", 173'600},
        {"roots.root.initial.openvm_v1_6.vacuity", 115'400},
        {"roots.root.initial.openvm_v1_7", 172'600},
        {"roots.root.initial.openvm_v1_7.vacuity", 109'700},
        {"roots.root.final.openvm_v1_0", 49'500},
        {"roots.root.final.openvm_v1_6", 124'200},
        {"roots.root.final.openvm_v1_6.vacuity", 75'800},
        {"roots.root.final.openvm_v1_7", 167'700},
        {"roots.root.final.openvm_v1_7.vacuity", 50'800},
    };
    auto it = counts.find(name);
    if (it == counts.end()) throw std::logic_error("no measured count for " + name);
    return it->second;
}

}  // namespace

std::vector<Property> roots_properties() {
    std::vector<Property> ps;
    // Every entry is in the default run and in the ctest subset (R98), with a budget of 10 times
    // its measured count (R180).
    auto add = [&](std::string name, const char* rule, std::string statement, ProofStatus expected,
                   std::function<Problem()> make) {
        const std::uint64_t budget = 10 * measured_count(name);
        ps.push_back(prop(std::move(name), rule, std::move(statement), expected, true, [make] { return std::vector<Problem>{make()}; }));
        ps.back().rlimit = budget;
    };
    for (bool v2 : {false, true}) {
        const std::string n = std::string("roots.leaf.") + (v2 ? "persistent_boundary_v2_0" : "persistent_boundary");
        const std::string chip = v2 ? "OpenVM v2.0's persistent boundary" : "OpenVM v1.0's persistent boundary";
        add(n, "R291", chip + ": a row's Merkle leaf carries the reference digest of a chunk iff the row holds that chunk",
            ProofStatus::Proved, [=] { return leaf_problem(v2, false); });
        add(n + ".vacuity", "R96", "a boundary row with e != 0 exists (expected: the witness)", ProofStatus::Counterexample, [=] { return leaf_problem(v2, true); });
    }
    for (MerkleChip chip : {MerkleChip::V1_0, MerkleChip::V1_6, MerkleChip::V1_7}) {
        const std::string n = "roots.node." + name_of(chip);
        add(n, "R290", tags_of(chip) + ": one row's child messages carry the reference children's labels, height and digests of "
                       "the node its parent message names, top-down and bottom-up",
            ProofStatus::Proved, [=] { return node_problem(chip, false); });
        add(n + ".vacuity", "R96", "a MemoryMerkleAir row with e != 0 exists (expected: the witness)", ProofStatus::Counterexample, [=] { return node_problem(chip, true); });
    }
    for (RootRow which : {RootRow::Initial, RootRow::Final})
        for (MerkleChip chip : {MerkleChip::V1_0, MerkleChip::V1_6, MerkleChip::V1_7}) {
            const std::string n = "roots.root." + name_of(which) + "." + name_of(chip);
            const bool fixed = chip != MerkleChip::V1_0;
            const std::string what =
                which == RootRow::Initial
                    ? "the initial root row carries labels (0, 0) and its children the reference root's labels and M's digests"
                    : "the final root row carries labels (0, 0), its children the reference root's children's labels, and the "
                      "public final root is M''s root if they carry M''s digests";
            add(n, fixed ? "R292" : "R282",
                tags_of(chip) + (fixed ? ": " + what : ": not so: " + what + " fails (expected: the relabelling of R282)"),
                fixed ? ProofStatus::Proved : ProofStatus::Counterexample,
                [=] { return root_problem(chip, which, false); });
            if (fixed)
                add(n + ".vacuity", "R96", "the two root rows of a trace exist (expected: the witness)", ProofStatus::Counterexample, [=] { return root_problem(chip, which, true); });
        }
    return ps;
}

}  // namespace memspec::proofs
