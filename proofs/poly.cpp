#include "proofs/poly.hpp"

#include <algorithm>

namespace memspec::proofs {

namespace {
constexpr std::int64_t P = BabyBear::P;
}  // namespace

std::int64_t signed_rep(BabyBear v) { return v.v > P / 2 ? static_cast<std::int64_t>(v.v) - P : v.v; }
i128 floor_div(i128 a, i128 b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }
i128 ceil_div(i128 a, i128 b) { return -floor_div(-a, b); }

void add_into(Poly& a, const Poly& b, bool negate) {
    for (const auto& [m, c] : b) {
        BabyBear& slot = a[m];
        slot = negate ? slot - c : slot + c;
        if (slot.is_zero()) a.erase(m);
    }
}

Poly mul(const Poly& a, const Poly& b) {
    Poly out;
    for (const auto& [ma, ca] : a)
        for (const auto& [mb, cb] : b) {
            Mono m = ma;
            m.insert(m.end(), mb.begin(), mb.end());
            std::sort(m.begin(), m.end());
            BabyBear& slot = out[m];
            slot += ca * cb;
            if (slot.is_zero()) out.erase(m);
        }
    return out;
}

Poly constant_poly(BabyBear c) {
    Poly p;
    if (!c.is_zero()) p[{}] = c;
    return p;
}

Poly variable_poly(Var v) {
    Poly p;
    p[{v}] = BabyBear::from_canonical(1);
    return p;
}

bool is_constant(const Poly& p) { return p.empty() || (p.size() == 1 && p.begin()->first.empty()); }
BabyBear constant_of(const Poly& p) { return p.empty() ? BabyBear{} : p.begin()->second; }

Poly substitute(const Poly& p, const Sigma& sigma) {
    Poly out;
    for (const auto& [m, c] : p) {
        BabyBear coef = c;
        Mono rest;
        for (Var id : m) {
            auto it = sigma.find(id);
            if (it != sigma.end()) coef *= it->second;
            else rest.push_back(id);
        }
        if (coef.is_zero()) continue;
        BabyBear& slot = out[rest];
        slot += coef;
        if (slot.is_zero()) out.erase(rest);
    }
    return out;
}

BabyBear evaluate(const Poly& p, const std::vector<BabyBear>& values) {
    BabyBear acc;
    for (const auto& [m, c] : p) {
        BabyBear t = c;
        for (Var id : m) t *= values[id];
        acc += t;
    }
    return acc;
}

std::optional<SmallDomain> small_domain(const Poly& constraint) {
    // Exactly two monomials, x^k (k = 2 or 3) and x, with opposite coefficients; std::map orders
    // {x} before {x, x}.
    if (constraint.size() != 2) return std::nullopt;
    const auto& [low, c_low] = *constraint.begin();
    const auto& [high, c_high] = *std::next(constraint.begin());
    if (low.size() != 1 || (high.size() != 2 && high.size() != 3)) return std::nullopt;
    const Var x = low[0];
    if (std::any_of(high.begin(), high.end(), [&](Var v) { return v != x; })) return std::nullopt;
    if (!(c_low + c_high).is_zero()) return std::nullopt;
    const BabyBear zero{}, one = BabyBear::from_canonical(1);
    if (high.size() == 2) return SmallDomain{x, {zero, one}};
    return SmallDomain{x, {zero, one, BabyBear::from_canonical(P - 1)}};
}

}  // namespace memspec::proofs
