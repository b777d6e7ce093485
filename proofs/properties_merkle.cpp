// MemoryMerkleAir's guards (R78): what the tree argument of R79 needs from the chip's own
// constraints, stated over symbolic rows with no hash and no bus. The necessity table (R97) runs
// them with one constraint removed; the catalogue runs them on the chip as it is, with a vacuity
// witness each (R96), since a guard over an unsatisfiable AIR would prove anything.
//
// The tree argument reads a MemoryMerkleAir trace as: the two root rows first (initial, then
// final) at the overall height, carrying the public roots; then the other rows sorted by
// descending parent height, each consuming its two children one level lower and producing itself
// once per direction, the label doubling on the as_label above address_height and on the
// address_label below it (R73, R78). The guards state the parts of that reading the chip's
// constraints are there for; the messages themselves are fixed by the interactions.
#include "proofs/props_util.hpp"

namespace memspec::proofs {
using namespace detail;

namespace {

bool reads_next(const air::Node& n) {
    if (n.kind == air::NodeKind::Next) return true;
    return (n.lhs && reads_next(*n.lhs)) || (n.rhs && reads_next(*n.rhs));
}

// Consecutive rows from the middle of a trace: the first-row and last-row constraints do not
// apply, and an every-row constraint that reads the next row (root_directions) applies only where
// that next row is inside the window. (On a whole trace it also applies on the last row, with the
// first row as its next row: R40, as in Plonky3.)
air::Air window(const air::Air& a) {
    air::Air w = a;
    std::erase_if(w.constraints, [](const air::Constraint& k) {
        return k.scope == air::Scope::FirstRow || k.scope == air::Scope::LastRow;
    });
    for (auto& k : w.constraints)
        if (k.scope == air::Scope::EveryRow && reads_next(*k.expr)) k.scope = air::Scope::Transition;
    return w;
}

void factors(const air::Expr& x, std::vector<air::Expr>& out) {
    if (x->kind != air::NodeKind::Mul) {
        out.push_back(x);
        return;
    }
    factors(air::Expr(x->lhs), out);
    factors(air::Expr(x->rhs), out);
}

Claim trit(const Term& t) { return is(t, 0) || is(t, 1) || is(t, -1); }
Term minus_one(const Term& t) { return Term{t.block, t.row, t.expr - 1}; }
// b follows a in a sorted column: equal, or one less (in the field).
Claim steps_down(const Term& a, const Term& b) { return eq(a, b) || eq(minus_one(a), b); }

}  // namespace

namespace detail {

// BabyBear is a field, so a constraint a·b·… = 0 holds iff one of its factors vanishes. Each
// product constraint of block b is replaced by that disjunction, on every row it applies to: the
// problem means the same, but Z3 sees linear cases instead of a nonlinear product.
// MemoryMerkleAir's step and switch constraints are products of linear factors over two rows
// (d·(d − 1) with d = ph − ph'), which the encoder's small domains (one cell each, R81) do not
// cover; with the products kept (and even with the disjunctions added next to them) the 2-row
// guard timed out at 60 s. A removed constraint is not split (it is gone from the weakened AIR).
void split_products(Problem& p, std::uint32_t b) {
    Block& blk = p.blocks.at(b);
    std::vector<air::Constraint> kept;
    for (const auto& k : blk.air.constraints) {
        std::vector<air::Expr> fs;
        factors(k.expr, fs);
        if (fs.size() < 2) {
            kept.push_back(k);
            continue;
        }
        for (std::size_t r = 0; r < blk.rows; ++r) {
            if (!air::applies(k.scope, r, blk.rows)) continue;
            std::vector<Claim> zero;
            for (const auto& f : fs) zero.push_back(is(Term{b, r, f}, 0));
            p.assumptions.push_back(any_of(zero));
        }
    }
    blk.air.constraints = std::move(kept);
}

MemoryConfig merkle_config() {
    MemoryConfig c = small_config();
    c.as_height = 1;
    c.pointer_max_bits = 4;
    return c;
}

std::string name_of(MerkleGuard guard) {
    switch (guard) {
        case MerkleGuard::Row: return "row";
        case MerkleGuard::Step: return "step";
        case MerkleGuard::Trace: return "trace";
    }
    return "?";
}

}  // namespace detail

namespace {

// One row: it consumes each child at most once per direction (count e, a trit), and a child
// message's direction is the row's own, except that a final row may re-emit an untouched
// initial child (direction 1) — never an initial row (R78).
Claim row_goal(const Problem& p, std::size_t r) {
    Term e = col(p, 0, r, "expand_direction");
    std::vector<Claim> children;
    for (const char* side : {"memory_merkle.receive_left", "memory_merkle.receive_right"}) {
        Term d = field(p, 0, r, side, 0);
        children.push_back(eq(d, e) || (is(e, -1) && is(d, 1)));
    }
    return trit(e) && all_of(children);
}

// Rows r and r + 1: sorted by descending parent height, is_root steps down by 0 or 1, the
// section changes only from address_height + 1 to address_height (so the label doubling follows
// R73's split), two adjacent root rows are the initial then the final root, and a root row sits
// at the overall height. That height_section steps down by 0 or 1 is not a goal: on a whole
// trace it follows from the switch rules and its first and last values (the trace guard's
// "height_section is a bit"), in a lone window it does not, and the argument needs whole traces.
Claim step_goal(const Problem& p, std::size_t r, int address_height, int overall_height) {
    auto at = [&](std::size_t k, const char* n) { return col(p, 0, k, n); };
    Term hs0 = at(r, "height_section"), hs1 = at(r + 1, "height_section");
    Term ph0 = at(r, "parent_height"), ph1 = at(r + 1, "parent_height");
    Term root0 = at(r, "is_root"), root1 = at(r + 1, "is_root");
    return steps_down(ph0, ph1) && steps_down(root0, root1) &&
           implies(!eq(hs0, hs1), is(ph0, address_height + 1) && is(ph1, address_height)) &&
           implies(is(root0, 1) && is(root1, 1),
                   is(at(r, "expand_direction"), 1) && is(at(r + 1, "expand_direction"), -1)) &&
           implies(is(root0, 1), is(ph0, overall_height));
}

}  // namespace

namespace detail {

Problem merkle_guard(const air::Air& merkle, const MemoryConfig& c, MerkleGuard guard) {
    const int address_height = static_cast<int>(c.pointer_max_bits) - 3;  // R73
    const int overall_height = static_cast<int>(c.as_height) + address_height;
    Problem p;
    p.name = merkle.name + " " + name_of(guard);
    switch (guard) {
        case MerkleGuard::Row:
            // One row from anywhere in a trace.
            p.blocks.push_back(Block{window(merkle), 1, {}, {}});
            p.goal = row_goal(p, 0);
            break;
        case MerkleGuard::Step:
            // Two consecutive rows from anywhere in a trace.
            p.blocks.push_back(Block{window(merkle), 2, {}, {}});
            p.goal = step_goal(p, 0, address_height, overall_height);
            break;
        case MerkleGuard::Trace: {
            // A whole trace of 6 rows (in merkle_config() the honest trace of one touched leaf is
            // 4 rows; 6 leave room for more nodes or padding): rows 0 and 1 are the initial and
            // the final root at the overall height, their parent hashes the public roots; no other
            // row is a root; height_section is a bit, 1 on the first row and 0 on the last; and
            // the row and step goals on every row and pair of rows, so that what the windows find
            // is also checked on a whole trace.
            constexpr std::size_t rows = 6;
            p.blocks.push_back(Block{merkle, rows, {}, {}});
            auto at = [&](std::size_t r, const std::string& n) { return col(p, 0, r, n); };
            std::vector<Claim> goal = {is(at(0, "is_root"), 1), is(at(1, "is_root"), 1),
                                       is(at(0, "expand_direction"), 1), is(at(1, "expand_direction"), -1),
                                       is(at(0, "parent_height"), overall_height),
                                       is(at(1, "parent_height"), overall_height),
                                       is(at(0, "height_section"), 1), is(at(rows - 1, "height_section"), 0)};
            for (std::uint32_t i = 0; i < air::PERSISTENT_CHUNK; ++i) {
                const std::string h = "parent_hash[" + std::to_string(i) + "]";
                goal.push_back(eq(at(0, h), pub(p, 0, air::PV_INITIAL_ROOT + i)));
                goal.push_back(eq(at(1, h), pub(p, 0, air::PV_FINAL_ROOT + i)));
            }
            for (std::size_t r = 0; r < rows; ++r) {
                const Term hs = at(r, "height_section");
                goal.push_back(is(hs, 0) || is(hs, 1));
                if (r >= 2) goal.push_back(is(at(r, "is_root"), 0));
                goal.push_back(row_goal(p, r));
                if (r + 1 < rows) goal.push_back(step_goal(p, r, address_height, overall_height));
            }
            p.goal = all_of(goal);
            break;
        }
    }
    split_products(p, 0);
    return p;
}

std::vector<Property> merkle_properties() {
    std::vector<Property> ps;
    const MemoryConfig c = merkle_config();
    auto statement = [](MerkleGuard guard) -> std::string {
        switch (guard) {
            case MerkleGuard::Row:
                return "every MemoryMerkleAir row has a trit direction, and its child messages carry it, or 1 on a final row";
            case MerkleGuard::Step:
                return "consecutive MemoryMerkleAir rows are sorted by height, leave the address-space section only at "
                       "address_height, and two adjacent roots are initial then final, at the overall height";
            case MerkleGuard::Trace:
                return "a whole 6-row MemoryMerkleAir trace starts with the initial and final root rows carrying the "
                       "public roots, has no other root, and height_section is a bit from 1 down to 0";
        }
        return "?";
    };
    for (MerkleGuard guard : MERKLE_GUARDS) {
        const std::string g = name_of(guard);
        ps.push_back(prop("merkle." + g, "R78", statement(guard) + " (as_height 1, pointer_max_bits 4)",
                          ProofStatus::Proved, true,
                          [=] { return std::vector<Problem>{merkle_guard(air::make_memory_merkle_chip(c).air, c, guard)}; }));
        // R180: the whole-trace guard spends 2.2 million units (plain solver), the others at most
        // 0.07 million; 20 million is 9 times the larger.
        if (guard == MerkleGuard::Trace) ps.back().rlimit = 20'000'000;
        ps.push_back(prop("merkle." + g + ".vacuity", "R96",
                          "the rows of the " + g + " guard are satisfiable (expected: the witness)",
                          ProofStatus::Counterexample, true, [=] {
                              Problem p = merkle_guard(air::make_memory_merkle_chip(c).air, c, guard);
                              p.name += " vacuity";
                              p.goal = truth(false);
                              return std::vector<Problem>{p};
                          }));
    }
    return ps;
}

}  // namespace detail

}  // namespace memspec::proofs
