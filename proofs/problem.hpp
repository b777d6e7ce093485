// A proof problem over the spec's own AIR objects (R80): blocks of symbolic rows, each block a
// copy of one spec/air Air (possibly weakened), plus preconditions and a goal written in a tiny
// claim language. No solver appears here (alive2 style: the solver lives behind proofs/smt/), so
// the catalogue and the CLI compile without the solver's headers.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "spec/air/air.hpp"
#include "spec/vocabulary/field.hpp"

namespace memspec::proofs {

// `rows` rows of one AIR. Cells listed in `fixed` are constants (the "program" part of an
// instance); every other cell is a free field element in [0, p).
struct Block {
    air::Air air;
    std::size_t rows = 1;
    std::map<std::pair<std::size_t, std::uint32_t>, BabyBear> fixed;
    // Symmetry breaking (R83): when non-empty, the rows are sorted (non-decreasing) by these
    // columns. Sound only if the AIR never couples rows (checked: no Next, every constraint on
    // every row) and the claims treat the block's rows alike (the builder's promise).
    std::vector<std::string> interchangeable_order;

    // Fixes a cell by column name; returns false when the column does not exist.
    bool fix(std::size_t row, std::string_view column, std::uint64_t value);
};

// An expression of the AIR of `block`, evaluated on `row` (Next refers to row + 1, cyclic).
struct Term {
    std::uint32_t block = 0;
    std::size_t row = 0;
    air::Expr expr;
};

// An integer combination of canonical values (each term read as an integer in [0, p)).
struct Lin {
    std::vector<std::pair<std::int64_t, Term>> terms;
    std::int64_t constant = 0;
};
Lin lin(Term t);
Lin lin_const(std::int64_t c);
Lin operator+(Lin a, const Lin& b);
Lin operator*(std::int64_t c, Lin a);

struct Claim {
    enum class Kind { True, False, FieldEq, IntEq, IntLt, IntLe, Not, And, Or };
    Kind kind = Kind::True;
    Term a, b;       // FieldEq: a == b in the field
    Lin x, y;        // IntEq / IntLt / IntLe: x op y over the integers
    std::vector<Claim> kids;
};
Claim truth(bool v);
Claim field_eq(Term a, Term b);
Claim field_eq(Term a, std::uint64_t c);
Claim int_eq(Lin x, Lin y);
Claim int_lt(Lin x, Lin y);
Claim int_le(Lin x, Lin y);
Claim operator!(Claim c);
Claim operator&&(Claim a, Claim b);
Claim operator||(Claim a, Claim b);
Claim implies(Claim a, Claim b);
Claim all_of(std::vector<Claim> cs);
Claim any_of(std::vector<Claim> cs);

// Assume: the query is AIR ∧ bus ∧ assumptions ∧ ¬goal; unsat proves the goal (soundness).
// Goal:   the query is assumptions ∧ ¬AIR; unsat proves that every assignment meeting the
//         assumptions (typically the honest witness) satisfies the AIR (completeness).
enum class AirRole { Assume, Goal };

struct Problem {
    std::string name;
    std::vector<Block> blocks;
    bool memory_bus_balanced = false;  // R82: every memory-bus message nets to 0 over all blocks
    AirRole air_role = AirRole::Assume;
    std::vector<Claim> assumptions;
    Claim goal;
    // Solve the goal's conjuncts one after another on one incremental solver (push/pop) instead
    // of one query for the whole goal (R100: the symbolic instances).
    bool incremental_goals = false;
};

// A concrete assignment: cells[block][row * width + col], publics[block][i].
struct Assignment {
    std::vector<std::vector<BabyBear>> cells;
    std::vector<std::vector<BabyBear>> publics;
};

// Concrete semantics (R84), written against spec/air's evaluator: used to re-check every model
// the solver returns before it is shown.
BabyBear value(const Problem& p, const Assignment& a, const Term& t);
bool holds(const Problem& p, const Assignment& a, const Claim& c);
// The first AIR failure of the assignment (constraint, range request, memory-bus balance), or
// the empty string when the assignment satisfies every block's AIR.
std::string air_violation(const Problem& p, const Assignment& a);
// Rows with column names, one line per row.
std::string render(const Problem& p, const Assignment& a);

}  // namespace memspec::proofs
