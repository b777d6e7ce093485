#include "proofs/problem.hpp"

#include <sstream>

#include "spec/air/check.hpp"
#include "spec/air/messages.hpp"

namespace memspec::proofs {

bool Block::fix(std::size_t row, std::string_view column, std::uint64_t value) {
    auto c = air.column(column);
    if (!c) return false;
    fixed[{row, *c}] = BabyBear::reduce(value);
    return true;
}

Lin lin(Term t) { return Lin{{{1, std::move(t)}}, 0}; }
Lin lin_const(std::int64_t c) { return Lin{{}, c}; }
Lin operator+(Lin a, const Lin& b) {
    a.terms.insert(a.terms.end(), b.terms.begin(), b.terms.end());
    a.constant += b.constant;
    return a;
}
Lin operator*(std::int64_t c, Lin a) {
    for (auto& t : a.terms) t.first *= c;
    a.constant *= c;
    return a;
}

Claim truth(bool v) { return Claim{v ? Claim::Kind::True : Claim::Kind::False, {}, {}, {}, {}, {}}; }
Claim field_eq(Term a, Term b) {
    Claim c;
    c.kind = Claim::Kind::FieldEq;
    c.a = std::move(a);
    c.b = std::move(b);
    return c;
}
Claim field_eq(Term a, std::uint64_t v) {
    Term b{a.block, a.row, air::constant(v)};
    return field_eq(std::move(a), std::move(b));
}
namespace {
Claim cmp(Claim::Kind k, Lin x, Lin y) {
    Claim c;
    c.kind = k;
    c.x = std::move(x);
    c.y = std::move(y);
    return c;
}
Claim nary(Claim::Kind k, std::vector<Claim> kids) {
    Claim c;
    c.kind = k;
    c.kids = std::move(kids);
    return c;
}
}  // namespace
Claim int_eq(Lin x, Lin y) { return cmp(Claim::Kind::IntEq, std::move(x), std::move(y)); }
Claim int_lt(Lin x, Lin y) { return cmp(Claim::Kind::IntLt, std::move(x), std::move(y)); }
Claim int_le(Lin x, Lin y) { return cmp(Claim::Kind::IntLe, std::move(x), std::move(y)); }
Claim operator!(Claim c) { return nary(Claim::Kind::Not, {std::move(c)}); }
Claim operator&&(Claim a, Claim b) { return nary(Claim::Kind::And, {std::move(a), std::move(b)}); }
Claim operator||(Claim a, Claim b) { return nary(Claim::Kind::Or, {std::move(a), std::move(b)}); }
Claim implies(Claim a, Claim b) { return !std::move(a) || std::move(b); }
Claim all_of(std::vector<Claim> cs) { return nary(Claim::Kind::And, std::move(cs)); }
Claim any_of(std::vector<Claim> cs) { return nary(Claim::Kind::Or, std::move(cs)); }

namespace {
air::RowView view(const Problem& p, const Assignment& a, std::uint32_t block, std::size_t row) {
    const Block& b = p.blocks[block];
    const std::size_t w = b.air.width();
    const std::size_t r = row % b.rows, n = (row + 1) % b.rows;
    return air::RowView{a.cells[block].data() + r * w, a.cells[block].data() + n * w, a.publics[block].data(), w,
                        a.publics[block].size()};
}

__int128 lin_value(const Problem& p, const Assignment& a, const Lin& l) {
    __int128 acc = l.constant;
    for (const auto& [c, t] : l.terms) acc += static_cast<__int128>(c) * value(p, a, t).v;
    return acc;
}


air::Trace trace_of(const Problem& p, const Assignment& a, std::uint32_t b) {
    const Block& blk = p.blocks[b];
    air::Trace t;
    t.chip = blk.air.name;
    t.width = blk.air.width();
    t.height = blk.rows;
    t.cells = a.cells[b];
    t.public_values = a.publics[b];
    return t;
}
}  // namespace

BabyBear value(const Problem& p, const Assignment& a, const Term& t) {
    return air::eval(t.expr, view(p, a, t.block, t.row));
}

bool holds(const Problem& p, const Assignment& a, const Claim& c) {
    switch (c.kind) {
        case Claim::Kind::True: return true;
        case Claim::Kind::False: return false;
        case Claim::Kind::FieldEq: return value(p, a, c.a) == value(p, a, c.b);
        case Claim::Kind::IntEq: return lin_value(p, a, c.x) == lin_value(p, a, c.y);
        case Claim::Kind::IntLt: return lin_value(p, a, c.x) < lin_value(p, a, c.y);
        case Claim::Kind::IntLe: return lin_value(p, a, c.x) <= lin_value(p, a, c.y);
        case Claim::Kind::Not: return !holds(p, a, c.kids.at(0));
        case Claim::Kind::And:
            for (const auto& k : c.kids)
                if (!holds(p, a, k)) return false;
            return true;
        case Claim::Kind::Or:
            for (const auto& k : c.kids)
                if (holds(p, a, k)) return true;
            return false;
    }
    return false;
}

std::string air_violation(const Problem& p, const Assignment& a) {
    std::vector<air::Air> airs;
    std::vector<air::Trace> traces;
    for (std::uint32_t b = 0; b < p.blocks.size(); ++b) {
        const Block& blk = p.blocks[b];
        for (std::size_t r = 0; r < blk.rows; ++r) {
            air::RowView v = view(p, a, b, r);
            for (const auto& c : blk.air.constraints) {
                if (!air::applies(c.scope, r, blk.rows)) continue;
                BabyBear x = air::eval(c.expr, v);
                if (!x.is_zero())
                    return blk.air.name + " row " + std::to_string(r) + ": " + c.name + " = " + std::to_string(x.v);
            }
            // R83: a range request with a non-zero count must name a value below 2^bits.
            for (const auto& it : blk.air.interactions) {
                if (it.bus != air::RANGE_BUS || it.message.size() != air::RangeMessageLayout::SIZE) continue;
                if (air::eval(it.count, v).is_zero()) continue;
                std::uint64_t val = air::eval(it.message[air::RangeMessageLayout::VALUE], v).v, bits = air::eval(it.message[air::RangeMessageLayout::BITS], v).v;
                if (bits >= 64 || val >= (std::uint64_t{1} << bits))
                    return blk.air.name + " row " + std::to_string(r) + ": " + it.name + " requests " +
                           std::to_string(val) + " < 2^" + std::to_string(bits);
            }
        }
        airs.push_back(blk.air);
        traces.push_back(trace_of(p, a, b));
    }
    if (p.memory_bus_balanced) {
        for (const auto& e : air::bus_entries(airs, traces, false)) {
            if (e.bus != air::MEMORY_BUS) continue;
            std::ostringstream os;
            os << "memory bus message [";
            for (std::size_t i = 0; i < e.message.size(); ++i) os << (i ? ", " : "") << e.message[i].v;
            os << "] nets " << e.net.v;
            return os.str();
        }
    }
    return {};
}

std::string render(const Problem& p, const Assignment& a) {
    std::ostringstream os;
    for (std::uint32_t b = 0; b < p.blocks.size(); ++b) {
        const Block& blk = p.blocks[b];
        const std::size_t w = blk.air.width();
        if (!a.publics[b].empty()) {
            os << "  " << blk.air.name << " public values:";
            for (std::size_t i = 0; i < a.publics[b].size(); ++i)
                os << " " << blk.air.public_values[i] << "=" << a.publics[b][i].v;
            os << "\n";
        }
        for (std::size_t r = 0; r < blk.rows; ++r) {
            os << "  " << blk.air.name << " row " << r << ":";
            for (std::size_t c = 0; c < w; ++c) {
                std::uint32_t v = a.cells[b][r * w + c].v;
                os << " " << blk.air.columns[c] << "=";
                // Values near p are easier to read as p - k (they are small negatives).
                if (v > BabyBear::P - (1u << 20)) os << "p-" << (BabyBear::P - v);
                else os << v;
            }
            os << "\n";
        }
    }
    return os.str();
}

}  // namespace memspec::proofs
