// The translation of spec/air expressions to Z3 (R80-R83) and the only file that includes Z3.
//
// Encoding, chosen by measurement (R81, proofs/README.md):
// - every cell is a variable in [0, p) (its canonical representative);
// - a cell constrained by v*(v-1) = 0 (or e^3 - e = 0) ranges over {0,1} ({0,1,p-1}); fixed cells
//   are constants. A polynomial is evaluated under every assignment of its small-domain cells,
//   so every product with a boolean factor becomes a case and the system turns linear;
// - an identity e = 0 (mod p) becomes e = k*p with k bounded by interval arithmetic over e, under
//   the case's assumptions (range-checked cells are bounded where their request's count is
//   non-zero). A single monomial u*Q vanishes iff u = 0 or Q vanishes (p is prime);
// - a product L*inv with a witness-only column inv (IsZero's and IsLessThanArray's inverses)
//   becomes a fresh w in [0, p) with L = 0 => w = 0, which is exactly "some inv exists";
// - range requests become bounds; the memory bus becomes one equation per message: the counts
//   of all equal messages sum to 0 mod p.
#include "proofs/solve.hpp"

#include "proofs/emit.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <optional>
#include <set>
#include <sstream>

#include <z3++.h>

#if defined(__SANITIZE_ADDRESS__)
constexpr bool UNDER_ASAN = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool UNDER_ASAN = true;
#else
constexpr bool UNDER_ASAN = false;
#endif
#else
constexpr bool UNDER_ASAN = false;
#endif

namespace memspec::proofs {

std::string_view to_string(Status s) {
    switch (s) {
        case Status::Proved: return "proved";
        case Status::Counterexample: return "counterexample";
        case Status::Timeout: return "timeout";
        case Status::Error: return "error";
    }
    return "error";
}

namespace {

using i128 = __int128;
constexpr std::int64_t P = BabyBear::P;

std::string str128(i128 v) {
    if (v == 0) return "0";
    bool neg = v < 0;
    unsigned __int128 u = neg ? static_cast<unsigned __int128>(-v) : static_cast<unsigned __int128>(v);
    std::string s;
    while (u) {
        s.insert(s.begin(), static_cast<char>('0' + static_cast<int>(u % 10)));
        u /= 10;
    }
    return neg ? "-" + s : s;
}
std::int64_t signed_rep(BabyBear v) { return v.v > P / 2 ? static_cast<std::int64_t>(v.v) - P : v.v; }
i128 floor_div(i128 a, i128 b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }
i128 ceil_div(i128 a, i128 b) { return -floor_div(-a, b); }

using Mono = std::vector<std::uint32_t>;  // sorted place ids, with repetition
using Poly = std::map<Mono, BabyBear>;

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
bool is_constant(const Poly& p) { return p.empty() || (p.size() == 1 && p.begin()->first.empty()); }
BabyBear constant_of(const Poly& p) { return p.empty() ? BabyBear{} : p.begin()->second; }

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

using Sigma = std::map<std::uint32_t, BabyBear>;

struct LTerm {
    z3::expr e;
    i128 lo, hi;
};

struct InvRecord {
    std::uint32_t inv;
    Poly l;
    z3::expr w;
    std::vector<z3::expr> guards;  // the cases in which the product is used
};

bool match_bool(const air::Node& n, std::uint32_t& col) {
    // boolean(x) = x * (x - 1) with x a local column (R80: the pattern every chip uses).
    if (n.kind != air::NodeKind::Mul) return false;
    const auto& x = *n.lhs;
    const auto& s = *n.rhs;
    if (x.kind != air::NodeKind::Local || s.kind != air::NodeKind::Sub) return false;
    if (s.lhs->kind != air::NodeKind::Local || s.lhs->index != x.index) return false;
    if (s.rhs->kind != air::NodeKind::Const || s.rhs->constant.v != 1) return false;
    col = x.index;
    return true;
}
bool match_trit(const air::Node& n, std::uint32_t& col) {
    // e*e*e - e (PersistentBoundaryAir's expand_direction in {-1, 0, 1}).
    if (n.kind != air::NodeKind::Sub || n.rhs->kind != air::NodeKind::Local) return false;
    const std::uint32_t e = n.rhs->index;
    const auto& m = *n.lhs;
    if (m.kind != air::NodeKind::Mul || m.rhs->kind != air::NodeKind::Local || m.rhs->index != e) return false;
    const auto& m2 = *m.lhs;
    if (m2.kind != air::NodeKind::Mul) return false;
    if (m2.lhs->kind != air::NodeKind::Local || m2.rhs->kind != air::NodeKind::Local) return false;
    if (m2.lhs->index != e || m2.rhs->index != e) return false;
    col = e;
    return true;
}

struct Unsupported : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class Encoder {
public:
    Encoder(const Problem& p, const Settings& s, z3::context& c, bool inverses)
        : inverses_(inverses), pb_(p), ctx_(c), bv_(s.encoding == Encoding::Bv), side_(c) {
        layout();
    }

    z3::context& ctx() { return ctx_; }
    const z3::expr_vector& side() const { return side_; }

    // ---- numbers (Int or signed 128-bit bit-vectors) ----
    z3::expr num(i128 v) { return bv_ ? ctx_.bv_val(str128(v).c_str(), 128) : ctx_.int_val(str128(v).c_str()); }
    z3::expr le(const z3::expr& a, const z3::expr& b) { return bv_ ? z3::sle(a, b) : a <= b; }
    z3::expr lt(const z3::expr& a, const z3::expr& b) { return bv_ ? z3::slt(a, b) : a < b; }
    z3::expr fresh(const std::string& stem, i128 lo, i128 hi) {
        std::string name = stem + "!" + std::to_string(counter_++);
        z3::expr v = bv_ ? ctx_.bv_const(name.c_str(), 128) : ctx_.int_const(name.c_str());
        side_.push_back(le(num(lo), v));
        side_.push_back(le(v, num(hi)));
        return v;
    }

    std::uint32_t cell(std::uint32_t block, std::size_t row, std::uint32_t col) const {
        const Block& b = pb_.blocks[block];
        return base_[block] + static_cast<std::uint32_t>((row % b.rows) * b.air.width() + col);
    }

    Poly poly(const air::Expr& e, std::uint32_t block, std::size_t row) { return poly_node(*e, block, row); }

    // Tighten global bounds from top-level precondition atoms "cell < c" / "cell <= c".
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
    // R83: range requests become bounds where their count is non-zero.
    z3::expr air_formula(bool assume) {
        z3::expr_vector parts(ctx_);
        for (std::uint32_t b = 0; b < pb_.blocks.size(); ++b) {
            const Block& blk = pb_.blocks[b];
            for (std::size_t r = 0; r < blk.rows; ++r) {
                for (const auto& c : blk.air.constraints) {
                    if (!air::applies(c.scope, r, blk.rows)) continue;
                    parts.push_back(is_zero(poly(c.expr, b, r), assume));
                }
                for (const auto& it : blk.air.interactions) {
                    if (it.bus != air::RANGE_BUS || it.message.size() != 2) continue;
                    Poly bits = poly(it.message[1], b, r);
                    if (!is_constant(bits)) throw Unsupported("range request with a non-constant bit count: " + it.name);
                    const i128 limit = i128{1} << std::min<std::uint32_t>(constant_of(bits).v, 100);
                    Poly count = poly(it.count, b, r), value = poly(it.message[0], b, r);
                    parts.push_back(is_zero(count, false) || lt(field_value(value), num(limit)));
                }
            }
        }
        return z3::mk_and(parts);
    }

    // R82: for every message, the counts of all equal messages sum to 0 (mod p).
    z3::expr bus_formula() {
        struct Msg {
            std::vector<z3::expr> fields;
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
        z3::expr_vector parts(ctx_);
        for (std::size_t i = 0; i < msgs.size(); ++i) {
            z3::expr sum = num(0);
            i128 lo = 0, hi = 0;
            for (std::size_t j = 0; j < msgs.size(); ++j) {
                if (msgs[j].fields.size() != msgs[i].fields.size()) continue;
                z3::expr_vector eq(ctx_);
                if (j != i)
                    for (std::size_t f = 0; f < msgs[i].fields.size(); ++f) eq.push_back(msgs[i].fields[f] == msgs[j].fields[f]);
                sum = sum + (j == i ? msgs[j].count.e : z3::ite(z3::mk_and(eq), msgs[j].count.e, num(0)));
                lo += std::min<i128>(0, msgs[j].count.lo);
                hi += std::max<i128>(0, msgs[j].count.hi);
            }
            parts.push_back(zero_mod(LTerm{sum, lo, hi}, ctx_.bool_val(true), true));
        }
        return z3::mk_and(parts);
    }

    // Rows of a row-independent block may be permuted freely, so sorting them loses nothing.
    z3::expr symmetry() {
        z3::expr_vector parts(ctx_);
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
                z3::expr k = num(0);
                for (std::uint32_t c : cols) k = k * num(i128{1} << 31) + var(cell(b, r, c));
                return k;
            };
            for (std::size_t r = 0; r + 1 < blk.rows; ++r) parts.push_back(le(key(r), key(r + 1)));
        }
        return z3::mk_and(parts);
    }

    // ---- claims ----
    z3::expr claim(const Claim& c) {
        switch (c.kind) {
            case Claim::Kind::True: return ctx_.bool_val(true);
            case Claim::Kind::False: return ctx_.bool_val(false);
            case Claim::Kind::FieldEq: {
                Poly d = poly(c.a.expr, c.a.block, c.a.row);
                add_into(d, poly(c.b.expr, c.b.block, c.b.row), true);
                return is_zero(d, false);
            }
            case Claim::Kind::IntEq: return lin(c.x) == lin(c.y);
            case Claim::Kind::IntLt: return lt(lin(c.x), lin(c.y));
            case Claim::Kind::IntLe: return le(lin(c.x), lin(c.y));
            case Claim::Kind::Not: return !claim(c.kids.at(0));
            case Claim::Kind::And:
            case Claim::Kind::Or: {
                z3::expr_vector v(ctx_);
                for (const auto& k : c.kids) v.push_back(claim(k));
                return c.kind == Claim::Kind::And ? z3::mk_and(v) : z3::mk_or(v);
            }
        }
        return ctx_.bool_val(false);
    }

    // ---- the model ----
    Assignment assignment(const z3::model& m) {
        std::vector<BabyBear> val(places_.size());
        std::vector<bool> known(places_.size(), false);
        for (std::uint32_t i = 0; i < places_.size(); ++i) {
            if (places_[i].fixed) {
                val[i] = places_[i].domain[0];
                known[i] = true;
            } else if (vars_[i]) {
                val[i] = BabyBear::reduce(std::stoull(m.eval(*vars_[i], true).get_decimal_string(0)));
                known[i] = true;
            }
        }
        // Witness-only inverses: inv = w / L for the first product whose L is non-zero.
        for (const auto& rec : inv_) {
            if (known[rec.inv]) continue;
            bool active = false;
            for (const auto& g : rec.guards) active = active || m.eval(g, true).is_true();
            BabyBear l = eval_poly(rec.l, val);
            if (!active || l.is_zero()) continue;
            BabyBear w = BabyBear::reduce(std::stoull(m.eval(rec.w, true).get_decimal_string(0)));
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
            base_.push_back(static_cast<std::uint32_t>(places_.size()));
            for (std::size_t r = 0; r < blk.rows; ++r)
                for (std::uint32_t c = 0; c < blk.air.width(); ++c) places_.push_back(Place{b, r, c, false, {}, false, false, 0, P - 1, {}});
            pub_base_.push_back(static_cast<std::uint32_t>(places_.size()));
            for (std::uint32_t i = 0; i < blk.air.public_values.size(); ++i)
                places_.push_back(Place{b, 0, i, true, {}, false, false, 0, P - 1, {}});
        }
        vars_.assign(places_.size(), std::nullopt);
        // Small domains from boolean / trit constraints on the rows where they apply.
        for (std::uint32_t b = 0; b < pb_.blocks.size(); ++b) {
            const Block& blk = pb_.blocks[b];
            for (const auto& c : blk.air.constraints) {
                std::uint32_t col = 0;
                std::vector<BabyBear> dom;
                if (match_bool(*c.expr, col)) dom = {BabyBear{}, BabyBear::from_canonical(1)};
                else if (match_trit(*c.expr, col))
                    dom = {BabyBear{}, BabyBear::from_canonical(1), BabyBear::from_canonical(P - 1)};
                else continue;
                for (std::size_t r = 0; r < blk.rows; ++r)
                    if (air::applies(c.scope, r, blk.rows)) places_[cell(b, r, col)].domain = dom;
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
                    std::vector<std::uint32_t> big;
                    for (std::uint32_t id : m)
                        if (places_[id].domain.empty()) big.push_back(id);
                    for (std::uint32_t id : big) {
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
                    if (it.bus != air::RANGE_BUS || it.message.size() != 2) continue;
                    Poly v = poly(it.message[0], b, r), bits = poly(it.message[1], b, r);
                    if (!is_constant(bits) || v.size() != 1 || v.begin()->first.size() != 1 || v.begin()->second.v != 1)
                        continue;
                    places_[v.begin()->first[0]].ranges.emplace_back(poly(it.count, b, r), constant_of(bits).v);
                }
        }
    }

    static bool uses_next(const air::Node& n) {
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

    Poly poly_node(const air::Node& n, std::uint32_t block, std::size_t row) {
        const Block& blk = pb_.blocks[block];
        switch (n.kind) {
            case air::NodeKind::Const: return constant_poly(n.constant);
            case air::NodeKind::Local:
            case air::NodeKind::Next: {
                if (n.index >= blk.air.width()) return {};
                Poly p;
                p[{cell(block, n.kind == air::NodeKind::Next ? row + 1 : row, n.index)}] = BabyBear::from_canonical(1);
                return p;
            }
            case air::NodeKind::Public: {
                if (n.index >= blk.air.public_values.size()) return {};
                Poly p;
                p[{pub_base_[block] + n.index}] = BabyBear::from_canonical(1);
                return p;
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

    z3::expr var(std::uint32_t id) {
        if (!vars_[id]) {
            const Place& pl = places_[id];
            std::string name = pb_.blocks[pl.block].air.name + (pl.is_public ? ".public." : "[" + std::to_string(pl.row) + "].") +
                               (pl.is_public ? pb_.blocks[pl.block].air.public_values[pl.col]
                                             : pb_.blocks[pl.block].air.columns[pl.col]);
            z3::expr v = bv_ ? ctx_.bv_const(name.c_str(), 128) : ctx_.int_const(name.c_str());
            if (!pl.domain.empty()) {
                z3::expr_vector alts(ctx_);
                for (BabyBear d : pl.domain) alts.push_back(v == num(d.v));
                side_.push_back(z3::mk_or(alts));
            } else {
                side_.push_back(le(num(0), v));
                side_.push_back(le(v, num(pl.hi)));
                if (pl.lo > 0) side_.push_back(le(num(pl.lo), v));
            }
            vars_[id] = v;
        }
        return *vars_[id];
    }

    // The small cells of p, plus (while the AIR is assumed) the small cells that decide whether
    // a range request on one of p's cells is active: splitting on them gives tight intervals,
    // hence a quotient k with one or two values instead of 2^17 (R81).
    std::vector<std::uint32_t> small_vars(const Poly& p) const {
        std::set<std::uint32_t> s;
        for (const auto& [m, c] : p)
            for (std::uint32_t id : m) {
                if (!places_[id].domain.empty()) {
                    s.insert(id);
                    continue;
                }
                if (!tighten_) continue;
                for (const auto& [count, bits] : places_[id].ranges) {
                    bool all_small = true;
                    for (const auto& [cm, cc] : count)
                        for (std::uint32_t cid : cm) all_small = all_small && !places_[cid].domain.empty();
                    if (!all_small) continue;
                    for (const auto& [cm, cc] : count)
                        for (std::uint32_t cid : cm) s.insert(cid);
                }
            }
        return {s.begin(), s.end()};
    }

    // Calls f(sigma, condition) for every assignment of the small cells of p.
    template <class F>
    void for_each_sigma(const Poly& p, F&& f) {
        std::vector<std::uint32_t> vs = small_vars(p);
        std::size_t combos = 1;
        for (std::uint32_t id : vs) {
            combos *= places_[id].domain.size();
            if (combos > 4096) throw Unsupported("more than 4096 cases in one polynomial");
        }
        for (std::size_t k = 0; k < combos; ++k) {
            Sigma sigma;
            z3::expr_vector cond(ctx_);
            std::size_t rest = k;
            for (std::uint32_t id : vs) {
                const auto& dom = places_[id].domain;
                BabyBear v = dom[rest % dom.size()];
                rest /= dom.size();
                sigma[id] = v;
                if (!places_[id].fixed) cond.push_back(var(id) == num(v.v));
            }
            f(sigma, cond.empty() ? ctx_.bool_val(true) : z3::mk_and(cond));
        }
    }

    static Poly substitute(const Poly& p, const Sigma& s) {
        Poly out;
        for (const auto& [m, c] : p) {
            BabyBear coef = c;
            Mono rest;
            for (std::uint32_t id : m) {
                auto it = s.find(id);
                if (it != s.end()) coef *= it->second;
                else rest.push_back(id);
            }
            if (coef.is_zero()) continue;
            BabyBear& slot = out[rest];
            slot += coef;
            if (slot.is_zero()) out.erase(rest);
        }
        return out;
    }

    // Bounds of a cell under the case sigma: range requests whose count is a non-zero constant
    // under sigma apply (only while the AIR is assumed, never while it is the goal).
    std::pair<i128, i128> bounds(std::uint32_t id, const Sigma& sigma) {
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
    LTerm term(const Poly& r, const Sigma& sigma, const z3::expr& guard) {
        z3::expr e = num(0);
        i128 lo = 0, hi = 0;
        std::map<std::uint32_t, Poly> inv_groups;
        for (const auto& [m, coef] : r) {
            const std::int64_t c = signed_rep(coef);
            if (m.empty()) {
                e = e + num(c);
                lo += c;
                hi += c;
                continue;
            }
            if (m.size() == 2 && (places_[m[0]].inv_like != places_[m[1]].inv_like)) {
                std::uint32_t inv = places_[m[0]].inv_like ? m[0] : m[1], other = inv == m[0] ? m[1] : m[0];
                inv_groups[inv][{other}] += coef;
                continue;
            }
            z3::expr prod = num(c);
            i128 plo = c, phi = c;
            for (std::uint32_t id : m) {
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

    z3::expr inv_product(std::uint32_t inv, const Poly& l, const z3::expr& guard) {
        for (auto& rec : inv_)
            if (rec.inv == inv && rec.l == l) {
                rec.guards.push_back(guard);
                return rec.w;
            }
        z3::expr w = fresh("w", 0, P - 1);
        // L = 0 (mod p) => L * inv = 0; otherwise inv = w / L exists for every w.
        side_.push_back(z3::implies(is_zero(l, false), w == num(0)));
        inv_.push_back(InvRecord{inv, l, w, {guard}});
        return w;
    }

    static BabyBear eval_poly(const Poly& p, const std::vector<BabyBear>& val) {
        BabyBear acc;
        for (const auto& [m, c] : p) {
            BabyBear t = c;
            for (std::uint32_t id : m) t *= val[id];
            acc += t;
        }
        return acc;
    }

    // The canonical residue of t in [0, p), defined under `guard`.
    z3::expr canon(const LTerm& t, const z3::expr& guard) {
        if (t.lo >= 0 && t.hi < P) return t.e;
        z3::expr k = fresh("q", floor_div(t.lo, P), floor_div(t.hi, P));
        z3::expr r = t.e - k * num(P);
        side_.push_back(z3::implies(guard, le(num(0), r) && le(r, num(P - 1))));
        return r;
    }

    // t = 0 (mod p). `positive`: used only un-negated, so an existential k suffices (e = k*p).
    z3::expr zero_mod(const LTerm& t, const z3::expr& guard, bool positive) {
        if (!positive) return canon(t, guard) == num(0);
        i128 klo = ceil_div(t.lo, P), khi = floor_div(t.hi, P);
        if (klo > khi) return ctx_.bool_val(false);
        if (klo == khi) return t.e == num(klo * P);
        return t.e == fresh("k", klo, khi) * num(P);
    }

    // p = 0 in the field, as a formula.
    z3::expr is_zero(const Poly& p, bool positive) {
        z3::expr_vector parts(ctx_);
        for_each_sigma(p, [&](const Sigma& sigma, const z3::expr& cond) {
            Poly r = substitute(p, sigma);
            if (is_constant(r)) {
                if (!constant_of(r).is_zero()) parts.push_back(!cond);
                return;
            }
            parts.push_back(z3::implies(cond, residual_zero(r, sigma, cond, positive)));
        });
        return z3::mk_and(parts);
    }

    z3::expr residual_zero(const Poly& r, const Sigma& sigma, const z3::expr& guard, bool positive) {
        // A common factor u of every monomial: u*Q = 0 iff u = 0 or Q = 0 (p is prime).
        std::optional<std::uint32_t> common;
        for (std::uint32_t id : r.begin()->first) {
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
            z3::expr qz = is_constant(q) ? ctx_.bool_val(constant_of(q).is_zero()) : residual_zero(q, sigma, guard, positive);
            return var(*common) == num(0) || qz;
        }
        return zero_mod(term(r, sigma, guard), guard, positive);
    }

    // The canonical value of a polynomial, an if-then-else over its small cells.
    z3::expr field_value(const Poly& p) {
        std::optional<z3::expr> acc;
        for_each_sigma(p, [&](const Sigma& sigma, const z3::expr& cond) {
            Poly r = substitute(p, sigma);
            z3::expr v = is_constant(r) ? num(constant_of(r).v) : canon(term(r, sigma, cond), cond);
            acc = acc ? z3::ite(cond, v, *acc) : v;
        });
        return acc ? *acc : num(0);
    }

    // The signed value of a count: constants in (-p/2, p/2], anything else canonical.
    LTerm signed_value(const Poly& p) {
        std::optional<z3::expr> acc;
        i128 lo = 0, hi = 0;
        bool first = true;
        for_each_sigma(p, [&](const Sigma& sigma, const z3::expr& cond) {
            Poly r = substitute(p, sigma);
            i128 vlo, vhi;
            std::optional<z3::expr> v;
            if (is_constant(r)) {
                vlo = vhi = signed_rep(constant_of(r));
                v = num(vlo);
            } else {
                v = canon(term(r, sigma, cond), cond);
                vlo = 0;
                vhi = P - 1;
            }
            acc = acc ? z3::ite(cond, *v, *acc) : *v;
            lo = first ? vlo : std::min(lo, vlo);
            hi = first ? vhi : std::max(hi, vhi);
            first = false;
        });
        return LTerm{acc ? *acc : num(0), lo, hi};
    }

    z3::expr lin(const Lin& l) {
        z3::expr e = num(l.constant);
        for (const auto& [c, t] : l.terms) e = e + num(c) * field_value(poly(t.expr, t.block, t.row));
        return e;
    }

public:
    bool tighten_ = true;
    const bool inverses_;
    bool used_inverses() const { return !inv_.empty(); }

private:
    const Problem& pb_;
    z3::context& ctx_;
    bool bv_;
    z3::expr_vector side_;
    std::vector<Place> places_;
    std::vector<std::optional<z3::expr>> vars_;
    std::vector<std::uint32_t> base_, pub_base_;
    std::vector<InvRecord> inv_;
    unsigned counter_ = 0;
};

double now_seconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

namespace {
// One attempt. `inverses`: encode witness-only inverse columns as products w (exact when one
// product per inverse is active, which the boolean markers guarantee in the real AIRs); when a
// weakened AIR activates several, the model may be spurious and solve() retries without.
Outcome solve_once(const Problem& problem, const Settings& settings, bool inverses, bool& retry) {
    Outcome out;
    retry = false;
    try {
        z3::context ctx;
        Encoder enc(problem, settings, ctx, inverses);
        for (const auto& a : problem.assumptions) enc.absorb_bounds(a);
        z3::solver solver(ctx);
        z3::params params(ctx);
        params.set("random_seed", settings.seed);
        solver.set(params);
        const bool assume = problem.air_role == AirRole::Assume;
        enc.tighten_ = assume;
        z3::expr_vector query(ctx);
        for (const auto& a : problem.assumptions) query.push_back(enc.claim(a));
        if (assume) {
            query.push_back(enc.air_formula(true));
            if (problem.memory_bus_balanced) query.push_back(enc.bus_formula());
            query.push_back(enc.symmetry());
            if (!problem.incremental_goals) query.push_back(!enc.claim(problem.goal));
        } else {
            query.push_back(!enc.air_formula(false));
        }
        for (const auto& s : enc.side()) solver.add(s);
        for (const auto& q : query) solver.add(q);
        // Incremental goals: one solver, one push/pop per conjunct of the goal, so what Z3 learns
        // about the AIR and the bus is kept from one conjunct to the next.
        Problem single;
        const Problem* checked = &problem;
        z3::check_result verdict = z3::unsat;
        if (assume && problem.incremental_goals) {
            std::size_t sides = enc.side().size();
            std::vector<Claim> goals = problem.goal.kind == Claim::Kind::And ? problem.goal.kids
                                                                              : std::vector<Claim>{problem.goal};
            for (std::size_t g = 0; g < goals.size() && verdict == z3::unsat; ++g) {
                solver.push();
                z3::expr neg = !enc.claim(goals[g]);
                for (std::size_t i = sides; i < enc.side().size(); ++i) solver.add(enc.side()[i]);
                sides = enc.side().size();
                solver.add(neg);
                verdict = solver.check();
                if (verdict != z3::unsat) {
                    single = problem;
                    single.goal = goals[g];
                    checked = &single;
                    out.detail = "goal conjunct " + std::to_string(g);
                    break;
                }
                solver.pop();
            }
            if (verdict == z3::unsat) out.detail = std::to_string(goals.size()) + " goal conjuncts proved incrementally";
        } else {
            verdict = solver.check();
        }
        const Problem& problem_checked = *checked;
        switch (verdict) {
            case z3::unsat:
                out.status = Status::Proved;
                break;
            case z3::unknown:
                out.status = Status::Error;
                out.detail = "z3 returned unknown: " + solver.reason_unknown();
                break;
            case z3::sat: {
                Assignment a = enc.assignment(solver.get_model());
                // R84: a model is shown only if the concrete evaluator agrees it is one.
                std::string why;
                for (const auto& c : problem.assumptions)
                    if (!holds(problem, a, c)) why = "a precondition does not hold concretely";
                std::string viol = air_violation(problem, a);
                if (assume) {
                    if (!viol.empty()) why = "the concrete checker rejects the model: " + viol;
                    if (holds(problem_checked, a, problem_checked.goal)) why = "the goal holds concretely on the model";
                } else if (viol.empty()) {
                    why = "the concrete checker accepts the model, so it is no counterexample";
                }
                if (!why.empty()) {
                    retry = enc.used_inverses();
                    out.status = Status::Error;
                    out.detail = "spurious model (encoding bug): " + why + "\n" + render(problem, a);
                    break;
                }
                out.status = Status::Counterexample;
                out.counterexample = render(problem, a);
                if (!assume) out.detail = "rejected by: " + viol;
                for (std::uint32_t b = 0; b < problem.blocks.size(); ++b) {
                    const Block& blk = problem.blocks[b];
                    for (std::size_t r = 0; r < blk.rows; ++r) {
                        nlohmann::json cells = nlohmann::json::object();
                        for (std::size_t c = 0; c < blk.air.width(); ++c)
                            cells[blk.air.columns[c]] = a.cells[b][r * blk.air.width() + c].v;
                        out.counterexample_json.push_back({{"chip", blk.air.name}, {"row", r}, {"cells", cells}});
                    }
                }
                out.fixture = fixture_info(problem, a);
                break;
            }
        }
    } catch (const Unsupported& e) {
        out.status = Status::Error;
        out.detail = std::string("unsupported by the translation: ") + e.what();
    } catch (const z3::exception& e) {
        out.status = Status::Error;
        out.detail = std::string("z3: ") + e.msg();
    }
    return out;
}
}  // namespace

Outcome solve(const Problem& problem, const Settings& settings) {
    const double start = now_seconds();
    bool retry = false;
    Outcome out = solve_once(problem, settings, true, retry);
    if (retry) out = solve_once(problem, settings, false, retry);
    out.seconds = now_seconds() - start;
    return out;
}

nlohmann::json to_json(const Outcome& o) {
    return {{"status", std::string(to_string(o.status))},
            {"seconds", o.seconds},
            {"counterexample", o.counterexample},
            {"counterexample_rows", o.counterexample_json},
            {"fixture", o.fixture},
            {"detail", o.detail}};
}

Outcome outcome_from_json(const nlohmann::json& j) {
    Outcome o;
    const std::string s = j.value("status", "error");
    o.status = s == "proved" ? Status::Proved
               : s == "counterexample" ? Status::Counterexample
               : s == "timeout" ? Status::Timeout
                                : Status::Error;
    o.seconds = j.value("seconds", 0.0);
    o.counterexample = j.value("counterexample", "");
    if (j.contains("counterexample_rows")) o.counterexample_json = j["counterexample_rows"];
    if (j.contains("fixture")) o.fixture = j["fixture"];
    o.detail = j.value("detail", "");
    return o;
}

Outcome run_isolated(const std::function<Outcome()>& fn, double timeout_seconds) {
    const double start = now_seconds();
    Outcome out;
    int fds[2];
    if (pipe(fds) != 0) {
        out.detail = "pipe failed";
        return out;
    }
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        out.detail = "fork failed";
        return out;
    }
    if (pid == 0) {
        close(fds[0]);
        // The machine is shared: a runaway query dies (reported as an error) instead of swapping.
        // Not under AddressSanitizer, whose shadow memory alone reserves terabytes of address
        // space, so that any address-space cap kills the child before it starts.
        if (!UNDER_ASAN) {
            rlimit mem{std::uint64_t{4} << 30, std::uint64_t{4} << 30};
            setrlimit(RLIMIT_AS, &mem);
        }
        std::string payload;
        try {
            payload = to_json(fn()).dump();
        } catch (const std::exception& e) {
            payload = nlohmann::json{{"status", "error"}, {"detail", e.what()}}.dump();
        }
        std::size_t off = 0;
        while (off < payload.size()) {
            ssize_t n = write(fds[1], payload.data() + off, payload.size() - off);
            if (n <= 0) break;
            off += static_cast<std::size_t>(n);
        }
        close(fds[1]);
        _exit(0);
    }
    close(fds[1]);
    std::string buf;
    bool timed_out = false;
    char chunk[65536];
    for (;;) {
        double left = timeout_seconds - (now_seconds() - start);
        if (left <= 0) {
            timed_out = true;
            break;
        }
        pollfd pfd{fds[0], POLLIN, 0};
        int rc = poll(&pfd, 1, static_cast<int>(std::min(left * 1000.0, 1000.0)) + 1);
        if (rc < 0 && errno == EINTR) continue;
        if (rc <= 0) continue;
        ssize_t n = read(fds[0], chunk, sizeof chunk);
        if (n <= 0) break;
        buf.append(chunk, static_cast<std::size_t>(n));
    }
    close(fds[0]);
    if (timed_out) kill(pid, SIGKILL);
    int wstatus = 0;
    waitpid(pid, &wstatus, 0);
    if (timed_out) {
        out.status = Status::Timeout;
        out.detail = "killed after " + std::to_string(timeout_seconds) + " s";
    } else {
        try {
            out = outcome_from_json(nlohmann::json::parse(buf));
        } catch (const std::exception&) {
            out.status = Status::Error;
            out.detail = "the solver process died (wait status " + std::to_string(wstatus) + ")";
        }
    }
    out.seconds = now_seconds() - start;
    return out;
}

}  // namespace memspec::proofs
