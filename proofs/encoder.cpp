#include "proofs/encoder.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include "spec/air/messages.hpp"
#include "proofs/poly.hpp"

namespace memspec::proofs {

namespace {

constexpr std::int64_t P = BabyBear::P;

// A variable of the encoding: a cell of a block's row, or a public value of a block.
struct Place {
    std::uint32_t block = 0;
    std::size_t row = 0;
    std::uint32_t col = 0;
    bool is_public = false;
    std::vector<BabyBear> domain;  // non-empty: small domain (a single value when fixed)
    bool fixed = false;
    bool inv_like = false;
    i128 lo = 0, hi = P - 1;
    std::vector<std::pair<Poly, std::uint32_t>> ranges;  // (count, bits) requests on this cell
};

// An integer term with bounds from interval arithmetic.
struct LTerm {
    smt::Expr e;
    i128 lo, hi;
};

struct InvRecord {
    Var inv;
    Poly l;
    smt::Expr w;
    std::vector<smt::Expr> guards;  // the cases in which the product is used
};

bool uses_next(const air::Node& n) {
    if (n.kind == air::NodeKind::Next) return true;
    return (n.lhs && uses_next(*n.lhs)) || (n.rhs && uses_next(*n.rhs));
}

std::set<std::uint32_t> columns_in(const air::Node& n) {
    std::set<std::uint32_t> out;
    if (n.kind == air::NodeKind::Local || n.kind == air::NodeKind::Next) out.insert(n.index);
    if (n.lhs)
        for (auto c : columns_in(*n.lhs)) out.insert(c);
    if (n.rhs)
        for (auto c : columns_in(*n.rhs)) out.insert(c);
    return out;
}

}  // namespace

class Encoder::Impl {
public:
    Impl(const Problem& p, smt::Context& c, EncoderOptions options)
        : inverses_(options.inverses), tighten_(p.air_role == AirRole::Assume), pb_(p), ctx_(c) {
        layout();
    }

    const std::vector<smt::Expr>& side() const { return side_; }
    bool used_inverses() const { return !inv_.empty(); }

    smt::Expr fresh(const std::string& stem, i128 lo, i128 hi) {
        smt::Expr v = ctx_.var(stem + "!" + std::to_string(counter_++));
        side_.push_back(smt::le(ctx_.num(lo), v));
        side_.push_back(smt::le(v, ctx_.num(hi)));
        return v;
    }

    Var cell(std::uint32_t block, std::size_t row, std::uint32_t col) const {
        const Block& b = pb_.blocks[block];
        return base_[block] + static_cast<Var>((row % b.rows) * b.air.width() + col);
    }

    Poly poly(const air::Expr& e, std::uint32_t block, std::size_t row) { return poly_node(*e, block, row); }

    void absorb_bounds(const Claim& c) {
        if (c.kind == Claim::Kind::And) {
            for (const auto& k : c.kids) absorb_bounds(k);
            return;
        }
        if ((c.kind != Claim::Kind::IntLt && c.kind != Claim::Kind::IntLe) || c.x.terms.size() != 1 ||
            c.x.terms[0].first != 1 || c.x.constant != 0 || !c.y.terms.empty())
            return;
        Poly p = poly(c.x.terms[0].second.expr, c.x.terms[0].second.block, c.x.terms[0].second.row);
        if (p.size() != 1 || p.begin()->first.size() != 1 || p.begin()->second.v != 1) return;
        Place& pl = places_[p.begin()->first[0]];
        i128 hi = static_cast<i128>(c.y.constant) - (c.kind == Claim::Kind::IntLt ? 1 : 0);
        if (hi < pl.hi) pl.hi = hi;
    }

    // ---- the AIR ----
    smt::Expr air_formula() {
        // Assumed, each identity is used un-negated (an existential quotient suffices); as the
        // goal it is negated, so the canonical residue is used.
        const bool positive = pb_.air_role == AirRole::Assume;
        std::vector<smt::Expr> parts;
        for (std::uint32_t b = 0; b < pb_.blocks.size(); ++b) {
            const Block& blk = pb_.blocks[b];
            for (std::size_t r = 0; r < blk.rows; ++r) {
                for (const auto& c : blk.air.constraints) {
                    if (!air::applies(c.scope, r, blk.rows)) continue;
                    parts.push_back(is_zero(poly(c.expr, b, r), positive));
                }
                for (const auto& it : blk.air.interactions) {
                    if (it.bus != air::RANGE_BUS || it.message.size() != air::RangeMessageLayout::SIZE) continue;
                    Poly bits = poly(it.message[air::RangeMessageLayout::BITS], b, r);
                    if (!is_constant(bits)) throw Unsupported("range request with a non-constant bit count: " + it.name);
                    const i128 limit = i128{1} << std::min<std::uint32_t>(constant_of(bits).v, 100);
                    Poly count = poly(it.count, b, r), value = poly(it.message[air::RangeMessageLayout::VALUE], b, r);
                    parts.push_back(is_zero(count, false) || smt::lt(field_value(value), ctx_.num(limit)));
                }
            }
        }
        return ctx_.all(parts);
    }

    smt::Expr bus_formula() {
        struct Msg {
            std::vector<smt::Expr> fields;
            LTerm count;
        };
        std::vector<Msg> msgs;
        for (std::uint32_t b = 0; b < pb_.blocks.size(); ++b) {
            const Block& blk = pb_.blocks[b];
            for (std::size_t r = 0; r < blk.rows; ++r)
                for (const auto& it : blk.air.interactions) {
                    if (it.bus != air::MEMORY_BUS) continue;
                    Poly count = poly(it.count, b, r);
                    if (it.direction == air::Direction::Receive) count = mul(count, constant_poly(-BabyBear::from_canonical(1)));
                    if (count.empty()) continue;  // statically silent (e.g. a fixed size flag of 0)
                    Msg m{{}, signed_value(count)};
                    for (const auto& f : it.message) m.fields.push_back(field_value(poly(f, b, r)));
                    msgs.push_back(std::move(m));
                }
        }
        std::vector<smt::Expr> parts;
        for (std::size_t i = 0; i < msgs.size(); ++i) {
            smt::Expr sum = ctx_.num(0);
            i128 lo = 0, hi = 0;
            for (std::size_t j = 0; j < msgs.size(); ++j) {
                if (msgs[j].fields.size() != msgs[i].fields.size()) continue;
                std::vector<smt::Expr> eq;
                if (j != i)
                    for (std::size_t f = 0; f < msgs[i].fields.size(); ++f) eq.push_back(msgs[i].fields[f] == msgs[j].fields[f]);
                sum = sum + (j == i ? msgs[j].count.e : smt::ite(ctx_.all(eq), msgs[j].count.e, ctx_.num(0)));
                lo += std::min<i128>(0, msgs[j].count.lo);
                hi += std::max<i128>(0, msgs[j].count.hi);
            }
            parts.push_back(zero_mod(LTerm{sum, lo, hi}, ctx_.boolean(true), true));
        }
        return ctx_.all(parts);
    }

    // Rows of a row-independent block may be permuted freely, so sorting them loses nothing.
    smt::Expr symmetry() {
        std::vector<smt::Expr> parts;
        for (std::uint32_t b = 0; b < pb_.blocks.size(); ++b) {
            const Block& blk = pb_.blocks[b];
            if (blk.interchangeable_order.empty() || blk.rows < 2) continue;
            bool independent = blk.fixed.empty();
            for (const auto& c : blk.air.constraints)
                independent = independent && c.scope == air::Scope::EveryRow && !uses_next(*c.expr);
            for (const auto& it : blk.air.interactions) {
                independent = independent && !uses_next(*it.count);
                for (const auto& f : it.message) independent = independent && !uses_next(*f);
            }
            if (!independent) throw Unsupported("rows of " + blk.air.name + " are not interchangeable");
            std::vector<std::uint32_t> cols;
            for (const auto& n : blk.interchangeable_order) {
                auto c = blk.air.column(n);
                if (!c) throw Unsupported("no column " + n + " to sort " + blk.air.name + " by");
                cols.push_back(*c);
            }
            auto key = [&](std::size_t r) {
                smt::Expr k = ctx_.num(0);
                for (std::uint32_t c : cols) k = k * ctx_.num(i128{1} << 31) + var(cell(b, r, c));
                return k;
            };
            for (std::size_t r = 0; r + 1 < blk.rows; ++r) parts.push_back(smt::le(key(r), key(r + 1)));
        }
        return ctx_.all(parts);
    }

    // ---- claims ----
    smt::Expr claim(const Claim& c) {
        switch (c.kind) {
            case Claim::Kind::True: return ctx_.boolean(true);
            case Claim::Kind::False: return ctx_.boolean(false);
            case Claim::Kind::FieldEq: {
                Poly d = poly(c.a.expr, c.a.block, c.a.row);
                add_into(d, poly(c.b.expr, c.b.block, c.b.row), true);
                return is_zero(d, false);
            }
            case Claim::Kind::IntEq: return lin(c.x) == lin(c.y);
            case Claim::Kind::IntLt: return smt::lt(lin(c.x), lin(c.y));
            case Claim::Kind::IntLe: return smt::le(lin(c.x), lin(c.y));
            case Claim::Kind::Not: return !claim(c.kids.at(0));
            case Claim::Kind::And:
            case Claim::Kind::Or: {
                std::vector<smt::Expr> v;
                for (const auto& k : c.kids) v.push_back(claim(k));
                return c.kind == Claim::Kind::And ? ctx_.all(v) : ctx_.any(v);
            }
        }
        return ctx_.boolean(false);
    }

    // ---- the model ----
    Assignment assignment(const smt::Model& m) {
        std::vector<BabyBear> val(places_.size());
        std::vector<bool> known(places_.size(), false);
        for (Var i = 0; i < places_.size(); ++i) {
            if (places_[i].fixed) {
                val[i] = places_[i].domain[0];
                known[i] = true;
            } else if (vars_[i]) {
                val[i] = BabyBear::reduce(std::stoull(m.decimal(*vars_[i])));
                known[i] = true;
            }
        }
        // Witness-only inverses: inv = w / L for the first product whose L is non-zero.
        for (const auto& rec : inv_) {
            if (known[rec.inv]) continue;
            bool active = false;
            for (const auto& g : rec.guards) active = active || m.is_true(g);
            BabyBear l = evaluate(rec.l, val);
            if (!active || l.is_zero()) continue;
            BabyBear w = BabyBear::reduce(std::stoull(m.decimal(rec.w)));
            val[rec.inv] = w * l.inverse();
            known[rec.inv] = true;
        }
        Assignment a;
        for (std::uint32_t b = 0; b < pb_.blocks.size(); ++b) {
            const Block& blk = pb_.blocks[b];
            a.cells.emplace_back(val.begin() + base_[b], val.begin() + base_[b] + blk.rows * blk.air.width());
            a.publics.emplace_back(val.begin() + pub_base_[b], val.begin() + pub_base_[b] + blk.air.public_values.size());
        }
        return a;
    }

private:
    void layout() {
        for (std::uint32_t b = 0; b < pb_.blocks.size(); ++b) {
            const Block& blk = pb_.blocks[b];
            if (blk.rows == 0) throw Unsupported("block " + blk.air.name + " has no rows");
            base_.push_back(static_cast<Var>(places_.size()));
            for (std::size_t r = 0; r < blk.rows; ++r)
                for (std::uint32_t c = 0; c < blk.air.width(); ++c) places_.push_back(Place{b, r, c, false, {}, false, false, 0, P - 1, {}});
            pub_base_.push_back(static_cast<Var>(places_.size()));
            for (std::uint32_t i = 0; i < blk.air.public_values.size(); ++i)
                places_.push_back(Place{b, 0, i, true, {}, false, false, 0, P - 1, {}});
        }
        vars_.assign(places_.size(), std::nullopt);
        // Small domains from boolean / trit constraints on the rows where they apply, recognised
        // on the expanded polynomial (so x*(x-1) and x*x - x both count).
        for (std::uint32_t b = 0; b < pb_.blocks.size(); ++b) {
            const Block& blk = pb_.blocks[b];
            for (const auto& c : blk.air.constraints)
                for (std::size_t r = 0; r < blk.rows; ++r) {
                    if (!air::applies(c.scope, r, blk.rows)) continue;
                    if (auto d = small_domain(poly(c.expr, b, r))) places_[d->var].domain = d->values;
                }
            for (const auto& [rc, v] : blk.fixed) {
                Place& pl = places_[cell(b, rc.first, rc.second)];
                pl.domain = {v};
                pl.fixed = true;
            }
        }
        // Witness-only columns: never in a message or count, never alone (up to small factors)
        // in a monomial of a constraint. Decided on row 0 of each block.
        for (std::uint32_t b = 0; b < pb_.blocks.size(); ++b) {
            const Block& blk = pb_.blocks[b];
            std::set<std::uint32_t> linear_or_used;
            for (const auto& it : blk.air.interactions) {
                for (std::uint32_t col : columns_in(*it.count)) linear_or_used.insert(col);
                for (const auto& f : it.message)
                    for (std::uint32_t col : columns_in(*f)) linear_or_used.insert(col);
            }
            std::set<std::uint32_t> in_products;
            for (const auto& c : blk.air.constraints) {
                Poly p = poly(c.expr, b, 0);
                for (const auto& [m, coef] : p) {
                    std::vector<Var> big;
                    for (Var id : m)
                        if (places_[id].domain.empty()) big.push_back(id);
                    for (Var id : big) {
                        if (places_[id].is_public || places_[id].row != 0) continue;
                        if (big.size() == 1) linear_or_used.insert(places_[id].col);
                        else in_products.insert(places_[id].col);
                    }
                }
            }
            for (std::uint32_t col : in_products) {
                if (!inverses_ || linear_or_used.count(col)) continue;
                for (std::size_t r = 0; r < blk.rows; ++r) {
                    Place& pl = places_[cell(b, r, col)];
                    if (pl.domain.empty()) pl.inv_like = true;
                }
            }
        }
        // Range requests on bare cells, for interval tightening.
        for (std::uint32_t b = 0; b < pb_.blocks.size(); ++b) {
            const Block& blk = pb_.blocks[b];
            for (std::size_t r = 0; r < blk.rows; ++r)
                for (const auto& it : blk.air.interactions) {
                    if (it.bus != air::RANGE_BUS || it.message.size() != air::RangeMessageLayout::SIZE) continue;
                    Poly v = poly(it.message[air::RangeMessageLayout::VALUE], b, r), bits = poly(it.message[air::RangeMessageLayout::BITS], b, r);
                    if (!is_constant(bits) || v.size() != 1 || v.begin()->first.size() != 1 || v.begin()->second.v != 1)
                        continue;
                    places_[v.begin()->first[0]].ranges.emplace_back(poly(it.count, b, r), constant_of(bits).v);
                }
        }
    }

    Poly poly_node(const air::Node& n, std::uint32_t block, std::size_t row) {
        const Block& blk = pb_.blocks[block];
        switch (n.kind) {
            case air::NodeKind::Const: return constant_poly(n.constant);
            case air::NodeKind::Local:
            case air::NodeKind::Next: {
                if (n.index >= blk.air.width()) return {};
                return variable_poly(cell(block, n.kind == air::NodeKind::Next ? row + 1 : row, n.index));
            }
            case air::NodeKind::Public: {
                if (n.index >= blk.air.public_values.size()) return {};
                return variable_poly(pub_base_[block] + n.index);
            }
            case air::NodeKind::Add:
            case air::NodeKind::Sub: {
                Poly a = poly_node(*n.lhs, block, row);
                add_into(a, poly_node(*n.rhs, block, row), n.kind == air::NodeKind::Sub);
                return a;
            }
            case air::NodeKind::Mul: return mul(poly_node(*n.lhs, block, row), poly_node(*n.rhs, block, row));
        }
        return {};
    }

    smt::Expr var(Var id) {
        if (!vars_[id]) {
            const Place& pl = places_[id];
            const air::Air& a = pb_.blocks[pl.block].air;
            std::string name = a.name + (pl.is_public ? ".public." : "[" + std::to_string(pl.row) + "].") +
                               (pl.is_public ? a.public_values[pl.col] : a.columns[pl.col]);
            smt::Expr v = ctx_.var(name);
            if (!pl.domain.empty()) {
                std::vector<smt::Expr> alts;
                for (BabyBear d : pl.domain) alts.push_back(v == ctx_.num(d.v));
                side_.push_back(ctx_.any(alts));
            } else {
                side_.push_back(smt::le(ctx_.num(0), v));
                side_.push_back(smt::le(v, ctx_.num(pl.hi)));
                if (pl.lo > 0) side_.push_back(smt::le(ctx_.num(pl.lo), v));
            }
            vars_[id] = v;
        }
        return *vars_[id];
    }

    // The small cells of p, plus (while the AIR is assumed) the small cells that decide whether
    // a range request on one of p's cells is active: splitting on them gives tight intervals,
    // hence a quotient k with one or two values instead of 2^17 (R81).
    std::vector<Var> small_vars(const Poly& p) const {
        std::set<Var> s;
        for (const auto& [m, c] : p)
            for (Var id : m) {
                if (!places_[id].domain.empty()) {
                    s.insert(id);
                    continue;
                }
                if (!tighten_) continue;
                for (const auto& [count, bits] : places_[id].ranges) {
                    bool all_small = true;
                    for (const auto& [cm, cc] : count)
                        for (Var cid : cm) all_small = all_small && !places_[cid].domain.empty();
                    if (!all_small) continue;
                    for (const auto& [cm, cc] : count)
                        for (Var cid : cm) s.insert(cid);
                }
            }
        return {s.begin(), s.end()};
    }

    // Calls f(sigma, condition) for every assignment of the small cells of p.
    template <class F>
    void for_each_sigma(const Poly& p, F&& f) {
        std::vector<Var> vs = small_vars(p);
        std::size_t combos = 1;
        for (Var id : vs) {
            combos *= places_[id].domain.size();
            if (combos > 4096) throw Unsupported("more than 4096 cases in one polynomial");
        }
        for (std::size_t k = 0; k < combos; ++k) {
            Sigma sigma;
            std::vector<smt::Expr> cond;
            std::size_t rest = k;
            for (Var id : vs) {
                const auto& dom = places_[id].domain;
                BabyBear v = dom[rest % dom.size()];
                rest /= dom.size();
                sigma[id] = v;
                if (!places_[id].fixed) cond.push_back(var(id) == ctx_.num(v.v));
            }
            f(sigma, cond.empty() ? ctx_.boolean(true) : ctx_.all(cond));
        }
    }

    // Bounds of a cell under the case sigma: range requests whose count is a non-zero constant
    // under sigma apply (only while the AIR is assumed, never while it is the goal).
    std::pair<i128, i128> bounds(Var id, const Sigma& sigma) {
        const Place& pl = places_[id];
        i128 lo = pl.lo, hi = pl.hi;
        if (!tighten_) return {lo, hi};
        for (const auto& [count, bits] : pl.ranges) {
            Poly c = substitute(count, sigma);
            if (!is_constant(c) || constant_of(c).is_zero()) continue;
            if (bits < 100) hi = std::min(hi, (i128{1} << bits) - 1);
        }
        return {lo, hi};
    }

    // The integer term of a residual polynomial (no small cells left except through sigma).
    LTerm term(const Poly& r, const Sigma& sigma, const smt::Expr& guard) {
        smt::Expr e = ctx_.num(0);
        i128 lo = 0, hi = 0;
        std::map<Var, Poly> inv_groups;
        for (const auto& [m, coef] : r) {
            const std::int64_t c = signed_rep(coef);
            if (m.empty()) {
                e = e + ctx_.num(c);
                lo += c;
                hi += c;
                continue;
            }
            if (m.size() == 2 && (places_[m[0]].inv_like != places_[m[1]].inv_like)) {
                Var inv = places_[m[0]].inv_like ? m[0] : m[1], other = inv == m[0] ? m[1] : m[0];
                inv_groups[inv][{other}] += coef;
                continue;
            }
            smt::Expr prod = ctx_.num(c);
            i128 plo = c, phi = c;
            for (Var id : m) {
                if (places_[id].inv_like) throw Unsupported("witness-only column used in a non-linear way");
                auto [vlo, vhi] = bounds(id, sigma);
                prod = prod * var(id);
                i128 cands[4] = {plo * vlo, plo * vhi, phi * vlo, phi * vhi};
                plo = *std::min_element(cands, cands + 4);
                phi = *std::max_element(cands, cands + 4);
            }
            e = e + prod;
            lo += plo;
            hi += phi;
        }
        for (auto& [inv, l] : inv_groups) {
            std::erase_if(l, [](const auto& kv) { return kv.second.is_zero(); });
            if (l.empty()) continue;
            e = e + inv_product(inv, l, guard);
            hi += P - 1;
        }
        return LTerm{e, lo, hi};
    }

    smt::Expr inv_product(Var inv, const Poly& l, const smt::Expr& guard) {
        for (auto& rec : inv_)
            if (rec.inv == inv && rec.l == l) {
                rec.guards.push_back(guard);
                return rec.w;
            }
        smt::Expr w = fresh("w", 0, P - 1);
        // L = 0 (mod p) => L * inv = 0; otherwise inv = w / L exists for every w.
        side_.push_back(smt::implies(is_zero(l, false), w == ctx_.num(0)));
        inv_.push_back(InvRecord{inv, l, w, {guard}});
        return w;
    }

    // The canonical residue of t in [0, p), defined under `guard`.
    smt::Expr canon(const LTerm& t, const smt::Expr& guard) {
        if (t.lo >= 0 && t.hi < P) return t.e;
        smt::Expr k = fresh("q", floor_div(t.lo, P), floor_div(t.hi, P));
        smt::Expr r = t.e - k * ctx_.num(P);
        side_.push_back(smt::implies(guard, smt::le(ctx_.num(0), r) && smt::le(r, ctx_.num(P - 1))));
        return r;
    }

    // t = 0 (mod p). `positive`: used only un-negated, so an existential k suffices (e = k*p).
    smt::Expr zero_mod(const LTerm& t, const smt::Expr& guard, bool positive) {
        if (!positive) return canon(t, guard) == ctx_.num(0);
        i128 klo = ceil_div(t.lo, P), khi = floor_div(t.hi, P);
        if (klo > khi) return ctx_.boolean(false);
        if (klo == khi) return t.e == ctx_.num(klo * P);
        return t.e == fresh("k", klo, khi) * ctx_.num(P);
    }

    // p = 0 in the field, as a formula.
    smt::Expr is_zero(const Poly& p, bool positive) {
        std::vector<smt::Expr> parts;
        for_each_sigma(p, [&](const Sigma& sigma, const smt::Expr& cond) {
            Poly r = substitute(p, sigma);
            if (is_constant(r)) {
                if (!constant_of(r).is_zero()) parts.push_back(!cond);
                return;
            }
            parts.push_back(smt::implies(cond, residual_zero(r, sigma, cond, positive)));
        });
        return ctx_.all(parts);
    }

    smt::Expr residual_zero(const Poly& r, const Sigma& sigma, const smt::Expr& guard, bool positive) {
        // A common factor u of every monomial: u*Q = 0 iff u = 0 or Q = 0 (p is prime).
        std::optional<Var> common;
        for (Var id : r.begin()->first) {
            if (places_[id].inv_like) continue;
            bool everywhere = true;
            for (const auto& [m, c] : r) everywhere = everywhere && std::find(m.begin(), m.end(), id) != m.end();
            if (everywhere) {
                common = id;
                break;
            }
        }
        if (common && (r.size() > 1 || r.begin()->first.size() > 1)) {
            Poly q;
            for (const auto& [m, c] : r) {
                Mono rest = m;
                rest.erase(std::find(rest.begin(), rest.end(), *common));
                q[rest] = c;
            }
            smt::Expr qz = is_constant(q) ? ctx_.boolean(constant_of(q).is_zero()) : residual_zero(q, sigma, guard, positive);
            return var(*common) == ctx_.num(0) || qz;
        }
        return zero_mod(term(r, sigma, guard), guard, positive);
    }

    // The canonical value of a polynomial, an if-then-else over its small cells.
    smt::Expr field_value(const Poly& p) {
        std::optional<smt::Expr> acc;
        for_each_sigma(p, [&](const Sigma& sigma, const smt::Expr& cond) {
            Poly r = substitute(p, sigma);
            smt::Expr v = is_constant(r) ? ctx_.num(constant_of(r).v) : canon(term(r, sigma, cond), cond);
            acc = acc ? smt::ite(cond, v, *acc) : v;
        });
        return acc ? *acc : ctx_.num(0);
    }

    // The signed value of a count: constants in (-p/2, p/2], anything else canonical.
    LTerm signed_value(const Poly& p) {
        std::optional<smt::Expr> acc;
        i128 lo = 0, hi = 0;
        bool first = true;
        for_each_sigma(p, [&](const Sigma& sigma, const smt::Expr& cond) {
            Poly r = substitute(p, sigma);
            i128 vlo, vhi;
            std::optional<smt::Expr> v;
            if (is_constant(r)) {
                vlo = vhi = signed_rep(constant_of(r));
                v = ctx_.num(vlo);
            } else {
                v = canon(term(r, sigma, cond), cond);
                vlo = 0;
                vhi = P - 1;
            }
            acc = acc ? smt::ite(cond, *v, *acc) : *v;
            lo = first ? vlo : std::min(lo, vlo);
            hi = first ? vhi : std::max(hi, vhi);
            first = false;
        });
        return LTerm{acc ? *acc : ctx_.num(0), lo, hi};
    }

    smt::Expr lin(const Lin& l) {
        smt::Expr e = ctx_.num(l.constant);
        for (const auto& [c, t] : l.terms) e = e + ctx_.num(c) * field_value(poly(t.expr, t.block, t.row));
        return e;
    }

    const bool inverses_;
    // Range requests tighten their cells' bounds only while the AIR is assumed.
    const bool tighten_;
    const Problem& pb_;
    smt::Context& ctx_;
    std::vector<smt::Expr> side_;
    std::vector<Place> places_;
    std::vector<std::optional<smt::Expr>> vars_;
    std::vector<Var> base_, pub_base_;
    std::vector<InvRecord> inv_;
    unsigned counter_ = 0;
};

Encoder::Encoder(const Problem& problem, smt::Context& ctx, EncoderOptions options)
    : impl_(std::make_unique<Impl>(problem, ctx, options)) {}
Encoder::~Encoder() = default;

const std::vector<smt::Expr>& Encoder::side() const { return impl_->side(); }
void Encoder::absorb_bounds(const Claim& c) { impl_->absorb_bounds(c); }
smt::Expr Encoder::air_formula() { return impl_->air_formula(); }
smt::Expr Encoder::bus_formula() { return impl_->bus_formula(); }
smt::Expr Encoder::symmetry() { return impl_->symmetry(); }
smt::Expr Encoder::claim(const Claim& c) { return impl_->claim(c); }
Assignment Encoder::assignment(const smt::Model& m) { return impl_->assignment(m); }
bool Encoder::used_inverses() const { return impl_->used_inverses(); }

}  // namespace memspec::proofs
