// Sub-AIRs that chips compose (R42-R46), following OpenVM v1.0's circuit primitives
// (crates/circuits/primitives: is_zero, assert_less_than, is_less_than, is_less_than_array,
// var_range). Each gadget appends its aux columns, constraints and range-check requests to an
// AirBuilder and returns the aux column indices; the fill_* functions compute the honest witness.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "spec/air/air.hpp"

namespace memspec::air {

// R46: a value of max_bits bits is split into ceil(max_bits / decomp) limbs of decomp bits,
// least significant first; limb i is range-checked to min(decomp, bits left) bits.
std::uint32_t limb_count(std::uint32_t max_bits, std::uint32_t decomp);
std::vector<std::uint32_t> limb_bits(std::uint32_t max_bits, std::uint32_t decomp);
Expr compose(const std::vector<std::uint32_t>& limb_columns, std::uint32_t decomp);
void fill_decomposition(BabyBear* row, const std::vector<std::uint32_t>& limb_columns, std::uint64_t value,
                        std::uint32_t decomp);

struct LessThanAux {
    std::vector<std::uint32_t> lower_decomp;
    std::uint32_t max_bits = 0;
    std::uint32_t decomp = 0;
};

// R43 AssertLessThan: when count != 0, x < y for x, y < 2^max_bits, witnessed by the limbs of
// y - x - 1. Constraint "<name>.decomp"; range checks "<name>.range[i]" with the same count.
LessThanAux assert_less_than(AirBuilder& b, const std::string& name, const std::string& rule, Expr x, Expr y,
                             Expr count, std::uint32_t max_bits, std::uint32_t decomp);
void fill_assert_less_than(BabyBear* row, const LessThanAux& aux, std::uint32_t x, std::uint32_t y);

// R44 IsLessThan: out = [x < y] when count != 0, for x, y < 2^max_bits:
// y - x + 2^max_bits - 1 == lower + out * 2^max_bits with lower range-checked to max_bits bits.
// "<name>.out_bool" (omitted when out is a constant), "<name>.decomp", "<name>.range[i]".
// `scope` Transition is OpenVM's when_transition variant (range checks stay on every row).
LessThanAux is_less_than(AirBuilder& b, const std::string& name, const std::string& rule, Expr y_minus_x, Expr out,
                         Expr count, std::uint32_t max_bits, std::uint32_t decomp, Scope scope = Scope::EveryRow);
// The honest witness for an IsLessThan whose difference is y - x (x, y < 2^max_bits).
void fill_is_less_than(BabyBear* row, const LessThanAux& aux, std::uint32_t x, std::uint32_t y);

// R45 IsLessThanArray: out = [x < y] lexicographically when count != 0. diff_marker marks the
// first differing index and diff_inv inverts the difference there (audit class B6).
struct IsLessThanArrayAux {
    std::vector<std::uint32_t> diff_marker;
    std::uint32_t diff_inv = 0;
    LessThanAux lt;
};
IsLessThanArrayAux is_less_than_array(AirBuilder& b, const std::string& name, const std::string& rule,
                                      const std::vector<Expr>& x, const std::vector<Expr>& y, Expr out, Expr count,
                                      std::uint32_t max_bits, std::uint32_t decomp, Scope scope = Scope::EveryRow);
void fill_is_less_than_array(BabyBear* row, const IsLessThanArrayAux& aux, const std::vector<std::uint32_t>& x,
                             const std::vector<std::uint32_t>& y);

// R42 IsZero: out = [x == 0]. "<name>.zero_product": x*out == 0 on every row;
// "<name>.inverse": when condition, out + x*inv == 1.
struct IsZeroAux {
    std::uint32_t inv = 0;
};
IsZeroAux is_zero(AirBuilder& b, const std::string& name, const std::string& rule, Expr x, Expr out, Expr condition);
void fill_is_zero(BabyBear* row, const IsZeroAux& aux, BabyBear x);

inline Expr boolean(Expr x) { return x * (x - 1); }

}  // namespace memspec::air
