// The translation of a Problem's AIR objects, bus and claims into smt formulas (R80-R83).
//
// Encoding, chosen by measurement (R81, proofs/README.md):
// - every cell is a variable in [0, p) (its canonical representative);
// - a cell constrained by c·(v² − v) = 0 (or c·(e³ − e) = 0) ranges over {0,1} ({0,1,p-1}), in
//   whatever form the constraint is written (poly.hpp's small_domain); fixed cells are constants.
//   A polynomial is evaluated under every assignment of its small-domain cells, so every product
//   with a boolean factor becomes a case and the system turns linear;
// - an identity e = 0 (mod p) becomes e = k*p with k bounded by interval arithmetic over e, under
//   the case's assumptions (range-checked cells are bounded where their request's count is
//   non-zero, while the AIR is assumed). A single monomial u*Q vanishes iff u = 0 or Q vanishes
//   (p is prime);
// - a product L*inv with a witness-only column inv (IsZero's and IsLessThanArray's inverses)
//   becomes a fresh w in [0, p) with L = 0 => w = 0, which is exactly "some inv exists";
// - range requests become bounds; the memory bus becomes one equation per message: the counts
//   of all equal messages sum to 0 mod p.
#pragma once

#include <memory>
#include <stdexcept>
#include <vector>

#include "proofs/problem.hpp"
#include "proofs/smt/expr.hpp"
#include "proofs/smt/solver.hpp"

namespace memspec::proofs {

// A problem the translation cannot express (e.g. too many cases, a non-constant range width).
struct Unsupported : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct EncoderOptions {
    // Witness-only inverse columns become one fresh product each (exact when one product per
    // inverse is active, which the boolean markers guarantee in the real AIRs). Off: the inverse
    // is an ordinary, non-linear variable (the retry after a spurious model, R84).
    bool inverses = true;
};

// Encodes one problem into one smt context. How the AIR is used follows the problem's role: as an
// assumption (range requests tighten the bounds of their cells where active) or as the goal
// (nothing is assumed of the AIR, so no bound is tightened by it).
class Encoder {
public:
    Encoder(const Problem& problem, smt::Context& ctx, EncoderOptions options);
    ~Encoder();
    Encoder(const Encoder&) = delete;
    Encoder& operator=(const Encoder&) = delete;

    // Side conditions (variable domains, quotient bounds) made so far; they grow as formulas are
    // built and must all be asserted next to them.
    const std::vector<smt::Expr>& side() const;

    // Tightens the global bounds of cells from top-level precondition atoms "cell < c" / "cell <= c".
    void absorb_bounds(const Claim& c);

    // Every constraint on every row where it applies, and every range request (R83).
    smt::Expr air_formula();
    // R82: for every memory-bus message, the counts of all equal messages sum to 0 (mod p).
    smt::Expr bus_formula();
    // R83: rows of an interchangeable block sorted by its key columns.
    smt::Expr symmetry();
    smt::Expr claim(const Claim& c);

    // The concrete assignment of a model (witness-only inverses reconstructed as w / L).
    Assignment assignment(const smt::Model& m);
    // Whether any witness-only inverse was encoded as a product (a spurious model may then be the
    // encoding's over-approximation, and the problem is re-solved without it).
    bool used_inverses() const;

private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace memspec::proofs
