#include "spec/air/expr.hpp"

#include <algorithm>

namespace memspec::air {

namespace {
Expr make(NodeKind k, NodePtr a, NodePtr b) {
    auto n = std::make_shared<Node>();
    n->kind = k;
    n->lhs = std::move(a);
    n->rhs = std::move(b);
    return Expr(NodePtr(std::move(n)));
}
Expr leaf(NodeKind k, std::uint32_t index) {
    auto n = std::make_shared<Node>();
    n->kind = k;
    n->index = index;
    return Expr(NodePtr(std::move(n)));
}
bool is_const(const Expr& e, std::uint32_t v) { return e->kind == NodeKind::Const && e->constant.v == v; }
}  // namespace

Expr::Expr(BabyBear c) {
    auto n = std::make_shared<Node>();
    n->kind = NodeKind::Const;
    n->constant = c;
    node = std::move(n);
}

Expr constant(std::uint64_t c) { return Expr(BabyBear::reduce(c)); }
Expr local(std::uint32_t column) { return leaf(NodeKind::Local, column); }
Expr next(std::uint32_t column) { return leaf(NodeKind::Next, column); }
Expr public_value(std::uint32_t index) { return leaf(NodeKind::Public, index); }

// Constant folding of 0 and 1 only keeps printed AIRs readable; it never changes a value.
Expr operator+(const Expr& a, const Expr& b) {
    if (a->kind == NodeKind::Const && b->kind == NodeKind::Const) return Expr(a->constant + b->constant);
    if (is_const(a, 0)) return b;
    if (is_const(b, 0)) return a;
    return make(NodeKind::Add, a.node, b.node);
}
Expr operator-(const Expr& a, const Expr& b) {
    if (a->kind == NodeKind::Const && b->kind == NodeKind::Const) return Expr(a->constant - b->constant);
    if (is_const(b, 0)) return a;
    return make(NodeKind::Sub, a.node, b.node);
}
Expr operator*(const Expr& a, const Expr& b) {
    if (a->kind == NodeKind::Const && b->kind == NodeKind::Const) return Expr(a->constant * b->constant);
    if (is_const(a, 0) || is_const(b, 0)) return Expr(BabyBear{});
    if (is_const(a, 1)) return b;
    if (is_const(b, 1)) return a;
    return make(NodeKind::Mul, a.node, b.node);
}
Expr operator-(const Expr& a) { return Expr(BabyBear{}) - a; }

namespace {
BabyBear eval_node(const Node& n, const RowView& row) {
    switch (n.kind) {
        case NodeKind::Const: return n.constant;
        case NodeKind::Local: return n.index < row.width ? row.local[n.index] : BabyBear{};
        case NodeKind::Next: return n.index < row.width ? row.next[n.index] : BabyBear{};
        case NodeKind::Public: return n.index < row.num_publics ? row.publics[n.index] : BabyBear{};
        case NodeKind::Add: return eval_node(*n.lhs, row) + eval_node(*n.rhs, row);
        case NodeKind::Sub: return eval_node(*n.lhs, row) - eval_node(*n.rhs, row);
        case NodeKind::Mul: return eval_node(*n.lhs, row) * eval_node(*n.rhs, row);
    }
    return BabyBear{};
}

std::string name_of(const std::vector<std::string>& names, std::uint32_t i, const char* fallback) {
    return i < names.size() ? names[i] : std::string(fallback) + std::to_string(i);
}

// prec: 0 = sum context, 1 = product context (operands of * need parentheses around sums).
std::string render(const Node& n, const std::vector<std::string>& cols, const std::vector<std::string>& pubs,
                   int prec) {
    switch (n.kind) {
        case NodeKind::Const: {
            // Print p - k as -k: these are the negative constants an AIR writes.
            if (n.constant.v > BabyBear::P / 2) return "-" + std::to_string(BabyBear::P - n.constant.v);
            return std::to_string(n.constant.v);
        }
        case NodeKind::Local: return name_of(cols, n.index, "col");
        case NodeKind::Next: return name_of(cols, n.index, "col") + "'";
        case NodeKind::Public: return "pv." + name_of(pubs, n.index, "public");
        case NodeKind::Add: {
            std::string s = render(*n.lhs, cols, pubs, 0) + " + " + render(*n.rhs, cols, pubs, 0);
            return prec > 0 ? "(" + s + ")" : s;
        }
        case NodeKind::Sub: {
            std::string s = render(*n.lhs, cols, pubs, 0) + " - " + render(*n.rhs, cols, pubs, 1);
            return prec > 0 ? "(" + s + ")" : s;
        }
        case NodeKind::Mul: return render(*n.lhs, cols, pubs, 1) + "*" + render(*n.rhs, cols, pubs, 1);
    }
    return "?";
}

unsigned degree_node(const Node& n) {
    switch (n.kind) {
        case NodeKind::Const:
        case NodeKind::Public: return 0;
        case NodeKind::Local:
        case NodeKind::Next: return 1;
        case NodeKind::Add:
        case NodeKind::Sub: return std::max(degree_node(*n.lhs), degree_node(*n.rhs));
        case NodeKind::Mul: return degree_node(*n.lhs) + degree_node(*n.rhs);
    }
    return 0;
}
}  // namespace

BabyBear eval(const Expr& e, const RowView& row) { return eval_node(*e, row); }

std::string to_string(const Expr& e, const std::vector<std::string>& columns, const std::vector<std::string>& publics) {
    return render(*e, columns, publics, 0);
}

unsigned degree(const Expr& e) { return degree_node(*e); }

}  // namespace memspec::air
