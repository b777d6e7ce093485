// The AIR expression language (R40): polynomials over BabyBear in the columns of the local row,
// the next row, and a chip's public values. Expressions are an immutable DAG of public nodes so
// that the checker evaluates them and proofs/ can translate the very same objects to Z3.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "spec/vocabulary/field.hpp"

namespace memspec::air {

enum class NodeKind { Const, Local, Next, Public, Add, Sub, Mul };

struct Node;
using NodePtr = std::shared_ptr<const Node>;

struct Node {
    NodeKind kind = NodeKind::Const;
    BabyBear constant;         // Const
    std::uint32_t index = 0;   // Local / Next: column index; Public: public value index
    NodePtr lhs, rhs;          // Add / Sub / Mul
};

// A value-type handle on a node; arithmetic builds new nodes and shares operands (a DAG).
struct Expr {
    NodePtr node;

    Expr() : Expr(BabyBear{}) {}
    Expr(BabyBear c);                // NOLINT: constants convert implicitly
    Expr(int c) : Expr(BabyBear::from_i64(c)) {}  // NOLINT
    explicit Expr(NodePtr n) : node(std::move(n)) {}

    const Node& operator*() const { return *node; }
    const Node* operator->() const { return node.get(); }
};

Expr constant(std::uint64_t c);  // reduced mod p
Expr local(std::uint32_t column);
Expr next(std::uint32_t column);
Expr public_value(std::uint32_t index);

Expr operator+(const Expr& a, const Expr& b);
Expr operator-(const Expr& a, const Expr& b);
Expr operator*(const Expr& a, const Expr& b);
Expr operator-(const Expr& a);

// Evaluation context: one row, the row after it (cyclic: the last row's next is row 0, as in
// the STARK's trace polynomial), and the chip's public values.
struct RowView {
    const BabyBear* local = nullptr;
    const BabyBear* next = nullptr;
    const BabyBear* publics = nullptr;
    std::size_t width = 0;
    std::size_t num_publics = 0;
};

BabyBear eval(const Expr& e, const RowView& row);

// Text rendering; columns named by `columns`, next-row columns primed ("is_valid'").
std::string to_string(const Expr& e, const std::vector<std::string>& columns,
                      const std::vector<std::string>& publics = {});

// Highest polynomial degree in the columns (public values count as degree 0).
unsigned degree(const Expr& e);

}  // namespace memspec::air
