// Polynomial algebra for the encoder (R81): sparse polynomials over BabyBear in numbered
// variables (the encoder's cells and public values), with the 128-bit integer helpers the
// interval arithmetic needs. Solver-free: nothing here knows how a polynomial becomes a formula.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "spec/vocabulary/field.hpp"

namespace memspec::proofs {

using i128 = __int128;

// The representative of v in (-p/2, p/2]: small negative coefficients stay small.
std::int64_t signed_rep(BabyBear v);
i128 floor_div(i128 a, i128 b);
i128 ceil_div(i128 a, i128 b);

using Var = std::uint32_t;
using Mono = std::vector<Var>;        // sorted variable ids, with repetition (x*x is {x, x})
using Poly = std::map<Mono, BabyBear>;  // no zero coefficients: the zero polynomial is empty
using Sigma = std::map<Var, BabyBear>;  // a partial assignment

// a += b (a -= b with `negate`).
void add_into(Poly& a, const Poly& b, bool negate);
Poly mul(const Poly& a, const Poly& b);
Poly constant_poly(BabyBear c);
Poly variable_poly(Var v);
bool is_constant(const Poly& p);
BabyBear constant_of(const Poly& p);
// p with the variables of sigma replaced by their values.
Poly substitute(const Poly& p, const Sigma& sigma);
// p at values[v] for every variable v.
BabyBear evaluate(const Poly& p, const std::vector<BabyBear>& values);

// A constraint "p = 0" that confines one variable to a small set (R81): c·(x² − x) gives {0, 1}
// (a boolean), c·(x³ − x) gives {0, 1, p − 1} (a trit), for any non-zero c. Recognised on the
// expanded polynomial, so x·(x − 1), x·x − x and (1 − x)·x are the same constraint.
struct SmallDomain {
    Var var = 0;
    std::vector<BabyBear> values;
};
std::optional<SmallDomain> small_domain(const Poly& constraint);

}  // namespace memspec::proofs
