#include "spec/air/gadgets.hpp"

#include <algorithm>

namespace memspec::air {

std::uint32_t limb_count(std::uint32_t max_bits, std::uint32_t decomp) { return (max_bits + decomp - 1) / decomp; }

std::vector<std::uint32_t> limb_bits(std::uint32_t max_bits, std::uint32_t decomp) {
    std::vector<std::uint32_t> out;
    std::uint32_t left = max_bits;
    for (std::uint32_t i = 0; i < limb_count(max_bits, decomp); ++i) {
        out.push_back(std::min(left, decomp));
        left -= out.back();
    }
    return out;
}

Expr compose(const std::vector<std::uint32_t>& limb_columns, std::uint32_t decomp) {
    Expr acc = 0;
    for (std::size_t i = 0; i < limb_columns.size(); ++i)
        acc = acc + local(limb_columns[i]) * constant(std::uint64_t{1} << (i * decomp));
    return acc;
}

void fill_decomposition(BabyBear* row, const std::vector<std::uint32_t>& limb_columns, std::uint64_t value,
                        std::uint32_t decomp) {
    for (std::size_t i = 0; i < limb_columns.size(); ++i)
        row[limb_columns[i]] = BabyBear::reduce((value >> (i * decomp)) & ((std::uint64_t{1} << decomp) - 1));
}

namespace {
void lower_range_checks(AirBuilder& b, const std::string& name, const std::string& rule, const LessThanAux& aux,
                        const Expr& count) {
    auto bits = limb_bits(aux.max_bits, aux.decomp);
    for (std::size_t i = 0; i < bits.size(); ++i)
        b.range_check(name + ".range[" + std::to_string(i) + "]", rule, local(aux.lower_decomp[i]), bits[i], count);
}
}  // namespace

LessThanAux assert_less_than(AirBuilder& b, const std::string& name, const std::string& rule, Expr x, Expr y,
                             Expr count, std::uint32_t max_bits, std::uint32_t decomp) {
    LessThanAux aux{b.add_columns(name + ".lower_decomp", limb_count(max_bits, decomp)), max_bits, decomp};
    lower_range_checks(b, name, rule, aux, count);
    // y - x - 1 is a max_bits-bit number, hence y > x as integers once both are < 2^max_bits.
    b.constrain(name + ".decomp", rule, count * (compose(aux.lower_decomp, decomp) - (y - x - 1)));
    return aux;
}

void fill_assert_less_than(BabyBear* row, const LessThanAux& aux, std::uint32_t x, std::uint32_t y) {
    // A dishonest pair (x >= y) gets the wrapped value; the range checks will then reject it.
    std::uint64_t d = (std::uint64_t{y} + BabyBear::P - x - 1) % BabyBear::P;
    fill_decomposition(row, aux.lower_decomp, d, aux.decomp);
}

LessThanAux is_less_than(AirBuilder& b, const std::string& name, const std::string& rule, Expr y_minus_x, Expr out,
                         Expr count, std::uint32_t max_bits, std::uint32_t decomp, Scope scope) {
    LessThanAux aux{b.add_columns(name + ".lower_decomp", limb_count(max_bits, decomp)), max_bits, decomp};
    lower_range_checks(b, name, rule, aux, count);
    Expr two_pow = constant(std::uint64_t{1} << max_bits);
    b.constrain(name + ".decomp", rule,
                count * (y_minus_x + two_pow - 1 - (compose(aux.lower_decomp, decomp) + out * two_pow)), scope);
    if (out->kind != NodeKind::Const) b.constrain(name + ".out_bool", rule, boolean(out), scope);
    return aux;
}

void fill_is_less_than(BabyBear* row, const LessThanAux& aux, std::uint32_t x, std::uint32_t y) {
    std::uint64_t m = std::uint64_t{1} << aux.max_bits;
    std::uint64_t lower = (m + y - x - 1) % m;
    fill_decomposition(row, aux.lower_decomp, lower, aux.decomp);
}

IsLessThanArrayAux is_less_than_array(AirBuilder& b, const std::string& name, const std::string& rule,
                                      const std::vector<Expr>& x, const std::vector<Expr>& y, Expr out, Expr count,
                                      std::uint32_t max_bits, std::uint32_t decomp, Scope scope) {
    IsLessThanArrayAux aux;
    aux.diff_marker = b.add_columns(name + ".diff_marker", x.size());
    aux.diff_inv = b.add_column(name + ".diff_inv");
    Expr prefix = 0, diff_val = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        Expr diff = y[i] - x[i];
        Expr marker = local(aux.diff_marker[i]);
        std::string idx = "[" + std::to_string(i) + "]";
        diff_val = diff_val + diff * marker;
        prefix = prefix + marker;
        b.constrain(name + ".marker_bool" + idx, rule, boolean(marker), scope);
        // Before (and at) the first marker, the arrays agree.
        b.constrain(name + ".equal_before_marker" + idx, rule, count * ((1 - prefix) * diff), scope);
        // The marked index really differs (audit class B6).
        b.constrain(name + ".marker_differs" + idx, rule, marker * (diff * local(aux.diff_inv) - 1), scope);
    }
    b.constrain(name + ".at_most_one_marker", rule, boolean(prefix), scope);
    // No marker means x == y, and then x < y is false.
    b.constrain(name + ".equal_not_less", rule, count * ((1 - prefix) * out), scope);
    aux.lt = is_less_than(b, name + ".lt", rule, diff_val, out, count, max_bits, decomp, scope);
    return aux;
}

void fill_is_less_than_array(BabyBear* row, const IsLessThanArrayAux& aux, const std::vector<std::uint32_t>& x,
                             const std::vector<std::uint32_t>& y) {
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (x[i] == y[i]) continue;
        row[aux.diff_marker[i]] = BabyBear::from_canonical(1);
        row[aux.diff_inv] = (BabyBear::reduce(y[i]) - BabyBear::reduce(x[i])).inverse();
        fill_is_less_than(row, aux.lt, x[i], y[i]);
        return;
    }
    fill_is_less_than(row, aux.lt, 0, 0);  // equal arrays: lower = 2^max_bits - 1
}

IsZeroAux is_zero(AirBuilder& b, const std::string& name, const std::string& rule, Expr x, Expr out, Expr condition) {
    IsZeroAux aux{b.add_column(name + ".inv")};
    b.constrain(name + ".zero_product", rule, x * out);
    b.constrain(name + ".inverse", rule, condition * (out + x * local(aux.inv) - 1));
    return aux;
}

void fill_is_zero(BabyBear* row, const IsZeroAux& aux, BabyBear x) { row[aux.inv] = x.inverse(); }

}  // namespace memspec::air
